// Investment: cumulative value-chain investment by element as % of GDP for the selected
// economies (GET /invest/compare), their archetypes, the pathway of the first one to its next
// archetype (GET /invest/profile), and the seeded projection of annual investment per element to
// 2030 with the published 2030 levels marked (GET /invest/project). The URL holds the economies
// (iso3) and the projection seed.
import { investApi } from '../lib/api.js';
import { archetypeLabel, elementBars, elementTidy, fanByElement, fanTidyRows, pathwayRows, totalRows, usdText } from '../lib/invest.js';
import { elementBarsChart, investFanChart, pathwayChart } from '../lib/invest_charts.js';
import { el, panel } from '../lib/panel.js';
import { TIDY_COLUMNS, parseCsvObjects } from '../lib/csv.js';
import { qualifierText } from '../lib/labels.js';
import { t, formatNumber, countryName, economyLabel, compareNames } from '../lib/i18n.js';
import blocsCsv from '../../../data/blocs.csv?raw';

export const DEFAULT_INVEST = ['DEU', 'FRA', 'USA', 'CHN', 'IND'];
export const PROJECT_DRAWS = 2000;

const investMeta = (meta) => ({ dataset_version: meta.dataset_version, as_of: meta.as_of });

export const investView = {
  id: 'invest',
  async render(ctx, root) {
    const { state } = ctx;
    const arche = await investApi.archetypes();
    const known = new Map(arche.rows.map((r) => [r.iso3, r]));
    // ISO3 codes and bloc ids (eu, g7 … as the CLI accepts); unknown codes are reported, not dropped silently.
    const blocs = parseCsvObjects(blocsCsv).filter((b) => b.kind !== 'power_bloc');
    const blocName = new Map(blocs.map((b) => [b.bloc_id, b.name]));
    const asked = state.iso3.length ? state.iso3 : state.none ? [] : DEFAULT_INVEST;
    const unknown = asked.filter((c) => !known.has(c) && !blocName.has(c));
    const codes = asked.filter((c) => known.has(c) || blocName.has(c)).slice(0, 8);
    const add = el('select', { id: 'invest-add', 'aria-label': t('invest.add_label'), onchange: (e) => e.target.value && ctx.setState({ iso3: [...codes, e.target.value], none: false }) },
      el('option', { value: '' }, t('invest.add')),
      el('optgroup', { label: t('invest.blocs') }, blocs.filter((b) => !codes.includes(b.bloc_id)).map((b) => el('option', { value: b.bloc_id }, `${b.name} (${b.bloc_id})`))),
      el('optgroup', { label: t('invest.economies') }, [...arche.rows].filter((r) => !codes.includes(r.iso3)).sort((a, b) => compareNames(countryName(a.iso3, a.name), countryName(b.iso3, b.name))).map((r) => el('option', { value: r.iso3 }, economyLabel(r.iso3, r.name)))));
    const chips = codes.map((c, i) => el('span', { class: 'chip' },
      el('a', { href: `#${ctx.link({ view: 'invest', iso3: [c, ...codes.filter((x) => x !== c)] })}`, title: i ? t('invest.show_first', { code: c }) : t('invest.shown_below') }, i ? c : `${c} ★`),
      el('button', { type: 'button', id: `invest-remove-${c}`, title: t('compare.remove', { code: c }), 'aria-label': t('compare.remove', { code: c }), onclick: () => ctx.setState({ iso3: codes.filter((x) => x !== c), none: codes.length === 1 }) }, '×')));
    root.append(el('div', { class: 'view-controls' }, chips, add, el('span', { class: 'note' }, t('invest.star'))));
    if (unknown.length) root.append(el('p', { class: 'error', role: 'alert', id: 'invest-unknown' }, t('invest.unknown', { codes: unknown.join(', ') })));
    if (!codes.length) {
      root.append(el('p', { class: 'empty', id: 'invest-empty' }, t('compare.empty')));
      return;
    }
    const first = codes.find((c) => known.has(c));
    const [cmp, prof, proj] = await Promise.all([
      investApi.compare(codes),
      first ? investApi.profile(first) : null,
      investApi.project({ draws: PROJECT_DRAWS, seed: state.seed }),
    ]);

    // Element bars against peers.
    const bars = elementBars(cmp.rows);
    const what = t('invest.what');
    const grid = el('div', { class: 'grid' });
    root.append(panel({
      id: 'invest-elements',
      title: t('invest.elements_title'),
      chart: elementBarsChart(bars, { width: 760 }),
      rows: elementTidy(bars),
      columns: TIDY_COLUMNS,
      filename: `aisov-invest-elements-${codes.join('-')}`,
      source: { meta: investMeta(cmp.meta), what, sourceIds: cmp.meta.sources },
      sourcesById: ctx.sourcesById,
      note: t('invest.elements_note'),
    }));

    const totals = totalRows(cmp.rows);
    const table = el('table', { class: 'data', id: 'invest-totals-table' },
      el('thead', {}, el('tr', {}, ['economy', 'pct', 'total', 'estimate', 'archetype', 'next'].map((h) => el('th', {}, t(`invest.col.${h}`))))),
      el('tbody', {}, totals.map((r) => el('tr', {},
        el('td', {}, el('a', { href: `#${ctx.link({ view: 'profile', iso3: [r.code] })}` }, economyLabel(r.code, r.name))),
        el('td', { class: 'num' }, `${r.pct_gdp.toFixed(2)} (${r.pct_gdp_low.toFixed(2)}–${r.pct_gdp_high.toFixed(2)})`),
        el('td', { class: 'num' }, usdText(r.total_usd)),
        el('td', {}, r.estimate_kind),
        el('td', {}, archetypeLabel(r.archetype)),
        el('td', {}, r.next_archetype ? archetypeLabel(r.next_archetype) : t('invest.none_top'))))));
    root.append(grid);
    grid.append(panel({
      id: 'invest-totals',
      title: t('invest.totals_title'),
      chart: table,
      rows: totals,
      columns: ['code', 'name', 'estimate_kind', 'pct_gdp', 'pct_gdp_low', 'pct_gdp_high', 'total_usd', 'archetype', 'next_archetype', 'source_id'],
      filename: `aisov-invest-totals-${codes.join('-')}`,
      source: { meta: investMeta(cmp.meta), what, sourceIds: cmp.meta.sources },
      sourcesById: ctx.sourcesById,
      note: t('invest.archetypes_note', { n: arche.rows.length, counts: arche.counts ? Object.entries(arche.counts).map(([k, v]) => `${archetypeLabel(k)} ${v}`).join(' · ') : '' }),
    }));

    // Pathway of the first economy (blocs have no archetype pathway).
    if (!prof) {
      grid.append(el('p', { class: 'empty' }, t('invest.blocs_no_pathway')));
    }
    const p = prof ? prof.profile : null;
    if (p) {
    const path = pathwayRows(p);
    grid.append(panel({
      id: 'invest-pathway',
      title: p.next_archetype ? t('invest.pathway_title', { economy: economyLabel(p.code, p.name), from: archetypeLabel(p.archetype), to: archetypeLabel(p.next_archetype) }) : t('invest.pathway_top', { economy: economyLabel(p.code, p.name), archetype: archetypeLabel(p.archetype) }),
      chart: path.length ? pathwayChart(path) : el('p', { class: 'empty' }, p.next_archetype ? t('invest.no_gap') : t('invest.at_top')),
      rows: path.map((r) => ({ code: p.code, name: p.name, ...r })),
      columns: ['code', 'name', 'element', 'gap_usd', 'gap_pct_gdp'],
      filename: `aisov-invest-pathway-${p.code}`,
      source: { meta: investMeta(prof.meta), what: `aisov invest profile ${p.code}`, sourceIds: prof.meta.sources },
      sourcesById: ctx.sourcesById,
      note: p.unmet.length ? t('invest.unmet', { archetype: archetypeLabel(p.next_archetype), list: p.unmet.join('; ') }) : t('invest.all_met'),
    }));
    }

    // Projection fans per element (world), with the published 2030 levels.
    const fans = fanByElement(proj, 'world');
    const pm = proj.meta;
    const fanGrid = el('div', { class: 'grid' });
    root.append(el('h3', {}, t('invest.projected', { from: proj.base_year, to: proj.to })), fanGrid);
    for (const f of fans) {
      fanGrid.append(panel({
        id: `invest-fan-${f.element}`,
        title: `${f.name}${f.lands ? t('invest.lands') : f.published_2030 ? t('invest.misses') : ''}`,
        chart: investFanChart(f),
        rows: fanTidyRows(f, { code: 'world', name: 'World' }),
        columns: TIDY_COLUMNS,
        filename: `aisov-invest-project-${f.element}-s${pm.seed}-${pm.draws}`,
        source: { meta: investMeta(pm), what: t('invest.project_what', { seed: pm.seed, draws: formatNumber(pm.draws) }), sourceIds: pm.sources },
        sourcesById: ctx.sourcesById,
        note: f.published_2030 ? t('invest.published', { q: qualifierText(f.published_qualifier), level: usdText(f.published_2030), median: usdText(f.median_2030) }) : null,
      }));
    }
  },
};
