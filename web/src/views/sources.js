// Sources: every source of the dataset with its title, producer, dates, URL, licence and how
// many dataset rows cite it (GET /api/v1/data/sources); searchable and sortable, with a CSV.
import { api } from '../lib/api.js';
import { el, panel } from '../lib/panel.js';
import { filterRows, sortRows } from '../lib/table.js';
import { glossary } from '../lib/labels.js';
import { t, formatNumber } from '../lib/i18n.js';

// Columns (catalogue keys sources.col.<id>).
const COLUMNS = ['title', 'producer', 'published', 'accessed', 'licence', 'cited_by_rows', 'source_id'].map((k) => [k, () => t(`sources.col.${k}`)]);

export const sourcesView = {
  id: 'sources',
  async render(ctx, root) {
    const { state } = ctx;
    const [data, census] = await Promise.all([api.sources(), api.census('')]);
    const all = data.sources;
    const key = state.sort && COLUMNS.some(([k]) => k === state.sort.replace(/^-/, '')) ? state.sort : '-cited_by_rows';
    const desc = key.startsWith('-');
    const sortId = key.replace(/^-/, '');
    const shown = sortRows(filterRows(all, state.q, (s) => `${s.source_id} ${s.title} ${s.producer} ${s.licence} ${s.url}`), (s) => s[sortId], desc);

    const search = el('input', { type: 'search', id: 'sources-search', value: state.q, placeholder: t('sources.search_placeholder'), 'aria-label': t('sources.search_label') });
    let timer = null;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctx.setState({ q: search.value.trim() }), 300);
    });
    root.append(el('div', { class: 'view-controls' }, el('label', {}, t('table.search'), ' ', search), el('span', { class: 'note', role: 'status', id: 'sources-count' }, t('sources.count', { n: shown.length, total: all.length }))));

    const header = (id, label) => {
      const active = id === sortId;
      const next = active && !desc ? `-${id}` : id;
      return el('th', { scope: 'col', 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
        el('button', { type: 'button', class: 'sort', id: `sources-sort-${id}`, onclick: () => ctx.setState({ sort: next }) }, label, active ? (desc ? ' ▼' : ' ▲') : ''));
    };
    const table = el('table', { class: 'data sortable', id: 'sources-table' },
      el('thead', {}, el('tr', {}, COLUMNS.map(([k, l]) => header(k, l())))),
      el('tbody', {}, shown.map((s) => el('tr', { id: `source-${s.source_id}`, 'data-source': s.source_id },
        el('td', {}, s.url ? el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title || s.source_id) : s.title || s.source_id, s.notes ? el('div', { class: 'note' }, s.notes) : null),
        el('td', {}, s.producer),
        el('td', {}, s.published),
        el('td', {}, s.accessed),
        el('td', {}, s.licence),
        el('td', { class: 'num' }, formatNumber(s.cited_by_rows || 0)),
        el('td', {}, el('code', {}, s.source_id))))));
    root.append(panel({
      id: 'sources-panel',
      title: t('sources.title', { version: ctx.info.dataset_version }),
      chart: el('div', { class: 'table-scroll' }, table),
      rows: shown,
      columns: ['source_id', 'title', 'producer', 'url', 'published', 'accessed', 'licence', 'cited_by_rows', 'notes'],
      filename: `aisov-sources-${ctx.info.dataset_version}`,
      source: { meta: { dataset_version: ctx.info.dataset_version, as_of: ctx.info.as_of }, what: t('sources.what') },
      sourcesById: ctx.sourcesById,
      note: t('sources.note'),
    }));
    root.append(el('section', { class: 'panel', id: 'glossary' }, el('header', {}, el('h3', {}, t('glossary.title'))),
      el('dl', { class: 'glossary' }, glossary(census.parameters || {}).flatMap((g) => [el('dt', {}, g.term), el('dd', {}, g.text)]))));
  },
};
