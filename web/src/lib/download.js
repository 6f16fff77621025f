// Downloads of a chart: its data as CSV, the chart as SVG or PNG. Everything happens in the
// browser; nothing is sent anywhere. An exported image is a figure a journalist can publish:
// title, subtitle, the chart, its legend and the full source line (wrapped, left-aligned).
import { wrapText } from './text.js';

const SVG = 'http://www.w3.org/2000/svg';

export function downloadBlob(blob, filename) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

export function downloadText(text, filename, type = 'text/csv;charset=utf-8') {
  downloadBlob(new Blob([text], { type }), filename);
}

// Average glyph width of 11–15 px system-ui text, as a share of the font size (wrapping only).
const GLYPH = 0.56;
/** The most characters of `size`-px text that fit in `width` px. */
export function charsPerLine(width, size) {
  return Math.max(20, Math.floor(width / (size * GLYPH)));
}

function svgEl(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function sizeOf(svg) {
  const vb = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
  const width = Number(svg.getAttribute('width')) || (vb.length === 4 ? vb[2] : 0) || svg.clientWidth || 800;
  const height = Number(svg.getAttribute('height')) || (vb.length === 4 ? vb[3] : 0) || svg.clientHeight || 400;
  return { width, height };
}

/**
 * Lines of text as one <text> (explicitly left-aligned, so nothing is inherited from the chart),
 * each line a <tspan>. Returns {node, height}.
 */
function textBlock(lines, { x, y, size, weight, fill, cls }) {
  const t = svgEl('text', { x, y: y + size, 'font-size': size, fill, 'text-anchor': 'start', 'dominant-baseline': 'auto', ...(weight ? { 'font-weight': weight } : {}), ...(cls ? { class: cls } : {}) });
  const lh = Math.round(size * 1.35);
  lines.forEach((line, i) => {
    const span = svgEl('tspan', { x, ...(i ? { dy: lh } : {}) });
    span.textContent = line;
    t.append(span);
  });
  return { node: t, height: lines.length ? lh * lines.length : 0 };
}

/**
 * A legend as SVG: swatches and labels in rows that wrap at `width`. items: [{label, colour,
 * pattern?: 'nodata'}]. Returns {node, height}.
 */
export function swatchLegend(items, { x = 0, y = 0, width = 640, title = '' } = {}) {
  const g = svgEl('g', { class: 'export-legend', transform: `translate(${x},${y})` });
  let cy = 0;
  if (title) {
    const t = svgEl('text', { x: 0, y: 12, 'font-size': 12, 'font-weight': 600, 'text-anchor': 'start', fill: '#1d2630' });
    t.textContent = title;
    g.append(t);
    cy = 18;
  }
  let cx = 0;
  for (const it of items) {
    const w = 20 + Math.ceil(String(it.label).length * 11 * GLYPH) + 14;
    if (cx > 0 && cx + w > width) {
      cx = 0;
      cy += 18;
    }
    if (it.pattern === 'nodata') {
      const id = `export-nodata-${Math.random().toString(36).slice(2, 8)}`;
      const pat = svgEl('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' });
      pat.append(svgEl('rect', { width: 6, height: 6, fill: '#f2f2f2' }), svgEl('path', { d: 'M0 0L6 6M6 0L0 6', stroke: '#9a9a9a', 'stroke-width': 0.7 }));
      g.append(pat);
      g.append(svgEl('rect', { x: cx, y: cy + 2, width: 14, height: 12, fill: `url(#${id})`, stroke: '#888', 'stroke-width': 0.5 }));
    } else {
      g.append(svgEl('rect', { x: cx, y: cy + 2, width: 14, height: 12, fill: it.colour, stroke: '#888', 'stroke-width': 0.5 }));
    }
    const l = svgEl('text', { x: cx + 18, y: cy + 12, 'font-size': 11, 'text-anchor': 'start', fill: '#1d2630' });
    l.textContent = it.label;
    g.append(l);
    cx += w;
  }
  return { node: g, height: items.length ? cy + 18 : cy };
}

/**
 * A standalone SVG document of a chart: title and subtitle above it, then the chart, its legend
 * (items [{label, colour}]) and the full source line, wrapped to the figure's width. The chart
 * is nested as its own <svg>, so its styles (Plot's text-anchor="middle" …) stay inside it.
 * opts: {title, subtitle, caption, legend, legendTitle, minWidth}.
 */
export function svgDocument(svg, opts = {}) {
  const o = typeof opts === 'string' ? { caption: opts } : opts;
  const { width: cw, height: ch } = sizeOf(svg);
  const width = Math.max(cw, o.minWidth ?? 640);
  const pad = 12;
  const inner = width - 2 * pad;
  const out = svgEl('svg', { width, viewBox: '', 'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', 'text-anchor': 'start' });
  out.append(svgEl('rect', { x: 0, y: 0, width, height: '100%', fill: '#ffffff' }));
  let y = pad;
  if (o.title) {
    const b = textBlock(wrapText(o.title, charsPerLine(inner, 16)), { x: pad, y, size: 16, weight: 700, fill: '#1d2630', cls: 'export-title' });
    out.append(b.node);
    y += b.height + 2;
  }
  if (o.subtitle) {
    const b = textBlock(wrapText(o.subtitle, charsPerLine(inner, 12)), { x: pad, y, size: 12, fill: '#45525f', cls: 'export-subtitle' });
    out.append(b.node);
    y += b.height;
  }
  if (o.title || o.subtitle) y += 6;
  const clone = svg.cloneNode(true);
  clone.removeAttribute('xmlns');
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${cw} ${ch}`);
  clone.setAttribute('x', Math.round((width - cw) / 2));
  clone.setAttribute('y', y);
  clone.setAttribute('width', cw);
  clone.setAttribute('height', ch);
  clone.removeAttribute('style');
  out.append(clone);
  y += ch + 6;
  if (o.legend && o.legend.length) {
    const b = swatchLegend(o.legend, { x: pad, y, width: inner, title: o.legendTitle || '' });
    out.append(b.node);
    y += b.height + 6;
  }
  if (o.caption) {
    const b = textBlock(wrapText(o.caption, charsPerLine(inner, 11)), { x: pad, y, size: 11, fill: '#45525f', cls: 'export-caption' });
    out.append(b.node);
    y += b.height;
  }
  const height = Math.ceil(y + pad);
  out.setAttribute('height', height);
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(out);
}

export function downloadSvg(svg, filename, opts) {
  downloadText(svgDocument(svg, opts), filename, 'image/svg+xml;charset=utf-8');
}

export async function downloadPng(svg, filename, opts, scale = 2) {
  const text = svgDocument(svg, opts);
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const w = Number(doc.getAttribute('width'));
  const h = Number(doc.getAttribute('height'));
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w * scale;
  canvas.height = h * scale;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  downloadBlob(blob, filename);
}
