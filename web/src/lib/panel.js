// A chart panel: title, the chart, a source line (dataset version, as-of date, provider set and
// the cited source ids) and downloads (CSV of its data, SVG, PNG).
import { toCsv } from './csv.js';
import { downloadText, downloadSvg, downloadPng } from './download.js';
import { countRange, formatRange, RANGE_NOTE } from './dating.js';

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
    title: ranged ? `strict ${strict} – lenient ${lenient}. ${RANGE_NOTE}.` : null,
    'data-field': field,
    'data-strict': strict ?? '',
    'data-lenient': lenient ?? '',
  }, formatRange(strict, lenient));
}

/** "Source: aisov census of dataset 2026.11.0 as of 2024-11-30 (reference-nine); …". */
export function sourceLine({ meta, sourceIds = [], what = 'aisov census', sourcesById = new Map() }) {
  const ids = [...new Set(sourceIds.flatMap((s) => String(s || '').split(';')).filter(Boolean))].sort();
  const scope = meta ? `dataset ${meta.dataset_version}, as of ${meta.as_of}` : '';
  const providers = meta && meta.providers ? providerLabel(meta.providers) : '';
  const head = `Source: ${what} (${[scope, providers].filter(Boolean).join('; ')})`;
  const producers = [...new Set(ids.map((id) => sourcesById.get(id)?.producer).filter(Boolean))];
  const shown = ids.slice(0, 8).join(', ');
  const more = ids.length > 8 ? ` and ${ids.length - 8} more` : '';
  return {
    text: ids.length ? `${head}; cited sources: ${shown}${more}` : head,
    ids,
    producers,
  };
}

function providerLabel(list) {
  const nine = ['alibaba', 'aws', 'azure', 'exoscale', 'gcp', 'hetzner', 'huawei', 'ovhcloud', 'tencent'];
  const sorted = [...list].sort();
  if (sorted.length === nine.length && sorted.every((p, i) => p === nine[i])) return 'providers: reference nine';
  return `providers: ${list.length > 6 ? `all ${list.length}` : list.join(', ')}`;
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
    el('button', { type: 'button', 'data-download': 'csv', 'aria-label': `Download the data of "${title}" as CSV`, onclick: () => downloadText(toCsv(rows, columns), `${filename}.csv`) }, 'CSV'),
    image && el('button', { type: 'button', 'data-download': 'svg', 'aria-label': `Download "${title}" as SVG`, onclick: () => downloadSvg(svgOf(), `${filename}.svg`, exportOpts()) }, 'SVG'),
    image && el('button', { type: 'button', 'data-download': 'png', 'aria-label': `Download "${title}" as PNG`, onclick: () => downloadPng(svgOf(), `${filename}.png`, exportOpts()) }, 'PNG'),
  );
  const details = line.ids.length
    ? el('details', { class: 'source-ids' }, el('summary', {}, `${line.ids.length} cited source${line.ids.length > 1 ? 's' : ''}${line.producers.length ? ` (${line.producers.slice(0, 5).join(', ')}${line.producers.length > 5 ? ' …' : ''})` : ''}`),
      el('p', {}, line.ids.map((sid, i) => [i ? ', ' : '', sourceLink(sid, sourcesById)]).flat()))
    : null;
  labelRoles(chart);
  return el(
    'section',
    { class: 'panel', id, 'data-panel': id },
    el('header', {}, el('h3', {}, title), buttons),
    note ? el('p', { class: 'note' }, note) : null,
    chart,
    el('p', { class: 'source' }, line.text.split('; cited sources')[0]),
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
  return el('a', { href: `#view=sources&q=${encodeURIComponent(id)}`, title: s ? `${s.title} — ${s.producer}` : null }, s?.title ? `${s.title} (${id})` : id);
}
