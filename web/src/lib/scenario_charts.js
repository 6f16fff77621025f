// Charts of the scenario builder (Observable Plot, SVG): the fan chart of one economy and the
// colour scale of the loss map.
import * as Plot from '@observablehq/plot';
import { NO_DATA, ZERO } from './scales.js';
import { economyColour } from './labels.js';
import { t, formatNumber } from './i18n.js';

const pct = (d) => t('fmt.percent', { v: formatNumber(Math.round(d * 100)) });
// Dash patterns of the 1st, 2nd and 3rd line of an overlay (shape as well as colour).
const DASHES = [null, '7,3', '2,2'];

/**
 * P5–P95 band, P50 line and mean (dashed) by year. By default of the share of the no-shock
 * baseline (y from 0 to at least 105 %, a rule at 100 %); with `y: {label, format}` of an amount
 * (the energy charts: TWh and tCO2e per year, methodology §15.5), y from 0 to 5 % above the
 * highest P95 (or mean), without the 100 % rule.
 */
export function fanChart(rows, { width = 640, height = 320, y = null } = {}) {
  const share = !y;
  const fmt = share ? pct : y.format;
  const high = Math.max(0, ...rows.map((r) => Math.max(r.p95, r.mean)));
  const top = share ? Math.max(1.05, high) : high > 0 ? high * 1.05 : 1;
  return Plot.plot({
    width,
    height,
    marginLeft: share ? 52 : 64,
    marginRight: 20,
    x: { label: t('time.year_axis'), tickFormat: 'd', ticks: rows.map((r) => r.year) },
    y: { label: share ? t('fan.y_axis') : y.label, domain: [0, top], tickFormat: fmt, grid: true },
    marks: [
      Plot.areaY(rows, { x: 'year', y1: 'p5', y2: 'p95', fill: '#1b6ca8', fillOpacity: 0.22 }),
      Plot.lineY(rows, { x: 'year', y: 'p50', stroke: '#1b6ca8', strokeWidth: 2 }),
      Plot.lineY(rows, { x: 'year', y: 'mean', stroke: '#e76f51', strokeWidth: 1.5, strokeDasharray: '5,3' }),
      Plot.dot(rows, { x: 'year', y: 'p50', fill: '#1b6ca8', r: 2.5, title: (d) => `${d.year}: P50 ${fmt(d.p50)}, P5–P95 ${fmt(d.p5)}–${fmt(d.p95)}, ${t('fan.mean')} ${fmt(d.mean)}` }),
      share ? Plot.ruleY([1], { stroke: '#5c6b7a', strokeDasharray: '2,3' }) : Plot.ruleY([0]),
      // Hover: the values of the nearest year.
      Plot.tip(rows, Plot.pointerX({ x: 'year', y: 'p50', title: (d) => `${d.year}\nP50 ${fmt(d.p50)}\nP5–P95 ${fmt(d.p5)}–${fmt(d.p95)}\n${t('fan.mean')} ${fmt(d.mean)}` })),
      Plot.text([{ x: rows[0]?.year, y: share ? 0.04 : top * 0.96 }], { x: 'x', y: 'y', text: () => t('fan.key'), textAnchor: 'start', fontSize: 11, fill: '#5c6b7a' }),
    ],
  });
}

/** Legend items of a single fan chart (for its SVG and PNG export): band, P50 line, mean. */
export function fanLegend() {
  return [
    { label: t('fan.legend_band'), colour: '#b4cde2' },
    { label: t('fan.legend_p50'), colour: '#1b6ca8' },
    { label: t('fan.legend_mean'), colour: '#e76f51' },
  ];
}

// Fixed breaks of the loss map (docs/methodology.md §12.4): the same loss has the same colour in
// every scenario, so a 4 % loss never looks like a catastrophe.
export const LOSS_BREAKS = [0.0005, 0.05, 0.1, 0.25, 0.5];
export const LOSS_COLOURS = ['#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];

/**
 * Binned colours of expected loss with fixed breaks 0–5–10–25–50 %: losses (and gains) under
 * 0.05 % get the zero colour, missing values the no-data colour.
 */
export function lossScale() {
  const colour = (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA;
    if (v < LOSS_BREAKS[0]) return ZERO;
    let i = 0;
    while (i + 1 < LOSS_BREAKS.length && v >= LOSS_BREAKS[i + 1]) i += 1;
    return LOSS_COLOURS[i];
  };
  const legend = [
    { label: t('fan.loss_none'), colour: ZERO },
    { label: '0–5 %', colour: LOSS_COLOURS[0] },
    { label: '5–10 %', colour: LOSS_COLOURS[1] },
    { label: '10–25 %', colour: LOSS_COLOURS[2] },
    { label: '25–50 %', colour: LOSS_COLOURS[3] },
    { label: '≥ 50 %', colour: LOSS_COLOURS[4] },
  ];
  return { colour, legend };
}

/**
 * Up to three lines on one chart (economies, or one economy under scenario variants): each
 * one's P5–P95 band and P50 line, in its colour (series.colour, else the economy's fixed
 * colour) and, from the second line on, dashed. series: [{code, label, rows (fanRows), colour?}].
 */
export function fanOverlayChart(series, { width = 640, height = 320 } = {}) {
  const data = series.flatMap((s) => s.rows.map((r) => ({ ...r, economy: s.label })));
  const top = Math.max(1.05, ...data.map((r) => r.p95));
  const domain = series.map((s) => s.label);
  return Plot.plot({
    width,
    height,
    marginLeft: 52,
    marginRight: 20,
    x: { label: t('time.year_axis'), tickFormat: 'd', ticks: [...new Set(data.map((r) => r.year))] },
    y: { label: t('fan.y_axis'), domain: [0, top], tickFormat: pct, grid: true },
    color: { domain, range: series.map((s) => s.colour || economyColour(s.code)) },
    marks: [
      Plot.areaY(data, { x: 'year', y1: 'p5', y2: 'p95', fill: 'economy', fillOpacity: 0.14 }),
      ...series.map((s, i) => Plot.lineY(data.filter((d) => d.economy === s.label), { x: 'year', y: 'p50', stroke: 'economy', strokeWidth: 2, strokeDasharray: DASHES[i] ?? undefined })),
      Plot.dot(data, { x: 'year', y: 'p50', fill: 'economy', r: 2.5 }),
      Plot.ruleY([1], { stroke: '#5c6b7a', strokeDasharray: '2,3' }),
      Plot.tip(data, Plot.pointer({ x: 'year', y: 'p50', title: (d) => `${d.economy}, ${d.year}\nP50 ${pct(d.p50)}\nP5–P95 ${pct(d.p5)}–${pct(d.p95)}` })),
    ],
  });
}
