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

describe('the export-control cap (issue #15: editable like the other shock parameters)', () => {
  // The shapes of scenarios/us-ai-diffusion-2025.toml (tiers) and idn-aligning.toml (a stop) as the API returns them.
  const tiers = { kind: 'export_control', id: 'diffusion-caps', probability: 1, start: 2027, designers: ['USA'], tiers: [{ cap_h100e_per_year: { pert: [8000, 16600, 40000] }, economies: { all_except: ['set:tier1', 'set:tier3'] } }, { economies: ['set:tier3'] }] };
  const stop = { kind: 'export_control', id: 'us-export-stop', probability: 0.2, start: { uniform: [2027, 2029] }, designers: ['USA'], economies: ['IDN'], bar_access: true };
  it('offers one cap per tier (the mode of a PERT) and an empty one where supply stops', async () => {
    const { shockControls } = await import('../src/lib/scenario.js');
    const caps = shockControls(tiers).filter((c) => c.param === 'cap_h100e_per_year');
    expect(caps.map((c) => [c.path, c.value, c.optional])).toEqual([['t0.cap_h100e_per_year', 16600, false], ['t1.cap_h100e_per_year', null, true]]);
    const one = shockControls(stop).filter((c) => c.param === 'cap_h100e_per_year');
    expect(one.map((c) => [c.path, c.value, c.optional])).toEqual([['cap_h100e_per_year', null, true]]);
  });
  it('puts an edited cap into its tier, or onto the shock, and keeps it in the URL', async () => {
    const { applyEdits, decodeEdits, encodeEdits, pruneEdits } = await import('../src/lib/scenario.js');
    const edits = decodeEdits('0.t0.cap_h100e_per_year:20000,0.t1.cap_h100e_per_year:500,1.cap_h100e_per_year:1000');
    expect(edits).toEqual({ '0.t0.cap_h100e_per_year': 20000, '0.t1.cap_h100e_per_year': 500, '1.cap_h100e_per_year': 1000 });
    const out = applyEdits({ shocks: [tiers, stop] }, edits);
    expect(out.shocks[0].tiers[0].cap_h100e_per_year).toBe(20000);
    expect(out.shocks[0].tiers[1].cap_h100e_per_year).toBe(500);
    expect(out.shocks[0].cap_h100e_per_year).toBeUndefined();
    expect(out.shocks[1].cap_h100e_per_year).toBe(1000);
    expect(tiers.tiers[1].cap_h100e_per_year).toBeUndefined(); // the input is unchanged
    // A cap on a tiered shock itself, or on a tier it does not have, is not applied.
    const bad = applyEdits({ shocks: [tiers] }, { '0.cap_h100e_per_year': 5, '0.t5.cap_h100e_per_year': 5 });
    expect(bad.shocks[0]).toEqual(tiers);
    expect(encodeEdits(edits)).toBe('0.t0.cap_h100e_per_year:20000,0.t1.cap_h100e_per_year:500,1.cap_h100e_per_year:1000');
    // Only the cap is per tier; other tier paths are malformed.
    expect(decodeEdits('0.t0.probability:0.5')).toEqual({});
    // A cap where the file stops supply always differs from the file (kept); a PERT's mode too.
    expect(pruneEdits({ shocks: [tiers] }, { '0.t0.cap_h100e_per_year': 16600, '0.t1.cap_h100e_per_year': 0 })).toEqual({ '0.t0.cap_h100e_per_year': 16600, '0.t1.cap_h100e_per_year': 0 });
  });
  it('says why an out-of-range cap is refused instead of clamping it', async () => {
    const { validateParam, editProblems } = await import('../src/lib/scenario.js');
    expect(validateParam('cap_h100e_per_year', -1)).toBe('cap, H100e / year must be from 0 to 1,000,000,000,000; -1 is out of range');
    expect(validateParam('cap_h100e_per_year', 2e12)).toMatch(/out of range/);
    expect(validateParam('cap_h100e_per_year', 0)).toBeNull();
    expect(validateParam('cap_h100e_per_year', NaN)).toBe('cap, H100e / year: enter a number');
    expect(editProblems('0.t0.cap_h100e_per_year:-5')).toEqual([{ key: '0.t0.cap_h100e_per_year', value: -5, message: 'cap, H100e / year must be from 0 to 1,000,000,000,000; -5 is out of range' }]);
  });
  it('recognises variants with the same shocks (idn-aligning and idn-hedging)', async () => {
    const { shockSignature } = await import('../src/lib/scenario.js');
    const a = { name: 'Indonesia aligning', baseline: { mix: [{ designers: { USA: 1 } }] }, shocks: [stop, { id: 'cn', kind: 'provider_withdrawal' }] };
    const h = { ...a, name: 'Indonesia hedging', baseline: { mix: [{ designers: { USA: 0.5, CHN: 0.5 } }] } };
    expect(shockSignature(a)).toBe(shockSignature(h));
    expect(shockSignature({ shocks: [stop] })).not.toBe(shockSignature(a));
  });
  it('writes the variant into the source id of a fan chart CSV', async () => {
    const { fanTidy } = await import('../src/lib/scenario.js');
    const rows = [{ year: 2027, p5: 0.5, p50: 0.8, p95: 1 }];
    expect(fanTidy(rows, { code: 'IDN', name: 'Indonesia', scenario: 'idn-hedging' })[0].source_id).toBe('aisov_scenario:idn-hedging');
    expect(fanTidy(rows, { code: 'IDN', name: 'Indonesia' })[0].source_id).toBe('aisov_scenario');
  });
});
