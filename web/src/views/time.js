// Time: one census metric over the years for chosen economies. Each point is the census on 31
// December of its year (the dataset's own date for its last year) — one cached request per
// year, at most four at a time. Region counts show the strict–lenient range as a band
// (methodology §2.1): the line is the lenient count, the band reaches down to the strict one.
import * as Plot from '@observablehq/plot';
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { METRICS, metricById, formatValue } from '../lib/metrics.js';
import { economyColour } from '../lib/labels.js';
import { rangeNote } from '../lib/dating.js';
import { t, economyLabel, countryName, compareNames } from '../lib/i18n.js';
import { el, panel } from '../lib/panel.js';
import { TIDY_COLUMNS } from '../lib/csv.js';
import { timeYears, timeSeries } from '../lib/timeline.js';
import { assumptionsText, originText, energySourceIds } from '../lib/energy.js';

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

    const msel = el('select', { id: 'time-metric', 'aria-label': t('map.metric'), onchange: (e) => ctx.setState({ metric: e.target.value }) },
      METRICS.filter((m) => m.kind !== 'category').map((m) => el('option', { value: m.id, selected: m.id === metric.id }, m.label)));
    const add = el('select', { id: 'time-add', 'aria-label': t('compare.add_label'), onchange: (e) => e.target.value && ctx.setState({ iso3: [...codes, e.target.value], none: false }) },
      el('option', { value: '' }, t('compare.add')),
      [...latest.rows].filter((r) => !codes.includes(r.code)).sort((a, b) => compareNames(countryName(a.code, a.name), countryName(b.code, b.name))).map((r) => el('option', { value: r.code }, economyLabel(r.code, r.name))));
    const chips = codes.map((c) => el('span', { class: 'chip', style: `border-left: 6px solid ${economyColour(c)}` }, c,
      el('button', { type: 'button', id: `time-remove-${c}`, title: t('compare.remove', { code: c }), 'aria-label': t('compare.remove', { code: c }), onclick: () => ctx.setState({ iso3: codes.filter((x) => x !== c), none: codes.length === 1 }) }, '×')));
    root.append(el('div', { class: 'view-controls' }, el('label', {}, t('map.metric'), ' ', msel), chips, add));
    if (unknown.length) root.append(el('p', { class: 'error', role: 'alert', id: 'time-unknown' }, t('time.unknown', { codes: unknown.join(', ') })));
    if (!codes.length) {
      root.append(el('p', { class: 'empty', id: 'time-empty' }, t('compare.empty')));
      return;
    }

    const series = timeSeries(points, censuses, codes, metric);
    const label = (code) => economyLabel(code, byCode.get(code)?.name || code);
    const data = series.map((d) => ({ ...d, economy: label(d.code) }));
    const domain = codes.map(label);
    // Shares on a 0–100 % axis; energy figures (methodology §15) in their own format (a share of
    // generation is far below 1 %).
    const share = metric.unit === 'share' && metric.scale !== 'log';
    const energyTicks = metric.energy && (metric.legendFormat || metric.format) ? { tickFormat: metric.legendFormat || metric.format } : {};
    const chart = Plot.plot({
      width: 760,
      height: 380,
      marginLeft: 60,
      marginRight: 120,
      x: { label: t('time.year_axis'), tickFormat: 'd' },
      y: { label: `↑ ${metric.label}`, grid: true, ...(share ? { domain: [0, 1], tickFormat: (d) => `${Math.round(d * 100)}%` } : energyTicks) },
      color: { domain, range: codes.map(economyColour), legend: false },
      marks: [
        metric.strict ? Plot.areaY(data, { x: 'year', y1: 'lower', y2: 'value', fill: 'economy', fillOpacity: 0.15 }) : null,
        Plot.lineY(data.filter((d) => d.value !== null), { x: 'year', y: 'value', stroke: 'economy', strokeWidth: 2 }),
        Plot.dot(data.filter((d) => d.value !== null), { x: 'year', y: 'value', fill: 'economy', r: 2.5, title: (d) => `${d.economy}, ${d.as_of}: ${formatValue(metric, d.value)}${metric.strict && d.lower !== d.value ? t('time.strict_tip', { v: formatValue(metric, d.lower) }) : ''}` }),
        Plot.text(data.filter((d) => d.year === points[points.length - 1].year && d.value !== null), { x: 'year', y: 'value', text: 'code', dx: 6, textAnchor: 'start', fontSize: 11, fill: 'economy' }),
        Plot.ruleY([0]),
      ].filter(Boolean),
    });
    const host = el('div', { class: 'chart-host' }, chart, el('div', { class: 'legend-html' }, codes.map((c) => el('span', { class: 'legend-item' }, el('span', { class: 'swatch', style: `background:${economyColour(c)}` }), label(c)))));
    root.append(panel({
      id: 'time-chart',
      title: t('time.title', { metric: metric.label, from: points[0].year, to: points[points.length - 1].year }),
      chart: host,
      rows: series.map((d) => ({ code: d.code, name: byCode.get(d.code)?.name || d.code, year: d.year, indicator: metric.id, value: d.value, unit: metric.unit, lower: metric.strict ? d.lower : null, upper: metric.strict ? d.value : null, source_id: 'aisov_census' })),
      columns: TIDY_COLUMNS,
      filename: `aisov-time-${metric.id.replace(':', '-')}-${codes.join('-')}`,
      source: { meta: { ...latest.meta, as_of: t('time.as_of', { from: points[0].year, to: points[points.length - 2]?.year ?? points[0].year, date: ctx.info.as_of }) }, what: metric.energy ? t('map.energy_what', { assumptions: assumptionsText(latest.energy_parameters), origin: originText(latest.energy_parameters) }) : t('source.census'), sourceIds: metric.energy ? energySourceIds(latest.energy_parameters) : [] },
      sourcesById: ctx.sourcesById,
      subtitle: `${t('time.subtitle', { date: ctx.info.as_of, year: points[points.length - 1].year })}${metric.strict ? t('time.subtitle_band') : ''}`,
      legend: codes.map((c) => ({ label: label(c), colour: economyColour(c) })),
      note: `${t('time.note', { date: ctx.info.as_of })}${metric.strict ? t('time.note_band', { note: rangeNote() }) : ''}`,
    }));
  },
};
