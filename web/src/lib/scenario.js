// Pure logic of the scenario builder: which shock values can be edited, edits ⇄ URL text,
// edits applied to a scenario (the JSON that is sent to the API), and the result reshaped for
// the fan chart, the loss map and the table. No DOM here (unit-tested in test/scenario.test.js).
// Labels and messages are in the current language (lib/i18n.js).
import { t, formatNumber, lazyLabels } from './i18n.js';

/** Parameters every shock has that the builder edits. */
export const COMMON_PARAMS = ['probability', 'start', 'duration'];

/** The key parameter(s) of each shock kind (docs/scenarios.md, "Shock kinds"). */
export const KIND_PARAMS = {
  foundry_disruption: ['loss'],
  provider_withdrawal: ['fraction'],
  energy_cap: ['max_growth', 'max_mw'],
  growth: ['growth'],
  export_control: ['cap_h100e_per_year'],
};

// Ranges of the editable values. The export-control cap has the range the engine accepts
// (src/io/scenario_file.cpp: 0 to 10¹² H100e per economy and year).
const PARAM_META = {
  probability: { min: 0, max: 1, step: 0.01, unit: 'share' },
  start: { min: 2000, max: 2100, step: 1, unit: 'year' },
  duration: { min: 0, max: 100, step: 0.25, unit: 'years' },
  loss: { min: 0, max: 1, step: 0.01, unit: 'share' },
  fraction: { min: 0, max: 1, step: 0.01, unit: 'share' },
  max_growth: { min: 0, max: 5, step: 0.01, unit: 'ratio' },
  max_mw: { min: 0, max: 1e7, step: 1, unit: 'MW' },
  growth: { min: 0, max: 5, step: 0.01, unit: 'ratio' },
  cap_h100e_per_year: { min: 0, max: 1e12, step: 100, unit: 'H100e' },
};
const paramLabel = (param) => t(`shock.param.${param}`);

// An edit's key: shock index, an optional export-control tier ("t0."), the parameter:
// "0.probability", "1.cap_h100e_per_year", "0.t1.cap_h100e_per_year".
const PARAM = /^(\d{1,3})\.(?:t(\d{1,2})\.)?([a-z_0-9]+)$/;
/** {shock, tier (null: the shock itself), param} of an edit key; null when malformed. */
export function parseEditKey(key) {
  const m = PARAM.exec(String(key));
  if (!m || !PARAM_META[m[3]]) return null;
  if (m[2] !== undefined && m[3] !== 'cap_h100e_per_year') return null; // only the cap is per tier
  return { shock: Number(m[1]), tier: m[2] === undefined ? null : Number(m[2]), param: m[3] };
}

/**
 * The central value of a number or a distribution (docs/scenarios.md, "Uncertain values"):
 * the value itself, the middle of a uniform, the mode of a triangular or PERT, the median of a
 * lognormal90 (√(p5·p95)), the weighted mean of a choice. null when it is neither.
 */
export function central(v) {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const nums = (a) => Array.isArray(a) && a.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (typeof v.fixed === 'number') return v.fixed;
  if (nums(v.uniform) && v.uniform.length === 2) return (v.uniform[0] + v.uniform[1]) / 2;
  for (const k of ['triangular', 'pert']) if (nums(v[k]) && v[k].length === 3) return v[k][1];
  if (nums(v.lognormal90) && v.lognormal90.length === 2) return Math.sqrt(v.lognormal90[0] * v.lognormal90[1]);
  if (nums(v.choice) && v.choice.length) {
    const w = nums(v.weights) && v.weights.length === v.choice.length ? v.weights : v.choice.map(() => 1);
    const total = w.reduce((s, x) => s + x, 0);
    return total > 0 ? v.choice.reduce((s, x, i) => s + x * w[i], 0) / total : null;
  }
  return null;
}

/** Text of a value as the scenario file has it: 0.2, uniform [2027, 2030] … */
export function describe(v) {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'object') return String(v);
  const [k, a] = Object.entries(v).find(([key]) => key !== 'weights') || [];
  return k ? `${k} [${[].concat(a).join(', ')}]` : '';
}

/**
 * The editable controls of a shock: [{param, path, label, value (central), original, min, max,
 * step, unit, present, optional}]. path is the key after the shock index ("probability",
 * "t0.cap_h100e_per_year"). probability defaults to 1 and start to the first simulated year when
 * the file leaves them out; a kind parameter the shock does not have is left out, except the
 * export-control cap: a shock (or tier) without one stops supply, and its cap control is empty
 * (optional: a number sets a cap, an empty field keeps the stop).
 */
export function shockControls(shock, { startYear = 2025 } = {}) {
  const out = [];
  for (const param of [...COMMON_PARAMS, ...(KIND_PARAMS[shock.kind] || [])]) {
    if (param === 'cap_h100e_per_year') {
      out.push(...capControls(shock));
      continue;
    }
    const present = shock[param] !== undefined;
    if (!present && !COMMON_PARAMS.includes(param)) continue;
    if (!present && param === 'duration') continue;
    let value = present ? central(shock[param]) : param === 'probability' ? 1 : startYear;
    if (value === null) continue; // a shape the builder cannot show as one number
    // Four significant digits are enough for a control (√0.75 years shows as 0.866).
    value = param === 'start' ? Math.round(value) : Number(value.toPrecision(4));
    out.push({ param, path: param, label: paramLabel(param), ...PARAM_META[param], value, original: shock[param], present, optional: false });
  }
  return out;
}

// The cap controls of an export-control shock: one per tier when it has tiers, else one.
function capControls(shock) {
  const param = 'cap_h100e_per_year';
  const one = (holder, path, label) => {
    const present = holder[param] !== undefined;
    const c = present ? central(holder[param]) : null;
    if (present && c === null) return [];
    return [{ param, path, label, ...PARAM_META[param], value: present ? Number(c.toPrecision(4)) : null, original: holder[param], present, optional: !present }];
  };
  if (Array.isArray(shock.tiers)) return shock.tiers.flatMap((tier, i) => one(tier || {}, `t${i}.${param}`, t('shock.param.cap_tier', { n: i + 1 })));
  return one(shock, param, paramLabel(param));
}

/** Parses "0.probability:0.5,0.start:2028" into {"0.probability": 0.5, …}; bad parts dropped. */
export function decodeEdits(text) {
  const edits = {};
  for (const part of String(text || '').split(',')) {
    const i = part.lastIndexOf(':');
    if (i < 0) continue;
    const key = part.slice(0, i).trim();
    const value = Number(part.slice(i + 1));
    const k = parseEditKey(key);
    if (!k || part.slice(i + 1).trim() === '' || !Number.isFinite(value)) continue;
    edits[key] = clampParam(k.param, value);
  }
  return edits;
}

/** The inverse of decodeEdits: keys sorted by shock then parameter, so a link is stable. */
export function encodeEdits(edits) {
  return Object.keys(edits || {})
    .filter((k) => parseEditKey(k) && Number.isFinite(edits[k]))
    .sort((a, b) => {
      const [ia, pa] = [a.slice(0, a.indexOf('.')), a.slice(a.indexOf('.') + 1)];
      const [ib, pb] = [b.slice(0, b.indexOf('.')), b.slice(b.indexOf('.') + 1)];
      return Number(ia) - Number(ib) || (pa < pb ? -1 : pa > pb ? 1 : 0);
    })
    .map((k) => `${k}:${+edits[k].toPrecision(12)}`)
    .join(',');
}

/**
 * Why a value of a shock parameter is not allowed, or null when it is: out of [min, max], not a
 * number, or (start) not a whole year. The builder shows the message and does not run. `label`
 * names the field (default: the parameter's label; a tier's cap says which tier).
 */
export function validateParam(param, value, label = null) {
  const m = PARAM_META[param];
  if (!m) return t('shock.unknown_param', { param });
  label = label || paramLabel(param);
  if (typeof value !== 'number' || !Number.isFinite(value)) return t('shock.enter_number', { label });
  if (value < m.min || value > m.max) return t('shock.out_of_range', { label, min: formatNumber(m.min), max: formatNumber(m.max), value: formatNumber(value, { maximumFractionDigits: 6 }) });
  if (param === 'start' && !Number.isInteger(value)) return t('shock.whole_year', { label });
  return null;
}

/** The problems of the edits in a URL ("0.probability:5,…"): [{key, value, message}] for each value decodeEdits had to clamp. */
export function editProblems(text) {
  const out = [];
  for (const part of String(text || '').split(',')) {
    const i = part.lastIndexOf(':');
    if (i < 0) continue;
    const key = part.slice(0, i).trim();
    const k = parseEditKey(key);
    const value = Number(part.slice(i + 1));
    if (!k || part.slice(i + 1).trim() === '' || !Number.isFinite(value)) continue;
    const message = validateParam(k.param, value);
    if (message) out.push({ key, value, message });
  }
  return out;
}

function clampParam(param, value) {
  const m = PARAM_META[param];
  const v = Math.min(m.max, Math.max(m.min, value));
  return param === 'start' ? Math.round(v) : v;
}

/**
 * The scenario with the edits applied (a new object; the input is not changed): each edited
 * value replaces the shock's number or distribution by that fixed number. Edits of shocks the
 * scenario does not have are ignored. The result is the JSON body for /api/v1/scenario/run.
 */
export function applyEdits(scenario, edits) {
  const out = JSON.parse(JSON.stringify(scenario));
  for (const [key, value] of Object.entries(edits || {})) {
    const k = parseEditKey(key);
    if (!k || !Number.isFinite(value)) continue;
    const shock = out.shocks?.[k.shock];
    if (!shock) continue;
    // A tier's cap goes into that tier (a tier the shock does not have is ignored).
    const holder = k.tier === null ? shock : Array.isArray(shock.tiers) ? shock.tiers[k.tier] : null;
    if (!holder) continue;
    // A cap on a shock with tiers belongs in the tiers (the engine refuses it on the shock).
    if (k.tier === null && k.param === 'cap_h100e_per_year' && Array.isArray(shock.tiers)) continue;
    holder[k.param] = clampParam(k.param, value);
  }
  return out;
}

/** Edits that differ from the scenario's own central values (so that defaults stay out of URLs). */
export function pruneEdits(scenario, edits, opts) {
  const out = {};
  for (const [key, value] of Object.entries(edits || {})) {
    const k = parseEditKey(key);
    if (!k) continue;
    const shock = scenario.shocks?.[k.shock];
    if (!shock) continue;
    const path = key.slice(key.indexOf('.') + 1);
    const control = shockControls(shock, opts).find((c) => c.path === path);
    if (!control || control.value === null || Math.abs(control.value - value) > 1e-12 || typeof control.original === 'object') out[key] = value;
  }
  return out;
}

/** Rows of one economy and measure, by year: {year, mean, p5, p50, p95, baseline} (shares). */
export function fanRows(result, code, measure = 'accessible') {
  return (result?.rows || [])
    .filter((r) => r.code === code && r.measure === measure)
    .map((r) => ({ year: r.year, mean: r.share.mean, p5: r.share.p5, p50: r.share.p50, p95: r.share.p95, baseline: r.baseline_h100e, h100e_p50: r.h100e.p50 }))
    .sort((a, b) => a.year - b.year);
}

/**
 * Expected loss by economy in one year (default: the last year reported): 1 − mean share of
 * the no-shock baseline, with P5/P95 of the loss (1 − P95 share, 1 − P5 share).
 */
export function lossByEconomy(result, { measure = 'accessible', year } = {}) {
  const rows = (result?.rows || []).filter((r) => r.measure === measure);
  const y = year ?? Math.max(...rows.map((r) => r.year));
  return rows
    .filter((r) => r.year === y)
    .map((r) => ({ code: r.code, name: r.name, year: y, loss: 1 - r.share.mean, loss_p5: 1 - r.share.p95, loss_p95: 1 - r.share.p5, baseline: r.baseline_h100e, p_loss_gt: r.p_loss_gt }))
    .sort((a, b) => b.loss - a.loss || (a.code < b.code ? -1 : 1));
}

/**
 * Tidy CSV rows (TIDY_COLUMNS) of a fan chart: one per year, P50 with the P5–P95 interval. With
 * `scenario` (lines of several scenario variants) the source id names the variant:
 * "aisov_scenario:idn-hedging".
 */
export function fanTidy(rows, { code, name, measure = 'accessible', scenario = null }) {
  const source = scenario ? `aisov_scenario:${scenario}` : 'aisov_scenario';
  return rows.map((r) => ({ code, name, year: r.year, indicator: `${measure}_share_p50`, value: r.p50, unit: 'share of no-shock baseline', lower: r.p5, upper: r.p95, source_id: source }));
}

/** Tidy CSV rows of the loss map: expected loss with its P5–P95 interval. */
export function lossTidy(losses, measure = 'accessible') {
  return losses.map((l) => ({ code: l.code, name: l.name, year: l.year, indicator: `${measure}_expected_loss`, value: l.loss, unit: 'share of no-shock baseline', lower: l.loss_p5, upper: l.loss_p95, source_id: 'aisov_scenario' }));
}

// The core economy of a power bloc (methodology §5: power-us = USA; power-china = CHN, HKG, MAC).
const BLOC_CORE = { 'power-us': 'USA', 'power-china': 'CHN' };

/**
 * The economy a scenario is about: the first ISO3 code (or the core of a US/China power bloc)
 * named by its shocks' `economies`, `target`, `economy` or `jurisdiction` fields, in file order;
 * null when the shocks name none (the builder then opens on the largest expected loss).
 */
export function scenarioSubject(scenario) {
  for (const shock of scenario?.shocks || []) {
    for (const field of ['economies', 'economy', 'target', 'targets', 'jurisdiction']) {
      for (const v of [].concat(shock[field] ?? [])) {
        if (typeof v !== 'string') continue;
        if (/^[A-Z]{3}$/.test(v)) return v;
        if (BLOC_CORE[v]) return BLOC_CORE[v];
      }
    }
  }
  return null;
}

export const MEASURE_LABELS = lazyLabels('measure.', ['accessible', 'territorial', 'sovereign']);

/** The shock structure of a scenario (ids and kinds, in order): variants with the same structure take the same edits. */
export function shockSignature(scenario) {
  return JSON.stringify((scenario?.shocks || []).map((s) => [s.id ?? null, s.kind, Array.isArray(s.tiers) ? s.tiers.length : 0]));
}
