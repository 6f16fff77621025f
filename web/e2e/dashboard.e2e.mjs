// End-to-end: a real `aisov serve` on a free loopback port serving the built dashboard, driven
// by Debian's chromium through playwright-core. Screenshots go to build/e2e-screenshots/.
//   npm run e2e   (after `npm run build` and building ../build/aisov)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const buildDir = path.resolve(root, process.env.AISOV_BUILD_DIR || 'build');
const aisov = path.join(buildDir, 'aisov');
const dist = path.resolve(here, '../dist');
const shots = path.join(buildDir, 'e2e-screenshots');
const CHROMIUM = process.env.AISOV_CHROMIUM || '/usr/bin/chromium';

let server, browser, page, base, profileDir;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(url, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('aisov serve did not become healthy');
}

async function ready() {
  await page.waitForSelector('main#view[data-ready]', { timeout: 30000 });
  assert.equal(await page.getAttribute('main#view', 'data-ready'), 'true', await page.textContent('main#view'));
}

async function go(hash) {
  await page.goto(`${base}/#${hash}`);
  await ready();
}

// Changing the hash re-renders; wait for the new view to finish.
async function afterChange(action) {
  await page.evaluate(() => document.querySelector('main#view')?.removeAttribute('data-ready'));
  await action();
  await ready();
}

before(async () => {
  assert.ok(existsSync(aisov), `${aisov} missing: build first`);
  assert.ok(existsSync(path.join(dist, 'index.html')), 'web/dist missing: npm run build first');
  mkdirSync(shots, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(aisov, ['serve', '--host', '127.0.0.1', '--port', String(port), '--web', dist, '--quiet'], { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitHealthy(base);
  profileDir = mkdtempSync(path.join(tmpdir(), 'aisov-chromium-'));
  // A fresh --user-data-dir per run (playwright passes it for a persistent context).
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
    viewport: { width: 1360, height: 1000 },
    acceptDownloads: true,
  });
  page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

test('world map loads with coloured countries, region points and a tooltip', async () => {
  await go('view=map&metric=compute_class');
  const countries = await page.locator('svg.map path.country').count();
  assert.ok(countries > 200, `only ${countries} country shapes`);
  const deu = page.locator('svg.map path.country[data-iso3="DEU"]').first();
  assert.equal(await deu.getAttribute('fill'), '#1b6ca8', 'Germany should be Compute North');
  assert.ok((await page.locator('svg.map circle.site').count()) > 100);
  await deu.hover();
  const tip = page.locator('.tooltip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /Germany \(DEU\)/);
  assert.match(await page.textContent('#world-map .source'), /dataset .* as of \d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: path.join(shots, '01-map-compute-class.png'), fullPage: true });
  await afterChange(() => page.selectOption('#metric', 'ai_regions'));
  assert.match(page.url(), /view=map/);
  assert.doesNotMatch(page.url(), /metric=/, 'the default metric is left out of the URL');
  await page.screenshot({ path: path.join(shots, '02-map-ai-regions.png') });
});

test('click a country opens its profile; the as-of date and provider set change it', async () => {
  await go('view=map');
  await afterChange(() => page.locator('svg.map path.country[data-iso3="KEN"]').first().click({ force: true }));
  assert.match(page.url(), /view=profile/);
  assert.match(page.url(), /iso3=KEN/);
  assert.match(await page.textContent('#profile-title'), /Kenya \(KEN\)/);
  for (const id of ['layer-operator_jurisdiction', 'layer-designer_jurisdiction', 'layer-fab_location', 'regions-map', 'regions', 'facilities', 'indicators']) {
    assert.equal(await page.locator(`#${id}`).count(), 1, `panel ${id}`);
  }
  await go('view=profile&iso3=DEU');
  const regionsNow = await page.locator('#regions-table tbody tr').count();
  assert.ok(regionsNow > 5, `DEU has ${regionsNow} regions`);
  await page.screenshot({ path: path.join(shots, '03-profile-deu.png'), fullPage: true });
  await afterChange(() => page.fill('#as-of', '2019-06-30').then(() => page.dispatchEvent('#as-of', 'change')));
  assert.match(page.url(), /as_of=2019-06-30/);
  assert.equal(await page.textContent('#profile-as-of'), '2019-06-30');
  const regionsThen = await page.locator('#regions-table tbody tr').count();
  assert.ok(regionsThen < regionsNow, `fewer regions in 2019 (${regionsThen}) than now (${regionsNow})`);
  await afterChange(() => page.selectOption('#providers', 'reference-nine'));
  assert.match(page.url(), /providers=reference-nine/);
  assert.match(await page.textContent('#regions .source'), /reference nine/);
  await page.screenshot({ path: path.join(shots, '04-profile-deu-2019-reference-nine.png'), fullPage: true });
});

test('the URL reproduces a view; CSV download has the tidy header and rows', async () => {
  await go('view=profile&iso3=DEU&as_of=2024-11-30&providers=reference-nine');
  assert.equal(await page.inputValue('#as-of'), '2024-11-30');
  assert.equal(await page.inputValue('#providers'), 'reference-nine');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#layer-operator_jurisdiction button[data-download="csv"]')]);
  assert.match(download.suggestedFilename(), /^aisov-DEU-operator_jurisdiction-2024-11-30\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'code,name,year,indicator,value,unit,lower,upper,source_id');
  assert.ok(lines.length >= 2);
  for (const line of lines.slice(1)) assert.match(line, /^DEU,Germany,2024,operator_jurisdiction:[A-Z]{3}|unknown,0?\.?\d*,share,,,aisov_census$/);
  // The shares agree with the API's profile.
  const api = await (await fetch(`${base}/api/v1/profile/DEU?as_of=2024-11-30&providers=reference-nine`)).json();
  const sum = lines.slice(1).reduce((s, l) => s + Number(l.split(',')[4]), 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, `shares sum to ${sum}`);
  assert.equal(lines.length - 1, api.census.operator_jurisdiction.shares.length);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#layer-fab_location button[data-download="svg"]')]);
  assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#world-map button[data-download="png"], #regions-map button[data-download="png"]')]);
  assert.deepEqual([...readFileSync(await png.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});

test('comparison of several economies side by side', async () => {
  await go('view=compare&iso3=USA,CHN,DEU,IND,KEN&metric=h100e');
  const headers = await page.locator('#compare-table thead th').allTextContents();
  assert.deepEqual(headers.slice(1).map((h) => h.match(/\((\w{3})\)/)[1]), ['USA', 'CHN', 'DEU', 'IND', 'KEN']);
  assert.ok((await page.locator('#compare-bars svg').count()) >= 1);
  await afterChange(() => page.click('.chip button[aria-label="remove KEN"]'));
  assert.match(page.url(), /iso3=USA,CHN,DEU,IND(&|$)/);
  await page.screenshot({ path: path.join(shots, '05-compare.png'), fullPage: true });
});

test('scenario builder: run a bundled scenario, see its fan chart and loss map, download CSV', async () => {
  await go('view=scenario&scenario=taiwan-foundry&draws=2000&seed=7');
  assert.equal(await page.getAttribute('main#view', 'data-job'), 'done');
  assert.equal(await page.inputValue('#scenario-select'), 'taiwan-foundry');
  assert.match(await page.textContent('#scenario-status'), /2,000 draws/);
  // Fan chart: a P5–P95 band (area) and a P50 line.
  assert.ok((await page.locator('#scenario-fan svg path').count()) >= 2);
  assert.match(await page.textContent('#scenario-fan .source'), /aisov scenario "Taiwan foundry disruption".*seed 7/);
  // Loss map with coloured economies; the table agrees with the API's result.
  assert.ok((await page.locator('#scenario-map svg.map path.country').count()) > 200);
  const firstRow = await page.locator('#scenario-table-rows tbody tr').first().textContent();
  assert.match(firstRow, /\([A-Z]{3}\)/);
  await page.screenshot({ path: path.join(shots, '06-scenario-taiwan.png'), fullPage: true });
  // Pick an economy on the map: the fan chart follows and the URL holds it.
  await afterChange(() => page.locator('#scenario-map svg.map path.country[data-iso3="JPN"]').first().dispatchEvent('click'));
  assert.match(page.url(), /iso3=JPN/);
  assert.match(await page.textContent('#scenario-fan h3'), /Japan \(JPN\)/);
  // CSV of the fan chart: tidy rows, P50 within P5–P95, every simulated year.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#scenario-fan button[data-download="csv"]')]);
  assert.match(download.suggestedFilename(), /^aisov-scenario-taiwan-foundry-s7-2000-JPN-fan\.csv$/);
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'code,name,year,indicator,value,unit,lower,upper,source_id');
  const api = await (await fetch(`${base}/api/v1/scenario/run?name=taiwan-foundry&draws=2000&seed=7&economies=JPN`, { method: 'POST' })).json();
  const years = api.rows.filter((r) => r.measure === 'accessible');
  assert.equal(lines.length - 1, years.length, 'one row per simulated year');
  assert.equal(years.length, api.meta.horizon - api.meta.start_year);
  for (const line of lines.slice(1)) {
    const [code, , , indicator, value, , lower, upper] = line.split(',');
    assert.equal(code, 'JPN');
    assert.equal(indicator, 'accessible_share_p50');
    assert.ok(Number(lower) <= Number(value) && Number(value) <= Number(upper), line);
  }
  // The same numbers as the API's synchronous run of the same scenario.
  const p50 = years.map((r) => r.share.p50);
  assert.deepEqual(lines.slice(1).map((l) => Number(l.split(',')[4])), p50);
  // Edit the shock: probability 0 means no loss anywhere; the URL holds the edit.
  await afterChange(() => page.fill('#shock-0-probability', '0').then(() => page.dispatchEvent('#shock-0-probability', 'change')));
  assert.match(page.url(), /edits=0\.probability(%3A|:)0/);
  assert.match(await page.textContent('#scenario-table-rows tbody'), /0\.0 %/);
  await page.screenshot({ path: path.join(shots, '07-scenario-edited.png'), fullPage: true });
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#scenario-map button[data-download="svg"]')]);
  assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

test('scenario builder: a long run shows progress and can be cancelled', async () => {
  await page.goto(`${base}/#view=scenario&scenario=eu-energy-cap&draws=200000&seed=3`);
  await page.waitForFunction(() => document.querySelector('main#view')?.dataset.job === 'running', null, { timeout: 30000 });
  await page.click('#scenario-cancel');
  await ready();
  assert.equal(await page.getAttribute('main#view', 'data-job'), 'cancelled');
  assert.equal(await page.locator('#scenario-cancelled').count(), 1);
  assert.ok(Number(await page.getAttribute('#scenario-progress', 'value')) < 1);
});

test('investment view: element bars against peers, pathway, projection fans with the published 2030 levels', async () => {
  await go('view=invest&iso3=IDN,DEU,USA');
  // One bar per economy and element (% of GDP), the first economy's pathway, a fan per element.
  assert.ok((await page.locator('#invest-elements svg rect').count()) >= 3 * 6);
  assert.match(await page.textContent('#invest-pathway h3'), /Indonesia \(IDN\)/);
  const fans = await page.locator('[id^="invest-fan-"]').count();
  assert.ok(fans >= 6, `${fans} fan charts`);
  // The infrastructure fan marks the published 2030 level; its CSV has P50 within P5–P95 to 2030.
  assert.match(await page.textContent('#invest-fan-infrastructure .note'), /Published 2030 level/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#invest-fan-infrastructure button[data-download="csv"]')]);
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'code,name,year,indicator,value,unit,lower,upper,source_id');
  const years = lines.slice(1).map((l) => Number(l.split(',')[2]));
  assert.equal(years[0], 2024);
  assert.equal(years.at(-1), 2030);
  for (const line of lines.slice(1)) {
    const [, , , , value, , lower, upper] = line.split(',');
    assert.ok(Number(lower) <= Number(value) && Number(value) <= Number(upper), line);
  }
  // The element CSV agrees with the API's compare result.
  const [el] = await Promise.all([page.waitForEvent('download'), page.click('#invest-elements button[data-download="csv"]')]);
  const rows = readFileSync(await el.path(), 'utf8').trim().split('\n').slice(1);
  const api = await (await fetch(`${base}/api/v1/invest/compare?economies=IDN,DEU,USA`)).json();
  assert.equal(rows.length, api.rows.reduce((n, r) => n + r.elements.length, 0));
  await page.screenshot({ path: path.join(shots, '08-invest.png'), fullPage: true });
  // Removing an economy updates the URL.
  await afterChange(() => page.click('.chip button[aria-label="remove USA"]'));
  assert.match(page.url(), /iso3=IDN,DEU(&|$)/);
  // The country profile shows investment against peers, archetype and pathway.
  await go('view=profile&iso3=DEU');
  assert.match(await page.textContent('#profile-invest-title'), /Investment: /);
  assert.equal(await page.locator('#profile-invest-elements svg').count() >= 1, true);
  assert.equal(await page.locator('#profile-invest-pathway').count(), 1);
  // Its exposure in the bundled scenarios: one bar per scenario that models it, linked to the builder.
  const scenarios = await (await fetch(`${base}/api/v1/scenarios`)).json();
  const bars = await page.locator('#profile-exposure svg rect').count();
  assert.ok(bars >= 1 && bars <= scenarios.scenarios.length, `${bars} exposure bars`);
  assert.ok((await page.locator('#profile-exposure a[href*="view=scenario"]').count()) >= 1);
  await page.screenshot({ path: path.join(shots, '09-profile-invest.png'), fullPage: true });
});

test('optimiser view: run as a job, allocation, frontier, align-or-hedge answer; the URL holds the controls', async () => {
  await go('view=optimise&iso3=IDN&budget=20000000000&odraws=200');
  assert.equal(await page.getAttribute('main#view', 'data-job'), 'done');
  assert.match(await page.textContent('#optimise-status'), /done: optimal/);
  assert.match(await page.textContent('#optimise-answer h3'), /Indonesia \(IDN\): (align with |hedge)/);
  assert.ok((await page.locator('#optimise-aligned-table tbody tr').count()) >= 2);
  assert.ok((await page.locator('#optimise-allocation svg rect').count()) >= 1);
  assert.ok((await page.locator('#optimise-frontier svg circle').count()) >= 3);
  // The allocation CSV adds up to the API's synchronous result for the same inputs.
  const api = await (await fetch(`${base}/api/v1/optimise?economy=IDN&budget=20000000000&risk_aversion=1&alpha=0.95&draws=200&frontier=true`, { method: 'POST' })).json();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#optimise-frontier button[data-download="csv"]')]);
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'economy,lambda,expected,cvar,competitiveness,objective,cost_usd');
  assert.equal(lines.length - 1, api.frontier.filter((f) => f.status === 'optimal').length);
  // The sensitivity panel: the 8 largest swings in the server's order; its CSV has every row.
  const sens = await (await fetch(`${base}/api/v1/optimise?economy=IDN&budget=20000000000&risk_aversion=1&alpha=0.95&draws=200&align=false&sensitivity=true`, { method: 'POST' })).json();
  assert.ok(sens.sensitivity.length >= 8);
  assert.equal(await page.locator('#optimise-sensitivity-table tbody tr').count(), 8);
  assert.ok((await page.textContent('#optimise-sensitivity-table tbody tr:first-child td:first-child')).startsWith(sens.sensitivity[0].parameter));
  const [sdl] = await Promise.all([page.waitForEvent('download'), page.click('#optimise-sensitivity button[data-download="csv"]')]);
  assert.equal(readFileSync(await sdl.path(), 'utf8').trim().split('\n').length - 1, sens.sensitivity.length);
  await page.screenshot({ path: path.join(shots, '10-optimise.png'), fullPage: true });
  // Changing λ re-runs and the URL holds it.
  await afterChange(() => page.fill('#optimise-lambda', '2').then(() => page.dispatchEvent('#optimise-lambda', 'change')));
  assert.match(page.url(), /lambda=2/);
  assert.equal(await page.getAttribute('main#view', 'data-job'), 'done');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#optimise-allocation button[data-download="svg"]')]);
  assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

test('strict–lenient ranges: undated regions are marked on the map before the first sourced launch; counts are ranges', async () => {
  // The earliest date the UI's as-of picker allows (before the first sourced region launch).
  await go('view=map&metric=regions');
  const earliest = await page.getAttribute('#as-of', 'min');
  await afterChange(() => page.fill('#as-of', earliest).then(() => page.dispatchEvent('#as-of', 'change')));
  assert.match(page.url(), new RegExp(`as_of=${earliest}`));
  for (const asOf of [earliest, '1990-01-01']) {
    if (asOf === '1990-01-01') await go('view=map&metric=regions&as_of=1990-01-01');
    const api = await (await fetch(`${base}/api/v1/sites?as_of=${asOf}`)).json();
    const undated = api.sites.filter((s) => s.launched_basis === 'unknown' && typeof s.lat === 'number');
    assert.ok(undated.length > 0, `undated regions open on ${asOf} under the lenient rule`);
    // Every undated region is drawn as such: class, data-dating and aria-label say so.
    const marks = page.locator('svg.map circle.site.undated');
    assert.equal(await marks.count(), undated.length);
    assert.equal(await page.locator('svg.map circle.site[data-dating="undated"]').count(), undated.length);
    for (const label of await marks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) assert.match(label, /launch date unknown/);
    assert.equal(await marks.first().getAttribute('fill'), 'none', 'undated regions are hollow');
    assert.ok(await marks.first().getAttribute('stroke-dasharray'), 'undated regions are dashed');
    // Nothing is strictly dated this early: no filled region points.
    assert.equal(await page.locator('svg.map circle.site.strict').count(), 0);
    // The legend says how many are undated and that no dated source shows any region yet.
    const caption = await page.textContent('svg.site-legend .dating-caption');
    assert.match(caption, /Before the earliest sourced region launch \(\d{4}-\d{2}-\d{2}\)/);
    assert.match(caption, new RegExp(`${api.sites.filter((s) => s.launched_basis === 'unknown').length} regions without a launch date shown as dashed rings`));
    // The regions total is a range: 0 strictly, the undated ones leniently.
    const census = await (await fetch(`${base}/api/v1/census?as_of=${asOf}`)).json();
    assert.equal(census.totals.regions_strict, 0);
    assert.ok(census.totals.regions > 0);
    const total = page.locator('#map-totals span[data-field="regions"]');
    assert.equal(await total.getAttribute('class'), 'range');
    assert.equal(await total.textContent(), `0–${census.totals.regions}`);
    // Economies counted only leniently are hatched, not drawn like dated ones.
    const loose = census.rows.filter((r) => r.regions > 0).map((r) => r.code).sort();
    const hatched = await page.locator('svg.map path.country.lenient-only').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.iso3))].sort());
    assert.deepEqual(hatched, loose.filter((c) => hatched.includes(c)));
    assert.ok(hatched.length >= loose.length - 2, `${hatched.length} hatched of ${loose.length}`);
    assert.match(await page.locator('svg.map path.country.lenient-only').first().getAttribute('fill'), /^url\(#hatch-/);
    assert.match(await page.textContent('svg.site-legend .hatch-label'), new RegExp(`hatched: ${loose.length} economies`));
    assert.match(await total.getAttribute('title'), /strict: only what a dated source shows by the date; lenient: undated regions always/);
    assert.match(await page.textContent('#range-note'), /strict–lenient/);
    // The top list shows ranges too.
    assert.match(await page.textContent('#map-ranking tbody tr:first-child td.num'), /^0–\d+$/);
  }
  // The tooltip of an undated region says it has no launch date.
  await page.locator('svg.map circle.site.undated').first().hover({ force: true });
  const tip = page.locator('.tooltip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /launch date unknown \(lenient rule only\)/);
  await page.screenshot({ path: path.join(shots, '11-map-1990-undated-regions.png'), fullPage: true });

  // At the dataset's date: the totals are strict–lenient ranges that agree with the API, and the
  // map's CSV has both bounds (lower = strict, upper = lenient).
  await go('view=map');
  const now = await (await fetch(`${base}/api/v1/census`)).json();
  const t = now.totals;
  assert.notEqual(t.ai_regions_strict, t.ai_regions, 'the bundled dataset has AI regions dated only leniently');
  assert.equal(await page.textContent('#map-totals span[data-field="ai_regions"]'), `${t.ai_regions_strict}–${t.ai_regions}`);
  const usa = now.rows.find((r) => r.code === 'USA');
  // (The USA's shape spans the map with Alaska's islands: point at it with an event, not the mouse.)
  await page.locator('svg.map path.country[data-iso3="USA"]').first().dispatchEvent('mousemove', { clientX: 300, clientY: 300 });
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), new RegExp(`AI regions: ${usa.ai_regions_strict}–${usa.ai_regions} \\(strict–lenient\\)`));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#world-map button[data-download="csv"]')]);
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'code,name,year,indicator,value,unit,lower,upper,source_id');
  const usaLine = lines.find((l) => l.startsWith('USA,')).split(',');
  assert.deepEqual([usaLine[3], Number(usaLine[4]), Number(usaLine[6]), Number(usaLine[7])], ['ai_regions', usa.ai_regions, usa.ai_regions_strict, usa.ai_regions]);
  await page.screenshot({ path: path.join(shots, '12-map-ranges.png') });
  // The profile headline shows the same ranges.
  await go('view=profile&iso3=USA');
  assert.equal(await page.textContent('#profile-ai-regions'), `${usa.ai_regions_strict}–${usa.ai_regions}`);
  assert.equal(await page.textContent('#profile-regions'), `${usa.regions_strict}–${usa.regions}`);
  assert.match(await page.textContent('#profile-range-note'), /strict: only what a dated source shows by the date/);
});
