// World view: a choropleth of one census metric with region points; click → profile.
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { METRICS, LAYERS, metricById, layerMetricIds, tidyRows, formatValue } from '../lib/metrics.js';
import { colourScale } from '../lib/scales.js';
import { countries, drawMap, attachTooltip, legendSvg } from '../lib/map.js';
import { el, panel } from '../lib/panel.js';
import { TIDY_COLUMNS } from '../lib/csv.js';

export const mapView = {
  id: 'map',
  label: 'World map',
  async render(ctx, root) {
    const { state } = ctx;
    const [census, sites] = await Promise.all([api.census(apiScope(state)), api.sites(apiScope(state, { weight: false }))]);
    const rows = census.rows;
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const metric = metricById(state.metric);
    const values = rows.map((r) => metric.get(r));
    const scale = colourScale(metric, values);

    const select = el('select', { id: 'metric', 'aria-label': 'Metric', onchange: (e) => ctx.setState({ metric: e.target.value }) });
    const group = (label, ids) => el('optgroup', { label }, ids.map((id) => el('option', { value: id, selected: id === metric.id }, metricById(id).label)));
    select.append(group('Census', METRICS.map((m) => m.id)));
    const layerIds = layerMetricIds(rows);
    for (const layer of Object.keys(LAYERS)) select.append(group(`${LAYERS[layer]} share`, layerIds.filter((id) => id.startsWith(`${layer}:`))));
    if (!select.querySelector(`option[value="${CSS.escape(metric.id)}"]`)) select.append(el('option', { value: metric.id, selected: true }, metric.label));
    const weight = el(
      'select',
      { id: 'weight', 'aria-label': 'Layer weight', onchange: (e) => ctx.setState({ weight: e.target.value }) },
      [['regions', 'shares by AI regions'], ['h100e', 'shares by H100e'], ['mw', 'shares by MW']].map(([v, l]) => el('option', { value: v, selected: v === state.weight }, l)),
    );
    const showSites = el('input', { type: 'checkbox', id: 'show-sites', checked: ctx.showSites !== false });
    root.append(el('div', { class: 'view-controls' }, el('label', {}, 'Metric ', select), el('label', {}, 'Layers ', weight), el('label', {}, showSites, ' region points')));

    const t = census.totals;
    root.append(
      el('p', { class: 'totals' },
        `${t.ai_regions.toLocaleString('en-US')} AI regions (${t.training_regions} training-capable) of ${t.regions.toLocaleString('en-US')} regions in ${t.countries_with_regions} economies; `,
        `${t.countries_with_ai} economies host AI compute, ${t.countries_training} can train (Compute North). `,
        `${Math.round(t.h100e).toLocaleString('en-US')} H100e in ${t.facilities} operational GPU facilities.`),
    );

    const features = countries(ctx.isoIndex);
    const W = 960, H = 500;
    const outer = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    outer.setAttribute('viewBox', `0 0 ${W} ${H + 48}`);
    outer.setAttribute('width', W);
    outer.setAttribute('height', H + 48);
    outer.setAttribute('class', 'map-figure');
    const mapSvg = drawMap({
      features,
      valueOf: (iso3) => (byCode.has(iso3) ? metric.get(byCode.get(iso3)) : null),
      colour: scale.colour,
      metric,
      sites: sites.sites,
      nameOf: (iso3) => byCode.get(iso3)?.name,
      onClick: (iso3) => ctx.setState({ view: 'profile', iso3: [iso3] }),
      width: W,
      height: H,
    });
    const legend = legendSvg(metric.label + (metric.kind === 'count' ? '' : ''), [...scale.legend, { label: 'no data', colour: '#e8e8e8' }], W);
    legend.setAttribute('y', H + 2);
    outer.append(mapSvg, legend);
    const sitesG = mapSvg.querySelector('g.sites');
    const toggle = () => { sitesG.style.display = showSites.checked ? '' : 'none'; ctx.showSites = showSites.checked; };
    showSites.addEventListener('change', toggle);
    toggle();
    const host = el('div', { class: 'map-host' }, outer);
    attachTooltip(host, outer);

    const tidy = tidyRows(rows, metric, census.meta.as_of);
    root.append(
      panel({
        id: 'world-map',
        title: `${metric.label}, by economy`,
        chart: host,
        rows: tidy,
        columns: TIDY_COLUMNS,
        filename: `aisov-map-${metric.id.replace(':', '-')}-${census.meta.as_of}`,
        source: { meta: census.meta, what: 'aisov census', sourceIds: sites.sites.map((s) => s.source_id) },
        sourcesById: ctx.sourcesById,
        note: 'Click a country for its profile. Points: cloud regions (red = training-capable, orange = AI inference only, grey = no AI accelerators).',
      }),
    );

    // A ranking next to the map: the top economies by the metric.
    if (metric.kind !== 'category') {
      const ranked = rows.filter((r) => typeof metric.get(r) === 'number' && metric.get(r) > 0).sort((a, b) => metric.get(b) - metric.get(a) || (a.code < b.code ? -1 : 1)).slice(0, 15);
      const table = el('table', { class: 'ranking' }, el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'Economy'), el('th', {}, metric.label))),
        el('tbody', {}, ranked.map((r, i) => el('tr', {}, el('td', {}, i + 1), el('td', {}, el('a', { href: `#${ctx.link({ view: 'profile', iso3: [r.code] })}` }, `${r.name} (${r.code})`)), el('td', { class: 'num' }, formatValue(metric, metric.get(r)))))));
      root.append(el('section', { class: 'panel' }, el('header', {}, el('h3', {}, `Top ${ranked.length}`)), table));
    } else {
      const counts = new Map();
      for (const r of rows) counts.set(metric.get(r), (counts.get(metric.get(r)) || 0) + 1);
      root.append(el('section', { class: 'panel' }, el('header', {}, el('h3', {}, 'Economies per class')), el('ul', {}, [...counts.entries()].sort().map(([k, n]) => el('li', {}, `${k}: ${n}`)))));
    }
  },
};
