// The census metrics the map and comparison can show. A metric reads one economy row of
// GET /api/v1/census; "layer:KEY" metrics read one key's share of a layer (e.g.
// operator_jurisdiction:USA = share of AI compute operated by US-headquartered companies).
// Fields: id, label, kind (count | share | category), unit, get(row); optional strict (region
// counts' strict bound), lower/upper (ranges), and for the energy layer (methodology §15)
// energy: true, scale: 'log' (lib/scales.js logScale), format (value with its unit) and
// legendFormat (legend ticks and range bounds, without the unit).

import { t, formatNumber, formatPercent, lazyLabels, countryName } from './i18n.js';
import { formatAmount, formatTwh, formatTonnes, formatTonnesShort, formatSmallShare, withRange } from './energy.js';

// Names of the layers (catalogue keys layer_short.<id>), read in the current language.
export const LAYERS = lazyLabels('layer_short.', ['operator_jurisdiction', 'operator_bloc', 'designer_jurisdiction', 'fab_location']);

// The strict count of a field; the lenient one when the row lacks it (an older server).
const strictOf = (field) => (r) => {
  const v = r[`${field}_strict`];
  return typeof v === 'number' ? v : r[field];
};

// A field of a row's energy layer (methodology §15); null when the row has none (an older server)
// or the field is null ("no data", never 0: §15.2).
const energyOf = (field) => (r) => {
  const v = r.energy ? r.energy[field] : null;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

const topShare = (layer) => (r) => (r[layer] && r[layer].shares.length ? r[layer].shares[0].share : null);

export const METRICS = [
  // Region counts are strict–lenient ranges (methodology §2.1): get = lenient, strict = the lower bound.
  { id: 'ai_regions', get label() { return t('metric.ai_regions'); }, kind: 'count', unit: 'count', get: (r) => r.ai_regions, strict: strictOf('ai_regions') },
  { id: 'training_regions', get label() { return t('metric.training_regions'); }, kind: 'count', unit: 'count', get: (r) => r.training_regions, strict: strictOf('training_regions') },
  { id: 'regions', get label() { return t('metric.regions'); }, kind: 'count', unit: 'count', get: (r) => r.regions, strict: strictOf('regions') },
  { id: 'h100e', get label() { return t('metric.h100e'); }, kind: 'count', unit: 'H100-equivalents', get: (r) => r.h100e, lower: (r) => r.h100e_low, upper: (r) => r.h100e_high },
  { id: 'power_mw', get label() { return t('metric.power_mw'); }, kind: 'count', unit: 'MW', get: (r) => r.power_mw },
  { id: 'facilities', get label() { return t('metric.facilities'); }, kind: 'count', unit: 'count', get: (r) => r.facilities },
  { id: 'domestic_share', get label() { return t('metric.domestic_share'); }, kind: 'share', unit: 'share', get: (r) => (r.ai_regions || r.h100e ? r.domestic_share : null) },
  { id: 'top_operator_share', get label() { return t('metric.top_operator_share'); }, kind: 'share', unit: 'share', get: topShare('operator_jurisdiction') },
  { id: 'top_designer_share', get label() { return t('metric.top_designer_share'); }, kind: 'share', unit: 'share', get: topShare('designer_jurisdiction') },
  { id: 'top_fab_share', get label() { return t('metric.top_fab_share'); }, kind: 'share', unit: 'share', get: topShare('fab_location') },
  { id: 'operator_hhi', get label() { return t('metric.operator_hhi'); }, kind: 'share', unit: 'index', get: (r) => (r.operator_jurisdiction.shares.length ? r.operator_jurisdiction.hhi : null) },
  // Energy (methodology §15): amounts spanning orders of magnitude on a log colour scale
  // (scale: 'log'), each with its low–high range (§15.2) and its own number format.
  { id: 'energy_twh', get label() { return t('metric.energy_twh'); }, kind: 'count', unit: 'TWh per year', scale: 'log', energy: true, format: formatTwh, legendFormat: formatAmount, get: energyOf('twh'), lower: energyOf('twh_low'), upper: energyOf('twh_high') },
  { id: 'energy_share', get label() { return t('metric.energy_share'); }, kind: 'share', unit: 'share', scale: 'log', energy: true, format: formatSmallShare, get: energyOf('share_of_generation'), lower: energyOf('share_of_generation_low'), upper: energyOf('share_of_generation_high') },
  { id: 'energy_co2', get label() { return t('metric.energy_co2'); }, kind: 'count', unit: 't CO2e per year', scale: 'log', energy: true, format: formatTonnes, legendFormat: formatTonnesShort, get: energyOf('co2_t'), lower: energyOf('co2_t_low'), upper: energyOf('co2_t_high') },
  { id: 'energy_foreign_share', get label() { return t('metric.energy_foreign_share'); }, kind: 'share', unit: 'share', energy: true, get: energyOf('foreign_share') },
  { id: 'compute_class', get label() { return t('metric.compute_class'); }, kind: 'category', unit: 'class', get: (r) => r.compute_class },
  { id: 'strategy', get label() { return t('metric.strategy'); }, kind: 'category', unit: 'class', get: (r) => r.strategy },
];

/** The metric for an id, including "layer:KEY" share metrics; falls back to ai_regions. */
export function metricById(id) {
  const m = METRICS.find((x) => x.id === id);
  if (m) return m;
  const [layer, key] = String(id).split(':');
  if (LAYERS[layer] && key) {
    return {
      id,
      get label() { return t('metric.layer_share', { layer: LAYERS[layer], key: countryName(key, key) }); },
      kind: 'share',
      unit: 'share',
      get: (r) => {
        const l = r[layer];
        if (!l || !l.shares.length) return null;
        const s = l.shares.find((x) => x.key === key);
        return s ? s.share : 0;
      },
    };
  }
  return METRICS[0];
}

/** Layer-share metrics worth offering: keys with the most weight across the census rows. */
export function layerMetricIds(rows, perLayer = 6) {
  const out = [];
  for (const layer of Object.keys(LAYERS)) {
    const weight = new Map();
    for (const r of rows) {
      for (const s of (r[layer] && r[layer].shares) || []) weight.set(s.key, (weight.get(s.key) || 0) + s.weight);
    }
    [...weight.entries()]
      .filter(([k]) => k !== 'unknown')
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, perLayer)
      .forEach(([k]) => out.push(`${layer}:${k}`));
  }
  return out;
}

/**
 * Tidy long rows (code,name,year,indicator,value,unit,lower,upper,source_id) of a metric. Region
 * counts: value and upper = the lenient count, lower = the strict count (methodology §2.1).
 */
export function tidyRows(rows, metric, asOf, sourceId = 'aisov_census') {
  const year = String(asOf || '').slice(0, 4);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    year,
    indicator: metric.id,
    value: metric.get(r),
    unit: metric.unit,
    lower: metric.lower ? metric.lower(r) : metric.strict ? metric.strict(r) ?? null : null,
    upper: metric.upper ? metric.upper(r) : metric.strict ? metric.get(r) ?? null : null,
    source_id: sourceId,
  }));
}

export function formatValue(metric, v) {
  if (v === null || v === undefined || v === '') return t('no_data');
  if (metric.kind === 'category') return String(v);
  if (metric.format) return metric.format(v);
  if (metric.unit === 'share') return formatPercent(v, 1);
  if (metric.unit === 'index') return formatNumber(v, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return formatNumber(v, { maximumFractionDigits: v < 10 ? 1 : 0 });
}

/**
 * A row's value of a metric as text; region counts as "strict–lenient" when the bounds differ;
 * energy metrics as "mid (low–high)" (methodology §15.2).
 */
export function formatMetric(metric, r) {
  const v = metric.get(r);
  if (metric.energy && metric.lower) return withRange((x) => formatValue(metric, x), v, metric.lower(r), metric.upper(r), metric.legendFormat || metric.format);
  if (!metric.strict || v === null || v === undefined) return formatValue(metric, v);
  const lo = metric.strict(r);
  return lo === null || lo === undefined || lo === v ? formatValue(metric, v) : `${formatValue(metric, lo)}–${formatValue(metric, v)}`;
}
