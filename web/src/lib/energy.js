// The energy layer (docs/methodology.md §15): number formats of its figures, the notes of the
// profile's energy panel, the source ids behind them, and the scenario's TWh and tCO2e fan rows.
// No data is not zero (§15.2): null and undefined read "no data" everywhere, 0 reads "0".
import { t, formatNumber } from './i18n.js';

const missing = (v) => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));

/**
 * A physical amount with three significant digits (whole numbers from 100 on): 12.892 → "12.9",
 * 0.0099279 → "0.00993", 1752.06 → "1,752"; 0 → "0"; missing → "no data".
 */
export function formatAmount(v) {
  if (missing(v)) return t('no_data');
  if (v === 0) return formatNumber(0);
  if (Math.abs(v) >= 100) return formatNumber(Math.round(v));
  return formatNumber(v, { maximumSignificantDigits: 3 });
}

/** TWh per year: "12.9 TWh/yr"; "no data" when missing. */
export const formatTwh = (v) => (missing(v) ? t('no_data') : t('energy.twh_value', { v: formatAmount(v) }));

/** MW of IT load: "1.35 MW". */
export const formatMw = (v) => (missing(v) ? t('no_data') : t('energy.mw_value', { v: formatAmount(v) }));

/**
 * Tonnes CO2e per year in t, kt or Mt (three significant digits): 2776.86 → "2.78 kt CO₂e/yr",
 * 4944844 → "4.94 Mt CO₂e/yr", 0 → "0 t CO₂e/yr".
 */
export function formatTonnes(v, { short = false } = {}) {
  if (missing(v)) return t('no_data');
  const a = Math.abs(v);
  if (a >= 1e6) return short ? t('energy.mt_short', { v: formatAmount(v / 1e6) }) : t('energy.mt_value', { v: formatAmount(v / 1e6) });
  if (a >= 1e3) return short ? t('energy.kt_short', { v: formatAmount(v / 1e3) }) : t('energy.kt_value', { v: formatAmount(v / 1e3) });
  return short ? t('energy.t_short', { v: formatAmount(v) }) : t('energy.t_value', { v: formatAmount(v) });
}

/** Tonnes without the "CO₂e/yr" (legends and axes whose title names the unit): "2.78 kt". */
export const formatTonnesShort = (v) => formatTonnes(v, { short: true });

/**
 * A small share as a percentage with three significant digits: 0.00031587 → "0.0316 %",
 * 0.0030342 → "0.303 %", 1 → "100 %"; 0 → "0 %"; missing → "no data". (formatPercent's fixed
 * decimals would print Ireland's share of generation as "0.0 %".)
 */
export function formatSmallShare(v) {
  if (missing(v)) return t('no_data');
  return t('fmt.percent', { v: v === 0 ? formatNumber(0) : formatNumber(v * 100, { maximumSignificantDigits: 3 }) });
}

/**
 * "mid (low–high)": the mid value with `fmt` (with its unit), the bounds with `bare` (default
 * fmt; e.g. without the unit): "0.00993 TWh/yr (0.0065–0.0148)". The range is left out when a
 * bound is missing or both print as the mid value; a missing mid value is "no data".
 */
export function withRange(fmt, mid, low, high, bare = fmt) {
  if (missing(mid)) return t('no_data');
  if (missing(low) || missing(high) || (bare(low) === bare(mid) && bare(high) === bare(mid))) return fmt(mid);
  return t('energy.range', { mid: fmt(mid), low: bare(low), high: bare(high) });
}

/**
 * The plain-language notes of an economy's energy layer (§15.2, §15.7), as keys with parameters:
 * - no_load: no AI IT load located on the date (figures are 0, not missing);
 * - no_generation / no_carbon: the dataset has no generation (carbon-intensity) figure, so the
 *   share (emissions) is "no data";
 * - regions_dominate: more than half the IT load comes from cloud regions by the chip-count
 *   convention (§15.1), a convention rather than a measurement (Ireland, §15.4, §15.7);
 * - facilities_without_power: operational facilities with no power, H100e or chip count (they add nothing).
 */
export function energyNotes(e) {
  if (!e) return [{ key: 'energy.note_missing' }];
  const notes = [];
  if (!(e.it_mw > 0)) notes.push({ key: 'energy.note_no_load' });
  if (missing(e.generation_twh)) notes.push({ key: 'energy.note_no_generation' });
  if (missing(e.carbon_gco2_per_kwh)) notes.push({ key: 'energy.note_no_carbon' });
  if (e.it_mw > 0 && e.it_mw_regions / e.it_mw > 0.5) notes.push({ key: 'energy.note_regions_dominate', params: { share: Math.round((100 * e.it_mw_regions) / e.it_mw) } });
  if (e.facilities_without_power > 0) notes.push({ key: 'energy.note_facilities_without_power', params: { n: e.facilities_without_power } });
  return notes;
}

/** The assumptions of §15.2 in words: "PUE 1.2 (1.1–1.56) × utilisation 0.7 (0.5–0.8), 1.275 kW per H100e". */
export function assumptionsText(p) {
  if (!p) return t('energy.assumptions_unknown');
  const n = (v) => formatNumber(v, { maximumFractionDigits: 3 });
  return t('energy.assumptions', { pue: n(p.pue), pue_low: n(p.pue_low), pue_high: n(p.pue_high), u: n(p.utilisation), u_low: n(p.utilisation_low), u_high: n(p.utilisation_high), kw: n(p.it_kw_per_h100e) });
}

/**
 * Where the parameters come from: "dataset rows (energy_parameters.csv)" when every origin is
 * "dataset", "compiled defaults" when every one is "default", else which are which.
 */
export function originText(p) {
  const origins = Object.entries(p?.origins || {});
  if (!origins.length) return t('energy.origin_default');
  const fromData = origins.filter(([, o]) => o === 'dataset').map(([k]) => k);
  if (fromData.length === origins.length) return t('energy.origin_dataset');
  if (!fromData.length) return t('energy.origin_default');
  return t('energy.origin_mixed', { list: fromData.join(', ') });
}

// The indicators the share of generation and the emissions rest on (methodology §15.2).
export const GENERATION_INDICATOR = 'electricity_generation_twh';
export const CARBON_INDICATOR = 'carbon_intensity_gco2_per_kwh';
export const GENERATION_SOURCE = 'owid_ember_generation';
export const CARBON_SOURCE = 'owid_ember_carbon';

/** The cited source ids of the energy layer: the parameters' sources and the generation and carbon series. */
export function energySourceIds(params, extra = []) {
  return [...new Set([...(params?.source_ids || []), GENERATION_SOURCE, CARBON_SOURCE, ...extra].filter(Boolean))];
}

/**
 * Fan rows {year, mean, p5, p50, p95} of a scenario's energy statistic (field 'twh' or 'co2_t')
 * for one economy and measure, by year. Accessible rows carry no energy (§15.5) and a missing
 * carbon intensity makes co2_t null: such years are left out, so [] means "no data".
 */
export function energyFanRows(result, code, measure, field = 'twh') {
  return (result?.rows || [])
    .filter((r) => r.code === code && r.measure === measure && r.energy && r.energy[field] && typeof r.energy[field].mean === 'number')
    .map((r) => {
      const s = r.energy[field];
      return { year: r.year, mean: s.mean, p5: s.p5, p50: s.p50, p95: s.p95, low: r.energy[`${field}_low`] ?? null, high: r.energy[`${field}_high`] ?? null };
    })
    .sort((a, b) => a.year - b.year);
}

/** The measure whose energy a scenario view shows: accessible rows have none, so they read territorial. */
export const energyMeasure = (measure) => (measure === 'sovereign' ? 'sovereign' : 'territorial');

/** Tidy CSV rows of an energy fan chart: the mean with its P5–P95 interval, per year. */
export function energyFanTidy(rows, { code, name, measure, field, scenario = null }) {
  const unit = field === 'co2_t' ? 't CO2e per year' : 'TWh per year';
  const source = scenario ? `aisov_scenario:${scenario}` : 'aisov_scenario';
  return rows.map((r) => ({ code, name, year: r.year, indicator: `${measure}_${field}_mean`, value: r.mean, unit, lower: r.p5, upper: r.p95, source_id: source }));
}
