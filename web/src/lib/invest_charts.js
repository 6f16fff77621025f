// Charts of the investment and optimiser views (Observable Plot, SVG).
import * as Plot from '@observablehq/plot';
import { usdText } from './invest.js';
import { t } from './i18n.js';
import { economyColour, codeOfLabel, PALETTE20 } from './labels.js';

const pctText = (v) => `${v.toFixed(v < 0.1 ? 3 : 2)} %`;

// A plot with its colour legend below it: the chart's <svg> comes first, so the panel's SVG and
// PNG downloads take the chart, not a legend swatch.
function withLegend(options) {
  const svg = Plot.plot(options);
  const host = document.createElement('div');
  host.append(svg, svg.legend('color'));
  return host;
}

/** Element bars: one facet row per element, one bar per economy (% of GDP, mid) with the low–high range. */
export function elementBarsChart(bars, { width = 640 } = {}) {
  const elements = [...new Set(bars.map((b) => b.element_name))];
  const economies = [...new Set(bars.map((b) => b.economy))];
  return withLegend({
    width,
    height: Math.max(120, 40 + elements.length * (economies.length * 16 + 12)),
    marginLeft: 160,
    marginRight: 60,
    x: { label: t('ichart.cumulative'), grid: true },
    y: { label: null, domain: economies, axis: null },
    fy: { label: null, domain: elements },
    color: { domain: economies, range: economies.map((e) => economyColour(codeOfLabel(e))) },
    marks: [
      Plot.barX(bars, { x: 'pct_gdp', y: 'economy', fy: 'element_name', fill: 'economy', title: (d) => `${d.economy} — ${d.element_name}: ${pctText(d.pct_gdp)} of GDP (${pctText(d.pct_gdp_low)}–${pctText(d.pct_gdp_high)}; ${d.estimate_kind})` }),
      Plot.ruleY(bars, { x1: 'pct_gdp_low', x2: 'pct_gdp_high', y: 'economy', fy: 'element_name', stroke: '#1d2630', strokeWidth: 1 }),
      Plot.text(bars, { x: 'pct_gdp_high', y: 'economy', fy: 'element_name', text: (d) => pctText(d.pct_gdp), dx: 4, textAnchor: 'start', fontSize: 10 }),
      Plot.ruleX([0]),
    ],
  });
}

/** Projection fan of one element: P5–P95 band, P50 line, the published 2030 level as a marked point. */
export function investFanChart(fan, { width = 440, height = 240 } = {}) {
  const published = fan.published_2030 > 0 && fan.rows.some((r) => r.year === 2030) ? [{ year: 2030, value: fan.published_2030 }] : [];
  const top = Math.max(...fan.rows.map((r) => r.p95), ...published.map((p) => p.value)) * 1.08;
  return Plot.plot({
    width,
    height,
    marginLeft: 60,
    marginRight: 16,
    x: { label: t('time.year_axis'), tickFormat: 'd', ticks: fan.rows.map((r) => r.year) },
    y: { label: t('ichart.usd_year'), domain: [0, top], tickFormat: (d) => usdText(d), grid: true },
    marks: [
      Plot.areaY(fan.rows, { x: 'year', y1: 'p5', y2: 'p95', fill: '#2a9d8f', fillOpacity: 0.22 }),
      Plot.lineY(fan.rows, { x: 'year', y: 'p50', stroke: '#2a9d8f', strokeWidth: 2 }),
      Plot.dot(fan.rows, { x: 'year', y: 'p50', fill: '#2a9d8f', r: 2.5, title: (d) => `${d.year}: P50 ${usdText(d.p50)}, P5–P95 ${usdText(d.p5)}–${usdText(d.p95)}` }),
      Plot.dot(published, { x: 'year', y: 'value', symbol: 'diamond', r: 6, fill: '#e76f51', stroke: '#1d2630', title: (d) => `published 2030 level (${fan.published_qualifier}): ${usdText(d.value)}` }),
      Plot.text(published, { x: 'year', y: 'value', text: () => 'published 2030', dy: -12, textAnchor: 'end', fontSize: 10, fill: '#a4161a' }),
    ],
  });
}

/** Pathway gaps: additional investment per element to the next archetype's threshold. */
export function pathwayChart(rows, { width = 440 } = {}) {
  return Plot.plot({
    width,
    height: Math.max(80, 30 + rows.length * 24),
    marginLeft: 170,
    marginRight: 60,
    x: { label: t('ichart.gap'), tickFormat: (d) => usdText(d), grid: true },
    y: { label: null, domain: rows.map((r) => r.name) },
    marks: [
      Plot.barX(rows, { x: 'gap_usd', y: 'name', fill: '#e76f51', title: (d) => `${d.name}: ${usdText(d.gap_usd)} USD (${d.gap_pct_gdp.toFixed(3)} % of GDP)` }),
      Plot.text(rows, { x: 'gap_usd', y: 'name', text: (d) => usdText(d.gap_usd), dx: 4, textAnchor: 'start', fontSize: 11 }),
      Plot.ruleX([0]),
    ],
  });
}

/** The optimum's committed spending by start year, stacked by option. */
export function allocationChart(rows, { width = 560 } = {}) {
  return withLegend({
    width,
    height: 300,
    marginLeft: 60,
    x: { label: t('shock.param.start'), tickFormat: 'd' },
    y: { label: t('ichart.committed'), tickFormat: (d) => usdText(d), grid: true },
    // 20 distinct colours: an allocation can have more than ten options.
    color: { domain: [...new Set(rows.map((r) => r.label))], range: PALETTE20 },
    marks: [
      Plot.barY(rows, Plot.stackY({ x: 'year', y: 'usd', fill: 'label', title: (d) => `${d.year} — ${d.label}: ${usdText(d.usd)} USD` })),
      Plot.ruleY([0]),
    ],
  });
}

/** Efficient frontier: expected H100e-years against the CVaR of the loss, one point per λ. */
export function frontierChart(points, { lambda, width = 520 } = {}) {
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 70,
    marginRight: 50,
    x: { label: t('ichart.cvar'), grid: true },
    y: { label: t('ichart.expected'), grid: true },
    marks: [
      Plot.line(points, { x: 'cvar', y: 'expected', stroke: '#1b6ca8', sort: 'lambda' }),
      Plot.dot(points, { x: 'cvar', y: 'expected', fill: (d) => (d.lambda === lambda ? '#e76f51' : '#1b6ca8'), r: (d) => (d.lambda === lambda ? 6 : 4), title: (d) => `λ = ${d.lambda}: E = ${d.expected.toFixed(0)}, CVaR = ${d.cvar.toFixed(0)} H100e-years` }),
      Plot.text(points, { x: 'cvar', y: 'expected', text: (d) => `λ ${d.lambda}`, dx: 6, dy: -8, textAnchor: 'start', fontSize: 10 }),
    ],
  });
}

/**
 * Sensitivity as a tornado chart: for each parameter (largest swing on top) a bar from the
 * optimum's value at the parameter's low end to its value at the high end (USD-equivalent), with
 * the base optimum as a vertical rule. rows: sensitivityRows(); label(parameter) names it.
 */
export function tornadoChart(rows, { base, label = (p) => p, width = 640 } = {}) {
  const data = rows.map((s) => ({ ...s, name: label(s.parameter), base }));
  return Plot.plot({
    width,
    height: Math.max(100, 40 + data.length * 24),
    marginLeft: 230,
    marginRight: 20,
    x: { label: t('ichart.optimum'), tickFormat: (d) => usdText(d), grid: true },
    y: { label: null, domain: data.map((d) => d.name) },
    marks: [
      Plot.barX(data, { x1: 'objective_low_usd', x2: 'base', y: 'name', fill: '#9cc3e4', title: (d) => `${d.name} at its low end (${d.low}): ${usdText(d.objective_low_usd)}` }),
      Plot.barX(data, { x1: 'base', x2: 'objective_high_usd', y: 'name', fill: '#1b6ca8', title: (d) => `${d.name} at its high end (${d.high}): ${usdText(d.objective_high_usd)}` }),
      Plot.ruleX([base], { stroke: '#1d2630', strokeDasharray: '3,2' }),
    ],
  });
}
