import { describe, it, expect } from 'vitest';
import { allocationByYear, archetypeLabel, elementBars, elementTidy, fanByElement, fanTidyRows, frontierPoints, optimiseQuery, parseAnswer, sensitivityRows, pathwayRows, totalRows, usdText } from '../src/lib/invest.js';
import { decodeState, encodeState, DEFAULT_STATE } from '../src/lib/state.js';
import { toCsv, TIDY_COLUMNS } from '../src/lib/csv.js';
import { exposureRows, exposureTidy } from '../src/lib/exposure.js';

// Hand-made rows in the shape of GET /api/v1/invest/compare (two elements, listed out of order).
const row = (code, name, els) => ({
  code, name, estimate_kind: 'published', source_id: 'src_a', pct_gdp_low: 1, pct_gdp_high: 3, total_usd_low: 10e9, total_usd_high: 30e9, archetype: 'selective_player', next_archetype: 'ecosystem_builder',
  elements: els.map(([element, lo, hi]) => ({ element, name: element.replace(/_/g, ' '), usd_low: lo * 1e9, usd_high: hi * 1e9, pct_gdp_low: lo / 10, pct_gdp_high: hi / 10, gap_usd: 0, gap_pct_gdp: 0 })),
});
const cmp = [row('DEU', 'Germany', [['infrastructure', 1, 3], ['foundational_inputs', 2, 2]]), row('FRA', 'France', [['foundational_inputs', 0, 1], ['infrastructure', 4, 6]])];

describe('element bars', () => {
  it('takes the midpoint of each % of GDP range and keeps the range, elements in value-chain order', () => {
    const b = elementBars(cmp);
    expect(b.map((x) => [x.code, x.element])).toEqual([['DEU', 'foundational_inputs'], ['DEU', 'infrastructure'], ['FRA', 'foundational_inputs'], ['FRA', 'infrastructure']]);
    expect(b[1].pct_gdp).toBeCloseTo(0.2); // (0.1 + 0.3) / 2
    expect([b[1].pct_gdp_low, b[1].pct_gdp_high]).toEqual([0.1, 0.3]);
    expect(b[2].usd).toBe(0.5e9);
    expect(b[3].economy).toBe('France (FRA)');
  });
  it('writes tidy CSV rows with lower/upper', () => {
    const csv = toCsv(elementTidy(elementBars(cmp)), TIDY_COLUMNS).trim().split('\n');
    expect(csv[0]).toBe('code,name,year,indicator,value,unit,lower,upper,source_id');
    expect(csv[1]).toBe('DEU,Germany,2024,invest_pct_gdp_2010_2024:foundational_inputs,0.2,% of GDP,0.2,0.2,src_a');
    expect(csv).toHaveLength(5);
  });
  it('totals take the midpoints', () => {
    expect(totalRows(cmp)[0]).toMatchObject({ code: 'DEU', pct_gdp: 2, total_usd: 20e9, archetype: 'selective_player' });
  });
});

describe('pathway', () => {
  it('lists the elements with a gap, largest first', () => {
    const p = { elements: [{ element: 'a', name: 'A', gap_usd: 1, gap_pct_gdp: 0.1 }, { element: 'b', name: 'B', gap_usd: 0, gap_pct_gdp: 0 }, { element: 'c', name: 'C', gap_usd: 5, gap_pct_gdp: 0.5 }] };
    expect(pathwayRows(p).map((r) => r.element)).toEqual(['c', 'a']);
  });
  it('labels archetypes', () => {
    expect(archetypeLabel('adoption_accelerator')).toBe('Adoption accelerator');
    expect(archetypeLabel(null)).toBe('—');
    expect(archetypeLabel('new_kind')).toBe('new kind');
  });
});

describe('projection fans', () => {
  // The shape of GET /api/v1/invest/project: rows by code, element, year.
  const proj = {
    elements: [{ element: 'infrastructure', name: 'Infrastructure', published_2030: 100, published_qualifier: 'about', median_2030: 98, lands: true }, { element: 'foundational_inputs', name: 'Foundational inputs', published_2030: 0, published_qualifier: '', median_2030: 0, lands: false }],
    rows: [
      { code: 'world', element: 'infrastructure', year: 2030, mean: 99, p5: 80, p50: 98, p95: 120 },
      { code: 'world', element: 'infrastructure', year: 2024, mean: 50, p5: 40, p50: 50, p95: 60 },
      { code: 'DEU', element: 'infrastructure', year: 2024, mean: 5, p5: 4, p50: 5, p95: 6 },
      { code: 'world', element: 'foundational_inputs', year: 2024, mean: 1, p5: 1, p50: 1, p95: 1 },
    ],
  };
  it('groups one code by element (value-chain order), years ascending, with the published level', () => {
    const f = fanByElement(proj, 'world');
    expect(f.map((x) => x.element)).toEqual(['foundational_inputs', 'infrastructure']);
    expect(f[1].rows.map((r) => r.year)).toEqual([2024, 2030]);
    expect(f[1]).toMatchObject({ published_2030: 100, lands: true });
    expect(fanByElement(proj, 'DEU')).toHaveLength(1);
  });
  it('writes P50 with P5–P95 as lower and upper', () => {
    const t = fanTidyRows(fanByElement(proj)[1], { code: 'world', name: 'World' });
    expect(t[1]).toMatchObject({ year: 2030, value: 98, lower: 80, upper: 120, indicator: 'invest_annual_p50:infrastructure' });
  });
});

describe('optimiser result', () => {
  const result = {
    years: [2027, 2028, 2029],
    allocation: [
      { id: 'build:USA', kind: 'build', label: 'build with US chips', unit_cost_usd: 2e8, amount: [1, 0, 2] },
      { id: 'invest:data', kind: 'invest', label: 'investment in data', unit_cost_usd: 1e6, amount: [5e6, 5e6, 0] },
    ],
    frontier: [
      { lambda: 2, status: 'optimal', expected_h100e_years: 90, cvar_loss_h100e_years: 10, competitiveness_h100e_years: 0, objective: 70, cost_usd: 1 },
      { lambda: 0, status: 'optimal', expected_h100e_years: 100, cvar_loss_h100e_years: 30, competitiveness_h100e_years: 0, objective: 100, cost_usd: 1 },
      { lambda: 8, status: 'infeasible', expected_h100e_years: 0, cvar_loss_h100e_years: 0, competitiveness_h100e_years: 0, objective: 0, cost_usd: 0 },
    ],
  };
  it('commits units × unit cost in the start year; investment amounts are USD', () => {
    const a = allocationByYear(result);
    expect(a.map((r) => [r.year, r.id, r.usd])).toEqual([[2027, 'build:USA', 2e8], [2029, 'build:USA', 4e8], [2027, 'invest:data', 5e6], [2028, 'invest:data', 5e6]]);
  });
  it('keeps the optimal frontier points in λ order', () => {
    expect(frontierPoints(result).map((p) => [p.lambda, p.expected, p.cvar])).toEqual([[0, 100, 30], [2, 90, 10]]);
  });
  it('reads the align-or-hedge answer', () => {
    expect(parseAnswer({ answer: 'align:power-us', text: '…' })).toEqual({ kind: 'align', bloc: 'power-us' });
    expect(parseAnswer('hedge')).toEqual({ kind: 'hedge', bloc: null });
    expect(parseAnswer(undefined).kind).toBe('none');
  });
  it('builds the optimiser query with the frontier on', () => {
    const q = new URLSearchParams(optimiseQuery({ economy: 'IDN', budget: 2e9, lambda: 0.5, alpha: 0.9, odraws: 300 }));
    expect(Object.fromEntries(q)).toEqual({ economy: 'IDN', budget: '2000000000', risk_aversion: '0.5', alpha: '0.9', draws: '300', frontier: 'true', sensitivity: 'true' });
  });
  it('converts the sensitivity table to USD-equivalent rows in the server\'s order', () => {
    const end = (objective, share, top) => ({ status: 'optimal', objective, compute_share: share, top_option: top });
    const result = {
      valuation: { usd_per_h100e_year: 20000 },
      sensitivity: [
        { parameter: 'host_discount', unit: 'share', value: 0.2, low: 0, high: 0.4, swing: 300, at_low: end(100, 0, 'invest:talent'), at_high: end(400, 0.9, 'host:NLD') },
        { parameter: 'load_factor', unit: 'share', value: 0.8, low: 0.6, high: 0.95, swing: 0, at_low: end(250, 0.5, 'host:NLD'), at_high: end(250, 0.5, 'host:NLD') },
      ],
    };
    const rows = sensitivityRows(result);
    expect(rows.map((r) => r.parameter)).toEqual(['host_discount', 'load_factor']);
    // 300 H100e-years × 20,000 USD = 6 M USD-equivalent; 100 → 2 M, 400 → 8 M.
    expect(rows[0]).toMatchObject({ swing_usd: 6e6, objective_low_usd: 2e6, objective_high_usd: 8e6, compute_share_low: 0, compute_share_high: 0.9, top_option_low: 'invest:talent', top_option_high: 'host:NLD' });
    expect(rows[1].swing_usd).toBe(0);
    expect(sensitivityRows({})).toEqual([]);
  });
  it('formats money', () => {
    expect(usdText(1.234e9)).toBe('1.2 bn');
    expect(usdText(2.5e12)).toBe('2.50 tn');
    expect(usdText(340e6)).toBe('340 m');
    expect(usdText(null)).toBe('');
  });
});

describe('URL state of the new views', () => {
  it('round-trips the investment and optimiser views and their controls', () => {
    const s = { ...DEFAULT_STATE, view: 'optimise', iso3: ['IDN'], budget: 2e9, lambda: 0.5, alpha: 0.9, odraws: 300 };
    const text = encodeState(s);
    expect(text).toBe('view=optimise&iso3=IDN&budget=2000000000&lambda=0.5&alpha=0.9&odraws=300');
    expect(decodeState(text)).toEqual(s);
    expect(decodeState('view=invest&iso3=DEU,FRA').view).toBe('invest');
  });
  it('leaves defaults out and rejects malformed values', () => {
    expect(encodeState({ view: 'optimise' })).toBe('view=optimise');
    const d = decodeState('view=optimise&budget=-1&lambda=x&alpha=1&odraws=5');
    expect([d.budget, d.lambda, d.alpha, d.odraws]).toEqual([DEFAULT_STATE.budget, DEFAULT_STATE.lambda, DEFAULT_STATE.alpha, DEFAULT_STATE.odraws]);
  });
});

describe('scenario exposure of one economy', () => {
  // Two runs in the shape of POST /api/v1/scenario/run?economies=DEU (last year 2030).
  const run = (title, mean, p5, p95) => ({
    meta: { scenario: title, draws: 2000, scenario_hash: '0123456789abcdef' },
    rows: [
      { code: 'DEU', name: 'Germany', year: 2029, measure: 'accessible', baseline_h100e: 10, share: { mean: 0.1, p5: 0.1, p95: 0.1 } },
      { code: 'DEU', name: 'Germany', year: 2030, measure: 'accessible', baseline_h100e: 10, share: { mean, p5, p95 } },
      { code: 'DEU', name: 'Germany', year: 2030, measure: 'hosted', baseline_h100e: 10, share: { mean: 0, p5: 0, p95: 0 } },
    ],
  });
  const runs = [{ scenario: 'a', result: run('A', 0.9, 0.8, 1) }, { scenario: 'b', result: run('B', 0.6, 0.2, 0.95) }, { scenario: 'c', result: { meta: { scenario: 'C' }, rows: [] } }];
  it('takes the last year of accessible compute, loss = 1 − mean share, largest first; skips runs without the economy', () => {
    const r = exposureRows(runs, 'DEU');
    expect(r.map((x) => x.scenario)).toEqual(['b', 'a']);
    expect(r[0].year).toBe(2030);
    expect(r[0].loss).toBeCloseTo(0.4);
    expect(r[0].loss_p5).toBeCloseTo(0.05); // 1 − P95 of the share
    expect(r[0].loss_p95).toBeCloseTo(0.8); // 1 − P5 of the share
  });
  it('writes tidy rows', () => {
    expect(exposureTidy(exposureRows(runs, 'DEU'), { code: 'DEU', name: 'Germany' })[1]).toMatchObject({ indicator: 'scenario_expected_loss:a', year: 2030, unit: 'share of no-shock baseline' });
  });
});
