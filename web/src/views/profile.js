// Country profile: the three layers, regions (table and small map), facilities, indicators.
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { shareBars } from '../lib/charts.js';
import { loadCountries, drawMap, attachTooltip } from '../lib/map.js';
import { el, panel, rangeEl } from '../lib/panel.js';
import { RANGE_FOOTNOTE, datingCaption, datingSummary, formatCount, isRange, siteDating } from '../lib/dating.js';
import { TIDY_COLUMNS } from '../lib/csv.js';
import { investApi, runBundled, scenarioApi } from '../lib/api.js';
import { EXPOSURE_DRAWS, exposureRows, exposureTidy } from '../lib/exposure.js';
import * as Plot from '@observablehq/plot';
import { archetypeLabel, elementBars, elementTidy, pathwayRows, usdText } from '../lib/invest.js';
import { elementBarsChart, pathwayChart } from '../lib/invest_charts.js';
import { LAYER_NAMES, classExplanation, labelFor } from '../lib/labels.js';
import { categoryLabel } from '../lib/scales.js';

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
    root.append(el('p', { class: 'empty' }, `No scenario exposure: ${err.message}`));
    return;
  }
  const rows = exposureRows(runs, economy.iso3).map((r) => ({ ...r, label: r.title.length > 40 ? `${r.title.slice(0, 39)}…` : r.title }));
  const pctText = (v) => `${(v * 100).toFixed(1)} %`;
  const chart = rows.length
    ? Plot.plot({
        width: 760,
        height: 40 + rows.length * 26,
        marginLeft: 260,
        marginRight: 60,
        x: { label: `expected loss of accessible compute, last simulated year →`, tickFormat: (d) => `${Math.round(d * 100)}%`, grid: true },
        y: { label: null, domain: rows.map((r) => r.label) },
        marks: [
          Plot.barX(rows, { x: 'loss', y: 'label', fill: '#e76f51', title: (d) => `${d.title} (${d.year}): ${pctText(d.loss)}, P5–P95 ${pctText(d.loss_p5)}–${pctText(d.loss_p95)}` }),
          Plot.ruleY(rows, { x1: 'loss_p5', x2: 'loss_p95', y: 'label', stroke: '#1d2630' }),
          Plot.text(rows, { x: 'loss', y: 'label', text: (d) => pctText(d.loss), dx: 4, textAnchor: 'start', fontSize: 11 }),
          Plot.ruleX([0]),
        ],
      })
    : el('p', { class: 'empty' }, 'No bundled scenario models this economy.');
  root.append(panel({
    id: 'profile-exposure',
    title: `Exposure of ${economy.name} in the bundled scenarios`,
    chart,
    rows: exposureTidy(rows, { code: economy.iso3, name: economy.name }),
    columns: TIDY_COLUMNS,
    filename: `aisov-${economy.iso3}-scenario-exposure-s1-${EXPOSURE_DRAWS}`,
    source: { meta: { dataset_version: ctx.info.dataset_version, as_of: ctx.info.as_of }, what: `aisov scenario run of each bundled scenario (seed 1; ${EXPOSURE_DRAWS.toLocaleString('en-US')} draws)` },
    sourcesById: ctx.sourcesById,
    note: 'Bars: 1 − mean share of the no-shock baseline of the compute this economy\'s users can reach; lines: P5–P95. Open a scenario in the Scenarios view to edit it.',
  }));
  const links = el('p', { class: 'note' }, 'Scenarios: ', rows.map((r, i) => [i ? ' · ' : '', el('a', { href: `#${ctx.link({ view: 'scenario', scenario: r.scenario, iso3: [economy.iso3] })}` }, r.scenario)]).flat());
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
    root.append(el('p', { class: 'empty', id: 'profile-invest-missing' }, `No investment estimate: ${err.message}`));
    return;
  }
  const p = prof.profile;
  const bars = elementBars(cmp.rows);
  const meta = { dataset_version: prof.meta.dataset_version, as_of: prof.meta.as_of };
  const what = 'aisov invest (cumulative AI value-chain investment 2010–2024; estimates with low–high ranges)';
  root.append(el('h3', { id: 'profile-invest-title' }, `Investment: ${archetypeLabel(p.archetype)}`, p.next_archetype ? ` → ${archetypeLabel(p.next_archetype)}` : '',
    ` · ${((p.pct_gdp_low + p.pct_gdp_high) / 2).toFixed(2)} % of GDP (${p.pct_gdp_low.toFixed(2)}–${p.pct_gdp_high.toFixed(2)}, ${p.estimate_kind}) · ${usdText((p.total_usd_low + p.total_usd_high) / 2)} USD 2010–2024 · `,
    el('a', { href: `#${ctx.link({ view: 'invest', iso3: cmp.rows.map((r) => r.code) })}` }, 'Investment view →')));
  const grid = el('div', { class: 'grid' });
  root.append(grid);
  grid.append(panel({
    id: 'profile-invest-elements',
    title: `Investment by element against peers, % of GDP`,
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
    title: p.next_archetype ? `Pathway to ${archetypeLabel(p.next_archetype)}` : `Pathway: already at the top archetype (${archetypeLabel(p.archetype)})`,
    chart: path.length ? pathwayChart(path) : el('p', { class: 'empty' }, p.next_archetype ? 'No investment gap.' : 'Already at the top archetype.'),
    rows: path.map((r) => ({ code: p.code, name: p.name, ...r })),
    columns: ['code', 'name', 'element', 'gap_usd', 'gap_pct_gdp'],
    filename: `aisov-${iso3}-invest-pathway`,
    source: { meta, what: `aisov invest profile ${iso3}`, sourceIds: prof.meta.sources },
    sourcesById: ctx.sourcesById,
    note: p.unmet.length ? `Unmet: ${p.unmet.join('; ')}.` : null,
  }));
}

// The Dating column of the regions table (methodology §2.1).
const DATING_SHORT = { strict: 'dated', 'lenient-only': 'lenient only', estimate: 'estimate (lenient only)', undated: 'no launch date (lenient only)' };

// The layers of methodology §4 by name (territory is the headline above them).
const LAYER_CHARTS = [
  ['operator_jurisdiction', LAYER_NAMES.operator_jurisdiction, '#1b6ca8'],
  ['designer_jurisdiction', LAYER_NAMES.designer_jurisdiction, '#7b2cbf'],
  ['fab_location', LAYER_NAMES.fab_location, '#e76f51'],
];

// What the layer weights count (methodology §4, --weight).
function weightWords(weight) {
  return { h100e: 'H100e of GPU clusters', mw: 'MW of GPU clusters', investment: 'US$ of announced investment' }[weight] || 'AI cloud regions (vendor layers split a region equally over its accelerator models)';
}

/** "12 operational, 3 planned or under construction": the headline counts operational ones only (methodology §6). */
function facilityCounts(facilities, operational) {
  const other = facilities.length - operational;
  return other > 0 ? `${operational} operational, ${other} planned, under construction or not yet open on this date` : `${operational} operational`;
}

function fmt(v, digits = 0) {
  return v === null || v === undefined ? '' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits });
}

function table(columns, rows, { id } = {}) {
  return el('table', { class: 'data', id },
    el('thead', {}, el('tr', {}, columns.map(([, label]) => el('th', {}, label)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, columns.map(([k, , num]) => el('td', { class: num ? 'num' : null }, r[k] ?? ''))))));
}

export const profileView = {
  id: 'profile',
  label: 'Country profile',
  async render(ctx, root) {
    const { state } = ctx;
    const iso3 = state.iso3[0] || 'DEU';
    const [census, p, sites] = await Promise.all([
      api.census(apiScope(state)),
      api.profile(iso3, apiScope(state)),
      api.sites(apiScope(state, { weight: false })),
    ]);
    const nameOf = (code) => census.rows.find((r) => r.code === code)?.name || code;
    const picker = el('select', { id: 'country', 'aria-label': 'Economy', onchange: (e) => ctx.setState({ iso3: [e.target.value] }) },
      [...census.rows].sort((a, b) => a.name.localeCompare(b.name)).map((r) => el('option', { value: r.code, selected: r.code === p.economy.iso3 }, `${r.name} (${r.code})`)));
    const compare = el('a', { class: 'button', href: `#${ctx.link({ view: 'compare', iso3: [p.economy.iso3, ...(['USA', 'CHN', 'DEU'].filter((c) => c !== p.economy.iso3).slice(0, 2))] })}` }, 'Compare with others →');
    root.append(el('div', { class: 'view-controls' }, el('label', {}, 'Economy ', picker), compare));

    const c = p.census;
    const cls = { north: 'Compute North', south: 'Compute South', desert: 'Compute Desert' }[c.compute_class] || c.compute_class;
    ctx.title = p.economy.name;
    root.append(
      el('div', { class: 'profile-head' },
        el('h2', { id: 'profile-title' }, `${p.economy.name} (${p.economy.iso3})`),
        el('p', { class: 'subtitle' }, `${p.economy.un_region} / ${p.economy.un_subregion}`, p.economy.blocs.length ? ` · blocs: ${p.economy.blocs.join(', ')}` : '', ` · as of `, el('strong', { id: 'profile-as-of' }, p.meta.as_of)),
        el('p', { class: 'badges' },
          el('span', { class: `badge class-${c.compute_class}`, title: classExplanation(c.compute_class, p.parameters || census.parameters || {}) }, cls),
          el('span', { class: `badge strategy-${c.strategy}` }, `strategy: ${categoryLabel(c.strategy)}${c.aligned_to ? ` (with ${c.aligned_to})` : ''}`),
          el('span', { class: 'badge' }, `rank ${p.rank_ai_regions} by AI regions`)),
        el('dl', { class: 'figures' },
          [['Regions', rangeEl(c, 'regions', { id: 'profile-regions' })], ['AI regions', rangeEl(c, 'ai_regions', { id: 'profile-ai-regions' })], ['Training-capable', rangeEl(c, 'training_regions', { id: 'profile-training-regions' })], ['GPU facilities (operational)', el('span', { id: 'profile-facilities' }, String(c.facilities))],
            ['H100e', `${fmt(c.h100e)}${c.h100e_high > c.h100e_low ? ` (${fmt(c.h100e_low)}–${fmt(c.h100e_high)})` : ''}`], ['MW', fmt(c.power_mw)],
            ['Domestic operator share', `${(c.domestic_share * 100).toFixed(1)} %`]].map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v instanceof Node ? v : String(v))))),
        el('p', { class: 'note', id: 'profile-class-why' }, classExplanation(c.compute_class, p.parameters || census.parameters || {}),
          c.compute_class === 'desert' && c.h100e > 0 ? ` ${p.economy.name} has ${fmt(c.h100e)} H100e in GPU clusters but no AI cloud region in the census.` : ''),
        ['regions', 'ai_regions', 'training_regions'].some((f) => isRange(c, f)) ? el('p', { class: 'note range-note', id: 'profile-range-note' }, RANGE_FOOTNOTE) : null),
    );

    const regionSources = p.regions.flatMap((r) => [r.source_id, ...r.accelerators.map((a) => a.source_id)]);
    const facilitySources = p.facilities.map((f) => f.source_id);
    const grid = el('div', { class: 'grid' });
    root.append(grid);
    for (const [layer, title, colour] of LAYER_CHARTS) {
      const l = c[layer];
      const chart = l.shares.length ? shareBars(l, { nameOf, colour }) : el('p', { class: 'empty' }, 'No AI compute counted for this layer.');
      const tidy = l.shares.map((s) => ({ code: p.economy.iso3, name: p.economy.name, year: p.meta.as_of.slice(0, 4), indicator: `${layer}:${s.key}`, value: s.share, unit: 'share', lower: null, upper: null, source_id: 'aisov_census' }));
      grid.append(panel({
        id: `layer-${layer}`,
        title,
        chart,
        rows: tidy,
        columns: TIDY_COLUMNS,
        filename: `aisov-${p.economy.iso3}-${layer}-${p.meta.as_of}`,
        source: { meta: p.meta, what: `aisov profile ${p.economy.iso3}, shares weighted by ${p.meta.weight || 'regions'}`, sourceIds: [...regionSources, ...facilitySources] },
        sourcesById: ctx.sourcesById,
        note: `Concentration (HHI, index 0–1; 1 = a single jurisdiction): ${l.hhi.toFixed(3)}. Counted: ${+l.total.toFixed(2)} ${weightWords(p.meta.weight)}.`,
      }));
    }

    // Small map of the economy's regions.
    const mine = sites.sites.filter((s) => s.iso3 === p.economy.iso3);
    const mapHost = el('div', { class: 'map-host small' });
    const features = await loadCountries(ctx.isoIndex);
    const has = features.some((f) => f.iso3 === p.economy.iso3);
    if (has) {
      const svg = drawMap({ features, focus: p.economy.iso3, valueOf: () => c.ai_regions, valueText: () => formatCount(c, 'ai_regions'), colour: () => '#dbe9f6', metric: { label: 'AI regions', kind: 'count', unit: 'count' }, sites: mine, width: 440, height: 300 });
      mapHost.append(svg);
      attachTooltip(mapHost, svg);
    } else {
      mapHost.append(el('p', { class: 'empty' }, 'No shape for this economy in the bundled Natural Earth map.'));
    }
    grid.append(panel({
      id: 'regions-map',
      title: `Regions in ${p.economy.name}`,
      chart: mapHost,
      rows: mine,
      columns: ['site_id', 'provider', 'operator', 'operator_jurisdiction', 'name', 'city', 'iso3', 'kind', 'lat', 'lon', 'ai', 'training', 'launched', 'launched_basis', 'dated_strict', 'ai_strict', 'source_id'],
      filename: `aisov-${p.economy.iso3}-region-points-${p.meta.as_of}`,
      source: { meta: p.meta, what: 'aisov sites', sourceIds: mine.map((s) => s.source_id) },
      sourcesById: ctx.sourcesById,
      note: `${mine.length} active regions (lenient rule); ${mine.filter((s) => typeof s.lat !== 'number').length} without coordinates. ${datingCaption(datingSummary(mine))}`.trim(),
    }));

    const regionRows = p.regions.map((r) => ({
      site_id: r.site_id, provider: r.provider, operator: r.operator, operator_jurisdiction: r.operator_jurisdiction, name: r.name, city: r.city, kind: r.kind,
      launched: r.launched || '', launched_basis: r.launched_basis || '', dated_strict: r.dated_strict, dating: DATING_SHORT[siteDating(r)], launched_text: r.launched ? `${r.launched}${r.launched_basis && r.launched_basis !== 'announced' ? ` (${r.launched_basis.replace('_', ' ')})` : ''}` : 'unknown', ai: r.ai, training: r.training, accelerators: r.accelerators.map((a) => a.accel_id + (a.tier === 'training' ? '*' : '')).join(' '), source_id: r.source_id,
    }));
    const regionCols = ['site_id', 'provider', 'operator', 'operator_jurisdiction', 'name', 'city', 'kind', 'launched', 'launched_basis', 'dated_strict', 'ai', 'training', 'accelerators', 'source_id'];
    const strictRegions = p.regions.filter((r) => siteDating(r) === 'strict').length;
    root.append(panel({
      id: 'regions',
      title: `Cloud regions (${formatCount(c, 'regions')})`,
      chart: p.regions.length ? table([['site_id', 'Region'], ['city', 'City'], ['operator', 'Operator'], ['operator_jurisdiction', 'Jurisdiction'], ['launched_text', 'Launched'], ['dating', 'Dating'], ['accelerators', 'Accelerators (* training tier)']], regionRows, { id: 'regions-table' }) : el('p', { class: 'empty' }, 'No active regions for this provider set and date.'),
      rows: regionRows,
      columns: regionCols,
      filename: `aisov-${p.economy.iso3}-regions-${p.meta.as_of}`,
      source: { meta: p.meta, what: `aisov profile ${p.economy.iso3}`, sourceIds: regionSources },
      sourcesById: ctx.sourcesById,
      note: strictRegions !== p.regions.length ? `${strictRegions} of ${p.regions.length} regions open under the strict rule (a dated source shows them by ${p.meta.as_of}); the others count under the lenient rule only.` : null,
    }));

    const facRows = p.facilities.map((f) => ({ ...f, h100e_text: f.h100e === null ? '' : `${fmt(f.h100e)}${f.estimate ? ' (est.)' : ''}`, mw_text: fmt(f.power_mw, 1) }));
    const facCols = ['facility_id', 'name', 'operator', 'operator_jurisdiction', 'status', 'first_operational', 'accel_id', 'h100e', 'h100e_low', 'h100e_high', 'power_mw', 'investment_usd', 'estimate', 'source_id', 'source_ref'];
    root.append(panel({
      id: 'facilities',
      title: `GPU clusters and AI data centres (${p.facilities.length} listed: ${facilityCounts(p.facilities, c.facilities)})`,
      chart: p.facilities.length ? table([['name', 'Facility'], ['operator', 'Operator'], ['status', 'Status'], ['first_operational', 'Since'], ['h100e_text', 'H100e', true], ['mw_text', 'MW', true]], facRows, { id: 'facilities-table' }) : el('p', { class: 'empty' }, 'No facilities recorded.'),
      rows: p.facilities,
      columns: facCols,
      filename: `aisov-${p.economy.iso3}-facilities-${p.meta.as_of}`,
      source: { meta: p.meta, what: `aisov profile ${p.economy.iso3}`, sourceIds: facilitySources },
      sourcesById: ctx.sourcesById,
    }));

    const indRows = p.indicators.map((i) => ({ label: labelFor(i.indicator),  code: p.economy.iso3, name: p.economy.name, year: i.year, indicator: i.indicator, value: i.value, unit: i.unit, lower: null, upper: null, source_id: i.source_id }));
    root.append(panel({
      id: 'indicators',
      title: 'Indicators',
      chart: table([['label', 'Indicator'], ['year', 'Year'], ['value_text', 'Value', true], ['unit', 'Unit'], ['source_id', 'Source']], indRows.map((r) => ({ ...r, value_text: fmt(r.value, 2) }))),
      rows: indRows,
      columns: TIDY_COLUMNS,
      filename: `aisov-${p.economy.iso3}-indicators`,
      source: { meta: p.meta, what: 'aisov dataset indicators', sourceIds: p.indicators.map((i) => i.source_id) },
      sourcesById: ctx.sourcesById,
    }));

    await investPanels(ctx, root, p.economy.iso3);
    await exposurePanel(ctx, root, p.economy);
  },
};
