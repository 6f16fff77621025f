// Colour scales of the choropleth. Counts use a log-spaced sequential scale (a few economies
// hold most regions); shares a linear one on [0, 1]; classes fixed colours so that a Compute
// North is the same colour on every map.
import { scaleLinear, scaleSymlog } from 'd3-scale';
import { interpolateRgbBasis } from 'd3-interpolate';
import { t, formatNumber, hasKey } from './i18n.js';

// ColorBrewer's 9-class Blues and Purples as d3-scale-chromatic builds its interpolators (a basis
// spline through the nine colours), without loading every scheme of that package with the map.
const hexes = (s) => s.match(/.{6}/g).map((x) => `#${x}`);
export const interpolateBlues = interpolateRgbBasis(hexes('f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b'));
export const interpolatePurples = interpolateRgbBasis(hexes('fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d'));

// No data is drawn with a cross-hatch pattern (lib/map.js), distinct from the near-white zero.
export const NO_DATA = '#e8e8e8';
/** The legend entry of missing values (a cross-hatched swatch). */
export const NO_DATA_ITEM = Object.freeze({ get label() { return t('no_data'); }, colour: NO_DATA, pattern: 'nodata' });
export const ZERO = '#f7f7f7';

export const CATEGORY_COLOURS = {
  compute_class: { north: '#1b6ca8', south: '#f0a202', desert: '#d9cbb6' },
  strategy: { domestic: '#2a9d8f', aligning: '#e76f51', hedging: '#7b2cbf', none: '#d9d9d9' },
};

/** A class id ("desert", "aligning" …) in words (catalogue keys category.<id>); ids without a label as they are. */
export function categoryLabel(k) {
  if (k === null || k === undefined || k === '') return t('no_data');
  return hasKey(`category.${k}`) ? t(`category.${k}`) : String(k).replace(/_/g, ' ');
}

/**
 * A colour scale for a metric over values. Returns {colour(v), legend: [{label, colour}]}.
 * Missing values get NO_DATA; zero counts ZERO.
 */
export function colourScale(metric, values) {
  if (metric.kind === 'category') {
    const table = CATEGORY_COLOURS[metric.id] || {};
    const colour = (v) => (v === null || v === undefined || v === '' ? NO_DATA : table[v] || NO_DATA);
    return { colour, legend: Object.entries(table).map(([k, c]) => ({ label: categoryLabel(k), colour: c })) };
  }
  const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (metric.scale === 'log') return logScale(metric, finite);
  if (metric.kind === 'share') {
    const s = scaleLinear().domain([0, 1]).range([0.08, 1]).clamp(true);
    const colour = (v) => (typeof v === 'number' && Number.isFinite(v) ? interpolatePurples(s(v)) : NO_DATA);
    // An index (HHI = Σ share², methodology §4) is shown on its own 0–1 scale, not in percent.
    const label = metric.unit === 'index' ? (x) => formatNumber(x) : (x) => t('fmt.percent', { v: formatNumber(x * 100) });
    const legend = [0, 0.25, 0.5, 0.75, 1].map((x) => ({ label: label(x), colour: colour(x) }));
    return { colour, legend };
  }
  const max = finite.length ? Math.max(...finite) : 0;
  const s = scaleSymlog().domain([0, Math.max(max, 1)]).range([0.15, 1]).clamp(true);
  const colour = (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA;
    if (v <= 0) return ZERO;
    return interpolateBlues(s(v));
  };
  const ticks = niceSteps(max).filter((t) => t > 0);
  const legend = [{ label: '0', colour: ZERO }, ...ticks.map((t) => ({ label: formatNumber(t), colour: colour(t) }))];
  return { colour, legend };
}

// Up to five round steps between 1 and max on a roughly logarithmic spacing.
export function niceSteps(max) {
  if (!(max > 0)) return [0];
  const out = new Set();
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const raw = Math.pow(max + 1, f) - 1;
    const mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
    out.add(f === 1 ? Math.round(max) || 1 : Math.max(1, Math.round(raw / mag) * mag));
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A log colour scale over the positive values (energy amounts and shares of generation span
 * several orders of magnitude, methodology §15): from the decade below the smallest to the
 * decade above the largest, Blues for amounts and Purples for shares. Zero gets ZERO, missing
 * values NO_DATA. Legend: 0 and the decades, each labelled with metric.legendFormat (else format) (at most six,
 * every other decade when there are more).
 */
export function logScale(metric, values) {
  const pos = values.filter((v) => v > 0);
  const interp = metric.kind === 'share' ? interpolatePurples : interpolateBlues;
  const lo = pos.length ? Math.floor(Math.log10(Math.min(...pos))) : 0;
  const hi = pos.length ? Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...pos)))) : 1;
  const at = (v) => 0.15 + (0.85 * Math.min(Math.max((Math.log10(v) - lo) / (hi - lo), 0), 1));
  const colour = (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA;
    if (v <= 0) return ZERO;
    return interp(at(v));
  };
  const step = hi - lo > 5 ? 2 : 1;
  const decades = [];
  for (let e = hi; e >= lo; e -= step) decades.unshift(e);
  const label = metric.legendFormat || metric.format || ((x) => formatNumber(x));
  const legend = [{ label: label(0), colour: ZERO }, ...decades.map((e) => ({ label: label(10 ** e), colour: colour(10 ** e) }))];
  return { colour, legend, lo, hi };
}
