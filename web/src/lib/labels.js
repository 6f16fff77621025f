// Plain words for the ids a reader would otherwise see: indicators, parameters, qualifiers,
// layers and classes (docs/methodology.md §4, §7). Pure functions, tested in test/labels.test.js.

/** Indicator and parameter ids → labels with units. */
export const LABELS = {
  gdp_usd: 'GDP (US$)',
  population: 'Population',
  carbon_intensity_gco2_per_kwh: 'Carbon intensity of electricity (gCO₂ per kWh)',
  electricity_generation_twh: 'Electricity generation (TWh)',
  electricity_price_usd_per_kwh: 'Electricity price (US$ per kWh)',
  freshwater_withdrawal_pct: 'Freshwater withdrawal (% of available freshwater)',
  competitiveness_usd_per_usd: 'Competitiveness gain (US$ per US$ invested)',
  host_discount: 'Discount for hosting a foreign provider\'s region',
  host_years: 'Years to host a region',
  permitting_years: 'Years to obtain permits',
  build_years: 'Years to build a facility',
  load_factor: 'Load factor',
  discount_rate: 'Discount rate',
  useful_life_years: 'Useful life of hardware (years)',
  grid_share: 'Share of power from the grid',
  h100e: 'GPU-cluster capacity (H100e)',
  power_mw: 'GPU-cluster power (MW)',
  operator_jurisdiction: 'Operator jurisdiction (who runs the compute)',
  operator_bloc: 'Operator power bloc',
  designer_jurisdiction: 'Accelerator designer jurisdiction (who designs the chips)',
  fab_location: 'Fab location (where the chips are made)',
};

/** The three layers of methodology §4, by name (the profile's panels used to say "Layer 2/3"). */
export const LAYER_NAMES = {
  territory: 'Territory (compute located in the economy)',
  operator_jurisdiction: 'Operators: where the companies running the compute are headquartered',
  designer_jurisdiction: 'Chips: where the accelerator designers are headquartered',
  fab_location: 'Chips: where the accelerators are fabricated',
};

/** Qualifiers of published figures ("at_least", "about" …) → words. */
export const QUALIFIERS = { at_least: 'at least', at_most: 'at most', about: 'about', approx: 'about', exact: 'exactly', more_than: 'more than', less_than: 'less than', up_to: 'up to' };

export function qualifierText(q) {
  if (!q) return '';
  return QUALIFIERS[q] || String(q).replace(/_/g, ' ');
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
  if (LABELS[s]) return LABELS[s];
  const dotted = /^([a-z0-9_]+)\.([A-Z]{3})$/.exec(s);
  if (dotted) return `${labelFor(dotted[1], nameOf)}, ${nameOf(dotted[2]) || dotted[2]}`;
  const m = /^([a-z_]+):([A-Z]{3})$/.exec(s);
  if (m) {
    const kinds = { host: 'Hosting in', build: 'Building in', contract: 'Contract with a provider in', invest: 'Investment in' };
    const name = nameOf(m[2]) || m[2];
    return `${kinds[m[1]] || humanise(m[1])} ${name}`;
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
  const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (cls === 'north') return `Compute North: at least ${plural(north, 'training-capable cloud region')} (methodology §7).`;
  if (cls === 'south') return `Compute South: no training-capable cloud region, but at least ${plural(south, 'AI cloud region')} (methodology §7).`;
  if (cls === 'desert') return `Compute Desert: fewer than ${plural(south, 'public-cloud AI region')} in the census (methodology §7). The class counts cloud regions only; GPU clusters (H100e) do not change it.`;
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
    ['AI region', 'A public-cloud region that offers at least one AI accelerator (GPU or TPU class) on the date (methodology §2).'],
    ['Training-capable region', 'An AI region offering a training-tier accelerator (methodology §3).'],
    ['Compute North', classExplanation('north', thresholds)],
    ['Compute South', classExplanation('south', thresholds)],
    ['Compute Desert', classExplanation('desert', thresholds)],
    ['Territory', 'The compute located in an economy: its cloud regions and operational GPU clusters (methodology §4).'],
    ['Operators', 'Where the companies running an economy\'s AI compute are headquartered (methodology §4).'],
    ['Chips', 'Where the accelerators\' designers are headquartered and where their main die is fabricated (methodology §4).'],
    ['HHI', 'Herfindahl–Hirschman index of a layer: the sum of squared shares, an index from 0 to 1 (1 = everything from one jurisdiction; 0 = nothing counted). Some publications multiply it by 10,000 (methodology §4).'],
    ['Strategy', 'Domestic: own firms run at least half; aligning: all foreign AI compute from one power bloc; hedging: from several blocs (methodology §7).'],
    ['H100e', 'Compute in H100 equivalents, as Epoch AI publishes it for GPU clusters (methodology §6).'],
    ['Strict / lenient', 'Region counts are ranges: strict counts only what a dated source shows by the date; lenient also counts undated regions on every date (methodology §2.1).'],
    ['Operational facility', 'A GPU cluster operational on the date; planned or under-construction sites are listed but never counted as capacity (methodology §6).'],
  ].map(([term, text]) => ({ term, text }));
}
