// A chart panel: title, the chart, a source line (dataset version, as-of date, provider set and
// the cited source ids) and downloads (CSV of its data, SVG, PNG).
import { toCsv } from './csv.js';
import { downloadText, downloadSvg, downloadPng } from './download.js';
import { countRange, formatRange, rangeNote } from './dating.js';
import { t, language } from './i18n.js';

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/**
 * A count of a census row or totals object as a span: "12–18" (strict–lenient, with the
 * explanation as tooltip) when the bounds differ, "18" when they agree. The span carries
 * data-strict, data-lenient and data-field; class "range" when it is one.
 */
export function rangeEl(row, field, attrs = {}) {
  const { strict, lenient } = countRange(row, field);
  const ranged = strict !== null && lenient !== null && strict !== lenient;
  return el('span', {
    ...attrs,
    class: [attrs.class, ranged ? 'range' : 'count'].filter(Boolean).join(' '),
    title: ranged ? t('range.title', { strict, lenient, note: rangeNote() }) : null,
    'data-field': field,
    'data-strict': strict ?? '',
    'data-lenient': lenient ?? '',
  }, formatRange(strict, lenient));
}

/**
 * "Source: aisov census (dataset 2026.11.0, as of 2024-11-30; providers: reference nine); cited
 * sources: …". Every line states the as-of date of the data used (issue #15 point 4): the
 * meta's as_of, else the dataset's date (`asOf`), else it says that none was given.
 * head: the part before the cited sources (shown under the panel; the export has the whole text).
 */
export function sourceLine({ meta, sourceIds = [], what, asOf = '', sourcesById = new Map() }) {
  const ids = [...new Set(sourceIds.flatMap((s) => String(s || '').split(';')).filter(Boolean))].sort();
  const date = meta?.as_of || asOf;
  const scope = [meta?.dataset_version ? t('source.dataset', { version: meta.dataset_version }) : '', date ? t('source.as_of', { date }) : t('source.no_date')].filter(Boolean).join(t('source.comma'));
  const providers = meta && meta.providers ? providerLabel(meta.providers) : '';
  const head = t('source.head', { what: what ?? t('source.census'), scope: [scope, providers].filter(Boolean).join(t('source.semicolon')) });
  const producers = [...new Set(ids.map((id) => sourcesById.get(id)?.producer).filter(Boolean))];
  const shown = ids.slice(0, 8).join(', ');
  const more = ids.length > 8 ? t('source.more', { n: ids.length - 8 }) : '';
  return {
    head,
    text: ids.length ? `${head}${t('source.semicolon')}${t('source.cited', { ids: `${shown}${more}` })}` : head,
    ids,
    producers,
  };
}

function providerLabel(list) {
  const nine = ['alibaba', 'aws', 'azure', 'exoscale', 'gcp', 'hetzner', 'huawei', 'ovhcloud', 'tencent'];
  const sorted = [...list].sort();
  if (sorted.length === nine.length && sorted.every((p, i) => p === nine[i])) return t('source.providers_nine');
  return t('source.providers', { list: list.length > 6 ? t('source.providers_all', { n: list.length }) : list.join(', ') });
}

/** Legend items [{label, colour}] of an Observable Plot chart's categorical colour scale; [] when none. */
export function plotLegend(svg) {
  const scale = typeof svg?.scale === 'function' ? svg.scale('color') : null;
  if (!scale || !Array.isArray(scale.domain) || !Array.isArray(scale.range) || !['ordinal', 'categorical'].includes(scale.type)) return [];
  return scale.domain.map((d, i) => ({ label: String(d), colour: scale.range[i % scale.range.length] }));
}

/**
 * panel({id, title, chart: Element (an svg or a node containing one), rows, columns, filename,
 *        source: {meta, sourceIds, what}, sourcesById, note, subtitle, legend: [{label, colour}]})
 * The SVG/PNG downloads carry the title, the subtitle (default: the note), the legend (default:
 * the Plot chart's colour legend) and the full source line.
 */
export function panel({ id, title, chart, rows, columns, filename, source, sourcesById, note, subtitle, legend }) {
  const line = sourceLine({ ...source, sourcesById });
  const svgOf = () => (chart.tagName && chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg'));
  const exportOpts = () => ({ title: typeof title === 'string' ? title : title?.textContent || '', subtitle: subtitle ?? note ?? '', caption: line.text, legend: legend ?? plotLegend(svgOf()) });
  // Tables download as CSV only; charts also as SVG and PNG (with title, legend and source line).
  const image = Boolean(svgOf());
  const buttons = el(
    'div',
    { class: 'downloads' },
    el('button', { type: 'button', 'data-download': 'csv', 'aria-label': t('panel.download_csv', { title }), onclick: () => downloadText(toCsv(rows, columns), `${filename}.csv`) }, 'CSV'),
    image && el('button', { type: 'button', 'data-download': 'svg', 'aria-label': t('panel.download_image', { title, format: 'SVG' }), onclick: () => downloadSvg(svgOf(), `${filename}.svg`, exportOpts()) }, 'SVG'),
    image && el('button', { type: 'button', 'data-download': 'png', 'aria-label': t('panel.download_image', { title, format: 'PNG' }), onclick: () => downloadPng(svgOf(), `${filename}.png`, exportOpts()) }, 'PNG'),
  );
  const details = line.ids.length
    ? el('details', { class: 'source-ids' }, el('summary', {}, `${t(line.ids.length > 1 ? 'panel.cited_many' : 'panel.cited_one', { n: line.ids.length })}${line.producers.length ? ` (${line.producers.slice(0, 5).join(', ')}${line.producers.length > 5 ? ' …' : ''})` : ''}`),
      el('p', {}, line.ids.map((sid, i) => [i ? ', ' : '', sourceLink(sid, sourcesById)]).flat()))
    : null;
  labelRoles(chart);
  return el(
    'section',
    { class: 'panel', id, 'data-panel': id },
    el('header', {}, el('h3', {}, title), buttons),
    note ? el('p', { class: 'note' }, note) : null,
    chart,
    el('p', { class: 'source' }, line.head),
    details,
  );
}

/**
 * Gives an element with an aria-label inside a chart a role that allows one (Observable Plot
 * labels its mark groups "bar", "rule" …; ARIA prohibits aria-label on an element without a role).
 */
export function labelRoles(root) {
  if (!root || typeof root.querySelectorAll !== 'function') return;
  for (const e of root.querySelectorAll('svg [aria-label]:not([role])')) e.setAttribute('role', e.tagName.toLowerCase() === 'g' ? 'group' : 'img');
}

/** A cited source id as a link to its row in the Sources view, titled with its title and producer. */
function sourceLink(id, sourcesById = new Map()) {
  const s = sourcesById.get(id);
  return el('a', { href: `#view=sources${language() === 'en' ? '' : `&lang=${language()}`}&q=${encodeURIComponent(id)}`, title: s ? `${s.title} — ${s.producer}` : null }, s?.title ? `${s.title} (${id})` : id);
}
