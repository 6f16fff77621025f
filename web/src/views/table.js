// Table: every economy of the census with every metric, sortable (click a column), searchable,
// and downloadable as one CSV. The sort key and the search text are in the URL.
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { METRICS, formatMetric } from '../lib/metrics.js';
import { categoryLabel } from '../lib/scales.js';
import { rangeFootnote } from '../lib/dating.js';
import { t, countryName, economyLabel } from '../lib/i18n.js';
import { el, panel } from '../lib/panel.js';
import { sortRows, filterRows } from '../lib/table.js';
import { assumptionsText, originText, energySourceIds } from '../lib/energy.js';

export const tableView = {
  id: 'table',
  async render(ctx, root) {
    const { state } = ctx;
    const census = await api.census(apiScope(state));
    const metrics = METRICS;
    const key = state.sort || '-ai_regions';
    const desc = key.startsWith('-');
    const sortId = key.replace(/^-/, '');
    const valueOf = (r, id) => (id === 'name' ? countryName(r.code, r.name) : metrics.find((m) => m.id === id)?.get(r));
    const shown = sortRows(filterRows(census.rows, state.q, (r) => `${r.name} ${countryName(r.code, r.name)} ${r.code}`), (r) => valueOf(r, sortId), desc);

    const search = el('input', { type: 'search', id: 'table-search', value: state.q, placeholder: t('table.search_placeholder'), 'aria-label': t('table.search_label') });
    let timer = null;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctx.setState({ q: search.value.trim() }), 300);
    });
    root.append(el('div', { class: 'view-controls' }, el('label', {}, t('table.search'), ' ', search), el('span', { class: 'note', role: 'status', id: 'table-count' }, t('table.count', { n: shown.length, total: census.rows.length }))));

    const header = (id, label, num) => {
      const active = id === sortId;
      const next = active && !desc ? `-${id}` : active ? id : num ? `-${id}` : id;
      return el('th', { scope: 'col', 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none', class: num ? 'num' : null },
        el('button', { type: 'button', class: 'sort', id: `sort-${id.replace(':', '-')}`, 'data-sort': id, onclick: () => ctx.setState({ sort: next }) }, label, active ? (desc ? ' ▼' : ' ▲') : ''));
    };
    const table = el('table', { class: 'data sortable', id: 'economy-table' },
      el('thead', {}, el('tr', {}, header('name', t('map.economy'), false), metrics.map((m) => header(m.id, m.label, m.kind !== 'category')))),
      el('tbody', {}, shown.map((r) => el('tr', { 'data-code': r.code },
        el('th', { scope: 'row' }, el('a', { href: `#${ctx.link({ view: 'profile', iso3: [r.code] })}` }, economyLabel(r.code, r.name))),
        metrics.map((m) => el('td', { class: m.kind === 'category' ? null : 'num' }, m.kind === 'category' ? categoryLabel(m.get(r)) : formatMetric(m, r)))))));
    // One wide row per economy; region counts with their strict bound, energy figures with their
    // low and high cases (methodology §15.2; empty = no data).
    const extra = (m) => (m.strict ? [[`${m.id}_strict`, m.strict]] : m.energy && m.lower ? [[`${m.id}_low`, m.lower], [`${m.id}_high`, m.upper]] : []);
    const columns = ['code', 'name', ...metrics.flatMap((m) => [m.id, ...extra(m).map(([c]) => c)]), 'as_of'];
    const rows = shown.map((r) => Object.fromEntries([['code', r.code], ['name', r.name], ...metrics.flatMap((m) => [[m.id, m.get(r)], ...extra(m).map(([c, f]) => [c, f(r)])]), ['as_of', census.meta.as_of]]));
    root.append(panel({
      id: 'table-panel',
      title: t('table.title', { date: census.meta.as_of }),
      chart: el('div', { class: 'table-scroll' }, table),
      rows,
      columns,
      filename: `aisov-table-${census.meta.as_of}`,
      source: { meta: census.meta, what: `${t('source.census')}${t('source.semicolon')}${t('map.energy_what', { assumptions: assumptionsText(census.energy_parameters), origin: originText(census.energy_parameters) })}`, sourceIds: energySourceIds(census.energy_parameters) },
      sourcesById: ctx.sourcesById,
      note: t('table.note', { footnote: rangeFootnote() }),
    }));
  },
};
