// Scenario builder: pick a bundled scenario, edit its shocks, run it as a background job
// (progress bar, Cancel) and see the fan chart of one economy, a world map of expected loss
// (click an economy to chart it) and a table. The fan chart overlays up to three lines: other
// economies, or the same economy under variants of the scenario (idn-aligning vs idn-hedging).
// The URL holds scenario, edits, draws, seed, the economies and the variants (lib/state.js);
// the edit logic is in lib/scenario.js.
import { scenarioApi, ApiError } from '../lib/api.js';
import { MAX_DRAWS } from '../lib/state.js';
import { applyEdits, decodeEdits, describe, editProblems, validateParam, encodeEdits, scenarioSubject, shockSignature, MEASURE_LABELS, fanRows, fanTidy, lossByEconomy, lossTidy, pruneEdits, shockControls } from '../lib/scenario.js';
import { fanChart, fanLegend, fanOverlayChart, lossScale } from '../lib/scenario_charts.js';
import { energyFanRows, energyFanTidy, energyMeasure, formatAmount, formatTonnesShort } from '../lib/energy.js';
import { economyColour } from '../lib/labels.js';
import { loadCountries, drawMap, attachTooltip, legendSvg, legendHtml } from '../lib/map.js';
import { NO_DATA_ITEM } from '../lib/scales.js';
import { el, panel } from '../lib/panel.js';
import { TIDY_COLUMNS } from '../lib/csv.js';
import { t, formatNumber, formatPercent, countryName, economyLabel, compareNames } from '../lib/i18n.js';

// Results of this page's runs by (scenario, edits, draws, seed): the same inputs give the same
// result (seeded), so going back to a view does not run it again.
const results = new Map();
let running = null; // the job this page is waiting for

const stem = (file) => file.replace(/\.(toml|json)$/, '');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (v, d = 1) => formatPercent(v, d);
// Colours of the second and third line when they are variants of the same economy (Okabe–Ito).
const VARIANT_COLOURS = ['#0072b2', '#d55e00', '#009e73'];

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
    const key = `${index}.${c.path}`;
    const value = edits[key] ?? c.value ?? '';
    const id = `shock-${index}-${c.path.replace('.', '-')}`;
    const msgId = `${id}-error`;
    const number = el('input', { type: 'number', id, min: c.min, max: c.max, step: c.step, value, placeholder: c.optional ? t('scenario.no_cap') : null, 'data-param': c.param, 'aria-label': `${shock.id} ${c.label}`, 'aria-describedby': msgId });
    const message = el('span', { class: 'field-error', id: msgId, role: 'alert' });
    // An out-of-range value is not clamped silently: it is shown as invalid and nothing runs.
    number.addEventListener('change', () => {
      // An optional value (a cap the file does not set) left empty: back to the file's stop.
      if (c.optional && number.value === '') {
        number.setAttribute('aria-invalid', 'false');
        message.textContent = '';
        onEdit(key, undefined);
        return;
      }
      const v = number.value === '' ? NaN : Number(number.value);
      const problem = validateParam(c.param, v, c.label);
      number.setAttribute('aria-invalid', problem ? 'true' : 'false');
      message.textContent = problem ? t('scenario.problem', { problem }) : '';
      if (!problem) onEdit(key, v);
    });
    const slider = c.unit === 'share' ? el('input', { type: 'range', min: 0, max: 1, step: 0.01, value, 'aria-label': t('scenario.slider', { label: `${shock.id} ${c.label}` }) }) : null;
    if (slider) {
      slider.addEventListener('input', () => { number.value = slider.value; });
      slider.addEventListener('change', () => onEdit(key, Number(slider.value)));
    }
    const from = c.present && typeof c.original === 'object' ? el('span', { class: 'note' }, t('scenario.file_value', { value: describe(c.original) })) : c.optional ? el('span', { class: 'note' }, t('scenario.file_stop')) : null;
    return el('div', { class: 'shock-field' }, el('label', { class: `shock-param${key in edits ? ' edited' : ''}` }, `${c.label} `, slider, number, from), message);
  });
  return el('fieldset', { class: 'shock', 'data-shock': shock.id || `shock-${index + 1}` },
    el('legend', {}, `${shock.id || `shock-${index + 1}`} `, el('span', { class: 'badge' }, shock.kind)),
    shock.description ? el('p', { class: 'note' }, shock.description) : null,
    rows.length ? rows : el('p', { class: 'empty' }, t('scenario.no_editable')));
}

export const scenarioView = {
  id: 'scenario',
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
      const merged = { ...edits, [key]: value };
      if (value === undefined) delete merged[key];
      const next = pruneEdits(source.scenario, merged, { startYear });
      go({ edits: encodeEdits(next) });
    };

    // Controls.
    const pick = el('select', { id: 'scenario-select', 'aria-label': t('scenario.scenario'), onchange: (e) => ctx.setState({ scenario: e.target.value, edits: '', iso3: [], vs: [] }) },
      list.scenarios.map((s) => el('option', { value: stem(s.file), selected: stem(s.file) === name }, s.name)));
    const draws = el('input', { type: 'number', id: 'scenario-draws', min: 1, max: MAX_DRAWS, step: 1000, value: state.draws, 'aria-label': t('scenario.draws') });
    const seed = el('input', { type: 'number', id: 'scenario-seed', min: 0, step: 1, value: state.seed, 'aria-label': t('scenario.seed') });
    const readRun = () => ({ draws: Math.min(MAX_DRAWS, Math.max(1, Math.round(Number(draws.value) || 1))), seed: Math.max(0, Math.round(Number(seed.value) || 0)) });
    draws.addEventListener('change', () => go(readRun()));
    seed.addEventListener('change', () => go(readRun()));
    const run = el('button', { type: 'button', id: 'scenario-run', onclick: () => { results.delete(key); ctx.setState(readRun()); } }, t('scenario.run'));
    const cancel = el('button', { type: 'button', id: 'scenario-cancel', disabled: true }, t('scenario.cancel'));
    const reset = el('button', { type: 'button', id: 'scenario-reset', disabled: !state.edits, onclick: () => ctx.setState({ edits: '' }) }, t('scenario.reset'));
    const bar = el('progress', { id: 'scenario-progress', max: 1, value: 0 });
    const status = el('span', { id: 'scenario-status', class: 'note', role: 'status' }, '');
    root.append(el('div', { class: 'view-controls' }, el('label', {}, t('scenario.scenario'), ' ', pick), el('label', {}, t('scenario.draws'), ' ', draws), el('label', {}, t('scenario.seed'), ' ', seed), run, cancel, reset, bar, status));
    const info = source.check;
    const problems = editProblems(state.edits);
    if (problems.length) {
      root.append(el('p', { class: 'error', role: 'alert', id: 'scenario-edit-problems' }, t('scenario.link_problems', { problems: problems.map((p) => `${p.key} — ${p.message}`).join(t('source.semicolon')) })));
    }
    root.append(el('section', { class: 'panel scenario-about' },
      el('header', {}, el('h3', {}, source.scenario.name || name)),
      info.description ? el('p', { class: 'note' }, info.description) : null,
      el('p', { class: 'note' }, t(info.shocks.length === 1 ? 'scenario.about_one' : 'scenario.about_many', { from: info.start_year + 1, to: info.horizon, n: info.shocks.length, h100e: formatNumber(Math.round(info.world_h100e)) })),
      (info.basis || []).length ? el('details', {}, el('summary', {}, t('scenario.basis')), el('ul', {}, info.basis.map((b) => el('li', {}, b)))) : null,
      el('div', { class: 'shocks' }, (scenario.shocks || []).map((s, i) => shockFieldset(source.scenario.shocks[i], i, edits, { startYear, onEdit })))));

    // Run (or reuse) the result.
    const key = JSON.stringify([name, encodeEdits(edits), state.draws, state.seed]);
    let result = results.get(key);
    if (!result) {
      const ui = {
        cancel,
        update(s) {
          bar.value = s.state === 'done' ? 1 : s.progress;
          status.textContent = t('scenario.progress', { state: s.state, done: formatNumber(s.draws_done), requested: formatNumber(s.draws_requested) });
          root.dataset.job = s.state;
        },
      };
      const started = performance.now();
      result = await runJob(scenario, readRun(), ui, () => root.isConnected);
      if (!result) {
        if (root.isConnected) root.append(el('p', { class: 'empty', id: 'scenario-cancelled' }, t('scenario.cancelled')));
        return;
      }
      status.textContent = t('scenario.done_in', { draws: formatNumber(result.meta.draws), s: ((performance.now() - started) / 1000).toFixed(2) });
      results.set(key, result);
      if (results.size > 12) results.delete(results.keys().next().value); // oldest first
    } else {
      bar.value = 1;
      status.textContent = t('scenario.done_cached', { draws: formatNumber(result.meta.draws) });
    }

    const meta = result.meta;
    const measure = state.measure || 'accessible';
    const losses = lossByEconomy(result, { measure });
    const lossOf = new Map(losses.map((l) => [l.code, l]));
    // Opens on the economy the scenario is about (its shocks name it), else on the largest loss.
    const subject = scenarioSubject(source.scenario);
    const selected = lossOf.has(state.iso3[0]) ? state.iso3[0] : lossOf.has(subject) ? subject : losses[0]?.code;
    const what = t('scenario.what', { name: meta.scenario, hash: meta.scenario_hash, seed: meta.seed, draws: formatNumber(meta.draws) });
    const file = `aisov-scenario-${name}-s${meta.seed}-${meta.draws}`;
    const nameOfCode = (c) => countryName(c, lossOf.get(c)?.name || c);
    const labelOf = (c) => `${nameOfCode(c)} (${c})`;
    const byName = (a, b) => compareNames(nameOfCode(a.code), nameOfCode(b.code));

    // Up to three lines on the fan chart: the selected economy, other economies (iso3 =
    // [selected, overlay…]) and the selected economy under variants of the scenario (vs = other
    // bundled scenarios, run with the same draws and seed; with this scenario's edits when their
    // shocks are the same, otherwise as their files have them).
    const variantNames = state.vs.filter((v) => v !== name && names.includes(v)).slice(0, 2);
    const overlay = state.iso3.slice(1).filter((c) => lossOf.has(c) && c !== selected).slice(0, 2 - variantNames.length);
    const shown = [selected, ...overlay];
    const lines = shown.length + variantNames.length;
    const signature = shockSignature(source.scenario);
    const variants = [];
    for (const v of variantNames) {
      const vsource = await scenarioApi.source(v);
      const sameShocks = shockSignature(vsource.scenario) === signature;
      const vkey = JSON.stringify([v, sameShocks ? encodeEdits(edits) : '', state.draws, state.seed]);
      let vres = results.get(vkey);
      if (!vres) {
        const vui = { cancel, update: (st) => { status.textContent = t('scenario.variant_progress', { name: vsource.scenario.name || v, state: st.state }); } };
        vres = await runJob(sameShocks ? applyEdits(vsource.scenario, edits) : vsource.scenario, readRun(), vui, () => root.isConnected);
        if (!vres) return;
        results.set(vkey, vres);
        if (results.size > 12) results.delete(results.keys().next().value);
      }
      variants.push({ name: v, title: vres.meta.scenario || v, result: vres, edited: sameShocks && Object.keys(edits).length > 0, sameShocks });
    }
    if (!root.isConnected) return;

    const economy = el('select', { id: 'scenario-economy', 'aria-label': t('map.economy'), onchange: (e) => go({ iso3: [e.target.value, ...overlay.filter((c) => c !== e.target.value)] }) },
      [...losses].sort(byName).map((l) => el('option', { value: l.code, selected: l.code === selected }, labelOf(l.code))));
    const full = lines >= 3;
    const addOverlay = el('select', { id: 'scenario-overlay', 'aria-label': t('scenario.overlay_label'), disabled: full, onchange: (e) => e.target.value && go({ iso3: [...shown, e.target.value] }) },
      el('option', { value: '' }, full ? t('scenario.at_most_three') : t('scenario.overlay_economy')),
      [...losses].filter((l) => !shown.includes(l.code)).sort(byName).map((l) => el('option', { value: l.code }, labelOf(l.code))));
    const addVariant = el('select', { id: 'scenario-variant', 'aria-label': t('scenario.variant_label'), disabled: full, onchange: (e) => e.target.value && go({ vs: [...variantNames, e.target.value] }) },
      el('option', { value: '' }, full ? t('scenario.at_most_three') : t('scenario.overlay_variant')),
      list.scenarios.filter((sc) => stem(sc.file) !== name && !variantNames.includes(stem(sc.file))).map((sc) => el('option', { value: stem(sc.file) }, sc.name)));
    const overlayChips = overlay.map((c) => el('span', { class: 'chip', style: `border-left: 6px solid ${economyColour(c)}` }, c,
      el('button', { type: 'button', id: `scenario-overlay-remove-${c}`, 'aria-label': t('scenario.remove_line', { what: c }), onclick: () => go({ iso3: shown.filter((x) => x !== c) }) }, '×')));
    const variantChips = variantNames.map((v, i) => el('span', { class: 'chip', style: `border-left: 6px solid ${VARIANT_COLOURS[shown.length + i]}` }, v,
      el('button', { type: 'button', id: `scenario-variant-remove-${v}`, 'aria-label': t('scenario.remove_line', { what: v }), onclick: () => go({ vs: variantNames.filter((x) => x !== v) }) }, '×')));
    const fan = fanRows(result, selected, measure);
    const scenarioTitle = meta.scenario || name;
    // One series per line: {code, label, colour, rows, scenario}. With variants, each line is named by its scenario too.
    // Colours: each economy's fixed colour; with variants (one economy in several colours) by line.
    const series = [
      ...shown.map((c) => ({ code: c, label: variants.length ? `${labelOf(c)} — ${scenarioTitle}` : labelOf(c), rows: c === selected ? fan : fanRows(result, c, measure), scenario: name })),
      ...variants.map((v) => ({ code: selected, label: `${labelOf(selected)} — ${v.title}`, rows: fanRows(v.result, selected, measure), scenario: v.name })),
    ].map((x, i) => ({ ...x, colour: variants.length ? VARIANT_COLOURS[i] : economyColour(x.code) }));
    const measurePick = el('select', { id: 'scenario-measure', 'aria-label': t('scenario.measure'), onchange: (e) => go({ measure: e.target.value }) },
      Object.entries(MEASURE_LABELS).map(([k, l]) => el('option', { value: k, selected: k === measure }, l)));
    const grid = el('div', { class: 'grid' });
    root.append(grid);
    const heading = variants.length
      ? t('scenario.fan_title_variants', { economy: labelOf(selected), scenarios: [scenarioTitle, ...variants.map((v) => v.title)].join(t('scenario.vs')), measure: t(`measure_short.${measure}`) })
      : t('scenario.fan_title', { economies: series.map((x) => x.label).join(t('scenario.vs')), measure: t(`measure_short.${measure}`) });
    const variantNote = variants.map((v) => (v.sameShocks ? (v.edited ? t('scenario.variant_edited', { name: v.title }) : '') : t('scenario.variant_unedited', { name: v.title }))).filter(Boolean).join(' ');
    grid.append(panel({
      id: 'scenario-fan',
      title: heading,
      chart: el('div', {}, el('div', { class: 'view-controls' }, el('label', {}, t('map.economy'), ' ', economy), overlayChips, variantChips, addOverlay, addVariant, el('label', {}, t('scenario.measure'), ' ', measurePick)),
        series.length > 1 ? fanOverlayChart(series, { width: 600 }) : fanChart(fan, { width: 600 }),
        // The key of the lines (solid, dashed, dotted; the export has it from the chart's colour scale).
        series.length > 1 ? el('div', { class: 'legend-html', id: 'scenario-fan-key' }, series.map((x, i) => el('span', { class: 'legend-item' },
          el('span', { class: `swatch line-key line-${i}`, style: `border-color:${x.colour}` }), x.label))) : null),
      rows: series.flatMap((x) => fanTidy(x.rows, { code: x.code, name: lossOf.get(x.code)?.name || x.code, measure, scenario: variants.length ? x.scenario : null })),
      columns: TIDY_COLUMNS,
      filename: `${file}-${shown.join('-')}${variantNames.length ? `-vs-${variantNames.join('-')}` : ''}-fan`,
      source: { meta, what: variants.length ? `${what}${t('source.semicolon')}${variants.map((v) => t('scenario.what', { name: v.title, hash: v.result.meta.scenario_hash, seed: v.result.meta.seed, draws: formatNumber(v.result.meta.draws) })).join(t('source.semicolon'))}` : what },
      sourcesById: ctx.sourcesById,
      note: `${t('scenario.fan_note', { measure: MEASURE_LABELS[measure] })}${subject && selected === subject && !state.iso3.length ? t('scenario.subject_note') : ''}${variantNote ? ` ${variantNote}` : ''}`,
    }));

    // TWh and tCO2e per year of the selected economy (methodology §15.5), beside the H100e chart:
    // territorial (or sovereign) compute; accessible rows carry no energy.
    const eMeasure = energyMeasure(measure);
    const ea = result.energy_assumptions;
    const firstEnergy = (result.rows || []).find((r) => r.code === selected && r.measure === eMeasure && r.energy)?.energy;
    const num = (v, d = 3) => formatNumber(v, { maximumFractionDigits: d });
    const energyNote = ea ? t('scenario.energy_note', { kw: num(firstEnergy?.it_kw_per_h100e_start ?? ea.it_kw_per_h100e), eta: num(ea.efficiency_gain), u: num(ea.utilisation), pue: num(ea.pue) }) : '';
    const accessibleNote = measure === 'accessible' ? t('scenario.energy_accessible') : '';
    for (const [field, titleKey, axisKey, format] of [['twh', 'scenario.energy_twh_title', 'fan.twh_axis', formatAmount], ['co2_t', 'scenario.energy_co2_title', 'fan.co2_axis', formatTonnesShort]]) {
      const erows = energyFanRows(result, selected, eMeasure, field);
      const co2Note = field === 'co2_t' && firstEnergy && typeof firstEnergy.carbon_gco2_per_kwh === 'number' ? t('scenario.energy_co2_note', { g: num(firstEnergy.carbon_gco2_per_kwh, 1), year: firstEnergy.carbon_year }) : '';
      const empty = field === 'co2_t' && firstEnergy ? t('scenario.co2_none') : t('scenario.energy_none');
      grid.append(panel({
        id: `scenario-energy-${field === 'twh' ? 'twh' : 'co2'}`,
        title: t(titleKey, { economy: labelOf(selected), measure: t(`measure_short.${eMeasure}`) }),
        chart: erows.length ? fanChart(erows, { width: 600, y: { label: t(axisKey), format } }) : el('p', { class: 'empty' }, empty),
        rows: energyFanTidy(erows, { code: selected, name: lossOf.get(selected)?.name || selected, measure: eMeasure, field }),
        columns: TIDY_COLUMNS,
        filename: `${file}-${selected}-${field === 'twh' ? 'twh' : 'co2'}-fan`,
        source: { meta, what, sourceIds: field === 'co2_t' ? ['owid_ember_carbon'] : [] },
        sourcesById: ctx.sourcesById,
        note: `${energyNote}${co2Note}${accessibleNote}`,
        legend: erows.length ? fanLegend() : undefined,
      }));
    }

    const W = 760, H = 400;
    const scale = lossScale();
    const metric = { id: 'expected_loss', label: t('scenario.loss_label', { measure: t(`measure_short.${measure}`), year: losses[0]?.year ?? '' }), kind: 'share', unit: 'share' };
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
    const legendItems = [...scale.legend, { ...NO_DATA_ITEM, label: t('scenario.not_modelled') }];
    const legend = legendSvg(t('scenario.legend_svg', { label: metric.label }), legendItems, W);
    const legendH = Number(legend.getAttribute('height'));
    outer.setAttribute('viewBox', `0 0 ${W} ${H + legendH + 4}`);
    outer.setAttribute('height', H + legendH + 4);
    legend.setAttribute('y', H + 2);
    outer.append(mapSvg, legend);
    const host = el('div', { class: 'map-host' }, outer, legendHtml(t('scenario.legend_html', { label: metric.label }), legendItems));
    attachTooltip(host, outer);
    grid.append(panel({
      id: 'scenario-map',
      title: t('scenario.loss_title'),
      chart: host,
      rows: lossTidy(losses, measure),
      columns: TIDY_COLUMNS,
      filename: `${file}-loss-map`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      note: t('scenario.loss_note'),
    }));

    const thresholds = result.thresholds || [];
    const tkey = (x) => String(+x.toPrecision(12));
    const table = el('table', { class: 'data', id: 'scenario-table-rows' },
      el('thead', {}, el('tr', {}, el('th', {}, t('map.economy')), el('th', {}, t('scenario.col_baseline')), el('th', {}, t('scenario.col_loss')), el('th', {}, t('scenario.col_loss_range')), thresholds.map((x) => el('th', {}, t('scenario.col_p_loss', { v: pct(x, 0) }))))),
      el('tbody', {}, losses.slice(0, 25).map((l) => el('tr', { class: l.code === selected ? 'selected' : null },
        el('td', {}, el('a', { href: `#${ctx.link({ iso3: [l.code] })}` }, labelOf(l.code))),
        el('td', { class: 'num' }, formatNumber(Math.round(l.baseline))),
        el('td', { class: 'num' }, pct(l.loss)),
        el('td', { class: 'num' }, `${pct(l.loss_p5)} – ${pct(l.loss_p95)}`),
        thresholds.map((x) => el('td', { class: 'num' }, pct(l.p_loss_gt?.[tkey(x)] ?? 0, 0)))))));
    const tableRows = losses.map((l) => ({ code: l.code, name: l.name, year: l.year, baseline_h100e: l.baseline, expected_loss: l.loss, loss_p5: l.loss_p5, loss_p95: l.loss_p95, ...Object.fromEntries(thresholds.map((x) => [`p_loss_gt_${tkey(x)}`, l.p_loss_gt?.[tkey(x)] ?? null])) }));
    root.append(panel({
      id: 'scenario-table',
      title: t('scenario.table_title', { year: losses[0]?.year ?? '', top: Math.min(25, losses.length), n: losses.length }),
      chart: table,
      rows: tableRows,
      columns: ['code', 'name', 'year', 'baseline_h100e', 'expected_loss', 'loss_p5', 'loss_p95', ...thresholds.map((x) => `p_loss_gt_${tkey(x)}`)],
      filename: `${file}-table`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
    }));
  },
};
