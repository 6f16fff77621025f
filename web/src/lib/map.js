// The world map: Natural Earth shapes from the world-atlas package (bundled, no download),
// coloured by one census metric, with region points where the dataset has coordinates.
import { geoEqualEarth, geoPath, geoMercator } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-50m.json';
import { alpha3 } from './iso.js';
import { formatValue } from './metrics.js';

const SVG = 'http://www.w3.org/2000/svg';

let countriesCache = null;
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
 * nameOf(iso3), width, height, focus: iso3 (zoom to one country), highlight: Set of iso3}.
 * Returns {svg, tooltipHost}.
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
  for (const f of features) {
    if (focused.length && f.iso3 !== focus && !opts.showNeighbours) continue;
    const d = path(f);
    if (!d) continue;
    const v = f.iso3 ? valueOf(f.iso3) : null;
    const p = svgEl('path', {
      d,
      class: `country${highlight && highlight.has(f.iso3) ? ' highlight' : ''}`,
      fill: focused.length && f.iso3 !== focus ? '#eee' : colour(v),
      stroke: '#8a96a3',
      'stroke-width': 0.3,
      'data-iso3': f.iso3 || '',
    });
    const name = (f.iso3 && nameOf && nameOf(f.iso3)) || f.label;
    p.dataset.tip = `${name}${f.iso3 ? ` (${f.iso3})` : ''}\n${metric.label}: ${formatValue(metric, v)}`;
    if (f.iso3 && onClick) {
      p.style.cursor = 'pointer';
      p.addEventListener('click', () => onClick(f.iso3));
    }
    g.append(p);
  }
  const pts = svgEl('g', { class: 'sites' });
  svg.append(pts);
  for (const s of sites) {
    if (typeof s.lat !== 'number' || typeof s.lon !== 'number') continue;
    const xy = projection([s.lon, s.lat]);
    if (!xy || xy.some((x) => !Number.isFinite(x))) continue;
    const c = svgEl('circle', {
      cx: xy[0].toFixed(1),
      cy: xy[1].toFixed(1),
      r: s.training ? 3 : s.ai ? 2.4 : 1.6,
      class: `site ${s.training ? 'training' : s.ai ? 'ai' : 'plain'}`,
      fill: s.training ? '#d62828' : s.ai ? '#f77f00' : '#6c757d',
      'fill-opacity': s.ai ? 0.85 : 0.5,
      stroke: '#fff',
      'stroke-width': 0.5,
      'data-site': s.site_id,
    });
    c.dataset.tip = `${s.name} — ${s.city} (${s.iso3})\n${s.provider} · operator ${s.operator_jurisdiction} · ${s.training ? 'training-capable' : s.ai ? 'AI (inference)' : 'no AI accelerators'}`;
    if (onClick) c.addEventListener('click', () => onClick(s.iso3));
    pts.append(c);
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
