// The dashboard's energy layer (lib/energy.js, the energy metrics, the log colour scale): number
// formats, "no data" vs 0, and the metric definitions, against figures worked by hand from
// docs/methodology.md §15.2 and §15.4 (Ireland).
import { describe, it, expect, afterEach } from 'vitest';
import en from '../src/i18n/en.js';
import zh from '../src/i18n/zh-CN.js';
import { setLanguage, registerCatalogue } from '../src/lib/i18n.js';
import { formatAmount, formatTwh, formatMw, formatTonnes, formatTonnesShort, formatSmallShare, withRange, energyNotes, energyFanRows, energyFanTidy, energyMeasure, assumptionsText, originText, energySourceIds } from '../src/lib/energy.js';
import { metricById, tidyRows, formatMetric, formatValue } from '../src/lib/metrics.js';
import { colourScale, logScale, interpolateBlues, interpolatePurples, NO_DATA, ZERO } from '../src/lib/scales.js';
import { decodeState, encodeState, DEFAULT_STATE } from '../src/lib/state.js';

afterEach(() => setLanguage('en'));

// Ireland by hand (methodology §15.4): two AI regions, IT load from the chip-count convention.
// aws:eu-west-1: 1024 × 562 / 989.4 × 1.275 / 1000 + 256 × 403.75 / 989.4 × 1.275 / 1000;
// azure:northeurope: 1024 × 312 / 989.4 × 1.275 / 1000 + 256 × 190 / 989.4 × 1.275 / 1000.
const k = 1.275 / 1000 / 989.4;
const IRL_IT = (1024 * 562 + 256 * 403.75 + 1024 * 312 + 256 * 190) * k; // 1.34920 MW
const twhOf = (mw, u, pue) => (mw * 8760 * u * pue) / 1e6;
const IRL = {
  it_mw: IRL_IT, it_mw_low: IRL_IT, it_mw_high: IRL_IT, it_mw_regions: IRL_IT, it_mw_facilities: 0,
  twh: twhOf(IRL_IT, 0.7, 1.2), twh_low: twhOf(IRL_IT, 0.5, 1.1), twh_high: twhOf(IRL_IT, 0.8, 1.56),
  generation_twh: 31.43, generation_year: 2023, carbon_gco2_per_kwh: 279.702, carbon_year: 2024,
  domestic_mw: 0, foreign_mw: IRL_IT, unknown_mw: 0, foreign_share: 1, facilities_without_power: 0,
};
IRL.share_of_generation = IRL.twh / 31.43;
IRL.share_of_generation_low = IRL.twh_low / 31.43;
IRL.share_of_generation_high = IRL.twh_high / 31.43;
IRL.co2_t = IRL.twh * 279.702 * 1000;
IRL.co2_t_low = IRL.twh_low * 279.702 * 1000;
IRL.co2_t_high = IRL.twh_high * 279.702 * 1000;

// A territory without generation or carbon figures and without AI load (e.g. Monaco in the bundled data).
const NONE = { it_mw: 0, it_mw_low: 0, it_mw_high: 0, it_mw_regions: 0, it_mw_facilities: 0, twh: 0, twh_low: 0, twh_high: 0, generation_twh: null, generation_year: null, share_of_generation: null, share_of_generation_low: null, share_of_generation_high: null, carbon_gco2_per_kwh: null, carbon_year: null, co2_t: null, co2_t_low: null, co2_t_high: null, domestic_mw: 0, foreign_mw: 0, unknown_mw: 0, foreign_share: null, facilities_without_power: 0 };

describe('energy number formats', () => {
  it('prints amounts with three significant digits, whole numbers from 100 on', () => {
    expect(formatAmount(12.892)).toBe('12.9');
    expect(formatAmount(0.0099279)).toBe('0.00993');
    expect(formatAmount(1752.06)).toBe('1,752');
    expect(formatAmount(0)).toBe('0');
  });
  it('says "no data" for a missing value and "0" for zero (methodology §15.2)', () => {
    for (const f of [formatAmount, formatTwh, formatMw, formatTonnes, formatSmallShare]) {
      expect(f(null)).toBe('no data');
      expect(f(undefined)).toBe('no data');
      expect(f(NaN)).toBe('no data');
    }
    expect(formatTwh(0)).toBe('0 TWh/yr');
    expect(formatTonnes(0)).toBe('0 t CO₂e/yr');
    expect(formatSmallShare(0)).toBe('0 %');
  });
  it('prints tonnes in t, kt and Mt', () => {
    expect(formatTonnes(512)).toBe('512 t CO₂e/yr');
    expect(formatTonnes(2776.86)).toBe('2.78 kt CO₂e/yr');
    expect(formatTonnes(4944844)).toBe('4.94 Mt CO₂e/yr');
    expect(formatTonnesShort(4944844)).toBe('4.94 Mt');
  });
  it('prints small shares with significant digits instead of "0.0 %"', () => {
    expect(formatSmallShare(0.00031587)).toBe('0.0316 %');
    expect(formatSmallShare(0.0030342)).toBe('0.303 %');
    expect(formatSmallShare(1)).toBe('100 %');
  });
  it("gives Ireland's figures of methodology §15.4 with their low–high ranges", () => {
    expect(IRL_IT).toBeCloseTo(1.3492, 4);
    expect(withRange(formatMw, IRL.it_mw, IRL.it_mw_low, IRL.it_mw_high, formatAmount)).toBe('1.35 MW'); // regions only: no range
    expect(withRange(formatTwh, IRL.twh, IRL.twh_low, IRL.twh_high, formatAmount)).toBe('0.00993 TWh/yr (0.0065–0.0148)');
    expect(withRange(formatSmallShare, IRL.share_of_generation, IRL.share_of_generation_low, IRL.share_of_generation_high)).toBe('0.0316 % (0.0207 %–0.0469 %)');
    expect(withRange(formatTonnes, IRL.co2_t, IRL.co2_t_low, IRL.co2_t_high, formatTonnesShort)).toBe('2.78 kt CO₂e/yr (1.82 kt–4.13 kt)');
    expect(withRange(formatTwh, null, 1, 2)).toBe('no data');
  });
  it('formats in Chinese with the Chinese units', () => {
    registerCatalogue('zh-CN', zh);
    setLanguage('zh-CN');
    expect(formatTwh(12.892)).toBe('12.9 太瓦时/年');
    expect(formatTonnes(2776.86)).toBe('2.78 千吨二氧化碳当量/年');
    expect(formatSmallShare(0.00031587)).toBe('0.0316%');
    expect(formatTwh(null)).toBe('无数据');
  });
});

describe('energy notes of the profile', () => {
  it('says the regions convention dominates for Ireland (all of its load)', () => {
    expect(energyNotes(IRL)).toEqual([{ key: 'energy.note_regions_dominate', params: { share: 100 } }]);
  });
  it('says no load, no generation and no carbon figure for a territory without data', () => {
    expect(energyNotes(NONE).map((n) => n.key)).toEqual(['energy.note_no_load', 'energy.note_no_generation', 'energy.note_no_carbon']);
  });
  it('notes facilities without power and not the convention when facilities dominate', () => {
    // USA-like: 208.5 of 1,752 MW from regions (12 %).
    const usa = { ...IRL, it_mw: 1752.06, it_mw_regions: 208.52, it_mw_facilities: 1543.53, facilities_without_power: 3 };
    expect(energyNotes(usa)).toEqual([{ key: 'energy.note_facilities_without_power', params: { n: 3 } }]);
  });
  it('has every note in both catalogues', () => {
    const keys = ['energy.note_missing', 'energy.note_no_load', 'energy.note_no_generation', 'energy.note_no_carbon', 'energy.note_regions_dominate', 'energy.note_facilities_without_power'];
    expect(energyNotes(null)[0].key).toBe('energy.note_missing');
    for (const key of keys) {
      expect(en[key], key).toBeTruthy();
      expect(zh[key], key).toBeTruthy();
    }
  });
  it('states the assumptions and their origin', () => {
    const p = { pue: 1.2, pue_low: 1.1, pue_high: 1.56, utilisation: 0.7, utilisation_low: 0.5, utilisation_high: 0.8, it_kw_per_h100e: 1.275, origins: { pue: 'dataset', utilisation: 'dataset' }, source_ids: ['lbnl_dc_energy_2024', 'google_dc_efficiency'] };
    expect(assumptionsText(p)).toBe('PUE 1.2 (1.1–1.56) × utilisation 0.7 (0.5–0.8), 1.275 kW of IT per H100e');
    expect(originText(p)).toBe('dataset rows (energy_parameters.csv)');
    expect(originText({ origins: { pue: 'default', utilisation: 'default' } })).toMatch(/^compiled defaults/);
    expect(originText({ origins: { pue: 'dataset', utilisation: 'default' } })).toBe('dataset rows for pue, compiled defaults for the rest');
    expect(energySourceIds(p, ['x', 'lbnl_dc_energy_2024'])).toEqual(['lbnl_dc_energy_2024', 'google_dc_efficiency', 'owid_ember_generation', 'owid_ember_carbon', 'x']);
  });
});

describe('energy metrics', () => {
  const row = (energy) => ({ code: 'IRL', name: 'Ireland', energy });
  it('read TWh, share of generation, tCO2e and the foreign share with their low and high cases', () => {
    const twh = metricById('energy_twh');
    expect(twh.id).toBe('energy_twh');
    expect(twh.get(row(IRL))).toBe(IRL.twh);
    expect(twh.lower(row(IRL))).toBe(IRL.twh_low);
    expect(twh.upper(row(IRL))).toBe(IRL.twh_high);
    expect(metricById('energy_share').get(row(IRL))).toBe(IRL.share_of_generation);
    expect(metricById('energy_co2').upper(row(IRL))).toBe(IRL.co2_t_high);
    expect(metricById('energy_foreign_share').get(row(IRL))).toBe(1);
  });
  it('keep null as null (no data), zero as zero, and a row without the layer as null', () => {
    const share = metricById('energy_share');
    expect(share.get(row(NONE))).toBeNull();
    expect(metricById('energy_twh').get(row(NONE))).toBe(0);
    expect(share.get({ code: 'XXX' })).toBeNull();
    expect(formatMetric(share, row(NONE))).toBe('no data');
    expect(formatMetric(metricById('energy_twh'), row(NONE))).toBe('0 TWh/yr');
    expect(formatValue(share, null)).toBe('no data');
  });
  it('print the range in the table and tooltips', () => {
    expect(formatMetric(metricById('energy_twh'), row(IRL))).toBe('0.00993 TWh/yr (0.0065–0.0148)');
    expect(formatMetric(metricById('energy_co2'), row(IRL))).toBe('2.78 kt CO₂e/yr (1.82 kt–4.13 kt)');
  });
  it('export tidy rows with the unit and the low–high bounds', () => {
    const [r] = tidyRows([row(IRL)], metricById('energy_co2'), '2026-12-02');
    expect(r).toEqual({ code: 'IRL', name: 'Ireland', year: '2026', indicator: 'energy_co2', value: IRL.co2_t, unit: 't CO2e per year', lower: IRL.co2_t_low, upper: IRL.co2_t_high, source_id: 'aisov_census' });
    const [n] = tidyRows([row(NONE)], metricById('energy_share'), '2026-12-02');
    expect(n.value).toBeNull();
    expect(n.lower).toBeNull();
  });
  it('accept weight=energy in the URL', () => {
    expect(decodeState('view=map&weight=energy').weight).toBe('energy');
    expect(encodeState({ ...DEFAULT_STATE, weight: 'energy' })).toMatch(/weight=energy/);
  });
});

describe('log colour scale of energy amounts', () => {
  it('spans the decades from the smallest to the largest positive value', () => {
    const m = metricById('energy_twh');
    const s = logScale(m, [0.001, 0, null, 10]);
    expect([s.lo, s.hi]).toEqual([-3, 1]);
    // 0.1 is half-way between 10⁻³ and 10¹: 0.15 + 0.85 × 0.5.
    expect(s.colour(0.1)).toBe(interpolateBlues(0.575));
    expect(s.colour(0.001)).toBe(interpolateBlues(0.15));
    expect(s.colour(10)).toBe(interpolateBlues(1));
    expect(s.colour(0)).toBe(ZERO);
    expect(s.colour(null)).toBe(NO_DATA);
    expect(s.legend.map((x) => x.label)).toEqual(['0', '0.001', '0.01', '0.1', '1', '10']);
  });
  it('is what colourScale uses for energy metrics; shares in purple with percent labels', () => {
    const m = metricById('energy_share');
    const s = colourScale(m, [0.00031587, 0.0030342, null, 0]);
    // 10⁻⁴ … 10⁻²: 0.001 is half-way.
    expect(s.colour(0.001)).toBe(interpolatePurples(0.575));
    expect(s.legend.map((x) => x.label)).toEqual(['0 %', '0.01 %', '0.1 %', '1 %']);
  });
  it('labels tonnes by decade in t, kt and Mt, every other decade when there are more than five', () => {
    const s = logScale(metricById('energy_co2'), [2776.86, 4944844, 0.5]);
    // 10⁻¹ … 10⁷ (eight decades): every other one, counted down from the top.
    expect(s.legend.map((x) => x.label)).toEqual(['0 t', '0.1 t', '10 t', '1 kt', '100 kt', '10 Mt']);
  });
});

describe('scenario energy fan rows', () => {
  const stat = (mean) => ({ mean, se: 0, p5: mean * 0.8, p50: mean, p95: mean * 1.2, es5: mean * 0.7 });
  const result = {
    rows: [
      { code: 'IRL', year: 2028, measure: 'territorial', energy: { twh: stat(0.03), twh_low: 0.02, twh_high: 0.04, co2_t: stat(8400), co2_t_low: 5000, co2_t_high: 12000 } },
      { code: 'IRL', year: 2027, measure: 'territorial', energy: { twh: stat(0.017), twh_low: 0.011, twh_high: 0.025, co2_t: stat(4800), co2_t_low: 3100, co2_t_high: 7100 } },
      { code: 'IRL', year: 2027, measure: 'accessible', energy: null },
      { code: 'MCO', year: 2027, measure: 'territorial', energy: { twh: stat(0), twh_low: 0, twh_high: 0, co2_t: null, co2_t_low: null, co2_t_high: null } },
    ],
  };
  it('reads the mean and P5–P95 per year, sorted by year', () => {
    const rows = energyFanRows(result, 'IRL', 'territorial', 'twh');
    expect(rows.map((r) => r.year)).toEqual([2027, 2028]);
    expect(rows[0]).toEqual({ year: 2027, mean: 0.017, p5: 0.017 * 0.8, p50: 0.017, p95: 0.017 * 1.2, low: 0.011, high: 0.025 });
  });
  it('has no rows for accessible compute or a missing carbon intensity (no data, not 0)', () => {
    expect(energyFanRows(result, 'IRL', 'accessible', 'twh')).toEqual([]);
    expect(energyFanRows(result, 'MCO', 'territorial', 'co2_t')).toEqual([]);
    expect(energyFanRows(result, 'MCO', 'territorial', 'twh')).toHaveLength(1);
    expect(energyMeasure('accessible')).toBe('territorial');
    expect(energyMeasure('sovereign')).toBe('sovereign');
    expect(energyMeasure('territorial')).toBe('territorial');
  });
  it('exports the mean with P5–P95 as tidy rows', () => {
    const rows = energyFanTidy(energyFanRows(result, 'IRL', 'territorial', 'co2_t'), { code: 'IRL', name: 'Ireland', measure: 'territorial', field: 'co2_t' });
    expect(rows[1]).toEqual({ code: 'IRL', name: 'Ireland', year: 2028, indicator: 'territorial_co2_t_mean', value: 8400, unit: 't CO2e per year', lower: 8400 * 0.8, upper: 8400 * 1.2, source_id: 'aisov_scenario' });
  });
});

describe('energy charts', () => {
  const rows = [
    { year: 2027, mean: 22.2, p5: 19.0, p50: 22.4, p95: 25.2 },
    { year: 2028, mean: 38.0, p5: 27.7, p50: 38.4, p95: 49.0 },
  ];
  it('scale the fan chart of an amount to 5 % above the highest P95, from 0, without the 100 % rule', async () => {
    const { fanChart, fanLegend } = await import('../src/lib/scenario_charts.js');
    const svg = fanChart(rows, { width: 400, y: { label: '↑ TWh per year', format: formatAmount } });
    const [lo, hi] = svg.scale('y').domain;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(49.0 * 1.05, 9);
    // The share chart keeps its 0–105 % axis.
    const share = fanChart([{ year: 2027, mean: 0.9, p5: 0.6, p50: 0.95, p95: 1 }], { width: 400 });
    expect(share.scale('y').domain).toEqual([0, 1.05]);
    expect(fanLegend().map((x) => x.label)).toEqual(['P5–P95 of the draws', 'P50 (median)', 'mean (dashed)']);
  });
  it('draw no bar and say "no data" for a missing energy figure in the comparison bars', async () => {
    const { metricBars } = await import('../src/lib/charts.js');
    const svg = metricBars([{ code: 'IRL', name: 'Ireland', energy: IRL }, { code: 'AIA', name: 'Anguilla', energy: NONE }], metricById('energy_share'), { width: 400 });
    expect(svg.textContent).toContain('0.0316 %');
    expect(svg.textContent).toContain('no data');
    // One bar (Ireland's); Anguilla has none.
    expect(svg.querySelectorAll('g[aria-label="bar"] rect').length).toBe(1);
  });
});
