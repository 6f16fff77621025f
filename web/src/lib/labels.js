// Plain words for the ids a reader would otherwise see: indicators, parameters, qualifiers,
// layers and classes (docs/methodology.md §4, §7), in the current language (lib/i18n.js).
import { t, hasKey, lazyLabels } from './i18n.js';

/** Indicator and parameter ids → labels with units (catalogue keys label.<id>). */
export const LABEL_IDS = ['gdp_usd', 'population', 'carbon_intensity_gco2_per_kwh', 'electricity_generation_twh', 'electricity_price_usd_per_kwh', 'freshwater_withdrawal_pct', 'competitiveness_usd_per_usd', 'host_discount', 'host_years', 'permitting_years', 'build_years', 'load_factor', 'discount_rate', 'useful_life_years', 'grid_share', 'h100e', 'power_mw', 'operator_jurisdiction', 'operator_bloc', 'designer_jurisdiction', 'fab_location'];
export const LABELS = lazyLabels('label.', LABEL_IDS);

/** The three layers of methodology §4, by name (the profile's panels used to say "Layer 2/3"). */
export const LAYER_NAMES = lazyLabels('layer.', ['territory', 'operator_jurisdiction', 'designer_jurisdiction', 'fab_location']);

/** Qualifiers of published figures ("at_least", "about" …) → words. */
export const QUALIFIERS = lazyLabels('qualifier.', ['at_least', 'at_most', 'about', 'approx', 'exact', 'more_than', 'less_than', 'up_to']);

export function qualifierText(q) {
  if (!q) return '';
  return hasKey(`qualifier.${q}`) ? t(`qualifier.${q}`) : String(q).replace(/_/g, ' ');
}

const UNIT_SUFFIXES = [
  [/_usd_per_usd$/, ' (US$ per US$)'],
  [/_usd_per_h100e$/, ' (US$ per H100e)'],
  [/_usd_per_mwh$/, ' (US$ per MWh)'],
  [/_usd_per_mw$/, ' (US$ per MW)'],
  [/_m3_per_mwh$/, ' (m³ per MWh)'],
  [/_ml_per_year$/, ' (megalitres per year)'],
  [/_ha_per_mw$/, ' (hectares per MW)'],
  [/_per_mw$/, ' per MW'],
  [/_ha$/, ' (hectares)'],
  [/_share_gdp$/, ' (share of GDP)'],
  [/_share$/, ' (share)'],
  [/_usd_per_kwh$/, ' (US$ per kWh)'],
  [/_usd$/, ' (US$)'],
  [/_pct$/, ' (%)'],
  [/_mw$/, ' (MW)'],
  [/_twh$/, ' (TWh)'],
  [/_h100e$/, ' (H100e)'],
  [/_years$/, ' (years)'],
];

/** "max_growth_rate" → "Max growth rate"; a unit suffix becomes a unit in brackets. */
export function humanise(id) {
  let s = String(id ?? '');
  if (!s) return '';
  let unit = '';
  for (const [re, u] of UNIT_SUFFIXES) {
    if (re.test(s)) {
      s = s.replace(re, '');
      unit = u;
      break;
    }
  }
  s = s.replace(/[_-]+/g, ' ').trim();
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}${unit}`;
}

/**
 * A label for an id: the label map, "kind:ISO3" option ids ("host:NLD" → "Host abroad:
 * Netherlands") with nameOf(iso3), otherwise humanise(id).
 */
export function labelFor(id, nameOf = () => null) {
  if (id === null || id === undefined) return '';
  const s = String(id);
  if (hasKey(`label.${s}`)) return t(`label.${s}`);
  const dotted = /^([a-z0-9_]+)\.([A-Z]{3})$/.exec(s);
  if (dotted) return `${labelFor(dotted[1], nameOf)}, ${nameOf(dotted[2]) || dotted[2]}`;
  const m = /^([a-z_]+):([A-Z]{3})$/.exec(s);
  if (m) {
    const name = nameOf(m[2]) || m[2];
    return hasKey(`option.${m[1]}`) ? t(`option.${m[1]}`, { name }) : `${humanise(m[1])} ${name}`;
  }
  return humanise(s);
}

/** ISO3 codes inside a text ("a NLD provider") replaced by names where nameOf knows them. */
export function namesInText(text, nameOf = () => null) {
  return String(text ?? '').replace(/\b[A-Z]{3}\b/g, (c) => nameOf(c) || c);
}

/** Compute classes with the rule behind each (methodology §7; thresholds as the census echoes them). */
export function classExplanation(cls, thresholds = {}) {
  const north = thresholds.north_min_training_regions ?? 1;
  const south = thresholds.south_min_ai_regions ?? 1;
  const form = (n) => (n === 1 ? 'one' : 'many');
  if (cls === 'north') return t(`class.north_${form(north)}`, { n: north });
  if (cls === 'south') return t(`class.south_${form(south)}`, { n: south });
  if (cls === 'desert') return t(`class.desert_${form(south)}`, { n: south });
  return '';
}

// A fixed colour per economy across views (the charts of Compare, Investment and Time): the
// most-compared economies have their own colour; others take one from a 20-colour palette by a
// hash of the code, so the same code always gets the same colour.
export const PALETTE20 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5'];
const FIXED = { USA: '#1f77b4', CHN: '#d62728', DEU: '#2ca02c', IND: '#ff7f0e', BRA: '#9467bd', KEN: '#8c564b', FRA: '#17becf', IDN: '#e377c2', GBR: '#7f7f7f', JPN: '#bcbd22' };

export function economyColour(code) {
  const c = String(code || '').toUpperCase();
  if (FIXED[c]) return FIXED[c];
  let h = 0;
  for (const ch of c) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE20[10 + (h % 10)];
}

/** The ISO3 code in a label like "Germany (DEU)"; the text itself otherwise. */
export function codeOfLabel(label) {
  const m = /\(([A-Za-z0-9_-]{2,12})\)\s*$/.exec(String(label));
  return m ? m[1] : String(label);
}

/** The glossary of the Sources view: terms a reader meets in the dashboard (docs/methodology.md). */
export function glossary(thresholds = {}) {
  return [
    ['ai_region', t('glossary.ai_region.text')],
    ['training_region', t('glossary.training_region.text')],
    ['north', classExplanation('north', thresholds)],
    ['south', classExplanation('south', thresholds)],
    ['desert', classExplanation('desert', thresholds)],
    ['territory', t('glossary.territory.text')],
    ['operators', t('glossary.operators.text')],
    ['chips', t('glossary.chips.text')],
    ['hhi', t('glossary.hhi.text')],
    ['strategy', t('glossary.strategy.text')],
    ['h100e', t('glossary.h100e.text')],
    ['strict_lenient', t('glossary.strict_lenient.text')],
    ['operational', t('glossary.operational.text')],
  ].map(([id, text]) => ({ term: t(`glossary.${id}.term`), text }));
}
