// Scenario builder: pick a bundled scenario, edit its shocks, run it as a background job
// (progress bar, Cancel) and see the fan chart of one economy, a world map of expected loss
// (click an economy to chart it) and a table. The URL holds scenario, edits, draws, seed and
// the selected economy (lib/state.js); the edit logic is in lib/scenario.js.
import { scenarioApi, ApiError } from '../lib/api.js';
import { MAX_DRAWS } from '../lib/state.js';
import { applyEdits, decodeEdits, describe, editProblems, validateParam, encodeEdits, scenarioSubject, MEASURE_LABELS, fanRows, fanTidy, lossByEconomy, lossTidy, pruneEdits, shockControls } from '../lib/scenario.js';
import { fanChart, fanOverlayChart, lossScale } from '../lib/scenario_charts.js';
import { economyColour } from '../lib/labels.js';
import { loadCountries, drawMap, attachTooltip, legendSvg, legendHtml } from '../lib/map.js';
import { NO_DATA_ITEM } from '../lib/scales.js';
import { el, panel } from '../lib/panel.js';
import { TIDY_COLUMNS } from '../lib/csv.js';

// Results of this page's runs by (scenario, edits, draws, seed): the same inputs give the same
// result (seeded), so going back to a view does not run it again.
const results = new Map();
let running = null; // the job this page is waiting for

const stem = (file) => file.replace(/\.(toml|json)$/, '');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (v, d = 1) => `${(v * 100).toFixed(d)} %`;

// Runs up to this many draws with one synchronous request (well under a second); larger runs
// go through a background job with a progress bar and Cancel.
export const SYNC_DRAWS = 20000;

async function runJob(scenario, { draws, seed }, ui, alive) {
  if (running) scenarioApi.cancel(running.id);
  if (draws <= SYNC_DRAWS) {
    ui.update({ state: 'running', progress: 0, draws_done: 0, draws_requested: draws });
    const result = await scenarioApi.run(scenario, { draws, seed });
    ui.update({ state: 'done', progress: 1, draws_done: result.meta.draws, draws_requested: draws });
    return result;
  }
  const job = await scenarioApi.submit(scenario, { draws, seed });
  const me = { id: job.id, cancelled: false };
  running = me;
  ui.cancel.disabled = false;
  ui.cancel.onclick = () => {
    me.cancelled = true;
    scenarioApi.cancel(me.id);
  };
  let s = job;
  try {
    while (s.state === 'queued' || s.state === 'running') {
      ui.update(s);
      if (!alive()) {
        scenarioApi.cancel(me.id);
        return null;
      }
      await sleep(80);
      s = await scenarioApi.status(me.id);
    }
  } finally {
    if (running === me) running = null;
    ui.cancel.disabled = true;
  }
  ui.update(s);
  if (s.state === 'cancelled') return null;
  if (s.state !== 'done') throw new ApiError(s.error || { detail: `the run ${s.state}` }, s.error?.status || 500);
  const result = await scenarioApi.result(me.id);
  scenarioApi.cancel(me.id); // forget the finished job on the server; the page keeps the result
  return result;
}

function shockFieldset(shock, index, edits, { startYear, onEdit }) {
  const controls = shockControls(shock, { startYear });
  const rows = controls.map((c) => {
    const key = `${index}.${c.param}`;
    const value = edits[key] ?? c.value;
    const id = `shock-${index}-${c.param}`;
    const msgId = `${id}-error`;
    const number = el('input', { type: 'number', id, min: c.min, max: c.max, step: c.step, value, 'data-param': c.param, 'aria-label': `${shock.id} ${c.label}`, 'aria-describedby': msgId });
    const message = el('span', { class: 'field-error', id: msgId, role: 'alert' });
    // An out-of-range value is not clamped silently: it is shown as invalid and nothing runs.
    number.addEventListener('change', () => {
      const v = number.value === '' ? NaN : Number(number.value);
      const problem = validateParam(c.param, v);
      number.setAttribute('aria-invalid', problem ? 'true' : 'false');
      message.textContent = problem ? `${problem}.` : '';
      if (!problem) onEdit(key, v);
    });
    const slider = c.unit === 'share' ? el('input', { type: 'range', min: 0, max: 1, step: 0.01, value, 'aria-label': `${shock.id} ${c.label} slider` }) : null;
    if (slider) {
      slider.addEventListener('input', () => { number.value = slider.value; });
      slider.addEventListener('change', () => onEdit(key, Number(slider.value)));
    }
    const from = c.present && typeof c.original === 'object' ? el('span', { class: 'note' }, ` file: ${describe(c.original)}`) : null;
    return el('div', { class: 'shock-field' }, el('label', { class: `shock-param${key in edits ? ' edited' : ''}` }, `${c.label} `, slider, number, from), message);
  });
  return el('fieldset', { class: 'shock', 'data-shock': shock.id || `shock-${index + 1}` },
    el('legend', {}, `${shock.id || `shock-${index + 1}`} `, el('span', { class: 'badge' }, shock.kind)),
    shock.description ? el('p', { class: 'note' }, shock.description) : null,
    rows.length ? rows : el('p', { class: 'empty' }, 'no editable values'));
}

export const scenarioView = {
  id: 'scenario',
  label: 'Scenarios',
  async render(ctx, root) {
    const { state } = ctx;
    const list = await scenarioApi.list();
    const names = list.scenarios.map((s) => stem(s.file));
    const fallback = names.includes('taiwan-foundry') ? 'taiwan-foundry' : names[0];
    const name = names.includes(state.scenario) ? state.scenario : fallback;
    const source = await scenarioApi.source(name);
    const startYear = source.check.start_year + 1;
    const edits = decodeEdits(state.edits);
    const scenario = applyEdits(source.scenario, edits);
    // Changes the view unless it is already there (a control may fire 'change' twice).
    const go = (partial) => {
      if (`#${ctx.link(partial)}` !== location.hash) ctx.setState(partial);
    };
    const onEdit = (key, value) => {
      const next = pruneEdits(source.scenario, { ...edits, [key]: value }, { startYear });
      go({ edits: encodeEdits(next) });
    };

    // Controls.
    const pick = el('select', { id: 'scenario-select', 'aria-label': 'Scenario', onchange: (e) => ctx.setState({ scenario: e.target.value, edits: '', iso3: [] }) },
      list.scenarios.map((s) => el('option', { value: stem(s.file), selected: stem(s.file) === name }, s.name)));
    const draws = el('input', { type: 'number', id: 'scenario-draws', min: 1, max: MAX_DRAWS, step: 1000, value: state.draws, 'aria-label': 'Draws' });
    const seed = el('input', { type: 'number', id: 'scenario-seed', min: 0, step: 1, value: state.seed, 'aria-label': 'Seed' });
    const readRun = () => ({ draws: Math.min(MAX_DRAWS, Math.max(1, Math.round(Number(draws.value) || 1))), seed: Math.max(0, Math.round(Number(seed.value) || 0)) });
    draws.addEventListener('change', () => go(readRun()));
    seed.addEventListener('change', () => go(readRun()));
    const run = el('button', { type: 'button', id: 'scenario-run', onclick: () => { results.delete(key); ctx.setState(readRun()); } }, 'Run');
    const cancel = el('button', { type: 'button', id: 'scenario-cancel', disabled: true }, 'Cancel');
    const reset = el('button', { type: 'button', id: 'scenario-reset', disabled: !state.edits, onclick: () => ctx.setState({ edits: '' }) }, 'Reset edits');
    const bar = el('progress', { id: 'scenario-progress', max: 1, value: 0 });
    const status = el('span', { id: 'scenario-status', class: 'note', role: 'status' }, '');
    root.append(el('div', { class: 'view-controls' }, el('label', {}, 'Scenario ', pick), el('label', {}, 'Draws ', draws), el('label', {}, 'Seed ', seed), run, cancel, reset, bar, status));
    const info = source.check;
    const problems = editProblems(state.edits);
    if (problems.length) {
      root.append(el('p', { class: 'error', role: 'alert', id: 'scenario-edit-problems' }, `Edits in the link out of range, run at the nearest allowed value: ${problems.map((p) => `${p.key} — ${p.message}`).join('; ')}.`));
    }
    root.append(el('section', { class: 'panel scenario-about' },
      el('header', {}, el('h3', {}, source.scenario.name || name)),
      info.description ? el('p', { class: 'note' }, info.description) : null,
      el('p', { class: 'note' }, `${info.start_year + 1}–${info.horizon}; ${info.shocks.length} shock${info.shocks.length === 1 ? '' : 's'}; ${Math.round(info.world_h100e).toLocaleString('en-US')} H100e modelled at the start. Edited values replace the file's number or distribution by that fixed number.`),
      (info.basis || []).length ? el('details', {}, el('summary', {}, 'Basis'), el('ul', {}, info.basis.map((b) => el('li', {}, b)))) : null,
      el('div', { class: 'shocks' }, (scenario.shocks || []).map((s, i) => shockFieldset(source.scenario.shocks[i], i, edits, { startYear, onEdit })))));

    // Run (or reuse) the result.
    const key = JSON.stringify([name, encodeEdits(edits), state.draws, state.seed]);
    let result = results.get(key);
    if (!result) {
      const ui = {
        cancel,
        update(s) {
          bar.value = s.state === 'done' ? 1 : s.progress;
          status.textContent = `${s.state}: ${s.draws_done.toLocaleString('en-US')} / ${s.draws_requested.toLocaleString('en-US')} draws`;
          root.dataset.job = s.state;
        },
      };
      const started = performance.now();
      result = await runJob(scenario, readRun(), ui, () => root.isConnected);
      if (!result) {
        if (root.isConnected) root.append(el('p', { class: 'empty', id: 'scenario-cancelled' }, 'The run was cancelled. Press Run to start it again.'));
        return;
      }
      status.textContent = `done: ${result.meta.draws.toLocaleString('en-US')} draws in ${((performance.now() - started) / 1000).toFixed(2)} s`;
      results.set(key, result);
      if (results.size > 12) results.delete(results.keys().next().value); // oldest first
    } else {
      bar.value = 1;
      status.textContent = `done: ${result.meta.draws.toLocaleString('en-US')} draws (cached)`;
    }

    const meta = result.meta;
    const measure = state.measure || 'accessible';
    const losses = lossByEconomy(result, { measure });
    const lossOf = new Map(losses.map((l) => [l.code, l]));
    // Opens on the economy the scenario is about (its shocks name it), else on the largest loss.
    const subject = scenarioSubject(source.scenario);
    const selected = lossOf.has(state.iso3[0]) ? state.iso3[0] : lossOf.has(subject) ? subject : losses[0]?.code;
    const what = `aisov scenario "${meta.scenario}" (hash ${meta.scenario_hash}; seed ${meta.seed}; ${meta.draws.toLocaleString('en-US')} draws)`;
    const file = `aisov-scenario-${name}-s${meta.seed}-${meta.draws}`;

    // Up to two more economies overlaid on the fan chart (iso3 = [selected, overlay…]).
    const overlay = state.iso3.slice(1).filter((c) => lossOf.has(c) && c !== selected).slice(0, 2);
    const shown = [selected, ...overlay];
    const economy = el('select', { id: 'scenario-economy', 'aria-label': 'Economy', onchange: (e) => go({ iso3: [e.target.value, ...overlay.filter((c) => c !== e.target.value)] }) },
      [...losses].sort((a, b) => a.name.localeCompare(b.name)).map((l) => el('option', { value: l.code, selected: l.code === selected }, `${l.name} (${l.code})`)));
    const addOverlay = el('select', { id: 'scenario-overlay', 'aria-label': 'Overlay another economy', disabled: shown.length >= 3, onchange: (e) => e.target.value && go({ iso3: [...shown, e.target.value] }) },
      el('option', { value: '' }, shown.length >= 3 ? 'at most three economies' : 'overlay another economy…'),
      [...losses].filter((l) => !shown.includes(l.code)).sort((a, b) => a.name.localeCompare(b.name)).map((l) => el('option', { value: l.code }, `${l.name} (${l.code})`)));
    const overlayChips = overlay.map((c) => el('span', { class: 'chip', style: `border-left: 6px solid ${economyColour(c)}` }, c,
      el('button', { type: 'button', id: `scenario-overlay-remove-${c}`, 'aria-label': `remove ${c} from the chart`, onclick: () => go({ iso3: shown.filter((x) => x !== c) }) }, '×')));
    const fan = fanRows(result, selected, measure);
    const nameOfCode = (c) => lossOf.get(c)?.name || c;
    const series = shown.map((c) => ({ code: c, label: `${nameOfCode(c)} (${c})`, rows: c === selected ? fan : fanRows(result, c, measure) }));
    const measurePick = el('select', { id: 'scenario-measure', 'aria-label': 'Measure', onchange: (e) => go({ measure: e.target.value }) },
      Object.entries(MEASURE_LABELS).map(([k, l]) => el('option', { value: k, selected: k === measure }, l)));
    const grid = el('div', { class: 'grid' });
    root.append(grid);
    grid.append(panel({
      id: 'scenario-fan',
      title: `${series.map((s) => s.label).join(' vs ')}: ${measure} compute, share of the no-shock baseline`,
      chart: el('div', {}, el('div', { class: 'view-controls' }, el('label', {}, 'Economy ', economy), overlayChips, addOverlay, el('label', {}, 'Measure ', measurePick)),
        overlay.length ? fanOverlayChart(series, { width: 600 }) : fanChart(fan, { width: 600 })),
      rows: series.flatMap((s) => fanTidy(s.rows, { code: s.code, name: nameOfCode(s.code), measure })),
      columns: TIDY_COLUMNS,
      filename: `${file}-${shown.join('-')}-fan`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      note: `${MEASURE_LABELS[measure].replace(/^./, (c) => c.toUpperCase())}, per simulated year, as a share of the same draw without shocks.${subject && selected === subject && !state.iso3.length ? ' The scenario\'s shocks name this economy.' : ''}`,
    }));

    const W = 760, H = 400;
    const scale = lossScale();
    const metric = { id: 'expected_loss', label: `Expected loss of ${measure} compute, ${losses[0]?.year ?? ''}`, kind: 'share', unit: 'share' };
    const outer = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    outer.setAttribute('viewBox', `0 0 ${W} ${H + 48}`);
    outer.setAttribute('width', W);
    outer.setAttribute('height', H + 48);
    outer.setAttribute('class', 'map-figure');
    const mapSvg = drawMap({
      features: await loadCountries(ctx.isoIndex),
      valueOf: (iso3) => (lossOf.has(iso3) ? lossOf.get(iso3).loss : null),
      colour: scale.colour,
      metric,
      nameOf: (iso3) => lossOf.get(iso3)?.name,
      onClick: (iso3) => lossOf.has(iso3) && go({ iso3: [iso3] }),
      highlight: new Set([selected]),
      width: W,
      height: H,
    });
    const sel = mapSvg.querySelector(`path.country[data-iso3="${selected}"]`);
    if (sel) {
      sel.setAttribute('stroke', '#1d2630');
      sel.setAttribute('stroke-width', 1.2);
    }
    const legendItems = [...scale.legend, { ...NO_DATA_ITEM, label: 'not modelled' }];
    const legend = legendSvg(`${metric.label} (mean over draws; fixed bins)`, legendItems, W);
    const legendH = Number(legend.getAttribute('height'));
    outer.setAttribute('viewBox', `0 0 ${W} ${H + legendH + 4}`);
    outer.setAttribute('height', H + legendH + 4);
    legend.setAttribute('y', H + 2);
    outer.append(mapSvg, legend);
    const host = el('div', { class: 'map-host' }, outer, legendHtml(`${metric.label} (fixed bins)`, legendItems));
    attachTooltip(host, outer);
    grid.append(panel({
      id: 'scenario-map',
      title: 'Expected loss by economy',
      chart: host,
      rows: lossTidy(losses, measure),
      columns: TIDY_COLUMNS,
      filename: `${file}-loss-map`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      note: 'Expected loss = 1 − mean share of the no-shock baseline in the last year, in fixed bins (0–5–10–25–50 %, methodology §12.4) so that maps of different scenarios compare. Click an economy for its fan chart.',
    }));

    const thresholds = result.thresholds || [];
    const tkey = (t) => String(+t.toPrecision(12));
    const table = el('table', { class: 'data', id: 'scenario-table-rows' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Economy'), el('th', {}, 'Baseline H100e'), el('th', {}, 'Expected loss'), el('th', {}, 'Loss P5–P95'), thresholds.map((t) => el('th', {}, `P(loss > ${pct(t, 0)})`)))),
      el('tbody', {}, losses.slice(0, 25).map((l) => el('tr', { class: l.code === selected ? 'selected' : null },
        el('td', {}, el('a', { href: `#${ctx.link({ iso3: [l.code] })}` }, `${l.name} (${l.code})`)),
        el('td', { class: 'num' }, Math.round(l.baseline).toLocaleString('en-US')),
        el('td', { class: 'num' }, pct(l.loss)),
        el('td', { class: 'num' }, `${pct(l.loss_p5)} – ${pct(l.loss_p95)}`),
        thresholds.map((t) => el('td', { class: 'num' }, pct(l.p_loss_gt?.[tkey(t)] ?? 0, 0)))))));
    const tableRows = losses.map((l) => ({ code: l.code, name: l.name, year: l.year, baseline_h100e: l.baseline, expected_loss: l.loss, loss_p5: l.loss_p5, loss_p95: l.loss_p95, ...Object.fromEntries(thresholds.map((t) => [`p_loss_gt_${tkey(t)}`, l.p_loss_gt?.[tkey(t)] ?? null])) }));
    root.append(panel({
      id: 'scenario-table',
      title: `Economies by expected loss, ${losses[0]?.year ?? ''} (top ${Math.min(25, losses.length)} of ${losses.length})`,
      chart: table,
      rows: tableRows,
      columns: ['code', 'name', 'year', 'baseline_h100e', 'expected_loss', 'loss_p5', 'loss_p95', ...thresholds.map((t) => `p_loss_gt_${tkey(t)}`)],
      filename: `${file}-table`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
    }));
  },
};
