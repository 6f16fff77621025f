// The time axis of the Time view (pure; tested in test/timeline.test.js).

/**
 * One point per year from `first` to the dataset's year: 31 December of each year, and the
 * dataset's own date for its year. [{year, as_of}].
 */
export function timeYears(first, datasetAsOf) {
  const last = Number(String(datasetAsOf).slice(0, 4));
  const out = [];
  for (let y = first; y < last; y += 1) out.push({ year: y, as_of: `${y}-12-31` });
  out.push({ year: last, as_of: datasetAsOf });
  return out;
}

/**
 * Rows {code, year, as_of, value, lower} of a metric for each economy and point; value = the
 * metric (the lenient count for region counts), lower = its strict bound (= value otherwise);
 * null when the census has no row for the economy that year.
 */
export function timeSeries(points, censuses, codes, metric) {
  const out = [];
  points.forEach((p, i) => {
    const rows = new Map((censuses[i]?.rows || []).map((r) => [r.code, r]));
    for (const code of codes) {
      const r = rows.get(code);
      const v = r ? metric.get(r) : null;
      const value = typeof v === 'number' && Number.isFinite(v) ? v : null;
      const lo = r && metric.strict ? metric.strict(r) : value;
      out.push({ code, year: p.year, as_of: p.as_of, value, lower: typeof lo === 'number' && Number.isFinite(lo) ? lo : value });
    }
  });
  return out;
}
