// World view: a choropleth of one census metric with region points; click → profile.
import { api } from '../lib/api.js';
import { apiScope } from '../lib/state.js';
import { METRICS, LAYERS, metricById, layerMetricIds, tidyRows, formatMetric } from '../lib/metrics.js';
import { colourScale } from '../lib/scales.js';
import { loadCountries, drawMap, attachTooltip, legendSvg, legendHtml, siteLegendSvg } from '../lib/map.js';
import { NO_DATA_ITEM, categoryLabel } from '../lib/scales.js';
import { el, panel, rangeEl } from '../lib/panel.js';
import { rangeFootnote, datingCaption, datingSummary, earliestSourcedLaunch, formatCount, isRange } from '../lib/dating.js';
import { TIDY_COLUMNS } from '../lib/csv.js';
import { t, formatNumber, economyLabel } from '../lib/i18n.js';
import { assumptionsText, originText, energySourceIds, formatTwh, formatTonnes, formatSmallShare, withRange, formatAmount, formatTonnesShort } from '../lib/energy.js';

export const mapView = {
  id: 'map',
  async render(ctx, root) {
    const { state } = ctx;
    // The sites at the dataset's date too (cached): the earliest sourced launch, to say when an
    // earlier as-of date shows only undated regions.
    const [census, sites, sitesNow] = await Promise.all([
      api.census(apiScope(state)),
      api.sites(apiScope(state, { weight: false })),
      state.as_of ? api.sites(apiScope({ ...state, as_of: '' }, { weight: false })).catch(() => null) : null,
    ]);
    const rows = census.rows;
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const metric = metricById(state.metric);
    const values = rows.map((r) => metric.get(r));
    const scale = colourScale(metric, values);

    const select = el('select', { id: 'metric', 'aria-label': t('map.metric'), onchange: (e) => ctx.setState({ metric: e.target.value }) });
    const group = (label, ids) => el('optgroup', { label }, ids.map((id) => el('option', { value: id, selected: id === metric.id }, metricById(id).label)));
    select.append(group(t('map.census_group'), METRICS.filter((m) => !m.energy).map((m) => m.id)), group(t('map.energy_group'), METRICS.filter((m) => m.energy).map((m) => m.id)));
    const layerIds = layerMetricIds(rows);
    for (const layer of Object.keys(LAYERS)) select.append(group(t('map.layer_group', { layer: LAYERS[layer] }), layerIds.filter((id) => id.startsWith(`${layer}:`))));
    if (!select.querySelector(`option[value="${CSS.escape(metric.id)}"]`)) select.append(el('option', { value: metric.id, selected: true }, metric.label));
    const weight = el(
      'select',
      { id: 'weight', 'aria-label': t('map.layers'), onchange: (e) => ctx.setState({ weight: e.target.value }) },
      ['regions', 'h100e', 'mw', 'energy'].map((v) => el('option', { value: v, selected: v === state.weight }, t(`map.weight_${v}`))),
    );
    const showSites = el('input', { type: 'checkbox', id: 'show-sites', checked: ctx.showSites !== false });
    // The year slider: the census on 31 December of each year (the dataset's own date for its year).
    const lastYear = Number(ctx.info.as_of.slice(0, 4));
    const year = Number((state.as_of || ctx.info.as_of).slice(0, 4));
    const yearOut = el('output', { id: 'map-year-value', for: 'map-year' }, String(year));
    const slider = el('input', { type: 'range', id: 'map-year', min: 2006, max: lastYear, step: 1, value: Math.min(lastYear, Math.max(2006, year)), 'aria-label': t('map.year_label'), 'aria-valuetext': String(year) });
    slider.addEventListener('input', () => { yearOut.textContent = slider.value; });
    slider.addEventListener('change', () => {
      const y = Number(slider.value);
      ctx.setState({ as_of: y >= lastYear ? '' : `${y}-12-31` });
    });
    root.append(el('div', { class: 'view-controls' }, el('label', {}, t('map.metric'), ' ', select), el('label', {}, t('map.layers'), ' ', weight), el('label', {}, showSites, ' ', t('map.region_points')),
      el('label', { class: 'year-slider' }, t('map.year'), ' ', slider, ' ', yearOut)));

    const tot = census.totals;
    root.append(
      el('p', { class: 'totals', id: 'map-totals' },
        rangeEl(tot, 'ai_regions'), t('map.totals_1'), rangeEl(tot, 'training_regions'), t('map.totals_2'), rangeEl(tot, 'regions'), t('map.totals_3'), rangeEl(tot, 'countries_with_regions'), t('map.totals_4'),
        rangeEl(tot, 'countries_with_ai'), t('map.totals_5'), rangeEl(tot, 'countries_training'), t('map.totals_6'),
        t('map.totals_7', { h100e: formatNumber(Math.round(tot.h100e)), n: formatNumber(tot.facilities) })),
      el('p', { class: 'note range-note', id: 'range-note' }, rangeFootnote()),
    );
    // With an energy metric: the world's energy totals (methodology §15.3).
    const te = tot.energy;
    if (metric.energy && te) {
      root.append(el('p', { class: 'totals', id: 'map-energy-totals' }, t('map.energy_totals', {
        twh: withRange(formatTwh, te.twh, te.twh_low, te.twh_high, formatAmount),
        share: withRange(formatSmallShare, te.share_of_generation, te.share_of_generation_low, te.share_of_generation_high),
        co2: withRange(formatTonnes, te.co2_t, te.co2_t_low, te.co2_t_high, formatTonnesShort),
      })));
    }
    const summary = datingSummary(sites.sites);
    const earliest = earliestSourcedLaunch([...sites.sites, ...(sitesNow?.sites || [])]);
    const caption = datingCaption(summary, { before: earliest && census.meta.as_of < earliest ? earliest : null });

    const features = await loadCountries(ctx.isoIndex);
    const W = 960, H = 500;
    const outer = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    // Economies whose count is lenient only (no dated source shows any of it) are hatched.
    const lenientOnly = (iso3) => {
      const r = byCode.get(iso3);
      return Boolean(r && metric.strict && metric.get(r) > 0 && metric.strict(r) === 0);
    };
    const hatched = rows.filter((r) => lenientOnly(r.code)).length;
    const siteLegend = siteLegendSvg(caption, W, { hatched });
    const legendH = 46 + Number(siteLegend.getAttribute('height'));
    outer.setAttribute('viewBox', `0 0 ${W} ${H + legendH}`);
    outer.setAttribute('width', W);
    outer.setAttribute('height', H + legendH);
    outer.setAttribute('class', 'map-figure');
    const mapSvg = drawMap({
      features,
      valueOf: (iso3) => (byCode.has(iso3) ? metric.get(byCode.get(iso3)) : null),
      colour: scale.colour,
      metric,
      sites: sites.sites,
      lenientOnly,
      nameOf: (iso3) => byCode.get(iso3)?.name,
      valueText: (iso3) => {
        const r = byCode.get(iso3);
        if (!r) return t('no_data');
        return `${formatMetric(metric, r)}${metric.strict && metric.strict(r) !== metric.get(r) ? t('map.strict_lenient') : ''}`;
      },
      tipExtra: (iso3) => {
        const r = byCode.get(iso3);
        if (!r || !(r.regions > 0)) return '';
        const ranged = ['regions', 'ai_regions', 'training_regions'].some((f) => isRange(r, f));
        return `${t('map.tip_regions', { regions: formatCount(r, 'regions'), ai: formatCount(r, 'ai_regions'), training: formatCount(r, 'training_regions') })}${ranged ? t('map.strict_lenient') : ''}`;
      },
      onClick: (iso3) => ctx.setState({ view: 'profile', iso3: [iso3] }),
      width: W,
      height: H,
    });
    const legendItems = [...scale.legend, NO_DATA_ITEM];
    const legend = legendSvg(metric.label, legendItems, W);
    const legendTop = Number(legend.getAttribute('height')) + 2;
    outer.setAttribute('viewBox', `0 0 ${W} ${H + legendTop + Number(siteLegend.getAttribute('height'))}`);
    outer.setAttribute('height', H + legendTop + Number(siteLegend.getAttribute('height')));
    legend.setAttribute('y', H + 2);
    siteLegend.setAttribute('y', H + legendTop);
    outer.append(mapSvg, legend, siteLegend);
    const sitesG = mapSvg.querySelector('g.sites');
    const toggle = () => { sitesG.style.display = showSites.checked ? '' : 'none'; siteLegend.querySelector('g.site-keys').style.display = showSites.checked ? '' : 'none'; ctx.showSites = showSites.checked; };
    showSites.addEventListener('change', toggle);
    toggle();
    const host = el('div', { class: 'map-host' }, outer, legendHtml(metric.label, legendItems));
    attachTooltip(host, outer);

    const tidy = tidyRows(rows, metric, census.meta.as_of);
    root.append(
      panel({
        id: 'world-map',
        title: t('map.title', { metric: metric.label, date: census.meta.as_of }),
        chart: host,
        rows: tidy,
        columns: TIDY_COLUMNS,
        filename: `aisov-map-${metric.id.replace(':', '-')}-${census.meta.as_of}`,
        source: metric.energy
          ? { meta: census.meta, what: t('map.energy_what', { assumptions: assumptionsText(census.energy_parameters), origin: originText(census.energy_parameters) }), sourceIds: energySourceIds(census.energy_parameters, sites.sites.map((s) => s.source_id)) }
          : { meta: census.meta, what: t('source.census'), sourceIds: sites.sites.map((s) => s.source_id) },
        sourcesById: ctx.sourcesById,
        note: `${metric.energy ? `${t('map.energy_note')} ` : ''}${t('map.note', { caption })}${metric.strict ? t('map.note_csv') : ''}`,
      }),
    );
    root.querySelector('#world-map')?.setAttribute('data-undated', String(summary.undated));
    // First meaningful paint of the map (printed by the e2e suite; issue #13 target 5).
    if (!performance.getEntriesByName('aisov-map-drawn').length) performance.mark('aisov-map-drawn');

    // A ranking next to the map: the top economies by the metric.
    if (metric.kind !== 'category') {
      const ranked = rows.filter((r) => typeof metric.get(r) === 'number' && metric.get(r) > 0).sort((a, b) => metric.get(b) - metric.get(a) || (a.code < b.code ? -1 : 1)).slice(0, 15);
      const table = el('table', { class: 'ranking' }, el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, t('map.economy')), el('th', { title: metric.strict ? t('map.rank_title') : null }, metric.label))),
        el('tbody', {}, ranked.map((r, i) => el('tr', {}, el('td', {}, i + 1), el('td', {}, el('a', { href: `#${ctx.link({ view: 'profile', iso3: [r.code] })}` }, economyLabel(r.code, r.name))), el('td', { class: 'num' }, metric.strict ? rangeEl(r, metric.id) : formatMetric(metric, r))))));
      root.append(el('section', { class: 'panel', id: 'map-ranking' }, el('header', {}, el('h3', {}, t('map.top', { n: ranked.length }))), table,
        metric.strict && ranked.some((r) => isRange(r, metric.id)) ? el('p', { class: 'note' }, t('map.ranked_lenient', { footnote: rangeFootnote() })) : null));
    } else {
      const counts = new Map();
      for (const r of rows) counts.set(metric.get(r), (counts.get(metric.get(r)) || 0) + 1);
      root.append(el('section', { class: 'panel', id: 'map-classes' }, el('header', {}, el('h3', {}, t('map.per_class'))),
        el('ul', {}, [...counts.entries()].sort().map(([k, n]) => el('li', {}, t(n === 1 ? 'map.class_count_one' : 'map.class_count_many', { label: categoryLabel(k), n })))),
        metric.id === 'compute_class' ? el('p', { class: 'note' }, t('map.class_rule')) : null,
        el('p', { class: 'note' }, el('a', { href: `#${ctx.link({ view: 'table' })}` }, t('map.all_in_table')))));
    }
  },
};
