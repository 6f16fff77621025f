// The world map: Natural Earth shapes from the world-atlas package (bundled, no download),
// coloured by one census metric, with region points where the dataset has coordinates.
import { geoEqualEarth, geoPath, geoMercator } from 'd3-geo';
import { feature } from 'topojson-client';
import { loadWorld } from './world.js';
import { alpha3 } from './iso.js';
import { formatValue } from './metrics.js';
import { NO_DATA } from './scales.js';
import { siteDating, aiLenientOnly, DATING_LABELS } from './dating.js';
import { wrapText, textUnits } from './text.js';
import { t, countryName, lazyLabels } from './i18n.js';

export { wrapText };

const SVG = 'http://www.w3.org/2000/svg';

let countriesCache = null;
const pathCache = new Map();
let hatchSeq = 0;
/** GeoJSON features of the countries with `iso3` set (Antarctica left out); a promise. */
export async function loadCountries(isoIndex) {
  if (!countriesCache) {
    const world = await loadWorld();
    const fc = feature(world, world.objects.countries);
    countriesCache = fc.features
      .filter((f) => f.id !== '010')
      .map((f) => ({ ...f, iso3: alpha3(isoIndex, f.id), label: f.properties.name }));
  }
  return countriesCache;
}

/**
 * A projection whose output drops points closer than `tol` px to the previous one: the 1:50m
 * shapes have many points per pixel at dashboard sizes, and the thinned paths are about a
 * quarter of the size (faster to build and to draw) with no visible change.
 */
export function thinned(projection, tol = 0.5) {
  const t2 = tol * tol;
  return {
    stream(out) {
      let px = 0;
      let py = 0;
      let first = true;
      return projection.stream({
        point(x, y) {
          if (first || (x - px) * (x - px) + (y - py) * (y - py) >= t2) {
            out.point(x, y);
            px = x;
            py = y;
            first = false;
          }
        },
        lineStart() { first = true; out.lineStart(); },
        lineEnd() { out.lineEnd(); },
        polygonStart() { out.polygonStart(); },
        polygonEnd() { out.polygonEnd(); },
        sphere() { if (out.sphere) out.sphere(); },
      });
    },
  };
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
  const svg = svgEl('svg', { class: 'map', viewBox: `0 0 ${width} ${height}`, width, height, role: opts.onClick ? 'group' : 'img', 'aria-label': opts.ariaLabel || t('map.aria', { metric: metric.label }) });
  const focused = focus ? features.filter((f) => f.iso3 === focus) : [];
  const projection = focused.length
    ? geoMercator().fitExtent([[12, 12], [width - 12, height - 12]], { type: 'FeatureCollection', features: focused })
    : geoEqualEarth().fitExtent([[4, 4], [width - 4, height - 4]], { type: 'Sphere' });
  const path = geoPath(thinned(projection)).digits(1);
  // Country outlines per map size and focus are computed once per page (re-renders reuse them).
  const cacheKey = `${width}x${height}|${focus || ''}`;
  if (!pathCache.has(cacheKey)) pathCache.set(cacheKey, new WeakMap());
  const dOf = pathCache.get(cacheKey);
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
  let noDataFill = null;
  const noData = () => {
    if (!noDataFill) {
      const id = `${prefix}-nodata`;
      defs.append(noDataPattern(id));
      noDataFill = `url(#${id})`;
    }
    return noDataFill;
  };
  for (const f of features) {
    if (focused.length && f.iso3 !== focus && !opts.showNeighbours) continue;
    if (!dOf.has(f)) dOf.set(f, path(f));
    const d = dOf.get(f);
    if (!d) continue;
    const v = f.iso3 ? valueOf(f.iso3) : null;
    const loose = Boolean(f.iso3 && opts.lenientOnly && opts.lenientOnly(f.iso3));
    const fill = focused.length && f.iso3 !== focus ? '#eee' : colour(v);
    const missing = fill === NO_DATA;
    const p = svgEl('path', {
      d,
      class: `country${highlight && highlight.has(f.iso3) ? ' highlight' : ''}${loose ? ' lenient-only' : ''}${missing ? ' no-data' : ''}`,
      fill: loose ? hatch(fill) : missing ? noData() : fill,
      stroke: '#8a96a3',
      'stroke-width': 0.3,
      'data-iso3': f.iso3 || '',
    });
    const name = countryName(f.iso3, (f.iso3 && nameOf && nameOf(f.iso3)) || f.label);
    const valueText = opts.valueText && f.iso3 ? opts.valueText(f.iso3, v) : formatValue(metric, v);
    const extra = opts.tipExtra && f.iso3 ? opts.tipExtra(f.iso3) : '';
    p.dataset.tip = `${name}${f.iso3 ? ` (${f.iso3})` : ''}\n${metric.label}: ${valueText}${extra ? `\n${extra}` : ''}`;
    if (f.iso3 && onClick) {
      // Keyboard: every economy is a focusable link (Tab, then Enter or Space opens it).
      p.style.cursor = 'pointer';
      p.setAttribute('tabindex', '0');
      p.setAttribute('role', 'link');
      p.setAttribute('aria-label', `${name} (${f.iso3}): ${metric.label} ${valueText}`);
      p.addEventListener('click', () => onClick(f.iso3));
      p.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onClick(f.iso3);
        }
      });
    }
    g.append(p);
  }
  if (hatches.size || noDataFill) svg.insertBefore(defs, svg.firstChild);
  const pts = svgEl('g', { class: 'sites' });
  svg.append(pts);
  for (const s of sites) {
    if (typeof s.lat !== 'number' || typeof s.lon !== 'number') continue;
    const xy = projection([s.lon, s.lat]);
    if (!xy || xy.some((x) => !Number.isFinite(x))) continue;
    const m = siteMarker(s);
    const { r, ...attrs } = m.attrs;
    const c = svgEl('path', { d: symbolPath(m.status, xy[0], xy[1], r), ...attrs, 'data-site': s.site_id, 'data-dating': m.dating, role: 'img', 'aria-label': m.label });
    c.dataset.tip = m.tip;
    if (onClick) c.addEventListener('click', () => onClick(s.iso3));
    pts.append(c);
  }
  return svg;
}

// Region points differ in shape as well as colour (colour-blind safe, Paul Tol's palette):
// training-capable = wine triangle, AI inference = sand circle, no AI accelerators = grey square.
export const SITE_COLOURS = { training: '#882255', ai: '#ddaa33', plain: '#6c757d' };
export const SITE_SHAPES = { training: 'triangle', ai: 'circle', plain: 'square' };

/** The SVG path of a region point of a status centred on (x, y) with radius r. */
export function symbolPath(status, x, y, r) {
  const f = (v) => Number(v.toFixed(2));
  if (SITE_SHAPES[status] === 'triangle') {
    const s = r * 1.45;
    return `M${f(x)},${f(y - s)}L${f(x + s * 0.866)},${f(y + s * 0.5)}L${f(x - s * 0.866)},${f(y + s * 0.5)}Z`;
  }
  if (SITE_SHAPES[status] === 'square') {
    const h = r * 0.9;
    return `M${f(x - h)},${f(y - h)}h${f(2 * h)}v${f(2 * h)}h${f(-2 * h)}Z`;
  }
  return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
}

/** A cross-hatched pattern for economies without data (distinct from the near-white zero). */
export function noDataPattern(id) {
  const pat = svgEl('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' });
  pat.append(svgEl('rect', { width: 6, height: 6, fill: '#f2f2f2' }), svgEl('path', { d: 'M0 0L6 6M6 0L0 6', stroke: '#9a9a9a', 'stroke-width': 0.7 }));
  return pat;
}

const statusOf = (training, ai) => (training ? 'training' : ai ? 'ai' : 'plain');
const STATUS_TEXT = lazyLabels('site.', ['training', 'ai', 'plain']);
const SHAPE_TEXT = lazyLabels('shape.', ['triangle', 'circle', 'square']);

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
  const launched = s.launched ? t('site.launched', { date: s.launched, basis: s.launched_basis && s.launched_basis !== 'announced' ? ` (${s.launched_basis.replace('_', ' ')})` : '' }) : t('site.launch_unknown');
  const datingText = dating === 'strict' ? launched : dating === 'undated' ? DATING_LABELS.undated : `${launched}; ${DATING_LABELS[dating]}`;
  const aiText = aiLenientOnly(s) ? t('site.ai_lenient', { status: STATUS_TEXT[status] }) : STATUS_TEXT[status];
  const label = `${s.name} (${s.iso3}): ${dating === 'undated' ? t('site.launch_unknown') : DATING_LABELS[dating]}`;
  const tip = `${s.name} — ${s.city} (${s.iso3})\n${s.provider} · ${t('site.operator', { code: s.operator_jurisdiction })} · ${aiText}\n${datingText}`;
  return { dating, status, attrs, label, tip };
}

/**
 * A legend (svg) of the region markers (group g.site-keys), of the hatched economies when
 * `hatched` > 0, and a caption line (counts of undated regions etc.).
 */
export function siteLegendSvg(caption = '', width = 960, { hatched = 0 } = {}) {
  const lines = wrapText(caption, Math.floor((width - 8) / 6.3));
  const rows = 2 + (hatched ? 1 : 0) + lines.length;
  const height = 6 + rows * 18;
  const svg = svgEl('svg', { class: 'legend site-legend', width, height, viewBox: `0 0 ${width} ${height}`, 'text-anchor': 'start' });
  const keys = svgEl('g', { class: 'site-keys' });
  svg.append(keys);
  // Row 1: what a point is (shape and colour); row 2: how it is dated (fill, ring, dashes).
  let x = 8;
  for (const status of ['training', 'ai', 'plain']) {
    keys.append(svgEl('path', { d: symbolPath(status, x, 10, 4.5), fill: SITE_COLOURS[status], stroke: '#fff', 'stroke-width': 0.5 }));
    const label = `${SHAPE_TEXT[SITE_SHAPES[status]]}: ${STATUS_TEXT[status]}`;
    const text = svgEl('text', { x: x + 9, y: 14, 'font-size': 11 });
    text.textContent = label;
    keys.append(text);
    x += 30 + textUnits(label) * 6.2;
  }
  const items = [
    [t('site.key_filled'), { fill: SITE_COLOURS.ai, 'fill-opacity': 0.85, stroke: '#fff', 'stroke-width': 0.5 }],
    [t('site.key_hollow'), { fill: 'none', stroke: SITE_COLOURS.ai, 'stroke-width': 1.3 }],
    [t('site.key_dashed'), { fill: 'none', stroke: SITE_COLOURS.ai, 'stroke-width': 1.3, 'stroke-dasharray': '2 1.5' }],
    [t('site.key_ring'), { fill: SITE_COLOURS.plain, 'fill-opacity': 0.6, stroke: SITE_COLOURS.ai, 'stroke-width': 1.6 }],
  ];
  x = 8;
  for (const [label, attrs] of items) {
    keys.append(svgEl('path', { d: symbolPath('ai', x, 28, 4.5), ...attrs }));
    const text = svgEl('text', { x: x + 9, y: 32, 'font-size': 11 });
    text.textContent = label;
    keys.append(text);
    x += 30 + textUnits(label) * 6.2;
  }
  let y = 14 + 36;
  if (hatched) {
    const pat = svgEl('pattern', { id: `legend-hatch-${++hatchSeq}`, width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pat.append(svgEl('rect', { width: 5, height: 5, fill: '#6baed6' }), svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 5, stroke: '#fff', 'stroke-width': 2.4 }));
    const defs = svgEl('defs');
    defs.append(pat);
    svg.append(defs, svgEl('rect', { x: 2, y: y - 11, width: 14, height: 12, fill: `url(#${pat.id})`, stroke: '#999', 'stroke-width': 0.5 }));
    const text = svgEl('text', { x: 20, y, 'font-size': 11, class: 'hatch-label' });
    text.textContent = t(hatched === 1 ? 'site.hatched_one' : 'site.hatched_many', { n: hatched });
    svg.append(text);
    y += 18;
  }
  if (lines.length) {
    const text = svgEl('text', { x: 4, y, 'font-size': 11, fill: '#45525f', class: 'dating-caption' });
    lines.forEach((line, i) => {
      const span = svgEl('tspan', { x: 4, ...(i ? { dy: 18 } : {}) });
      span.textContent = i < lines.length - 1 ? `${line} ` : line;
      text.append(span);
    });
    svg.append(text);
  }
  return svg;
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

/** A legend (svg) of a colour scale, so that SVG/PNG downloads carry it; items wrap into rows. */
export function legendSvg(title, items, width = 960) {
  const positions = [];
  let x = 4;
  let row = 0;
  for (const it of items) {
    const w = 26 + textUnits(it.label) * 6.2;
    if (x > 4 && x + w > width) {
      x = 4;
      row += 1;
    }
    positions.push({ x, y: 22 + row * 18 });
    x += w;
  }
  const height = 44 + row * 18;
  const svg = svgEl('svg', { class: 'legend', width, height, viewBox: `0 0 ${width} ${height}`, 'text-anchor': 'start' });
  const t = svgEl('text', { x: 4, y: 14, 'font-size': 12, 'font-weight': 600 });
  t.textContent = title;
  svg.append(t);
  items.forEach((it, i) => {
    const { x: ix, y: iy } = positions[i];
    let fill = it.colour;
    if (it.pattern === 'nodata') {
      const id = `legend-nodata-${++hatchSeq}`;
      const defs = svgEl('defs');
      defs.append(noDataPattern(id));
      svg.append(defs);
      fill = `url(#${id})`;
    }
    svg.append(svgEl('rect', { x: ix, y: iy, width: 14, height: 14, fill, stroke: '#999', 'stroke-width': 0.5, ...(it.pattern ? { class: `swatch-${it.pattern}` } : {}) }));
    const l = svgEl('text', { x: ix + 18, y: iy + 11, 'font-size': 11 });
    l.textContent = it.label;
    svg.append(l);
  });
  return svg;
}

/** The same legend as HTML (readable at any screen width; the SVG one is for exports). */
export function legendHtml(title, items) {
  const box = document.createElement('div');
  box.className = 'legend-html';
  const h = document.createElement('strong');
  h.textContent = title;
  box.append(h);
  for (const it of items) {
    const item = document.createElement('span');
    item.className = 'legend-item';
    const sw = document.createElement('span');
    sw.className = `swatch${it.pattern ? ` swatch-${it.pattern}` : ''}`;
    if (!it.pattern) sw.style.background = it.colour;
    item.append(sw, document.createTextNode(it.label));
    box.append(item);
  }
  return box;
}
