// The census metrics the map and comparison can show. A metric reads one economy row of
// GET /api/v1/census; "layer:KEY" metrics read one key's share of a layer (e.g.
// operator_jurisdiction:USA = share of AI compute operated by US-headquartered companies).

export const LAYERS = {
  operator_jurisdiction: 'Operator jurisdiction',
  operator_bloc: 'Operator power bloc',
  designer_jurisdiction: 'Accelerator designer',
  fab_location: 'Fab location',
};

// The strict count of a field; the lenient one when the row lacks it (an older server).
const strictOf = (field) => (r) => {
  const v = r[`${field}_strict`];
  return typeof v === 'number' ? v : r[field];
};

const topShare = (layer) => (r) => (r[layer] && r[layer].shares.length ? r[layer].shares[0].share : null);

export const METRICS = [
  // Region counts are strict–lenient ranges (methodology §2.1): get = lenient, strict = the lower bound.
  { id: 'ai_regions', label: 'AI regions', kind: 'count', unit: 'count', get: (r) => r.ai_regions, strict: strictOf('ai_regions') },
  { id: 'training_regions', label: 'Training-capable regions', kind: 'count', unit: 'count', get: (r) => r.training_regions, strict: strictOf('training_regions') },
  { id: 'regions', label: 'Cloud regions', kind: 'count', unit: 'count', get: (r) => r.regions, strict: strictOf('regions') },
  { id: 'h100e', label: 'GPU-cluster capacity (H100e)', kind: 'count', unit: 'H100-equivalents', get: (r) => r.h100e, lower: (r) => r.h100e_low, upper: (r) => r.h100e_high },
  { id: 'power_mw', label: 'GPU-cluster power (MW)', kind: 'count', unit: 'MW', get: (r) => r.power_mw },
  { id: 'facilities', label: 'Operational GPU facilities', kind: 'count', unit: 'count', get: (r) => r.facilities },
  { id: 'domestic_share', label: 'Domestic operator share', kind: 'share', unit: 'share', get: (r) => (r.ai_regions || r.h100e ? r.domestic_share : null) },
  { id: 'top_operator_share', label: 'Top operator jurisdiction share', kind: 'share', unit: 'share', get: topShare('operator_jurisdiction') },
  { id: 'top_designer_share', label: 'Top designer jurisdiction share', kind: 'share', unit: 'share', get: topShare('designer_jurisdiction') },
  { id: 'top_fab_share', label: 'Top fab location share', kind: 'share', unit: 'share', get: topShare('fab_location') },
  { id: 'operator_hhi', label: 'Operator concentration (HHI index, 0–1)', kind: 'share', unit: 'index', get: (r) => (r.operator_jurisdiction.shares.length ? r.operator_jurisdiction.hhi : null) },
  { id: 'compute_class', label: 'Compute North / South / Desert', kind: 'category', unit: 'class', get: (r) => r.compute_class },
  { id: 'strategy', label: 'Strategy: domestic / aligning / hedging', kind: 'category', unit: 'class', get: (r) => r.strategy },
];

/** The metric for an id, including "layer:KEY" share metrics; falls back to ai_regions. */
export function metricById(id) {
  const m = METRICS.find((x) => x.id === id);
  if (m) return m;
  const [layer, key] = String(id).split(':');
  if (LAYERS[layer] && key) {
    return {
      id,
      label: `${LAYERS[layer]} share: ${key}`,
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
  if (v === null || v === undefined || v === '') return 'no data';
  if (metric.kind === 'category') return String(v);
  if (metric.unit === 'share') return `${(v * 100).toFixed(1)} %`;
  if (metric.unit === 'index') return v.toFixed(3);
  return Number(v).toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 1 : 0 });
}

/** A row's value of a metric as text; region counts as "strict–lenient" when the bounds differ. */
export function formatMetric(metric, r) {
  const v = metric.get(r);
  if (!metric.strict || v === null || v === undefined) return formatValue(metric, v);
  const lo = metric.strict(r);
  return lo === null || lo === undefined || lo === v ? formatValue(metric, v) : `${formatValue(metric, lo)}–${formatValue(metric, v)}`;
}
