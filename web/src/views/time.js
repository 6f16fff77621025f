// Time: one census metric over the years for chosen economies. Each point is the census on 31
// December of its year (the dataset's own date for its last year) — one cached request per
// year, at most four at a time. Region counts show the strict–lenient range as a band
// (methodology §2.1): the line is the lenient count, the band reaches down to the strict one.
import * as Plot from '@observablehq/plot';
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { METRICS, metricById, formatValue } from '../lib/metrics.js';
import { economyColour } from '../lib/labels.js';
import { RANGE_NOTE } from '../lib/dating.js';
import { el, panel } from '../lib/panel.js';
import { TIDY_COLUMNS } from '../lib/csv.js';
import { timeYears, timeSeries } from '../lib/timeline.js';

export const DEFAULT_TIME = ['USA', 'CHN', 'DEU', 'IND', 'BRA'];
export const FIRST_YEAR = 2010;

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const timeView = {
  id: 'time',
  label: 'Time',
  async render(ctx, root) {
    const { state } = ctx;
    const metric = metricById(state.metric).kind === 'category' ? METRICS[0] : metricById(state.metric);
    const points = timeYears(FIRST_YEAR, ctx.info.as_of);
    const scope = (asOf) => apiScope({ ...state, as_of: asOf === ctx.info.as_of ? '' : asOf });
    const censuses = await mapLimit(points, 4, (p) => api.census(scope(p.as_of)));
    const latest = censuses[censuses.length - 1];
    const byCode = new Map(latest.rows.map((r) => [r.code, r]));
    const asked = state.iso3.filter((c) => /^[A-Z]{3}$/.test(c));
    const codes = (asked.length ? asked : state.none ? [] : DEFAULT_TIME).filter((c) => byCode.has(c)).slice(0, 8);
    const unknown = asked.filter((c) => !byCode.has(c));

    const msel = el('select', { id: 'time-metric', 'aria-label': 'Metric', onchange: (e) => ctx.setState({ metric: e.target.value }) },
      METRICS.filter((m) => m.kind !== 'category').map((m) => el('option', { value: m.id, selected: m.id === metric.id }, m.label)));
    const add = el('select', { id: 'time-add', 'aria-label': 'Add an economy', onchange: (e) => e.target.value && ctx.setState({ iso3: [...codes, e.target.value], none: false }) },
      el('option', { value: '' }, 'add an economy…'),
      [...latest.rows].filter((r) => !codes.includes(r.code)).sort((a, b) => a.name.localeCompare(b.name)).map((r) => el('option', { value: r.code }, `${r.name} (${r.code})`)));
    const chips = codes.map((c) => el('span', { class: 'chip', style: `border-left: 6px solid ${economyColour(c)}` }, c,
      el('button', { type: 'button', id: `time-remove-${c}`, title: `remove ${c}`, 'aria-label': `remove ${c}`, onclick: () => ctx.setState({ iso3: codes.filter((x) => x !== c), none: codes.length === 1 }) }, '×')));
    root.append(el('div', { class: 'view-controls' }, el('label', {}, 'Metric ', msel), chips, add));
    if (unknown.length) root.append(el('p', { class: 'error', role: 'alert', id: 'time-unknown' }, `Not in the census, left out: ${unknown.join(', ')}.`));
    if (!codes.length) {
      root.append(el('p', { class: 'empty', id: 'time-empty' }, 'No economy selected: add one above.'));
      return;
    }

    const series = timeSeries(points, censuses, codes, metric);
    const label = (code) => `${byCode.get(code)?.name || code} (${code})`;
    const data = series.map((d) => ({ ...d, economy: label(d.code) }));
    const domain = codes.map(label);
    const share = metric.unit === 'share';
    const chart = Plot.plot({
      width: 760,
      height: 380,
      marginLeft: 60,
      marginRight: 120,
      x: { label: 'year →', tickFormat: 'd' },
      y: { label: `↑ ${metric.label}`, grid: true, ...(share ? { domain: [0, 1], tickFormat: (d) => `${Math.round(d * 100)}%` } : {}) },
      color: { domain, range: codes.map(economyColour), legend: false },
      marks: [
        metric.strict ? Plot.areaY(data, { x: 'year', y1: 'lower', y2: 'value', fill: 'economy', fillOpacity: 0.15 }) : null,
        Plot.lineY(data.filter((d) => d.value !== null), { x: 'year', y: 'value', stroke: 'economy', strokeWidth: 2 }),
        Plot.dot(data.filter((d) => d.value !== null), { x: 'year', y: 'value', fill: 'economy', r: 2.5, title: (d) => `${d.economy}, ${d.as_of}: ${formatValue(metric, d.value)}${metric.strict && d.lower !== d.value ? ` (strict ${formatValue(metric, d.lower)})` : ''}` }),
        Plot.text(data.filter((d) => d.year === points[points.length - 1].year && d.value !== null), { x: 'year', y: 'value', text: 'code', dx: 6, textAnchor: 'start', fontSize: 11, fill: 'economy' }),
        Plot.ruleY([0]),
      ].filter(Boolean),
    });
    const host = el('div', { class: 'chart-host' }, chart, el('div', { class: 'legend-html' }, codes.map((c) => el('span', { class: 'legend-item' }, el('span', { class: 'swatch', style: `background:${economyColour(c)}` }), label(c)))));
    root.append(panel({
      id: 'time-chart',
      title: `${metric.label}, ${points[0].year}–${points[points.length - 1].year}`,
      chart: host,
      rows: series.map((d) => ({ code: d.code, name: byCode.get(d.code)?.name || d.code, year: d.year, indicator: metric.id, value: d.value, unit: metric.unit, lower: metric.strict ? d.lower : null, upper: metric.strict ? d.value : null, source_id: 'aisov_census' })),
      columns: TIDY_COLUMNS,
      filename: `aisov-time-${metric.id.replace(':', '-')}-${codes.join('-')}`,
      source: { meta: { ...latest.meta, as_of: `31 December of each year ${points[0].year}–${points[points.length - 2]?.year ?? points[0].year}, and ${ctx.info.as_of}` }, what: 'aisov census' },
      sourcesById: ctx.sourcesById,
      subtitle: `Census on 31 December of each year (${ctx.info.as_of} for ${points[points.length - 1].year}).${metric.strict ? ' Line: lenient count; band down to the strict count.' : ''}`,
      legend: codes.map((c) => ({ label: label(c), colour: economyColour(c) })),
      note: `Each point is the census on 31 December of its year (${ctx.info.as_of} for the last).${metric.strict ? ` Line: lenient count; shaded band down to the strict count (${RANGE_NOTE}).` : ''}`,
    }));
  },
};
