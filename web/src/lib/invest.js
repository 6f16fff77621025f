// Pure data shaping of the investment and optimiser views (tested in test/invest.test.js):
// element bars from /invest/compare, the projection fan per element from /invest/project,
// pathway gaps, the optimiser's allocation by year and its efficient frontier, and tidy CSV rows.

import { t, hasKey, lazyLabels, economyLabel } from './i18n.js';

// data/value_chain_elements.csv, by position.
export const ELEMENT_ORDER = ['foundational_inputs', 'hardware_inputs', 'infrastructure', 'data', 'foundation_models', 'applications_services', 'enabling_technology', 'ai_strategy_policy', 'rd_innovation', 'adoption_enablement', 'talent_skills', 'capital_access'];

export const ARCHETYPE_LABELS = lazyLabels('archetype.', ['ecosystem_builder', 'selective_player', 'adoption_accelerator', 'emerging_collaborator']);

export const archetypeLabel = (a) => (a ? (hasKey(`archetype.${a}`) ? t(`archetype.${a}`) : a.replace(/_/g, ' ')) : '—');

const mid = (lo, hi) => (lo + hi) / 2;
const elementRank = (id) => {
  const i = ELEMENT_ORDER.indexOf(id);
  return i < 0 ? ELEMENT_ORDER.length : i;
};

/** One row per (economy, element): cumulative investment 2010–2024 as % of GDP (mid, low, high). */
export function elementBars(rows) {
  const out = [];
  for (const r of rows) {
    for (const e of [...r.elements].sort((a, b) => elementRank(a.element) - elementRank(b.element))) {
      out.push({
        code: r.code,
        name: r.name,
        economy: economyLabel(r.code, r.name),
        element: e.element,
        element_name: e.name,
        pct_gdp: mid(e.pct_gdp_low, e.pct_gdp_high),
        pct_gdp_low: e.pct_gdp_low,
        pct_gdp_high: e.pct_gdp_high,
        usd: mid(e.usd_low, e.usd_high),
        estimate_kind: r.estimate_kind,
        source_id: r.source_id,
      });
    }
  }
  return out;
}

/** Tidy rows (lib/csv.js TIDY_COLUMNS) of elementBars(): % of GDP with its low–high range. */
export function elementTidy(bars, year = 2024) {
  return bars.map((b) => ({ code: b.code, name: b.name, year, indicator: `invest_pct_gdp_2010_2024:${b.element}`, value: b.pct_gdp, unit: '% of GDP', lower: b.pct_gdp_low, upper: b.pct_gdp_high, source_id: b.source_id }));
}

/** Totals of each compared economy (% of GDP, mid, low, high) for a summary table. */
export function totalRows(rows) {
  return rows.map((r) => ({ code: r.code, name: r.name, estimate_kind: r.estimate_kind, pct_gdp: mid(r.pct_gdp_low, r.pct_gdp_high), pct_gdp_low: r.pct_gdp_low, pct_gdp_high: r.pct_gdp_high, total_usd: mid(r.total_usd_low, r.total_usd_high), archetype: r.archetype, next_archetype: r.next_archetype, source_id: r.source_id }));
}

/** The pathway to the next archetype: the gap per element (USD and % of GDP), largest first. */
export function pathwayRows(profile) {
  return [...profile.elements]
    .filter((e) => e.gap_usd > 0)
    .sort((a, b) => b.gap_usd - a.gap_usd)
    .map((e) => ({ element: e.element, name: e.name, gap_usd: e.gap_usd, gap_pct_gdp: e.gap_pct_gdp }));
}

/**
 * The projection of one series code ("world" or an ISO3) by element: for each element its name,
 * rows by year (p5, p50, p95, mean), the published 2030 level and whether the median lands on it.
 */
export function fanByElement(project, code = 'world') {
  const byElement = new Map();
  for (const e of project.elements) byElement.set(e.element, { element: e.element, name: e.name, published_2030: e.published_2030, published_qualifier: e.published_qualifier, median_2030: e.median_2030, lands: e.lands, rows: [] });
  for (const r of project.rows) {
    if (r.code !== code) continue;
    const g = byElement.get(r.element);
    if (g) g.rows.push({ year: r.year, p5: r.p5, p50: r.p50, p95: r.p95, mean: r.mean });
  }
  const out = [...byElement.values()].filter((g) => g.rows.length);
  for (const g of out) g.rows.sort((a, b) => a.year - b.year);
  return out.sort((a, b) => elementRank(a.element) - elementRank(b.element));
}

/** Tidy rows of one element's fan: P50 with P5–P95 as lower/upper, USD per year. */
export function fanTidyRows(fan, { code, name }) {
  return fan.rows.map((r) => ({ code, name, year: r.year, indicator: `invest_annual_p50:${fan.element}`, value: r.p50, unit: 'USD per year', lower: r.p5, upper: r.p95, source_id: 'aisov_invest_project' }));
}

/** Spending the optimum commits per start year and option (USD): units × unit cost; investment is in USD already. */
export function allocationByYear(result) {
  const rows = [];
  for (const o of result.allocation) {
    o.amount.forEach((a, i) => {
      if (!a) return;
      const usd = o.kind === 'invest' ? a : a * o.unit_cost_usd;
      rows.push({ year: result.years[i], id: o.id, kind: o.kind, label: o.label, amount: a, usd });
    });
  }
  return rows;
}

/** The frontier's solved points, by λ: expected H100e-years against CVaR of the loss. */
export function frontierPoints(result) {
  return (result.frontier || [])
    .filter((s) => s.status === 'optimal')
    .map((s) => ({ lambda: s.lambda, expected: s.expected_h100e_years, cvar: s.cvar_loss_h100e_years, competitiveness: s.competitiveness_h100e_years, objective: s.objective, cost_usd: s.cost_usd }))
    .sort((a, b) => a.lambda - b.lambda);
}

/** "align:power-us" → {kind: 'align', bloc: 'power-us'}; "hedge" → {kind: 'hedge'}. */
export function parseAnswer(answer) {
  const a = typeof answer === 'string' ? answer : answer?.answer || '';
  if (a.startsWith('align:')) return { kind: 'align', bloc: a.slice(6) };
  if (a === 'hedge') return { kind: 'hedge', bloc: null };
  return { kind: a || 'none', bloc: null };
}

/** Short money text: 1.2 bn, 340 m, 12 k USD. */
export function usdText(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  const a = Math.abs(v);
  if (a >= 1e12) return `${(v / 1e12).toFixed(2)} tn`;
  if (a >= 1e9) return `${(v / 1e9).toFixed(a >= 1e11 ? 0 : 1)} bn`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(a >= 1e8 ? 0 : 1)} m`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(0)} k`;
  return v.toFixed(0);
}

/** The query of POST /api/v1/optimise for the view's state (frontier, align and sensitivity on). */
export function optimiseQuery({ economy, budget, lambda, alpha, odraws }) {
  const q = new URLSearchParams({ economy, budget: String(budget), risk_aversion: String(lambda), alpha: String(alpha), draws: String(odraws), frontier: 'true', sensitivity: 'true' });
  return q.toString();
}

/**
 * The sensitivity table of an optimiser result as tidy rows, in the server's order (largest
 * swing first): objectives in USD-equivalent (H100e-years × the result's value of one
 * H100e-year), compute shares as fractions.
 */
export function sensitivityRows(result) {
  const v = result.valuation?.usd_per_h100e_year || 0;
  return (result.sensitivity || []).map((s) => ({
    parameter: s.parameter,
    unit: s.unit,
    value: s.value,
    low: s.low,
    high: s.high,
    swing_usd: s.swing * v,
    objective_low_usd: s.at_low.objective * v,
    objective_high_usd: s.at_high.objective * v,
    compute_share_low: s.at_low.compute_share,
    compute_share_high: s.at_high.compute_share,
    top_option_low: s.at_low.top_option,
    top_option_high: s.at_high.top_option,
  }));
}
