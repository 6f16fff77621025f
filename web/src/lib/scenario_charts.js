// Charts of the scenario builder (Observable Plot, SVG): the fan chart of one economy and the
// colour scale of the loss map.
import * as Plot from '@observablehq/plot';
import { scaleLinear } from 'd3-scale';
import { interpolateOrRd } from 'd3-scale-chromatic';
import { NO_DATA, ZERO } from './scales.js';

const pct = (d) => `${Math.round(d * 100)}%`;

/** P5–P95 band, P50 line and mean (dashed) of the share of the no-shock baseline, by year. */
export function fanChart(rows, { width = 640, height = 320 } = {}) {
  const top = Math.max(1.05, ...rows.map((r) => r.p95));
  return Plot.plot({
    width,
    height,
    marginLeft: 52,
    marginRight: 20,
    x: { label: 'year →', tickFormat: 'd', ticks: rows.map((r) => r.year) },
    y: { label: '↑ share of the no-shock baseline', domain: [0, top], tickFormat: pct, grid: true },
    marks: [
      Plot.areaY(rows, { x: 'year', y1: 'p5', y2: 'p95', fill: '#1b6ca8', fillOpacity: 0.22 }),
      Plot.lineY(rows, { x: 'year', y: 'p50', stroke: '#1b6ca8', strokeWidth: 2 }),
      Plot.lineY(rows, { x: 'year', y: 'mean', stroke: '#e76f51', strokeWidth: 1.5, strokeDasharray: '5,3' }),
      Plot.dot(rows, { x: 'year', y: 'p50', fill: '#1b6ca8', r: 2.5, title: (d) => `${d.year}: P50 ${pct(d.p50)}, P5–P95 ${pct(d.p5)}–${pct(d.p95)}, mean ${pct(d.mean)}` }),
      Plot.ruleY([1], { stroke: '#5c6b7a', strokeDasharray: '2,3' }),
      Plot.text([{ x: rows[0]?.year, y: 0.04 }], { x: 'x', y: 'y', text: () => 'band: P5–P95 · line: P50 · dashed: mean', textAnchor: 'start', fontSize: 11, fill: '#5c6b7a' }),
    ],
  });
}

/**
 * Sequential colours for losses from the smallest positive to the largest (losses of a
 * scenario are often close together, so a scale from 0 would show one colour); gains and
 * losses under 0.05 % get the zero colour.
 */
export function lossScale(losses) {
  const pos = losses.filter((v) => Number.isFinite(v) && v > 0.0005);
  const hi = pos.length ? Math.max(...pos) : 0.01;
  const lo = pos.length && Math.min(...pos) < hi * 0.98 ? Math.min(...pos) : 0;
  const s = scaleLinear().domain([lo, hi]).range([0.15, 1]).clamp(true);
  const colour = (v) => (typeof v !== 'number' || !Number.isFinite(v) ? NO_DATA : v <= 0.0005 ? ZERO : interpolateOrRd(s(v)));
  const digits = hi - lo < 0.1 ? 1 : 0;
  const steps = [0, 0.25, 0.5, 0.75, 1].map((f) => lo + f * (hi - lo));
  const legend = [{ label: 'none', colour: ZERO }, ...steps.map((v) => ({ label: `${(v * 100).toFixed(digits)} %`, colour: colour(Math.max(v, 0.0006)) }))];
  return { colour, legend };
}
