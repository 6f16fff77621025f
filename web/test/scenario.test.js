import { describe, it, expect } from 'vitest';
import { central, shockControls, decodeEdits, encodeEdits, applyEdits, pruneEdits, fanRows, lossByEconomy, fanTidy } from '../src/lib/scenario.js';
import { decodeState, encodeState, DEFAULT_STATE } from '../src/lib/state.js';

// The shape of scenarios/taiwan-foundry.toml as GET /api/v1/scenarios/taiwan-foundry returns it.
const taiwan = {
  name: 'Taiwan foundry disruption',
  horizon: 2030,
  shocks: [{ id: 'twn-fabs', kind: 'foundry_disruption', probability: 0.2, start: { uniform: [2027, 2030] }, duration: { lognormal90: [0.25, 3] }, locations: ['TWN'], loss: { pert: [0.3, 0.8, 1.0] } }],
};

describe('central values of distributions', () => {
  it('takes the number, the middle of a uniform, the mode, the lognormal median, the weighted mean', () => {
    expect(central(0.2)).toBe(0.2);
    expect(central({ fixed: 3 })).toBe(3);
    expect(central({ uniform: [2027, 2030] })).toBe(2028.5);
    expect(central({ pert: [0.3, 0.8, 1.0] })).toBe(0.8);
    expect(central({ triangular: [1, 2, 9] })).toBe(2);
    expect(central({ lognormal90: [1, 4] })).toBe(2); // √(1·4)
    expect(central({ choice: [1, 3] })).toBe(2);
    expect(central({ choice: [0, 10], weights: [3, 1] })).toBe(2.5);
    expect(central({ nonsense: [1] })).toBeNull();
    expect(central('x')).toBeNull();
  });
});

describe('shock controls', () => {
  it('offers probability, start, duration and the kind parameter at their central values', () => {
    const c = shockControls(taiwan.shocks[0]);
    expect(c.map((x) => [x.param, x.value])).toEqual([['probability', 0.2], ['start', 2029], ['duration', 0.866], ['loss', 0.8]]);
  });
  it('defaults a missing probability to 1 and start to the first simulated year', () => {
    const c = shockControls({ kind: 'growth', economies: ['CHN'], growth: { uniform: [0.3, 0.8] } }, { startYear: 2025 });
    expect(c.map((x) => [x.param, x.value, x.present])).toEqual([['probability', 1, false], ['start', 2025, false], ['growth', 0.55, true]]);
  });
});

describe('edits', () => {
  it('round-trip through the URL text in a stable order', () => {
    const text = encodeEdits({ '1.start': 2028, '0.probability': 0.5, '0.loss': 0.25 });
    expect(text).toBe('0.loss:0.25,0.probability:0.5,1.start:2028');
    expect(decodeEdits(text)).toEqual({ '0.loss': 0.25, '0.probability': 0.5, '1.start': 2028 });
  });
  it('drops malformed parts and clamps values to their ranges', () => {
    expect(decodeEdits('0.probability:7,x.start:2028,0.bogus:1,0.loss:,0.start:2027.6,0.loss:abc')).toEqual({ '0.probability': 1, '0.start': 2028 });
    expect(decodeEdits('')).toEqual({});
  });
  it('replace the edited values by fixed numbers in a copy of the scenario', () => {
    const edited = applyEdits(taiwan, { '0.probability': 0.5, '0.start': 2028, '0.loss': 0.6, '3.loss': 1 });
    expect(edited.shocks[0]).toEqual({ ...taiwan.shocks[0], probability: 0.5, start: 2028, loss: 0.6 });
    expect(edited.shocks).toHaveLength(1);
    expect(taiwan.shocks[0].probability).toBe(0.2); // the input is unchanged
    expect(JSON.parse(JSON.stringify(edited))).toEqual(edited); // plain JSON for the API
  });
  it('leave out values equal to a plain number in the file', () => {
    expect(pruneEdits(taiwan, { '0.probability': 0.2, '0.loss': 0.8, '0.start': 2027 })).toEqual({ '0.loss': 0.8, '0.start': 2027 });
  });
});

describe('URL state of the builder', () => {
  it('round-trips scenario, edits, draws, seed and the selected economy', () => {
    const s = { ...DEFAULT_STATE, view: 'scenario', scenario: 'taiwan-foundry', edits: '0.loss:0.25,0.probability:0.5', draws: 2000, seed: 7, iso3: ['JPN'] };
    const text = encodeState(s);
    expect(text).toBe('view=scenario&iso3=JPN&scenario=taiwan-foundry&edits=0.loss%3A0.25,0.probability%3A0.5&draws=2000&seed=7');
    expect(decodeState(`#${text}`)).toEqual(s);
  });
  it('ignores bad values', () => {
    const s = decodeState('#view=scenario&scenario=../x&draws=0&seed=-1&edits=<b>');
    expect([s.scenario, s.draws, s.seed, s.edits]).toEqual(['', 10000, 1, '']);
    expect(decodeState('#draws=1000001').draws).toBe(10000);
  });
});

describe('result reshaping', () => {
  const stat = (mean, p5, p50, p95) => ({ mean, se: 0, p5, p50, p95, es5: p5 });
  const result = {
    rows: [
      { code: 'JPN', name: 'Japan', year: 2026, measure: 'accessible', baseline_h100e: 100, h100e: stat(90, 50, 95, 100), share: stat(0.9, 0.5, 0.95, 1), p_loss_gt: { '0.1': 0.2 } },
      { code: 'JPN', name: 'Japan', year: 2025, measure: 'accessible', baseline_h100e: 80, h100e: stat(80, 80, 80, 80), share: stat(1, 1, 1, 1), p_loss_gt: { '0.1': 0 } },
      { code: 'JPN', name: 'Japan', year: 2026, measure: 'territorial', baseline_h100e: 10, h100e: stat(5, 1, 5, 9), share: stat(0.5, 0.1, 0.5, 0.9), p_loss_gt: { '0.1': 0.9 } },
      { code: 'USA', name: 'United States', year: 2026, measure: 'accessible', baseline_h100e: 1000, h100e: stat(700, 400, 750, 1000), share: stat(0.7, 0.4, 0.75, 1), p_loss_gt: { '0.1': 0.6 } },
    ],
  };
  it('gives a fan by year for one economy and measure', () => {
    expect(fanRows(result, 'JPN').map((r) => [r.year, r.p5, r.p50, r.p95])).toEqual([[2025, 1, 1, 1], [2026, 0.5, 0.95, 1]]);
    const tidy = fanTidy(fanRows(result, 'JPN'), { code: 'JPN', name: 'Japan' });
    expect(tidy[1]).toMatchObject({ code: 'JPN', year: 2026, indicator: 'accessible_share_p50', value: 0.95, lower: 0.5, upper: 1 });
  });
  it('ranks economies by expected loss in the last year (1 − mean share)', () => {
    const l = lossByEconomy(result);
    expect(l.map((x) => x.code)).toEqual(['USA', 'JPN']);
    expect(l[0].loss).toBeCloseTo(0.3, 12);
    expect(l[0].loss_p5).toBeCloseTo(0, 12); // 1 − P95 share
    expect(l[0].loss_p95).toBeCloseTo(0.6, 12); // 1 − P5 share
    expect(l[1].year).toBe(2026);
  });
});
