// Several economies side by side: every census metric in one table, one metric as bars, and
// the operator-jurisdiction shares stacked.
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { METRICS, metricById, tidyRows, formatMetric } from '../lib/metrics.js';
import { assumptionsText, originText, energySourceIds } from '../lib/energy.js';
import { categoryLabel } from '../lib/scales.js';
import { rangeFootnote, rangeNote } from '../lib/dating.js';
import { t, countryName, economyLabel, compareNames } from '../lib/i18n.js';
import { metricBars, stackedShares } from '../lib/charts.js';
import { el, panel } from '../lib/panel.js';
import { TIDY_COLUMNS } from '../lib/csv.js';

export const DEFAULT_COMPARISON = ['USA', 'CHN', 'DEU', 'IND', 'BRA', 'KEN'];

export const compareView = {
  id: 'compare',
  async render(ctx, root) {
    const { state } = ctx;
    const census = await api.census(apiScope(state));
    const byCode = new Map(census.rows.map((r) => [r.code, r]));
    // Defaults only when the URL names no economy (not after the reader removed the last one).
    const asked = state.iso3.length ? state.iso3 : state.none ? [] : DEFAULT_COMPARISON;
    const codes = asked.filter((c) => byCode.has(c));
    const unknown = asked.filter((c) => !byCode.has(c));
    const rows = codes.map((c) => byCode.get(c));
    const nameOf = (k) => countryName(k, byCode.get(k)?.name || k);

    const add = el('select', { id: 'add-country', 'aria-label': t('compare.add_label'), onchange: (e) => e.target.value && ctx.setState({ iso3: [...codes, e.target.value], none: false }) },
      el('option', { value: '' }, t('compare.add')),
      [...census.rows].filter((r) => !codes.includes(r.code)).sort((a, b) => compareNames(nameOf(a.code), nameOf(b.code))).map((r) => el('option', { value: r.code }, economyLabel(r.code, r.name))));
    const chips = codes.map((c) => el('span', { class: 'chip' }, el('a', { href: `#${ctx.link({ view: 'profile', iso3: [c] })}` }, c), el('button', { type: 'button', id: `compare-remove-${c}`, title: t('compare.remove', { code: c }), 'aria-label': t('compare.remove', { code: c }), onclick: () => ctx.setState({ iso3: codes.filter((x) => x !== c), none: codes.length === 1 }) }, '×')));
    const metric = metricById(state.metric);
    const msel = el('select', { id: 'metric', 'aria-label': t('map.metric'), onchange: (e) => ctx.setState({ metric: e.target.value }) },
      METRICS.filter((m) => m.kind !== 'category').map((m) => el('option', { value: m.id, selected: m.id === metric.id }, m.label)));
    root.append(el('div', { class: 'view-controls' }, chips, add, el('label', {}, t('compare.bars'), ' ', msel)));
    if (unknown.length) {
      root.append(el('p', { class: 'error', role: 'alert', id: 'compare-unknown' }, t(unknown.length === 1 ? 'compare.unknown_one' : 'compare.unknown_many', { codes: unknown.join(', '), n: census.rows.length })));
    }
    if (!rows.length) {
      root.append(el('p', { class: 'empty', id: 'compare-empty' }, t('compare.empty')));
      return;
    }

    const shown = METRICS;
    const table = el('table', { class: 'data compare', id: 'compare-table' },
      el('thead', {}, el('tr', {}, el('th', {}, t('map.metric')), rows.map((r) => el('th', {}, economyLabel(r.code, r.name))))),
      el('tbody', {}, shown.map((m) => el('tr', {}, el('th', { scope: 'row' }, m.label), rows.map((r) => {
        const text = m.kind === 'category' ? categoryLabel(m.get(r)) : formatMetric(m, r);
        const ranged = Boolean(m.strict) && text.includes('–');
        return el('td', { class: [m.kind === 'category' ? null : 'num', ranged ? 'range' : null].filter(Boolean).join(' ') || null, title: ranged ? t('compare.range_title', { note: rangeNote() }) : null }, text);
      })))));
    const tidyAll = shown.flatMap((m) => tidyRows(rows, m, census.meta.as_of));
    root.append(panel({
      id: 'compare-metrics',
      title: t('compare.side_by_side'),
      chart: table,
      rows: tidyAll,
      columns: TIDY_COLUMNS,
      filename: `aisov-compare-${codes.join('-')}-${census.meta.as_of}`,
      source: { meta: census.meta, what: t('source.census') },
      sourcesById: ctx.sourcesById,
      note: `${rangeFootnote()}${t('map.note_csv')}`,
    }));
    const barMetric = metric.kind === 'category' ? METRICS[0] : metric;
    const grid = el('div', { class: 'grid' });
    root.append(grid);
    grid.append(panel({
      id: 'compare-bars',
      title: barMetric.label,
      chart: metricBars(rows, barMetric, { width: 460 }),
      rows: tidyRows(rows, barMetric, census.meta.as_of),
      columns: TIDY_COLUMNS,
      filename: `aisov-compare-${barMetric.id}-${census.meta.as_of}`,
      source: barMetric.energy
        ? { meta: census.meta, what: t('map.energy_what', { assumptions: assumptionsText(census.energy_parameters), origin: originText(census.energy_parameters) }), sourceIds: energySourceIds(census.energy_parameters) }
        : { meta: census.meta, what: t('source.census') },
      sourcesById: ctx.sourcesById,
    }));
    const stackRows = rows.flatMap((r) => r.operator_jurisdiction.shares.map((s) => ({ code: r.code, name: r.name, year: census.meta.as_of.slice(0, 4), indicator: `operator_jurisdiction:${s.key}`, value: s.share, unit: 'share', lower: null, upper: null, source_id: 'aisov_census' })));
    grid.append(panel({
      id: 'compare-operators',
      title: t('compare.operator_shares'),
      chart: stackedShares(rows, 'operator_jurisdiction', { nameOf, width: 460 }),
      rows: stackRows,
      columns: TIDY_COLUMNS,
      filename: `aisov-compare-operators-${census.meta.as_of}`,
      source: { meta: census.meta, what: t('compare.what_weighted', { weight: census.meta.weight }) },
      sourcesById: ctx.sourcesById,
    }));
  },
};
