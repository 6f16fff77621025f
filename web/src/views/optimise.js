// Optimiser: economy, budget, λ (risk aversion), α (CVaR level) and draws; runs the strategy
// optimiser as a background job (POST /api/v1/jobs/optimise, Cancel discards it) with the
// efficient frontier and the align-or-hedge comparison, then shows the answer, the allocation by
// year, the frontier and the binding constraints. The URL holds every control (lib/state.js).
import { investApi, optimiseApi, ApiError } from '../lib/api.js';
import { MAX_OPTIMISE_DRAWS } from '../lib/state.js';
import { allocationByYear, frontierPoints, optimiseQuery, parseAnswer, sensitivityRows, usdText } from '../lib/invest.js';
import { allocationChart, frontierChart, tornadoChart } from '../lib/invest_charts.js';
import { el, panel } from '../lib/panel.js';
import { t, formatNumber, formatPercent, countryName, economyLabel, compareNames } from '../lib/i18n.js';
import { labelFor, namesInText } from '../lib/labels.js';

const results = new Map(); // by query: the optimiser is deterministic for the same inputs
let running = null;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function runJob(query, ui, alive) {
  if (running) optimiseApi.cancel(running.id);
  const job = await optimiseApi.submit(query);
  const me = { id: job.id };
  running = me;
  ui.cancel.disabled = false;
  ui.cancel.onclick = () => optimiseApi.cancel(me.id);
  let s = job;
  const started = performance.now();
  try {
    while (s.state === 'queued' || s.state === 'running') {
      ui.update(s, (performance.now() - started) / 1000);
      if (!alive()) {
        optimiseApi.cancel(me.id);
        return null;
      }
      await sleep(100);
      s = await optimiseApi.status(me.id);
    }
  } finally {
    if (running === me) running = null;
    ui.cancel.disabled = true;
  }
  ui.update(s, (performance.now() - started) / 1000);
  if (s.state === 'cancelled') return null;
  if (s.state !== 'done') throw new ApiError(s.error || { detail: `the run ${s.state}` }, s.error?.status || 500);
  const result = await optimiseApi.result(me.id);
  optimiseApi.cancel(me.id); // forget the finished job on the server
  return result;
}

export const optimiseView = {
  id: 'optimise',
  async render(ctx, root) {
    const { state } = ctx;
    const arche = await investApi.archetypes();
    const names = new Map(arche.rows.map((r) => [r.iso3, r.name]));
    const nameOf = (c) => (names.has(c) ? countryName(c, names.get(c)) : null);
    const economy = names.has(state.iso3[0]) ? state.iso3[0] : 'IDN';

    const pick = el('select', { id: 'optimise-economy', 'aria-label': t('map.economy'), onchange: () => pending() },
      [...arche.rows].sort((a, b) => compareNames(nameOf(a.iso3), nameOf(b.iso3))).map((r) => el('option', { value: r.iso3, selected: r.iso3 === economy }, economyLabel(r.iso3, r.name))));
    const budget = el('input', { type: 'number', id: 'optimise-budget', min: 0.001, step: 0.5, value: +(state.budget / 1e9).toPrecision(6), 'aria-label': t('optimise.budget_label') });
    const lambda = el('input', { type: 'number', id: 'optimise-lambda', min: 0, max: 1000, step: 0.25, value: state.lambda, 'aria-label': t('optimise.lambda_label') });
    const alpha = el('input', { type: 'number', id: 'optimise-alpha', min: 0.5, max: 0.999, step: 0.01, value: state.alpha, 'aria-label': t('optimise.alpha_label') });
    const draws = el('input', { type: 'number', id: 'optimise-draws', min: 10, max: MAX_OPTIMISE_DRAWS, step: 100, value: state.odraws, 'aria-label': t('optimise.draws_label') });
    const read = () => ({
      budget: Math.max(1e6, Number(budget.value) * 1e9 || state.budget),
      lambda: Math.max(0, Number(lambda.value)),
      alpha: Math.min(0.999, Math.max(0.5, Number(alpha.value) || 0.95)),
      odraws: Math.min(MAX_OPTIMISE_DRAWS, Math.max(10, Math.round(Number(draws.value) || 500))),
    });
    // A run can take a minute at thousands of draws: edits wait for an explicit Run.
    const pendingNote = el('span', { id: 'optimise-pending', class: 'note', role: 'status' }, '');
    const pending = () => {
      pendingNote.textContent = t('optimise.pending');
      rerun.classList.add('primary');
    };
    for (const input of [budget, lambda, alpha, draws]) input.addEventListener('change', pending);
    const cancel = el('button', { type: 'button', id: 'optimise-cancel', disabled: true }, t('scenario.cancel'));
    const query = optimiseQuery({ economy, budget: state.budget, lambda: state.lambda, alpha: state.alpha, odraws: state.odraws });
    const rerun = el('button', { type: 'button', id: 'optimise-run', onclick: () => {
      const next = { ...read(), iso3: [pick.value] };
      if (`#${ctx.link(next)}` === location.hash) results.delete(query); // the same inputs: solve again
      ctx.setState(next);
    } }, t('scenario.run'));
    const status = el('span', { id: 'optimise-status', class: 'note', role: 'status' }, '');
    root.append(el('div', { class: 'view-controls' }, el('label', {}, t('map.economy'), ' ', pick), el('label', {}, t('optimise.budget'), ' ', budget), el('label', {}, 'λ ', lambda), el('label', {}, 'α ', alpha), el('label', {}, t('scenario.draws'), ' ', draws), rerun, cancel, status, pendingNote));

    let result = results.get(query);
    if (!result) {
      const ui = {
        cancel,
        update(s, secs) {
          status.textContent = `${s.state}… ${secs.toFixed(1)} s`;
          root.dataset.job = s.state;
        },
      };
      result = await runJob(query, ui, () => root.isConnected);
      if (!result) {
        if (root.isConnected) root.append(el('p', { class: 'empty', id: 'optimise-cancelled' }, t('scenario.cancelled')));
        return;
      }
      results.set(query, result);
      if (results.size > 12) results.delete(results.keys().next().value);
    }
    root.dataset.job = 'done';
    const m = result.meta;
    status.textContent = t('optimise.done', { status: result.result.status, draws: formatNumber(m.draws), scenario: m.scenario });
    const what = t('optimise.what', { economy: m.economy, budget: usdText(m.budget_usd), lambda: m.lambda, alpha: m.alpha, hash: m.scenario_hash, seed: m.seed, draws: m.draws, solver: m.solver, from: m.start_year, to: m.horizon });
    // The optimiser uses the whole dataset: its date is the dataset's (the years simulated are in `what`).
    const meta = { dataset_version: m.dataset_version, as_of: m.as_of || ctx.info.as_of };
    const file = `aisov-optimise-${m.economy}-${m.budget_usd}-l${m.lambda}-a${m.alpha}-s${m.seed}-${m.draws}`;

    // Align or hedge.
    const ans = parseAnswer(result.answer);
    const aligned = result.aligned.map((a) => ({ label: a.label, status: a.status, objective: a.objective, expected_h100e_years: a.expected_h100e_years, cvar_loss_h100e_years: a.cvar_loss_h100e_years, cost_usd: a.cost_usd, vs_unrestricted: result.result.objective ? a.objective / result.result.objective : null }));
    const best = result.result;
    root.append(panel({
      id: 'optimise-answer',
      title: `${economyLabel(m.economy, m.economy_name)}: ${ans.kind === 'align' ? t('optimise.align_with', { bloc: ans.bloc }) : ans.kind === 'hedge' ? t('optimise.hedge') : ans.kind}`,
      chart: el('div', {},
        el('p', { class: 'answer', id: 'optimise-answer-text' }, result.answer?.text || ''),
        el('table', { class: 'data', id: 'optimise-aligned-table' },
          el('thead', {}, el('tr', {}, ['strategy', 'status', 'objective', 'vs', 'expected', 'cvar', 'cost'].map((h) => el('th', {}, t(`optimise.col.${h}`))))),
          el('tbody', {}, [{ label: t('optimise.unrestricted'), ...best, vs_unrestricted: 1 }, ...aligned].map((a) => el('tr', { class: ans.bloc === a.label ? 'selected' : null },
            el('td', {}, a.label), el('td', {}, a.status), el('td', { class: 'num' }, a.objective.toFixed(0)),
            el('td', { class: 'num' }, a.vs_unrestricted === null ? '' : formatPercent(a.vs_unrestricted, 1)),
            el('td', { class: 'num' }, a.expected_h100e_years.toFixed(0)), el('td', { class: 'num' }, (a.cvar_loss_h100e_years ?? 0).toFixed(0)), el('td', { class: 'num' }, usdText(a.cost_usd))))))),
      rows: aligned,
      columns: ['label', 'status', 'objective', 'vs_unrestricted', 'expected_h100e_years', 'cvar_loss_h100e_years', 'cost_usd'],
      filename: `${file}-align`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      note: t('optimise.answer_note'),
    }));

    const grid = el('div', { class: 'grid' });
    root.append(grid);
    const alloc = allocationByYear(result).map((a) => ({ ...a, label: namesInText(a.label, nameOf) }));
    grid.append(panel({
      id: 'optimise-allocation',
      title: t('optimise.allocation'),
      chart: alloc.length ? allocationChart(alloc) : el('p', { class: 'empty' }, t('optimise.spends_nothing')),
      rows: alloc.map((a) => ({ economy: m.economy, ...a })),
      columns: ['economy', 'year', 'id', 'kind', 'label', 'amount', 'usd'],
      filename: `${file}-allocation`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      note: t('optimise.allocation_note'),
    }));
    const pts = frontierPoints(result);
    grid.append(panel({
      id: 'optimise-frontier',
      title: t('optimise.frontier'),
      chart: pts.length ? frontierChart(pts, { lambda: m.lambda }) : el('p', { class: 'empty' }, t('optimise.no_frontier')),
      rows: pts.map((p) => ({ economy: m.economy, ...p })),
      columns: ['economy', 'lambda', 'expected', 'cvar', 'competitiveness', 'objective', 'cost_usd'],
      filename: `${file}-frontier`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      note: `${t('optimise.frontier_note', { alpha: m.alpha })}${pts.length > 1 && pts.every((q) => q.expected === pts[0].expected && q.cvar === pts[0].cvar) ? t('optimise.frontier_same') : ''}`,
    }));

    const sens = sensitivityRows(result);
    const pct = (x) => `${(x * 100).toFixed(0)} %`;
    grid.append(panel({
      id: 'optimise-sensitivity',
      title: t('optimise.sensitivity'),
      chart: sens.length
        ? el('div', {}, tornadoChart(sens.slice(0, 8), { base: best.objective * (result.valuation?.usd_per_h100e_year || 0), label: (p) => labelFor(p, nameOf), width: 640 }),
          el('table', { class: 'data', id: 'optimise-sensitivity-table' },
          el('thead', {}, el('tr', {}, ['param', 'swing', 'objective', 'share', 'top'].map((h) => el('th', {}, t(`optimise.sens.${h}`))))),
          el('tbody', {}, sens.slice(0, 8).map((s) => el('tr', {},
            el('td', { title: `${s.parameter}: ${s.unit}; value ${s.value}` }, `${labelFor(s.parameter, nameOf)} (${s.low} … ${s.high})`),
            el('td', { class: 'num' }, usdText(s.swing_usd)),
            el('td', { class: 'num' }, `${usdText(s.objective_low_usd)} / ${usdText(s.objective_high_usd)}`),
            el('td', { class: 'num' }, `${pct(s.compute_share_low)} / ${pct(s.compute_share_high)}`),
            el('td', {}, `${namesInText(s.top_option_low, nameOf)} / ${namesInText(s.top_option_high, nameOf)}`))))))
        : el('p', { class: 'empty' }, t('optimise.no_sensitivity')),
      rows: sens.map((s) => ({ economy: m.economy, ...s })),
      columns: ['economy', 'parameter', 'unit', 'value', 'low', 'high', 'swing_usd', 'objective_low_usd', 'objective_high_usd', 'compute_share_low', 'compute_share_high', 'top_option_low', 'top_option_high'],
      filename: `${file}-sensitivity`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      legend: [{ label: t('optimise.tornado_low'), colour: '#9cc3e4' }, { label: t('optimise.tornado_high'), colour: '#1b6ca8' }],
      note: `Tornado: each bar runs from the optimum (dashed line) to its value with the parameter at the low (light) or high (dark) end. Each estimated parameter of the optimiser's table at the low and at the high end of its documented range, one at a time (the 8 with the largest swing; the CSV has all ${sens.length}). Optimum: ${usdText(best.objective * (result.valuation?.usd_per_h100e_year || 0))} USD-equivalent with ${pct(result.compute_share ?? 0)} of the spend on compute (docs/methodology.md §14.5).`,
    }));

    const optionRows = result.allocation.map((o) => ({ id: o.id, kind: o.kind, label: o.label, jurisdiction: o.jurisdiction, location: o.location, expected_h100e_years: o.expected_h100e_years, cost_usd: o.cost_usd }));
    grid.append(panel({
      id: 'optimise-options',
      title: t('optimise.options', { n: optionRows.length }),
      chart: el('table', { class: 'data', id: 'optimise-options-table' },
        el('thead', {}, el('tr', {}, ['Option', 'Kind', 'Jurisdiction', 'E[H100e-years]', 'Cost, USD'].map((h) => el('th', {}, h)))),
        el('tbody', {}, optionRows.map((o) => el('tr', {}, el('td', {}, namesInText(o.label, nameOf)), el('td', {}, o.kind), el('td', {}, o.jurisdiction || o.location || ''), el('td', { class: 'num' }, o.expected_h100e_years.toFixed(0)), el('td', { class: 'num' }, usdText(o.cost_usd)))))),
      rows: optionRows,
      columns: ['id', 'kind', 'label', 'jurisdiction', 'location', 'expected_h100e_years', 'cost_usd'],
      filename: `${file}-options`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
    }));
    const cons = result.constraints;
    grid.append(panel({
      id: 'optimise-constraints',
      title: t('optimise.constraints'),
      chart: el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, ['constraint', 'value', 'unit', 'binding', 'shadow', 'origin'].map((h) => el('th', {}, t(`optimise.cons.${h}`))))),
        el('tbody', {}, cons.map((c) => el('tr', {}, el('td', { title: c.note }, c.name), el('td', { class: 'num' }, formatNumber(c.value, { maximumFractionDigits: 2 })), el('td', {}, c.unit), el('td', {}, c.binding ? t('optimise.yes') : ''), el('td', { class: 'num' }, c.binding ? c.shadow_price.toPrecision(3) : ''), el('td', {}, c.origin))))),
      rows: cons,
      columns: ['name', 'value', 'unit', 'origin', 'binding', 'shadow_price', 'note'],
      filename: `${file}-constraints`,
      source: { meta, what },
      sourcesById: ctx.sourcesById,
      note: (result.warnings || []).length ? `Warnings: ${result.warnings.join('; ')}` : null,
    }));
  },
};
