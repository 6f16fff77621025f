// Country profile: the three layers, regions (table and small map), facilities, indicators.
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { shareBars } from '../lib/charts.js';
import { loadCountries, drawMap, attachTooltip } from '../lib/map.js';
import { el, panel, rangeEl } from '../lib/panel.js';
import { rangeFootnote, datingCaption, datingSummary, formatCount, isRange, siteDating } from '../lib/dating.js';
import { TIDY_COLUMNS } from '../lib/csv.js';
import { investApi, runBundled, scenarioApi } from '../lib/api.js';
import { EXPOSURE_DRAWS, exposureRows, exposureTidy } from '../lib/exposure.js';
import * as Plot from '@observablehq/plot';
import { archetypeLabel, elementBars, elementTidy, pathwayRows, usdText } from '../lib/invest.js';
import { elementBarsChart, pathwayChart } from '../lib/invest_charts.js';
import { LAYER_NAMES, classExplanation, labelFor } from '../lib/labels.js';
import { t, hasKey, formatNumber, formatPercent, countryName, economyLabel, compareNames, lazyLabels } from '../lib/i18n.js';
import { categoryLabel } from '../lib/scales.js';
import { energyNotes, assumptionsText, originText, energySourceIds, formatMw, formatTwh, formatTonnes, formatSmallShare, withRange, formatAmount, formatTonnesShort, GENERATION_INDICATOR, CARBON_INDICATOR, GENERATION_SOURCE, CARBON_SOURCE } from '../lib/energy.js';

// Peers of the investment panel: the economy and up to three of these.
export const INVEST_PEERS = ['USA', 'CHN', 'DEU', 'IND', 'BRA'];

// The economy's exposure in the bundled scenarios: expected loss of accessible compute in each
// scenario's last year (2,000 seeded draws, restricted to this economy). Scenarios that do not
// model the economy are left out.
async function exposurePanel(ctx, root, economy) {
  let runs;
  try {
    const list = await scenarioApi.list();
    const settled = await Promise.allSettled(list.scenarios.map(async (s) => {
      const scenario = s.file.replace(/\.(toml|json)$/, '');
      return { scenario, result: await runBundled(scenario, { economies: [economy.iso3], draws: EXPOSURE_DRAWS }) };
    }));
    runs = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  } catch (err) {
    root.append(el('p', { class: 'empty' }, t('profile.no_exposure', { message: err.message })));
    return;
  }
  const rows = exposureRows(runs, economy.iso3).map((r) => ({ ...r, label: r.title.length > 40 ? `${r.title.slice(0, 39)}…` : r.title }));
  const pctText = (v) => formatPercent(v, 1);
  const chart = rows.length
    ? Plot.plot({
        width: 760,
        height: 40 + rows.length * 26,
        marginLeft: 260,
        marginRight: 60,
        x: { label: t('profile.exposure_axis'), tickFormat: (d) => `${Math.round(d * 100)}%`, grid: true },
        y: { label: null, domain: rows.map((r) => r.label) },
        marks: [
          Plot.barX(rows, { x: 'loss', y: 'label', fill: '#e76f51', title: (d) => `${d.title} (${d.year}): ${pctText(d.loss)}, P5–P95 ${pctText(d.loss_p5)}–${pctText(d.loss_p95)}` }),
          Plot.ruleY(rows, { x1: 'loss_p5', x2: 'loss_p95', y: 'label', stroke: '#1d2630' }),
          Plot.text(rows, { x: 'loss', y: 'label', text: (d) => pctText(d.loss), dx: 4, textAnchor: 'start', fontSize: 11 }),
          Plot.ruleX([0]),
        ],
      })
    : el('p', { class: 'empty' }, t('profile.no_scenario'));
  root.append(panel({
    id: 'profile-exposure',
    title: t('profile.exposure_title', { name: countryName(economy.iso3, economy.name) }),
    chart,
    rows: exposureTidy(rows, { code: economy.iso3, name: economy.name }),
    columns: TIDY_COLUMNS,
    filename: `aisov-${economy.iso3}-scenario-exposure-s1-${EXPOSURE_DRAWS}`,
    source: { meta: { dataset_version: ctx.info.dataset_version, as_of: ctx.info.as_of }, what: t('profile.exposure_what', { draws: formatNumber(EXPOSURE_DRAWS) }) },
    sourcesById: ctx.sourcesById,
    note: t('profile.exposure_note'),
  }));
  const links = el('p', { class: 'note' }, t('profile.scenarios'), rows.map((r, i) => [i ? ' · ' : '', el('a', { href: `#${ctx.link({ view: 'scenario', scenario: r.scenario, iso3: [economy.iso3] })}` }, r.scenario)]).flat());
  root.querySelector('#profile-exposure')?.append(links);
}

// Investment by element against peers, archetype and pathway (issue #6 round 3). A failure here
// (e.g. an economy the investment tables lack) leaves the rest of the profile in place.
async function investPanels(ctx, root, iso3) {
  let prof, cmp;
  try {
    const peers = [iso3, ...INVEST_PEERS.filter((c) => c !== iso3).slice(0, 3)];
    [prof, cmp] = await Promise.all([investApi.profile(iso3), investApi.compare(peers)]);
  } catch (err) {
    root.append(el('p', { class: 'empty', id: 'profile-invest-missing' }, t('profile.no_invest', { message: err.message })));
    return;
  }
  const p = prof.profile;
  const bars = elementBars(cmp.rows);
  const meta = { dataset_version: prof.meta.dataset_version, as_of: prof.meta.as_of };
  const what = t('invest.what');
  root.append(el('h3', { id: 'profile-invest-title' }, t('profile.invest_head', { archetype: archetypeLabel(p.archetype) }), p.next_archetype ? ` → ${archetypeLabel(p.next_archetype)}` : '',
    t('profile.invest_figures', { pct: ((p.pct_gdp_low + p.pct_gdp_high) / 2).toFixed(2), low: p.pct_gdp_low.toFixed(2), high: p.pct_gdp_high.toFixed(2), kind: p.estimate_kind, usd: usdText((p.total_usd_low + p.total_usd_high) / 2) }),
    el('a', { href: `#${ctx.link({ view: 'invest', iso3: cmp.rows.map((r) => r.code) })}` }, t('profile.invest_link'))));
  const grid = el('div', { class: 'grid' });
  root.append(grid);
  grid.append(panel({
    id: 'profile-invest-elements',
    title: t('profile.invest_elements'),
    chart: elementBarsChart(bars, { width: 560 }),
    rows: elementTidy(bars),
    columns: TIDY_COLUMNS,
    filename: `aisov-${iso3}-invest-elements`,
    source: { meta, what, sourceIds: cmp.meta.sources },
    sourcesById: ctx.sourcesById,
  }));
  const path = pathwayRows(p);
  grid.append(panel({
    id: 'profile-invest-pathway',
    title: p.next_archetype ? t('profile.pathway_to', { archetype: archetypeLabel(p.next_archetype) }) : t('profile.pathway_top', { archetype: archetypeLabel(p.archetype) }),
    chart: path.length ? pathwayChart(path) : el('p', { class: 'empty' }, p.next_archetype ? t('profile.no_gap') : t('invest.at_top')),
    rows: path.map((r) => ({ code: p.code, name: p.name, ...r })),
    columns: ['code', 'name', 'element', 'gap_usd', 'gap_pct_gdp'],
    filename: `aisov-${iso3}-invest-pathway`,
    source: { meta, what: t('profile.invest_profile_what', { code: iso3 }), sourceIds: prof.meta.sources },
    sourcesById: ctx.sourcesById,
    note: p.unmet.length ? t('profile.unmet', { list: p.unmet.join('; ') }) : null,
  }));
}

/**
 * The energy panel (methodology §15): IT MW, TWh per year with its low–high range, share of
 * national generation, emissions and the foreign-operator share, each with the line it rests on
 * (dataset rows, the energy_parameters and their origin), and plain notes where data is missing
 * or the regions' chip-count convention dominates.
 */
function energyPanel(ctx, p) {
  const e = p.census.energy;
  const params = p.energy_parameters || null;
  const code = p.economy.iso3;
  const year = p.meta.as_of.slice(0, 4);
  const indicator = (id) => p.indicators.find((i) => i.indicator === id);
  const gen = indicator(GENERATION_INDICATOR);
  const carbon = indicator(CARBON_INDICATOR);
  const genSource = gen?.source_id || GENERATION_SOURCE;
  const carbonSource = carbon?.source_id || CARBON_SOURCE;
  const n = (v, d = 3) => formatNumber(v, { maximumFractionDigits: d });
  const notes = energyNotes(e).map((x) => t(x.key, x.params));
  if (!e) {
    return panel({ id: 'profile-energy', title: t('profile.energy_title', { name: countryName(code, p.economy.name) }), chart: el('p', { class: 'empty', id: 'profile-energy-notes' }, notes.join(' ')), rows: [], columns: TIDY_COLUMNS, filename: `aisov-${code}-energy-${p.meta.as_of}`, source: { meta: p.meta, what: t('profile.energy_what', { code }) }, sourcesById: ctx.sourcesById });
  }
  const figures = [
    ['it', t('profile.energy_it'), withRange(formatMw, e.it_mw, e.it_mw_low, e.it_mw_high, formatAmount),
      t('profile.energy_src_it', { regions: formatMw(e.it_mw_regions), n_regions: p.regions.length, facilities: formatMw(e.it_mw_facilities), n_facilities: p.facilities.length, fpue: n(params?.facility_power_pue), kw: n(params?.it_kw_per_h100e) })],
    ['twh', t('profile.energy_twh'), withRange(formatTwh, e.twh, e.twh_low, e.twh_high, formatAmount),
      t('profile.energy_src_twh', { assumptions: assumptionsText(params), origin: originText(params) })],
    ['share', t('profile.energy_share'), withRange(formatSmallShare, e.share_of_generation, e.share_of_generation_low, e.share_of_generation_high),
      e.generation_twh === null || e.generation_twh === undefined ? t('profile.energy_src_none') : t('profile.energy_src_share', { gen: n(e.generation_twh, 2), year: e.generation_year, source: genSource })],
    ['co2', t('profile.energy_co2'), withRange(formatTonnes, e.co2_t, e.co2_t_low, e.co2_t_high, formatTonnesShort),
      e.carbon_gco2_per_kwh === null || e.carbon_gco2_per_kwh === undefined ? t('profile.energy_src_none') : t('profile.energy_src_co2', { g: n(e.carbon_gco2_per_kwh, 1), year: e.carbon_year, source: carbonSource })],
    ['foreign', t('profile.energy_foreign'), formatSmallShare(e.foreign_share),
      t('profile.energy_src_foreign', { domestic: formatMw(e.domestic_mw), foreign: formatMw(e.foreign_mw), unknown: formatMw(e.unknown_mw) })],
  ];
  const dl = el('dl', { class: 'figures energy-figures', id: 'profile-energy-figures' },
    figures.map(([id, label, value, src]) => el('div', { 'data-figure': id }, el('dt', {}, label), el('dd', { id: `profile-energy-${id}` }, value), el('dd', { class: 'figure-source' }, src))));
  const chart = el('div', {}, dl, notes.length ? el('ul', { class: 'notes', id: 'profile-energy-notes' }, notes.map((x) => el('li', { class: 'note' }, x))) : null);
  const row = (indicator, value, lower, upper, unit, source) => ({ code, name: p.economy.name, year, indicator, value, unit, lower, upper, source_id: source });
  const rows = [
    row('energy_it_mw', e.it_mw, e.it_mw_low, e.it_mw_high, 'MW', 'aisov_census'),
    row('energy_it_mw_regions', e.it_mw_regions, null, null, 'MW', 'aisov_census'),
    row('energy_it_mw_facilities', e.it_mw_facilities, null, null, 'MW', 'aisov_census'),
    row('energy_twh', e.twh, e.twh_low, e.twh_high, 'TWh per year', 'aisov_census'),
    row('energy_share_of_generation', e.share_of_generation, e.share_of_generation_low, e.share_of_generation_high, 'share', genSource),
    row('energy_co2_t', e.co2_t, e.co2_t_low, e.co2_t_high, 't CO2e per year', carbonSource),
    row('energy_foreign_share', e.foreign_share, null, null, 'share', 'aisov_census'),
  ];
  const sourceIds = energySourceIds(params, [...p.regions.map((r) => r.source_id), ...p.facilities.map((f) => f.source_id)]);
  return panel({
    id: 'profile-energy',
    title: t('profile.energy_title', { name: countryName(code, p.economy.name) }),
    chart,
    rows,
    columns: TIDY_COLUMNS,
    filename: `aisov-${code}-energy-${p.meta.as_of}`,
    source: { meta: p.meta, what: t('profile.energy_what', { code }), sourceIds },
    sourcesById: ctx.sourcesById,
    note: t('profile.energy_note'),
  });
}

// The Dating column of the regions table (methodology §2.1).
const DATING_SHORT = lazyLabels('profile.dating.', ['strict', 'lenient-only', 'estimate', 'undated']);

// The layers of methodology §4 by name (territory is the headline above them).
const LAYER_CHARTS = [
  ['operator_jurisdiction', '#1b6ca8'],
  ['designer_jurisdiction', '#7b2cbf'],
  ['fab_location', '#e76f51'],
];

// What the layer weights count (methodology §4, --weight).
function weightWords(weight) {
  return t(`profile.weight.${['h100e', 'mw', 'investment', 'energy'].includes(weight) ? weight : 'regions'}`);
}

/** "12 operational, 3 planned or under construction": the headline counts operational ones only (methodology §6). */
function facilityCounts(facilities, operational) {
  const other = facilities.length - operational;
  return other > 0 ? t('profile.facilities_other', { operational, other }) : t('profile.facilities_operational', { operational });
}

// UN M49 region names in the current language (catalogue keys region.<English name>).
const regionName = (r) => (r && hasKey(`region.${r}`) ? t(`region.${r}`) : r || '');

function fmt(v, digits = 0) {
  return v === null || v === undefined ? '' : formatNumber(v, { maximumFractionDigits: digits });
}

function table(columns, rows, { id } = {}) {
  return el('table', { class: 'data', id },
    el('thead', {}, el('tr', {}, columns.map(([, label]) => el('th', {}, label)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, columns.map(([k, , num]) => el('td', { class: num ? 'num' : null }, r[k] ?? ''))))));
}

export const profileView = {
  id: 'profile',
  async render(ctx, root) {
    const { state } = ctx;
    const iso3 = state.iso3[0] || 'DEU';
    const [census, p, sites] = await Promise.all([
      api.census(apiScope(state)),
      api.profile(iso3, apiScope(state)),
      api.sites(apiScope(state, { weight: false })),
    ]);
    const nameOf = (code) => countryName(code, census.rows.find((r) => r.code === code)?.name || code);
    const picker = el('select', { id: 'country', 'aria-label': t('map.economy'), onchange: (e) => ctx.setState({ iso3: [e.target.value] }) },
      [...census.rows].sort((a, b) => compareNames(nameOf(a.code), nameOf(b.code))).map((r) => el('option', { value: r.code, selected: r.code === p.economy.iso3 }, economyLabel(r.code, r.name))));
    const compare = el('a', { class: 'button', href: `#${ctx.link({ view: 'compare', iso3: [p.economy.iso3, ...(['USA', 'CHN', 'DEU'].filter((c) => c !== p.economy.iso3).slice(0, 2))] })}` }, t('profile.compare_link'));
    root.append(el('div', { class: 'view-controls' }, el('label', {}, t('map.economy'), ' ', picker), compare));

    const c = p.census;
    const cls = ['north', 'south', 'desert'].includes(c.compute_class) ? t(`glossary.${c.compute_class}.term`) : c.compute_class;
    const name = countryName(p.economy.iso3, p.economy.name);
    ctx.title = name;
    root.append(
      el('div', { class: 'profile-head' },
        el('h2', { id: 'profile-title' }, economyLabel(p.economy.iso3, p.economy.name)),
        el('p', { class: 'subtitle' }, `${regionName(p.economy.un_region)} / ${regionName(p.economy.un_subregion)}`, p.economy.blocs.length ? t('profile.blocs', { blocs: p.economy.blocs.join(', ') }) : '', t('profile.as_of'), el('strong', { id: 'profile-as-of' }, p.meta.as_of)),
        el('p', { class: 'badges' },
          el('span', { class: `badge class-${c.compute_class}`, title: classExplanation(c.compute_class, p.parameters || census.parameters || {}) }, cls),
          el('span', { class: `badge strategy-${c.strategy}` }, t('profile.strategy', { strategy: categoryLabel(c.strategy), with: c.aligned_to ? t('profile.aligned_with', { code: c.aligned_to }) : '' })),
          el('span', { class: 'badge' }, t('profile.rank', { rank: p.rank_ai_regions }))),
        el('dl', { class: 'figures' },
          [[t('metric.regions'), rangeEl(c, 'regions', { id: 'profile-regions' })], [t('metric.ai_regions'), rangeEl(c, 'ai_regions', { id: 'profile-ai-regions' })], [t('metric.training_regions'), rangeEl(c, 'training_regions', { id: 'profile-training-regions' })], [t('profile.fig_facilities'), el('span', { id: 'profile-facilities' }, String(c.facilities))],
            ['H100e', `${fmt(c.h100e)}${c.h100e_high > c.h100e_low ? ` (${fmt(c.h100e_low)}–${fmt(c.h100e_high)})` : ''}`], ['MW', fmt(c.power_mw)],
            [t('metric.domestic_share'), formatPercent(c.domestic_share, 1)]].map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v instanceof Node ? v : String(v))))),
        el('p', { class: 'note', id: 'profile-class-why' }, classExplanation(c.compute_class, p.parameters || census.parameters || {}),
          c.compute_class === 'desert' && c.h100e > 0 ? t('profile.desert_h100e', { name, h100e: fmt(c.h100e) }) : ''),
        ['regions', 'ai_regions', 'training_regions'].some((f) => isRange(c, f)) ? el('p', { class: 'note range-note', id: 'profile-range-note' }, rangeFootnote()) : null),
    );

    root.append(energyPanel(ctx, p));

    const regionSources = p.regions.flatMap((r) => [r.source_id, ...r.accelerators.map((a) => a.source_id)]);
    const facilitySources = p.facilities.map((f) => f.source_id);
    const grid = el('div', { class: 'grid' });
    root.append(grid);
    for (const [layer, colour] of LAYER_CHARTS) {
      const title = LAYER_NAMES[layer];
      const l = c[layer];
      const chart = l.shares.length ? shareBars(l, { nameOf, colour }) : el('p', { class: 'empty' }, t('profile.layer_empty'));
      const tidy = l.shares.map((s) => ({ code: p.economy.iso3, name: p.economy.name, year: p.meta.as_of.slice(0, 4), indicator: `${layer}:${s.key}`, value: s.share, unit: 'share', lower: null, upper: null, source_id: 'aisov_census' }));
      grid.append(panel({
        id: `layer-${layer}`,
        title,
        chart,
        rows: tidy,
        columns: TIDY_COLUMNS,
        filename: `aisov-${p.economy.iso3}-${layer}-${p.meta.as_of}`,
        source: { meta: p.meta, what: t('profile.what_weighted', { code: p.economy.iso3, weight: p.meta.weight || 'regions' }), sourceIds: [...regionSources, ...facilitySources] },
        sourcesById: ctx.sourcesById,
        note: t('profile.layer_note', { hhi: l.hhi.toFixed(3), total: formatNumber(+l.total.toFixed(2)), what: weightWords(p.meta.weight) }),
      }));
    }

    // Small map of the economy's regions.
    const mine = sites.sites.filter((s) => s.iso3 === p.economy.iso3);
    const mapHost = el('div', { class: 'map-host small' });
    const features = await loadCountries(ctx.isoIndex);
    const has = features.some((f) => f.iso3 === p.economy.iso3);
    if (has) {
      const svg = drawMap({ features, focus: p.economy.iso3, valueOf: () => c.ai_regions, valueText: () => formatCount(c, 'ai_regions'), colour: () => '#dbe9f6', metric: { label: t('metric.ai_regions'), kind: 'count', unit: 'count' }, sites: mine, width: 440, height: 300 });
      mapHost.append(svg);
      attachTooltip(mapHost, svg);
    } else {
      mapHost.append(el('p', { class: 'empty' }, t('profile.no_shape')));
    }
    grid.append(panel({
      id: 'regions-map',
      title: t('profile.regions_in', { name }),
      chart: mapHost,
      rows: mine,
      columns: ['site_id', 'provider', 'operator', 'operator_jurisdiction', 'name', 'city', 'iso3', 'kind', 'lat', 'lon', 'ai', 'training', 'launched', 'launched_basis', 'dated_strict', 'ai_strict', 'source_id'],
      filename: `aisov-${p.economy.iso3}-region-points-${p.meta.as_of}`,
      source: { meta: p.meta, what: t('profile.what_sites'), sourceIds: mine.map((s) => s.source_id) },
      sourcesById: ctx.sourcesById,
      note: `${t('profile.regions_note', { n: mine.length, nocoord: mine.filter((s) => typeof s.lat !== 'number').length })} ${datingCaption(datingSummary(mine))}`.trim(),
    }));

    const regionRows = p.regions.map((r) => ({
      site_id: r.site_id, provider: r.provider, operator: r.operator, operator_jurisdiction: r.operator_jurisdiction, name: r.name, city: r.city, kind: r.kind,
      launched: r.launched || '', launched_basis: r.launched_basis || '', dated_strict: r.dated_strict, dating: DATING_SHORT[siteDating(r)], launched_text: r.launched ? `${r.launched}${r.launched_basis && r.launched_basis !== 'announced' ? ` (${r.launched_basis.replace('_', ' ')})` : ''}` : t('profile.unknown'), ai: r.ai, training: r.training, accelerators: r.accelerators.map((a) => a.accel_id + (a.tier === 'training' ? '*' : '')).join(' '), source_id: r.source_id,
    }));
    const regionCols = ['site_id', 'provider', 'operator', 'operator_jurisdiction', 'name', 'city', 'kind', 'launched', 'launched_basis', 'dated_strict', 'ai', 'training', 'accelerators', 'source_id'];
    const strictRegions = p.regions.filter((r) => siteDating(r) === 'strict').length;
    root.append(panel({
      id: 'regions',
      title: t('profile.cloud_regions', { n: formatCount(c, 'regions') }),
      chart: p.regions.length ? table([['site_id', t('profile.col.region')], ['city', t('profile.col.city')], ['operator', t('profile.col.operator')], ['operator_jurisdiction', t('profile.col.jurisdiction')], ['launched_text', t('profile.col.launched')], ['dating', t('profile.col.dating')], ['accelerators', t('profile.col.accelerators')]], regionRows, { id: 'regions-table' }) : el('p', { class: 'empty' }, t('profile.no_regions')),
      rows: regionRows,
      columns: regionCols,
      filename: `aisov-${p.economy.iso3}-regions-${p.meta.as_of}`,
      source: { meta: p.meta, what: t('profile.what', { code: p.economy.iso3 }), sourceIds: regionSources },
      sourcesById: ctx.sourcesById,
      note: strictRegions !== p.regions.length ? t('profile.strict_note', { strict: strictRegions, n: p.regions.length, date: p.meta.as_of }) : null,
    }));

    const facRows = p.facilities.map((f) => ({ ...f, h100e_text: f.h100e === null ? '' : `${fmt(f.h100e)}${f.estimate ? t('profile.est') : ''}`, mw_text: fmt(f.power_mw, 1) }));
    const facCols = ['facility_id', 'name', 'operator', 'operator_jurisdiction', 'status', 'first_operational', 'accel_id', 'h100e', 'h100e_low', 'h100e_high', 'power_mw', 'investment_usd', 'estimate', 'source_id', 'source_ref'];
    root.append(panel({
      id: 'facilities',
      title: t('profile.facilities_title', { n: p.facilities.length, counts: facilityCounts(p.facilities, c.facilities) }),
      chart: p.facilities.length ? table([['name', t('profile.col.facility')], ['operator', t('profile.col.operator')], ['status', t('profile.col.status')], ['first_operational', t('profile.col.since')], ['h100e_text', 'H100e', true], ['mw_text', 'MW', true]], facRows, { id: 'facilities-table' }) : el('p', { class: 'empty' }, t('profile.no_facilities')),
      rows: p.facilities,
      columns: facCols,
      filename: `aisov-${p.economy.iso3}-facilities-${p.meta.as_of}`,
      source: { meta: p.meta, what: t('profile.what', { code: p.economy.iso3 }), sourceIds: facilitySources },
      sourcesById: ctx.sourcesById,
    }));

    const indRows = p.indicators.map((i) => ({ label: labelFor(i.indicator),  code: p.economy.iso3, name: p.economy.name, year: i.year, indicator: i.indicator, value: i.value, unit: i.unit, lower: null, upper: null, source_id: i.source_id }));
    root.append(panel({
      id: 'indicators',
      title: t('profile.indicators'),
      chart: table([['label', t('profile.col.indicator')], ['year', t('map.year')], ['value_text', t('profile.col.value'), true], ['unit', t('profile.col.unit')], ['source_id', t('profile.col.source')]], indRows.map((r) => ({ ...r, value_text: fmt(r.value, 2) }))),
      rows: indRows,
      columns: TIDY_COLUMNS,
      filename: `aisov-${p.economy.iso3}-indicators`,
      source: { meta: p.meta, what: t('profile.what_indicators'), sourceIds: p.indicators.map((i) => i.source_id) },
      sourcesById: ctx.sourcesById,
    }));

    await investPanels(ctx, root, p.economy.iso3);
    await exposurePanel(ctx, root, p.economy);
  },
};
