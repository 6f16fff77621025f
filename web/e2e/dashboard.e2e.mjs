// End-to-end: a real `aisov serve` on a free loopback port serving the built dashboard, driven
// by Debian's chromium through playwright-core. Screenshots go to build/e2e-screenshots/.
//   npm run e2e   (after `npm run build` and building ../build/aisov)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { charsPerLine } from '../src/lib/download.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const buildDir = path.resolve(root, process.env.AISOV_BUILD_DIR || 'build');
const aisov = path.join(buildDir, 'aisov');
const dist = path.resolve(here, '../dist');
const shots = path.join(buildDir, 'e2e-screenshots');
const CHROMIUM = process.env.AISOV_CHROMIUM || '/usr/bin/chromium';

let server, browser, page, base, profileDir;
const consoleErrors = [];

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
  // The previous view's marker can be seen just before the new render removes it (a loaded
  // machine): wait again when it is gone by the time it is read.
  let state = null;
  for (let i = 0; i < 5 && state === null; i += 1) {
    await page.waitForSelector('main#view[data-ready]', { timeout: 30000 });
    state = await page.getAttribute('main#view', 'data-ready');
  }
  assert.equal(state, 'true', await page.textContent('main#view'));
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
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
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
  assert.ok((await page.locator('svg.map path.site').count()) > 100);
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
  // Parameters are shown in words; the id stays in the cell's title.
  assert.ok((await page.getAttribute('#optimise-sensitivity-table tbody tr:first-child td:first-child', 'title')).startsWith(`${sens.sensitivity[0].parameter}:`));
  assert.doesNotMatch(await page.textContent('#optimise-sensitivity-table tbody'), /_usd_per_|competitiveness_usd/);
  const [sdl] = await Promise.all([page.waitForEvent('download'), page.click('#optimise-sensitivity button[data-download="csv"]')]);
  assert.equal(readFileSync(await sdl.path(), 'utf8').trim().split('\n').length - 1, sens.sensitivity.length);
  // The tornado chart: two bars (low end, high end) per shown parameter, labelled in words.
  const tornado = await page.locator('#optimise-sensitivity svg g[aria-label="bar"] rect').count();
  assert.ok(tornado >= 8 && tornado <= 16, `${tornado} tornado bars`);
  assert.doesNotMatch(await page.textContent('#optimise-sensitivity svg'), /_usd_per_|competitiveness_usd/);
  await page.screenshot({ path: path.join(shots, '10-optimise.png'), fullPage: true });
  // Changing λ does not re-run by itself: it waits for Run; then the URL holds it.
  const before = page.url();
  await page.fill('#optimise-lambda', '2');
  await page.dispatchEvent('#optimise-lambda', 'change');
  assert.equal(page.url(), before, 'a field change alone does not run the optimiser');
  assert.match(await page.textContent('#optimise-pending'), /press Run/);
  await afterChange(() => page.click('#optimise-run'));
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
    const marks = page.locator('svg.map path.site.undated');
    assert.equal(await marks.count(), undated.length);
    assert.equal(await page.locator('svg.map path.site[data-dating="undated"]').count(), undated.length);
    for (const label of await marks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) assert.match(label, /launch date unknown/);
    assert.equal(await marks.first().getAttribute('fill'), 'none', 'undated regions are hollow');
    assert.ok(await marks.first().getAttribute('stroke-dasharray'), 'undated regions are dashed');
    // Nothing is strictly dated this early: no filled region points.
    assert.equal(await page.locator('svg.map path.site.strict').count(), 0);
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
  await page.locator('svg.map path.site.undated').first().hover({ force: true });
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

// The text of an exported SVG's <text class="cls"> (its lines joined by spaces).
function exportText(svg, cls) {
  const m = new RegExp(`<text[^>]*class="${cls}"[^>]*>([\\s\\S]*?)</text>`).exec(svg);
  if (!m) return null;
  return [...m[1].matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]).join(' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
}
const norm = (t) => t.replace(/\s+/g, ' ').trim();

async function downloadOf(selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), path: await d.path() };
}

test('first meaningful paint of the map (printed, never asserted)', async () => {
  const p = await browser.newPage();
  const runs = [];
  for (let i = 0; i < 3; i += 1) {
    await p.goto('about:blank');
    await p.goto(`${base}/#view=map`);
    await p.waitForSelector('main#view[data-ready="true"] svg.map path.country', { timeout: 60000 });
    runs.push(await p.evaluate(() => ({
      map: performance.getEntriesByName('aisov-map-drawn')[0]?.startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      bytes: performance.getEntriesByType('resource').reduce((n, r) => n + (r.transferSize || 0), 0),
    })));
  }
  await p.close();
  const ms = (v) => (typeof v === 'number' ? Math.round(v) : 'n/a');
  console.log(`map first meaningful paint (ms after navigation, loopback; load 1 cold, 2–3 warm cache): ${runs.map((r) => ms(r.map)).join(', ')}; first contentful paint: ${runs.map((r) => ms(r.fcp)).join(', ')}; bytes over the wire, load 1: ${runs[0].bytes}`);
  assert.ok(runs.every((r) => r.map > 0), 'the map view marks its first paint');
});

test('exports: every SVG has the title, subtitle, legend and the whole source line, left-aligned and wrapped', async () => {
  await go('view=compare&iso3=USA,CHN,DEU');
  const stacked = await downloadOf('#compare-operators button[data-download="svg"]');
  const svg = readFileSync(stacked.path, 'utf8');
  assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal(exportText(svg, 'export-title'), 'Operator jurisdiction shares');
  // The legend names the colours (operator jurisdictions of the three economies).
  assert.match(svg, /class="export-legend"/);
  assert.match(svg, /<text[^>]*>United States \(USA\)<\/text>/);
  // The caption is the panel's whole source line, left-aligned (not inheriting Plot's middle anchor).
  const caption = exportText(svg, 'export-caption');
  assert.ok(norm(caption).startsWith(norm(await page.textContent('#compare-operators .source'))), caption);
  assert.match(svg, /<text[^>]*text-anchor="start"[^>]*class="export-caption"|<text[^>]*class="export-caption"[^>]*text-anchor="start"/);
  const invest = await (async () => { await go('view=invest&iso3=IDN,DEU'); return readFileSync((await downloadOf('#invest-elements button[data-download="svg"]')).path, 'utf8'); })();
  assert.match(invest, /class="export-legend"/);
  assert.match(invest, /Indonesia \(IDN\)/);
  assert.match(exportText(invest, 'export-subtitle'), /Bars: midpoint of the estimate/);
  // The world map: title with the date, legend inside, caption lines within the image's width.
  await go('view=map');
  const map = readFileSync((await downloadOf('#world-map button[data-download="svg"]')).path, 'utf8');
  assert.match(exportText(map, 'export-title'), /^AI regions, by economy, \d{4}-\d{2}-\d{2}$/);
  const width = Number(/^<svg[^>]*width="(\d+)"/.exec(map)[1]);
  const lines = [...(/<text[^>]*class="export-caption"[^>]*>([\s\S]*?)<\/text>/.exec(map)[1]).matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]);
  assert.ok(lines.length >= 1);
  for (const line of lines) assert.ok(line.length <= charsPerLine(width - 24, 11), `caption line too long: ${line}`);
  assert.match(map, /no data/);
  const png = await downloadOf('#world-map button[data-download="png"]');
  const buf = readFileSync(png.path);
  assert.deepEqual([...buf.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(buf.readUInt32BE(20) > 2 * 500, 'the PNG is taller than the bare map (title, legend, caption)');
  // The scenario fan chart names its economy.
  await go('view=scenario&scenario=taiwan-foundry&draws=2000&seed=7&iso3=JPN');
  const fan = readFileSync((await downloadOf('#scenario-fan button[data-download="svg"]')).path, 'utf8');
  assert.match(exportText(fan, 'export-title'), /Japan \(JPN\)/);
});

test('controls say what they do: scope notes, unknown codes, an empty selection, blocs, validation', async () => {
  await go('view=invest&iso3=DEU,eu');
  assert.equal(await page.isDisabled('#as-of'), true);
  assert.equal(await page.isDisabled('#providers'), true);
  assert.match(await page.textContent('#scope-note'), /do not apply to this view/);
  assert.match(await page.textContent('#invest-elements'), /European Union \(eu\)/);
  await go('view=map');
  assert.equal(await page.isDisabled('#as-of'), false);
  assert.equal(await page.locator('#scope-note').count(), 0);
  await go('view=compare&iso3=USA,ZZZ');
  assert.match(await page.textContent('#compare-unknown'), /ZZZ/);
  await afterChange(() => page.click('#compare-remove-USA'));
  assert.match(page.url(), /iso3=(&|$)/);
  assert.equal(await page.locator('#compare-empty').count(), 1);
  assert.equal(await page.locator('#compare-table').count(), 0, 'no defaults come back');
  await go('view=scenario&scenario=taiwan-foundry&draws=2000&seed=7');
  const url = page.url();
  await page.fill('#shock-0-probability', '5');
  await page.dispatchEvent('#shock-0-probability', 'change');
  assert.match(await page.textContent('#shock-0-probability-error'), /probability must be from 0 to 1; 5 is out of range/);
  assert.equal(await page.getAttribute('#shock-0-probability', 'aria-invalid'), 'true');
  assert.equal(page.url(), url, 'an invalid value does not run');
  // A scenario opens on the economy its shocks name; the measure switch changes the fan chart.
  await go('view=scenario&scenario=idn-aligning&draws=2000&seed=7');
  assert.match(await page.textContent('#scenario-fan h3'), /Indonesia \(IDN\): accessible compute/);
  await afterChange(() => page.selectOption('#scenario-measure', 'sovereign'));
  assert.match(page.url(), /measure=sovereign/);
  assert.match(await page.textContent('#scenario-fan h3'), /Indonesia \(IDN\): sovereign compute/);
  const run = await (await fetch(`${base}/api/v1/scenario/run?name=idn-aligning&draws=2000&seed=7&economies=IDN`, { method: 'POST' })).json();
  const fanCsv = readFileSync((await downloadOf('#scenario-fan button[data-download="csv"]')).path, 'utf8').trim().split('\n').slice(1);
  assert.deepEqual(fanCsv.map((l) => Number(l.split(',')[4])), run.rows.filter((r) => r.measure === 'sovereign').map((r) => r.share.p50));
  // Overlay a second economy: both on one chart, both in the CSV.
  await afterChange(() => page.selectOption('#scenario-overlay', 'DEU'));
  assert.match(page.url(), /iso3=IDN,DEU/);
  assert.match(await page.textContent('#scenario-fan h3'), /Indonesia \(IDN\) vs Germany \(DEU\): sovereign compute/);
  const both = readFileSync((await downloadOf('#scenario-fan button[data-download="csv"]')).path, 'utf8').trim().split('\n').slice(1);
  assert.equal(both.length, 2 * fanCsv.length);
  assert.deepEqual([...new Set(both.map((l) => l.split(',')[0]))], ['IDN', 'DEU']);
  await go('view=scenario&scenario=taiwan-foundry&draws=2000&seed=7&edits=0.start:1900');
  assert.match(await page.textContent('#scenario-edit-problems'), /0\.start — start year must be from 2,000 to 2,100/);
});

test('keyboard and titles: countries are focusable links, focus stays on the control used, a title per view, a favicon', async () => {
  consoleErrors.length = 0;
  await go('view=map');
  assert.deepEqual(consoleErrors, [], 'no console errors on load (favicon included)');
  assert.equal(await page.title(), 'World map · aisov');
  assert.match(await page.getAttribute('svg.map', 'aria-label'), /^World map: AI regions by economy/);
  const ken = page.locator('svg.map path.country[data-iso3="KEN"]').first();
  assert.equal(await ken.getAttribute('tabindex'), '0');
  assert.match(await ken.getAttribute('aria-label'), /^Kenya \(KEN\)/);
  await ken.focus();
  await afterChange(() => page.keyboard.press('Enter'));
  assert.match(page.url(), /view=profile/);
  assert.match(page.url(), /iso3=KEN/);
  assert.equal(await page.title(), 'Kenya — Country profile · aisov');
  await go('view=map');
  await page.focus('#metric');
  await afterChange(() => page.selectOption('#metric', 'h100e'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'metric', 'focus stays on the metric picker');
  const fav = await fetch(`${base}/favicon.svg`);
  assert.equal(fav.status, 200);
  assert.match(fav.headers.get('content-type'), /svg/);
  assert.equal(await page.getAttribute('link[rel="icon"]', 'href'), './favicon.svg');
});

test('time: a line chart over the years, the map year slider, a sortable table and the sources', async () => {
  await go('view=time&iso3=USA,DEU&metric=ai_regions');
  assert.ok((await page.locator('#time-chart svg path').count()) >= 2, 'two lines');
  const csv = readFileSync((await downloadOf('#time-chart button[data-download="csv"]')).path, 'utf8').trim().split('\n');
  const info = await (await fetch(`${base}/api/v1/data/info`)).json();
  const years = Number(info.as_of.slice(0, 4)) - 2010 + 1;
  assert.equal(csv.length - 1, 2 * years, 'one row per economy and year');
  const c2019 = await (await fetch(`${base}/api/v1/census?as_of=2019-12-31`)).json();
  const deu2019 = csv.find((l) => l.startsWith('DEU,') && l.split(',')[2] === '2019').split(',');
  const api2019 = c2019.rows.find((r) => r.code === 'DEU');
  assert.deepEqual([Number(deu2019[4]), Number(deu2019[6])], [api2019.ai_regions, api2019.ai_regions_strict]);
  await page.screenshot({ path: path.join(shots, '13-time.png'), fullPage: true });
  // The map's year slider moves the census date.
  await go('view=map');
  await afterChange(() => page.$eval('#map-year', (e) => { e.value = '2019'; e.dispatchEvent(new Event('change', { bubbles: true })); }));
  assert.match(page.url(), /as_of=2019-12-31/);
  assert.match(await page.textContent('#world-map h3'), /2019-12-31/);
  // The table: every economy, sorted by a column.
  await go('view=table&sort=-h100e');
  const census = await (await fetch(`${base}/api/v1/census`)).json();
  assert.equal(await page.locator('#economy-table tbody tr').count(), census.rows.length);
  const top = [...census.rows].sort((a, b) => b.h100e - a.h100e)[0];
  assert.equal(await page.getAttribute('#economy-table tbody tr:first-child', 'data-code'), top.code);
  await afterChange(() => page.click('#sort-name'));
  assert.match(page.url(), /sort=name/);
  const first = [...census.rows].sort((a, b) => a.name.localeCompare(b.name))[0];
  assert.equal(await page.getAttribute('#economy-table tbody tr:first-child', 'data-code'), first.code);
  const tcsv = readFileSync((await downloadOf('#table-panel button[data-download="csv"]')).path, 'utf8').trim().split('\n');
  assert.equal(tcsv.length - 1, census.rows.length);
  await page.screenshot({ path: path.join(shots, '14-table.png') });
  // Sources: title, producer, licence and a link for each.
  await go('view=sources');
  const sources = await (await fetch(`${base}/api/v1/data/sources`)).json();
  assert.equal(await page.locator('#sources-table tbody tr').count(), sources.sources.length);
  const epoch = sources.sources.find((x) => /epoch/i.test(x.producer));
  const row = page.locator(`#sources-table tbody tr[data-source="${epoch.source_id}"]`);
  assert.equal(await row.locator('a').first().getAttribute('href'), epoch.url);
  assert.match(await row.textContent(), new RegExp(epoch.licence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(await page.textContent('#glossary'), /Compute Desert: fewer than 1 public-cloud AI region/);
  await page.screenshot({ path: path.join(shots, '15-sources.png') });
});

test('phone (390 and 360 px): no sideways scrolling on any view, in both languages; the map legend is readable', async () => {
  const p = await browser.newPage();
  const views = ['view=map', 'view=table', 'view=profile&iso3=DEU', 'view=compare', 'view=time', 'view=invest', 'view=sources', 'view=scenario&scenario=taiwan-foundry&draws=2000&seed=7', 'view=optimise&iso3=IDN&odraws=100'];
  for (const width of [390, 360]) {
    await p.setViewportSize({ width, height: 800 });
    const hashes = width === 360 ? [...views, ...views.slice(0, 4).map((h) => `${h}&lang=zh-CN`), 'view=scenario&scenario=idn-aligning&draws=2000&seed=7&vs=idn-hedging&lang=zh-CN', 'view=map&metric=energy_co2&lang=zh-CN', 'view=profile&iso3=IRL&lang=zh-CN', 'view=scenario&scenario=taiwan-foundry&draws=2000&seed=7&iso3=USA&lang=zh-CN'] : views;
    for (const hash of hashes) {
      // A new hash on the same page re-renders without a reload: wait for the new view, not the old one.
      await p.evaluate(() => document.querySelector('main#view')?.removeAttribute('data-ready')).catch(() => {});
      await p.goto(`${base}/#${hash}`);
      await p.waitForSelector('main#view[data-ready="true"]', { timeout: 60000 });
      const { sw, cw } = await p.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
      assert.ok(sw <= cw, `${width} px, ${hash}: the page is ${sw} px wide in a ${cw} px window`);
      if (hash.startsWith('view=map')) {
        const size = await p.$eval('#world-map .legend-html .legend-item', (e) => parseFloat(getComputedStyle(e).fontSize));
        assert.ok(size >= 11, `legend text ${size} px`);
        assert.ok(await p.isVisible('#world-map .legend-html'));
        // Every legend entry lies inside the window (the legend wraps instead of running off).
        const right = await p.$$eval('#world-map .legend-html .legend-item', (els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
        assert.ok(right <= cw, `${width} px, ${hash}: a legend entry ends at ${right} px`);
        await p.screenshot({ path: path.join(shots, `16-phone-${width}-map${hash.includes('zh-CN') ? '-zh' : ''}.png`), fullPage: true });
      }
      if (width === 360 && hash.startsWith('view=scenario')) await p.screenshot({ path: path.join(shots, `16-phone-360-scenario${hash.includes('zh-CN') ? '-zh' : ''}.png`), fullPage: true });
    }
  }
  await p.close();
});

test('two languages: a visible switch held in the URL; Chinese labels, glossary, numbers and ISO country names', async () => {
  await go('view=map&metric=compute_class');
  assert.equal(await page.inputValue('#lang'), 'en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await afterChange(() => page.selectOption('#lang', 'zh-CN'));
  assert.match(page.url(), /lang=zh-CN/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#tab-map'), '世界地图');
  assert.equal(await page.textContent('#tab-table'), '数据表');
  assert.equal(await page.title(), '世界地图 · aisov');
  // The country names are the ISO 3166-1 names of Debian's iso-codes, in Chinese.
  const idn = page.locator('svg.map path.country[data-iso3="IDN"]').first();
  assert.match(await idn.getAttribute('aria-label'), /^印度尼西亚 \(IDN\)/);
  assert.match(await page.textContent('#map-classes'), /算力北方/);
  assert.match(await page.textContent('#world-map .source'), /^来源：aisov 普查（数据集 .*，截至 \d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: path.join(shots, '18-map-zh.png'), fullPage: true });
  // The language stays when moving between views (tabs keep it).
  await afterChange(() => page.click('#tab-table'));
  assert.match(page.url(), /view=table/);
  assert.match(page.url(), /lang=zh-CN/);
  assert.equal(await page.textContent('#economy-table tbody tr[data-code="IDN"] th a'), '印度尼西亚 (IDN)');
  assert.equal(await page.textContent('#sort-name'), '经济体');
  // Numbers through Intl for zh-CN: percentages without the space English uses.
  const share = await page.textContent('#economy-table tbody tr[data-code="IDN"] td:nth-of-type(7)');
  assert.match(share, /^\d+(\.\d)?%$|^无数据$/);
  await go('view=profile&iso3=IDN&lang=zh-CN');
  assert.equal(await page.textContent('#profile-title'), '印度尼西亚 (IDN)');
  assert.equal(await page.title(), '印度尼西亚 — 经济体概况 · aisov');
  assert.match(await page.textContent('.profile-head .subtitle'), /^亚洲 \/ 东南亚/);
  await page.screenshot({ path: path.join(shots, '19-profile-zh.png'), fullPage: true });
  await go('view=sources&lang=zh-CN');
  assert.match(await page.textContent('#glossary h3'), /术语表/);
  assert.match(await page.textContent('#glossary'), /算力荒漠：普查中的公有云人工智能区域少于 1 个/);
  await go('view=compare&iso3=USA,CHN,DEU&lang=zh-CN');
  const headers = await page.locator('#compare-table thead th').allTextContents();
  assert.deepEqual(headers.slice(1), ['美国 (USA)', '中国 (CHN)', '德国 (DEU)']);
  // An export in Chinese: title and the source line with its date, wrapped inside the image.
  const svg = readFileSync((await downloadOf('#compare-operators button[data-download="svg"]')).path, 'utf8');
  assert.equal(exportText(svg, 'export-title'), '运营方管辖地份额');
  assert.match(norm(exportText(svg, 'export-caption')).replace(/ /g, ''), /^来源：aisov普查，份额按regions加权（数据集.*，截至\d{4}-\d{2}-\d{2}/);
  // Back to English with the same control.
  await afterChange(() => page.selectOption('#lang', 'en'));
  assert.doesNotMatch(page.url(), /lang=/);
  assert.match(await page.textContent('#compare-table thead'), /United States \(USA\)/);
});

test('scenario builder: variants of a scenario overlaid; the export-control cap edited, with a message for an out-of-range value', async () => {
  await go('view=scenario&scenario=idn-aligning&draws=2000&seed=7');
  await afterChange(() => page.selectOption('#scenario-variant', 'idn-hedging'));
  assert.match(page.url(), /vs=idn-hedging/);
  assert.match(await page.textContent('#scenario-fan h3'), /^Indonesia \(IDN\): Indonesia aligning vs Indonesia hedging: accessible compute/);
  assert.equal(await page.locator('#scenario-fan svg g[aria-label="line"]').count(), 2, 'one line per variant');
  const csv = readFileSync((await downloadOf('#scenario-fan button[data-download="csv"]')).path, 'utf8').trim().split('\n').slice(1);
  const run = async (name) => (await (await fetch(`${base}/api/v1/scenario/run?name=${name}&draws=2000&seed=7&economies=IDN`, { method: 'POST' })).json()).rows.filter((r) => r.measure === 'accessible').map((r) => r.share.p50);
  const [aligning, hedging] = [await run('idn-aligning'), await run('idn-hedging')];
  const bySource = (id) => csv.filter((l) => l.endsWith(`,${id}`)).map((l) => Number(l.split(',')[4]));
  assert.deepEqual(bySource('aisov_scenario:idn-aligning'), aligning);
  assert.deepEqual(bySource('aisov_scenario:idn-hedging'), hedging);
  assert.match(await page.textContent('#scenario-fan .source'), /Indonesia hedging.*as of \d{4}-\d{2}-\d{2}|as of \d{4}-\d{2}-\d{2}.*Indonesia hedging/);
  await page.screenshot({ path: path.join(shots, '20-scenario-variants.png'), fullPage: true });
  // The third line may be an economy; then both pickers are full.
  await afterChange(() => page.selectOption('#scenario-overlay', 'DEU'));
  assert.match(page.url(), /iso3=IDN,DEU/);
  assert.equal(await page.isDisabled('#scenario-variant'), true);
  assert.equal(await page.locator('#scenario-fan svg g[aria-label="line"]').count(), 3);

  // The cap of a tiered export control (US AI diffusion framework, Tier 2).
  await go('view=scenario&scenario=us-ai-diffusion-2025&draws=2000&seed=7&iso3=IDN');
  const cap = '#shock-0-t0-cap_h100e_per_year';
  assert.equal(await page.inputValue(cap), '16600', 'the mode of the file\'s PERT');
  const url = page.url();
  await page.fill(cap, '-5');
  await page.dispatchEvent(cap, 'change');
  assert.match(await page.textContent(`${cap}-error`), /cap, tier 1, H100e \/ year must be from 0 to 1,000,000,000,000; -5 is out of range/);
  assert.equal(await page.getAttribute(cap, 'aria-invalid'), 'true');
  assert.equal(page.url(), url, 'an invalid cap does not run');
  await afterChange(() => page.fill(cap, '100').then(() => page.dispatchEvent(cap, 'change')));
  assert.match(page.url(), /edits=0\.t0\.cap_h100e_per_year(%3A|:)100(&|$)/);
  // The engine ran the edited tier: the same numbers as a run of the file with that cap.
  const source = await (await fetch(`${base}/api/v1/scenarios/us-ai-diffusion-2025`)).json();
  source.scenario.shocks[0].tiers[0].cap_h100e_per_year = 100;
  const edited = await (await fetch(`${base}/api/v1/scenario/run?draws=2000&seed=7&economies=IDN`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(source.scenario) })).json();
  const fan = readFileSync((await downloadOf('#scenario-fan button[data-download="csv"]')).path, 'utf8').trim().split('\n').slice(1);
  assert.deepEqual(fan.map((l) => Number(l.split(',')[4])), edited.rows.filter((r) => r.measure === 'accessible').map((r) => r.share.p50));
  await page.screenshot({ path: path.join(shots, '21-scenario-cap.png'), fullPage: true });
});

test('every source line states the as-of date used, on screen and in exports', async () => {
  const date = /as of [^;)]*\d{4}-\d{2}-\d{2}/;
  for (const hash of ['view=map', 'view=table', 'view=profile&iso3=DEU', 'view=compare', 'view=time', 'view=scenario&scenario=taiwan-foundry&draws=2000&seed=7', 'view=invest&iso3=IDN,DEU', 'view=optimise&iso3=IDN&odraws=100', 'view=sources']) {
    await go(hash);
    const lines = await page.locator('.panel .source').allTextContents();
    assert.ok(lines.length >= 1, `${hash}: no source line`);
    for (const line of lines) assert.match(line, date, `${hash}: ${line}`);
    if (hash.startsWith('view=optimise') || hash.startsWith('view=scenario')) {
      const svg = readFileSync((await downloadOf('.panel button[data-download="svg"]')).path, 'utf8');
      assert.match(norm(exportText(svg, 'export-caption')), date, `${hash}: export caption`);
    }
  }
});

test('energy (methodology §15): map metrics with no-data hatching and CSV, the profile panel with and without data, the scenario TWh fan chart', async () => {
  const census = await (await fetch(`${base}/api/v1/census`)).json();
  const byCode = new Map(census.rows.map((r) => [r.code, r]));
  // Map: pick AI electricity from the metric menu; the URL holds it.
  await go('view=map');
  assert.ok(await page.locator('#metric optgroup option[value="energy_twh"]').count());
  await afterChange(() => page.selectOption('#metric', 'energy_twh'));
  assert.match(page.url(), /metric=energy_twh/);
  assert.match(await page.textContent('#world-map h3'), /AI electricity \(TWh per year\)/);
  // The United States hosts load: a colour, neither the zero colour nor the no-data hatching.
  const usaFill = await page.locator('svg.map path.country[data-iso3="USA"]').first().getAttribute('fill');
  assert.ok(usaFill && !usaFill.startsWith('url(') && usaFill !== '#f7f7f7', usaFill);
  // Kenya has a generation figure and no AI load: zero, not no data.
  assert.equal(byCode.get('KEN').energy.twh, 0);
  assert.equal(await page.locator('svg.map path.country[data-iso3="KEN"]').first().getAttribute('fill'), '#f7f7f7');
  assert.match(await page.textContent('#world-map .legend-html'), /no data/);
  // The source line names the assumptions of §15 and the as-of date; the totals the world's figure.
  const source = await page.textContent('#world-map .source');
  assert.match(source, /energy layer \(methodology §15: PUE 1\.2 \(1\.1–1\.56\) × utilisation 0\.7 \(0\.5–0\.8\)/);
  assert.match(source, /as of \d{4}-\d{2}-\d{2}/);
  assert.match(await page.textContent('#map-energy-totals'), /World: AI compute draws [\d.,]+ TWh\/yr \([\d.,]+–[\d.,]+\)/);
  assert.match(await page.textContent('#map-ranking tbody tr:first-child'), /United States/);
  await page.screenshot({ path: path.join(shots, '23-map-energy-twh.png'), fullPage: true });
  // CSV: tidy rows; the mid value with the low–high bounds as the API has them.
  const csv = readFileSync((await downloadOf('#world-map button[data-download="csv"]')).path, 'utf8').trim().split('\n');
  assert.equal(csv[0], 'code,name,year,indicator,value,unit,lower,upper,source_id');
  const usa = csv.find((l) => l.startsWith('USA,')).split(',');
  const e = byCode.get('USA').energy;
  assert.deepEqual([usa[3], Number(usa[4]), usa[5], Number(usa[6]), Number(usa[7])], ['energy_twh', e.twh, 'TWh per year', e.twh_low, e.twh_high]);
  assert.ok(e.twh_low <= e.twh && e.twh <= e.twh_high);
  // Share of generation: an economy without a generation figure is "no data" (hatched, empty in CSV), never 0.
  const noGen = census.rows.find((r) => r.energy.generation_twh === null);
  assert.ok(noGen, 'the bundled dataset has an economy without a generation figure');
  await afterChange(() => page.selectOption('#metric', 'energy_share'));
  const share = readFileSync((await downloadOf('#world-map button[data-download="csv"]')).path, 'utf8').trim().split('\n');
  assert.equal(share.find((l) => l.startsWith(`${noGen.code},`)).split(',').slice(3, 8).join(','), 'energy_share,,share,,');
  const hatched = await page.$$eval('svg.map path.country', (ps) => ps.filter((x) => /nodata/.test(x.getAttribute('fill') || '')).length);
  assert.ok(hatched > 0, 'economies without a generation figure are hatched');
  // Layer shares weighted by electricity (--weight energy): the URL holds it, the census says so.
  await afterChange(() => page.selectOption('#weight', 'energy'));
  assert.match(page.url(), /weight=energy/);
  assert.equal(await page.inputValue('#weight'), 'energy');
  // Compare: bars in the metric's own format; no bar and "no data" for the economy without a figure.
  await go(`view=compare&metric=energy_share&iso3=USA,IRL,${noGen.code}`);
  const bars = await page.textContent('#compare-bars svg');
  assert.match(bars, /0\.0316 %/);
  assert.match(bars, /no data/);
  // Table: the energy columns with their low and high cases.
  await go('view=table');
  const table = readFileSync((await downloadOf('#table-panel button[data-download="csv"]')).path, 'utf8').split('\n')[0];
  assert.match(table, /energy_twh,energy_twh_low,energy_twh_high,energy_share,energy_share_low,energy_share_high,energy_co2,energy_co2_low,energy_co2_high,energy_foreign_share/);

  // Profile with data: Ireland (methodology §15.4 by hand: 1.349 MW, 0.009928 TWh (0.006500–0.014750),
  // 0.0316 % (0.0207–0.0469 %) of 31.43 TWh, 2,777 t (1,818–4,126 t), all foreign-run).
  await go('view=profile&iso3=IRL');
  assert.equal(await page.textContent('#profile-energy-it'), '1.35 MW');
  assert.equal(await page.textContent('#profile-energy-twh'), '0.00993 TWh/yr (0.0065–0.0148)');
  assert.equal(await page.textContent('#profile-energy-share'), '0.0316 % (0.0207 %–0.0469 %)');
  assert.equal(await page.textContent('#profile-energy-co2'), '2.78 kt CO₂e/yr (1.82 kt–4.13 kt)');
  assert.equal(await page.textContent('#profile-energy-foreign'), '100 %');
  const panelText = await page.textContent('#profile-energy');
  assert.match(panelText, /Of 31\.43 TWh generated in 2023 \(owid_ember_generation\)/);
  assert.match(panelText, /At 279\.7 gCO₂e\/kWh \(2024, owid_ember_carbon\)/);
  assert.match(panelText, /parameters: dataset rows \(energy_parameters\.csv\)/);
  assert.match(await page.textContent('#profile-energy-notes'), /100 % of this IT load comes from cloud regions by the chip-count convention.*§15\.7/);
  assert.match(await page.textContent('#profile-energy .source'), /energy layer \(methodology §15\).*as of \d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: path.join(shots, '24-profile-energy-irl.png') });
  // Profile without data: no generation and no carbon figure, no AI load.
  await go(`view=profile&iso3=${noGen.code}`);
  assert.equal(await page.textContent('#profile-energy-share'), 'no data');
  assert.equal(await page.textContent('#profile-energy-twh'), '0 TWh/yr');
  const notes = await page.textContent('#profile-energy-notes');
  assert.match(notes, /No AI compute is located here/);
  assert.match(notes, /no electricity-generation figure.*"no data", not zero/);
  await afterChange(() => page.selectOption('#lang', 'zh-CN'));
  assert.equal(await page.textContent('#profile-energy-share'), '无数据');
  assert.match(await page.textContent('#profile-energy-notes'), /没有该经济体的发电量数据/);

  // Scenario: TWh and tCO2e fan charts beside the H100e one, with the API's numbers.
  await go('view=scenario&scenario=taiwan-foundry&draws=2000&seed=7&iso3=USA&measure=territorial');
  assert.match(await page.textContent('#scenario-energy-twh h3'), /United States \(USA\): electricity of territorial compute, TWh per year/);
  assert.ok((await page.locator('#scenario-energy-twh svg path').count()) >= 2, 'a band and lines');
  assert.ok((await page.locator('#scenario-energy-co2 svg path').count()) >= 2);
  const fan = readFileSync((await downloadOf('#scenario-energy-twh button[data-download="csv"]')).path, 'utf8').trim().split('\n');
  const run = await (await fetch(`${base}/api/v1/scenario/run?name=taiwan-foundry&draws=2000&seed=7&economies=USA`, { method: 'POST' })).json();
  const terr = run.rows.filter((r) => r.code === 'USA' && r.measure === 'territorial').sort((a, b) => a.year - b.year);
  assert.equal(fan.length - 1, terr.length);
  fan.slice(1).forEach((line, i) => {
    const [code, , year, indicator, value, unit, lower, upper] = line.split(',');
    assert.deepEqual([code, Number(year), indicator, unit], ['USA', terr[i].year, 'territorial_twh_mean', 'TWh per year']);
    assert.deepEqual([Number(value), Number(lower), Number(upper)], [terr[i].energy.twh.mean, terr[i].energy.twh.p5, terr[i].energy.twh.p95]);
  });
  const svg = readFileSync((await downloadOf('#scenario-energy-twh button[data-download="svg"]')).path, 'utf8');
  assert.match(exportText(svg, 'export-title'), /United States \(USA\): electricity of territorial compute/);
  assert.match(exportText(svg, 'export-subtitle'), /methodology §15\.5/);
  assert.match(svg, /class="export-legend"[\s\S]*P5–P95 of the draws/);
  assert.match(exportText(svg, 'export-caption'), /aisov scenario "Taiwan foundry disruption".*seed 7/);
  // Accessible compute has no energy: the charts say they show territorial compute.
  await go('view=scenario&scenario=taiwan-foundry&draws=2000&seed=7&iso3=USA');
  assert.match(await page.textContent('#scenario-energy-twh'), /these charts show territorial compute/);
  await page.screenshot({ path: path.join(shots, '25-scenario-energy.png'), fullPage: true });
});

test('accessibility audit (axe-core; findings printed and recorded) and colour-vision screenshots', async () => {
  const axePath = path.resolve(here, '../node_modules/axe-core/axe.min.js');
  const results = [];
  for (const hash of ['view=map', 'view=map&metric=energy_share', 'view=table', 'view=profile&iso3=DEU', 'view=profile&iso3=IRL', 'view=compare', 'view=time', 'view=sources', 'view=scenario&scenario=idn-aligning&draws=2000&seed=7&vs=idn-hedging', 'view=map&lang=zh-CN', 'view=map&metric=energy_twh&lang=zh-CN', 'view=profile&iso3=MCO&lang=zh-CN', 'view=table&lang=zh-CN', 'view=profile&iso3=IDN&lang=zh-CN', 'view=compare&lang=zh-CN', 'view=time&lang=zh-CN', 'view=sources&lang=zh-CN', 'view=scenario&scenario=idn-aligning&draws=2000&seed=7&lang=zh-CN']) {
    await go(hash);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const res = await window.axe.run(document, { resultTypes: ['violations'] });
      return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, first: v.nodes[0]?.target?.join(' ') }));
    });
    results.push({ view: hash, violations });
  }
  writeFileSync(path.join(shots, 'axe-audit.json'), `${JSON.stringify(results, null, 2)}\n`);
  const all = results.flatMap((r) => r.violations.map((v) => ({ ...v, view: r.view })));
  const byImpact = {};
  for (const v of all) byImpact[v.impact] = (byImpact[v.impact] || 0) + 1;
  console.log(`axe-core audit over ${results.length} views: ${all.length} rule violations (${Object.entries(byImpact).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}), ${all.reduce((n, v) => n + v.nodes, 0)} elements: ${[...new Set(all.map((v) => v.id))].join(', ') || '-'}`);
  // The map as readers with deuteranopia and protanopia see it (Chromium's vision emulation).
  const cdp = await browser.newCDPSession(page);
  await go('view=map&metric=compute_class');
  for (const type of ['deuteranopia', 'protanopia']) {
    await cdp.send('Emulation.setEmulatedVisionDeficiency', { type });
    await page.screenshot({ path: path.join(shots, `17-map-${type}.png`) });
  }
  await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: 'none' });
  await cdp.detach();
  // No finding of any impact, in English and in Chinese.
  assert.deepEqual(all.map((v) => `${v.view}: ${v.id} (${v.impact}; ${v.first})`), [], 'no accessibility findings');
});
