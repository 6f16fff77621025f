// The world map: Natural Earth shapes from the world-atlas package (bundled, no download),
// coloured by one census metric, with region points where the dataset has coordinates.
import { geoEqualEarth, geoPath, geoMercator } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-50m.json';
import { alpha3 } from './iso.js';
import { formatValue } from './metrics.js';
import { siteDating, aiLenientOnly, DATING_LABELS } from './dating.js';

const SVG = 'http://www.w3.org/2000/svg';

let countriesCache = null;
let hatchSeq = 0;
/** GeoJSON features of the countries with `iso3` set (Antarctica left out). */
export function countries(isoIndex) {
  if (!countriesCache) {
    const fc = feature(world, world.objects.countries);
    countriesCache = fc.features
      .filter((f) => f.id !== '010')
      .map((f) => ({ ...f, iso3: alpha3(isoIndex, f.id), label: f.properties.name }));
  }
  return countriesCache;
}

function svgEl(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/**
 * Draws the choropleth. opts: {features, valueOf(iso3), colour(v), metric, sites, onClick(iso3),
 * nameOf(iso3), width, height, focus: iso3 (zoom to one country), highlight: Set of iso3,
 * valueText(iso3, v) (the value in the tooltip; default formatValue), tipExtra(iso3) (more
 * tooltip lines), lenientOnly(iso3) (true: the value counts only under the lenient rule — no
 * dated source shows any of it — and the country is hatched)}. Region points are styled by their
 * dating (siteMarker). Returns the svg.
 */
export function drawMap(opts) {
  const { features, valueOf, colour, metric, sites = [], onClick, nameOf, focus, highlight } = opts;
  const width = opts.width || 960;
  const height = opts.height || 500;
  const svg = svgEl('svg', { class: 'map', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img' });
  const focused = focus ? features.filter((f) => f.iso3 === focus) : [];
  const projection = focused.length
    ? geoMercator().fitExtent([[12, 12], [width - 12, height - 12]], { type: 'FeatureCollection', features: focused })
    : geoEqualEarth().fitExtent([[4, 4], [width - 4, height - 4]], { type: 'Sphere' });
  const path = geoPath(projection);
  if (!focused.length) svg.append(svgEl('path', { d: path({ type: 'Sphere' }), fill: '#dde9f3', stroke: '#b8c7d6', 'stroke-width': 0.5 }));
  const g = svgEl('g', { class: 'countries' });
  svg.append(g);
  const defs = svgEl('defs');
  const hatches = new Map();
  const prefix = `hatch-${++hatchSeq}`;
  const hatch = (fill) => {
    if (!hatches.has(fill)) {
      const id = `${prefix}-${hatches.size}`;
      const pat = svgEl('pattern', { id, width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
      pat.append(svgEl('rect', { width: 5, height: 5, fill }), svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 5, stroke: '#fff', 'stroke-width': 2.4 }));
      defs.append(pat);
      hatches.set(fill, `url(#${id})`);
    }
    return hatches.get(fill);
  };
  for (const f of features) {
    if (focused.length && f.iso3 !== focus && !opts.showNeighbours) continue;
    const d = path(f);
    if (!d) continue;
    const v = f.iso3 ? valueOf(f.iso3) : null;
    const loose = Boolean(f.iso3 && opts.lenientOnly && opts.lenientOnly(f.iso3));
    const fill = focused.length && f.iso3 !== focus ? '#eee' : colour(v);
    const p = svgEl('path', {
      d,
      class: `country${highlight && highlight.has(f.iso3) ? ' highlight' : ''}${loose ? ' lenient-only' : ''}`,
      fill: loose ? hatch(fill) : fill,
      stroke: '#8a96a3',
      'stroke-width': 0.3,
      'data-iso3': f.iso3 || '',
    });
    const name = (f.iso3 && nameOf && nameOf(f.iso3)) || f.label;
    const valueText = opts.valueText && f.iso3 ? opts.valueText(f.iso3, v) : formatValue(metric, v);
    const extra = opts.tipExtra && f.iso3 ? opts.tipExtra(f.iso3) : '';
    p.dataset.tip = `${name}${f.iso3 ? ` (${f.iso3})` : ''}\n${metric.label}: ${valueText}${extra ? `\n${extra}` : ''}`;
    if (f.iso3 && onClick) {
      p.style.cursor = 'pointer';
      p.addEventListener('click', () => onClick(f.iso3));
    }
    g.append(p);
  }
  if (hatches.size) svg.insertBefore(defs, svg.firstChild);
  const pts = svgEl('g', { class: 'sites' });
  svg.append(pts);
  for (const s of sites) {
    if (typeof s.lat !== 'number' || typeof s.lon !== 'number') continue;
    const xy = projection([s.lon, s.lat]);
    if (!xy || xy.some((x) => !Number.isFinite(x))) continue;
    const m = siteMarker(s);
    const c = svgEl('circle', { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), ...m.attrs, 'data-site': s.site_id, 'data-dating': m.dating, 'aria-label': m.label });
    c.dataset.tip = m.tip;
    if (onClick) c.addEventListener('click', () => onClick(s.iso3));
    pts.append(c);
  }
  return svg;
}

export const SITE_COLOURS = { training: '#d62828', ai: '#f77f00', plain: '#6c757d' };

const statusOf = (training, ai) => (training ? 'training' : ai ? 'ai' : 'plain');
const STATUS_TEXT = { training: 'training-capable', ai: 'AI (inference)', plain: 'no AI accelerators' };

/**
 * How a region point is drawn (methodology §2.1): filled when a dated source shows it open by the
 * date; a hollow ring when it is open under the lenient rule only (estimated or not yet strictly
 * dated); a dashed hollow ring when it has no launch date. Colour = AI status under the lenient
 * rule; a region whose AI offerings no dated source shows yet is filled in its strict colour with
 * a ring in its lenient one. Returns {dating, status, attrs, label, tip}.
 */
export function siteMarker(s) {
  const dating = siteDating(s);
  const status = statusOf(s.training, s.ai);
  const colour = SITE_COLOURS[status];
  const r = status === 'training' ? 3 : status === 'ai' ? 2.4 : 1.6;
  const classes = ['site', status, dating];
  let attrs;
  if (dating === 'strict') {
    const aiLoose = aiLenientOnly(s);
    if (aiLoose) classes.push('ai-lenient-only');
    attrs = aiLoose
      ? { r: r + 0.4, fill: SITE_COLOURS[statusOf(false, false)], 'fill-opacity': 0.6, stroke: colour, 'stroke-width': 1.4 }
      : { r, fill: colour, 'fill-opacity': s.ai ? 0.85 : 0.5, stroke: '#fff', 'stroke-width': 0.5 };
  } else {
    attrs = { r: r + 0.6, fill: 'none', stroke: colour, 'stroke-width': 1.1, 'stroke-opacity': 0.95, 'pointer-events': 'visible' };
    if (dating === 'undated') attrs['stroke-dasharray'] = '1.6 1.2';
  }
  attrs.class = classes.join(' ');
  const launched = s.launched ? `launched ${s.launched}${s.launched_basis && s.launched_basis !== 'announced' ? ` (${s.launched_basis.replace('_', ' ')})` : ''}` : 'launch date unknown';
  const datingText = dating === 'strict' ? launched : dating === 'undated' ? DATING_LABELS.undated : `${launched}; ${DATING_LABELS[dating]}`;
  const aiText = aiLenientOnly(s) ? `${STATUS_TEXT[status]} under the lenient rule only (no dated source lists its accelerators by this date)` : STATUS_TEXT[status];
  const label = `${s.name} (${s.iso3}): ${dating === 'undated' ? 'launch date unknown' : DATING_LABELS[dating]}`;
  const tip = `${s.name} — ${s.city} (${s.iso3})\n${s.provider} · operator ${s.operator_jurisdiction} · ${aiText}\n${datingText}`;
  return { dating, status, attrs, label, tip };
}

/**
 * A legend (svg) of the region markers (group g.site-keys), of the hatched economies when
 * `hatched` > 0, and a caption line (counts of undated regions etc.).
 */
export function siteLegendSvg(caption = '', width = 960, { hatched = 0 } = {}) {
  const lines = wrapText(caption, 160);
  const rows = 1 + (hatched ? 1 : 0) + lines.length;
  const height = 6 + rows * 18;
  const svg = svgEl('svg', { class: 'legend site-legend', width, height, viewBox: `0 0 ${width} ${height}` });
  const keys = svgEl('g', { class: 'site-keys' });
  svg.append(keys);
  const items = [
    ['filled: dated source shows it open', { fill: SITE_COLOURS.ai, 'fill-opacity': 0.85, stroke: '#fff', 'stroke-width': 0.5 }],
    ['hollow: lenient rule only', { fill: 'none', stroke: SITE_COLOURS.ai, 'stroke-width': 1.3 }],
    ['dashed: launch date unknown', { fill: 'none', stroke: SITE_COLOURS.ai, 'stroke-width': 1.3, 'stroke-dasharray': '2 1.5' }],
    ['ring: AI offerings lenient only', { fill: SITE_COLOURS.plain, 'fill-opacity': 0.6, stroke: SITE_COLOURS.ai, 'stroke-width': 1.6 }],
  ];
  let x = 8;
  for (const [label, attrs] of items) {
    keys.append(svgEl('circle', { cx: x, cy: 10, r: 4.5, ...attrs }));
    const t = svgEl('text', { x: x + 9, y: 14, 'font-size': 11 });
    t.textContent = label;
    keys.append(t);
    x += 30 + label.length * 6.2;
  }
  let y = 14 + 18;
  if (hatched) {
    const pat = svgEl('pattern', { id: `legend-hatch-${++hatchSeq}`, width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pat.append(svgEl('rect', { width: 5, height: 5, fill: '#6baed6' }), svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 5, stroke: '#fff', 'stroke-width': 2.4 }));
    const defs = svgEl('defs');
    defs.append(pat);
    svg.append(defs, svgEl('rect', { x: 2, y: y - 11, width: 14, height: 12, fill: `url(#${pat.id})`, stroke: '#999', 'stroke-width': 0.5 }));
    const t = svgEl('text', { x: 20, y, 'font-size': 11, class: 'hatch-label' });
    t.textContent = `hatched: ${hatched} ${hatched === 1 ? 'economy' : 'economies'} whose count holds under the lenient rule only (strict count 0)`;
    svg.append(t);
    y += 18;
  }
  if (lines.length) {
    const t = svgEl('text', { x: 4, y, 'font-size': 11, fill: '#45525f', class: 'dating-caption' });
    lines.forEach((line, i) => {
      const span = svgEl('tspan', { x: 4, ...(i ? { dy: 18 } : {}) });
      span.textContent = i < lines.length - 1 ? `${line} ` : line;
      t.append(span);
    });
    svg.append(t);
  }
  return svg;
}

/** Words of text in lines of at most `max` characters. */
export function wrapText(text, max) {
  const lines = [];
  let line = '';
  for (const word of String(text || '').split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Shows data-tip texts of the svg's children in a floating box inside host. */
export function attachTooltip(host, svg) {
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.hidden = true;
  host.append(tip);
  svg.addEventListener('mousemove', (ev) => {
    const t = ev.target.closest('[data-tip]');
    if (!t) {
      tip.hidden = true;
      return;
    }
    tip.textContent = t.dataset.tip;
    tip.hidden = false;
    const box = host.getBoundingClientRect();
    const x = ev.clientX - box.left + 14;
    tip.style.left = `${Math.min(x, box.width - 240)}px`;
    tip.style.top = `${ev.clientY - box.top + 14}px`;
  });
  svg.addEventListener('mouseleave', () => {
    tip.hidden = true;
  });
  return tip;
}

/** A legend (svg) of a colour scale, so that SVG/PNG downloads carry it. */
export function legendSvg(title, items, width = 960) {
  const svg = svgEl('svg', { class: 'legend', width, height: 44, viewBox: `0 0 ${width} 44` });
  const t = svgEl('text', { x: 4, y: 14, 'font-size': 12, 'font-weight': 600 });
  t.textContent = title;
  svg.append(t);
  let x = 4;
  for (const it of items) {
    svg.append(svgEl('rect', { x, y: 22, width: 14, height: 14, fill: it.colour, stroke: '#999', 'stroke-width': 0.5 }));
    const l = svgEl('text', { x: x + 18, y: 33, 'font-size': 11 });
    l.textContent = it.label;
    svg.append(l);
    x += 26 + it.label.length * 6.2;
  }
  return svg;
}
