// Bar charts with Observable Plot (SVG).
import * as Plot from '@observablehq/plot';
import { t, formatNumber, countryName } from './i18n.js';
import { economyColour, codeOfLabel } from './labels.js';

// A chart with an HTML colour legend below it (the chart's <svg> comes first, so the panel's
// SVG/PNG downloads take the chart and build their own legend from its colour scale).
function withLegend(svg) {
  const host = document.createElement('div');
  host.append(svg, svg.legend('color', { className: 'plot-legend' }) || '');
  return host;
}

/** The stable colour of a share key (an economy code; grey for unknown, domestic and blocs). */
export function keyColour(key) {
  return /^[A-Z]{3}$/.test(key) ? economyColour(key) : key === 'domestic' ? '#2a9d8f' : '#b0b0b0';
}

/** Horizontal bars of a layer's shares; keys labelled with economy names where known. */
export function shareBars(layer, { nameOf = (k) => k, colour = '#1b6ca8', width = 440 } = {}) {
  const data = (layer?.shares || []).map((s) => ({ key: s.key, label: labelOf(s.key, nameOf), share: s.share, weight: s.weight }));
  const height = Math.max(60, 28 + data.length * 22);
  return Plot.plot({
    width,
    height,
    marginLeft: 150,
    marginRight: 50,
    x: { domain: [0, 1], label: t('chart.share_axis'), tickFormat: (d) => `${Math.round(d * 100)}%`, grid: true },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x: 'share', y: 'label', fill: colour, title: (d) => `${d.label}: ${(d.share * 100).toFixed(1)} % (${t('chart.weight')} ${+d.weight.toFixed(2)})` }),
      Plot.text(data, { x: 'share', y: 'label', text: (d) => `${(d.share * 100).toFixed(1)}%`, dx: 4, textAnchor: 'start', fontSize: 11 }),
      Plot.ruleX([0]),
    ],
  });
}

export function labelOf(key, nameOf) {
  if (key === 'unknown') return 'unknown';
  if (key === 'domestic') return 'domestic';
  const n = nameOf(key);
  return n && n !== key ? `${shorten(n)} (${key})` : key;
}

function shorten(name) {
  return name.length > 20 ? `${name.slice(0, 19)}…` : name;
}

/**
 * Bars of one metric across several economies. Region counts (metric.strict): a light bar to the
 * lenient count over a dark one to the strict count, labelled "strict–lenient" when they differ.
 */
export function metricBars(rows, metric, { width = 640 } = {}) {
  // Energy metrics (methodology §15): a missing value is "no data" (no bar), never 0; the
  // figures in the metric's own format; shares of generation are far below 1, so no 0–100 % axis.
  const energy = Boolean(metric.energy);
  const data = rows.map((r) => {
    const raw = metric.get(r);
    const value = raw ?? 0;
    const strict = metric.strict ? metric.strict(r) ?? value : value;
    return { label: `${shorten(countryName(r.code, r.name))} (${r.code})`, value, strict, missing: raw === null || raw === undefined };
  });
  const num = (v) => formatNumber(v, { maximumFractionDigits: 0 });
  const fill = (d) => economyColour(codeOfLabel(d.label));
  const short = metric.legendFormat || metric.format;
  const text = (d) => (energy ? (d.missing ? t('no_data') : short(d.value)) : metric.unit === 'share' ? `${(d.value * 100).toFixed(1)}%` : d.strict !== d.value ? `${num(d.strict)}–${num(d.value)}` : num(d.value));
  const fixedShare = metric.unit === 'share' && metric.scale !== 'log';
  return Plot.plot({
    width,
    height: Math.max(80, 30 + data.length * 26),
    marginLeft: 170,
    marginRight: 70,
    x: { label: `${metric.label}${metric.strict ? t('chart.dark_light') : ''} →`, grid: true, ...(fixedShare ? { domain: [0, 1], tickFormat: (d) => `${Math.round(d * 100)}%` } : energy && short ? { tickFormat: short } : {}) },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data.filter((d) => !d.missing), { x: 'value', y: 'label', fill, fillOpacity: metric.strict ? 0.35 : 1 }),
      metric.strict ? Plot.barX(data, { x: 'strict', y: 'label', fill, insetTop: 4, insetBottom: 4 }) : null,
      Plot.text(data, { x: 'value', y: 'label', text, dx: 4, textAnchor: 'start', fontSize: 11 }),
      Plot.ruleX([0]),
    ].filter(Boolean),
  });
}

/** Stacked shares of one layer per economy (one bar each). */
export function stackedShares(rows, layer, { nameOf = (k) => k, width = 640 } = {}) {
  const data = [];
  const keys = new Map();
  for (const r of rows) {
    for (const s of r[layer]?.shares || []) {
      const key = labelOf(s.key, nameOf);
      keys.set(key, keyColour(s.key));
      data.push({ economy: `${shorten(countryName(r.code, r.name))} (${r.code})`, key, share: s.share });
    }
  }
  const domain = [...keys.keys()].sort();
  return withLegend(Plot.plot({
    width,
    height: Math.max(80, 60 + rows.length * 28),
    marginLeft: 170,
    x: { domain: [0, 1], label: t('chart.share_axis'), tickFormat: (d) => `${Math.round(d * 100)}%` },
    y: { label: null, domain: rows.map((r) => `${shorten(countryName(r.code, r.name))} (${r.code})`) },
    color: { domain, range: domain.map((k) => keys.get(k)) },
    marks: [
      Plot.barX(data, Plot.stackX({ x: 'share', y: 'economy', fill: 'key', title: (d) => `${d.economy} — ${d.key}: ${(d.share * 100).toFixed(1)} %`, order: 'key' })),
      Plot.text(data, Plot.stackX({ x: 'share', y: 'economy', text: (d) => (d.share >= 0.12 ? d.key.replace(/ \(.*\)$/, '') : ''), order: 'key', fill: 'white', fontSize: 10 })),
    ],
  }));
}
