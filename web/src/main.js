// The dashboard shell: global controls (as-of date, provider set), view tabs, and the router
// that re-renders the current view from the URL hash. Each view is its own chunk, loaded with
// import() when it is first shown (the map's chunk first: issue #13, first paint under 1 s). A
// new view is one module with {id, label, render(ctx, root)} added to VIEWS below and to VIEWS
// in lib/state.js.
import './style.css';
import economiesCsv from '../../data/economies.csv?raw';
import { decodeState, encodeState } from './lib/state.js';
import { numericIndex } from './lib/iso.js';
import { api } from './lib/api.js';
import { apiScope } from './lib/state.js';
import { loadWorld } from './lib/world.js';
import { el } from './lib/panel.js';
import { LANGUAGES, setLanguage, loadLanguage, t } from './lib/i18n.js';

// scope: which global controls the view uses ('all': as-of and providers; 'providers': providers
// only; 'none': neither — the controls are disabled there and the view says so). A view's label
// is the catalogue key view.<id> (src/i18n/*.js).
const VIEWS = [
  { id: 'map', scope: 'all', load: () => import('./views/map.js').then((m) => m.mapView) },
  { id: 'table', scope: 'all', load: () => import('./views/table.js').then((m) => m.tableView) },
  { id: 'profile', scope: 'all', load: () => import('./views/profile.js').then((m) => m.profileView) },
  { id: 'compare', scope: 'all', load: () => import('./views/compare.js').then((m) => m.compareView) },
  { id: 'time', scope: 'providers', load: () => import('./views/time.js').then((m) => m.timeView) },
  { id: 'scenario', scope: 'none', load: () => import('./views/scenario.js').then((m) => m.scenarioView) },
  { id: 'invest', scope: 'none', load: () => import('./views/invest.js').then((m) => m.investView) },
  { id: 'optimise', scope: 'none', load: () => import('./views/optimise.js').then((m) => m.optimiseView) },
  { id: 'sources', scope: 'none', load: () => import('./views/sources.js').then((m) => m.sourcesView) },
];
const loaded = new Map();
const loadView = (v) => {
  if (!loaded.has(v.id)) {
    const p = v.load();
    p.catch(() => loaded.delete(v.id));
    loaded.set(v.id, p);
  }
  return loaded.get(v.id);
};

const ctx = {
  state: decodeState(location.hash),
  isoIndex: numericIndex(economiesCsv),
  sourcesById: new Map(),
  info: null,
  showSites: true,
  title: null, // a view may set a page title (e.g. the profile's economy)
  link(partial) {
    return encodeState({ ...ctx.state, ...partial });
  },
  setState(partial) {
    const next = encodeState({ ...ctx.state, ...partial });
    if (`#${next}` === location.hash) render();
    else location.hash = next;
  },
};

const app = document.getElementById('app');
let renderSeq = 0;

const viewLabel = (v) => t(`view.${v.id}`);
const SCOPE_NOTES = {
  none: (info) => t('shell.scope_none', { version: info.dataset_version, as_of: info.as_of }),
  providers: () => t('shell.scope_providers'),
};

function controls(view) {
  const { state, info } = ctx;
  const usesDate = view.scope === 'all';
  const usesProviders = view.scope !== 'none';
  const date = el('input', { type: 'date', id: 'as-of', value: state.as_of || info.as_of, max: '2030-12-31', min: '2006-01-01', 'aria-label': t('shell.as_of_label'), disabled: !usesDate, 'aria-describedby': usesDate ? null : 'scope-note' });
  date.addEventListener('change', () => ctx.setState({ as_of: date.value === info.as_of ? '' : date.value }));
  const providers = el('select', { id: 'providers', 'aria-label': t('shell.providers_label'), disabled: !usesProviders, 'aria-describedby': usesProviders ? null : 'scope-note', onchange: (e) => ctx.setState({ providers: e.target.value }) },
    el('option', { value: 'all', selected: state.providers === 'all' }, t('shell.providers_all')),
    el('option', { value: 'reference-nine', selected: state.providers === 'reference-nine' }, t('shell.providers_nine')));
  const lang = el('select', { id: 'lang', 'aria-label': t('shell.language_label'), onchange: (e) => ctx.setState({ lang: e.target.value }) },
    LANGUAGES.map((l) => el('option', { value: l.id, lang: l.id, selected: l.id === state.lang }, l.label)));
  const tabs = el('nav', { class: 'tabs', 'aria-label': t('shell.views') }, VIEWS.map((v) => el('a', { href: `#${ctx.link({ view: v.id })}`, id: `tab-${v.id}`, class: v.id === view.id ? 'active' : null, 'aria-current': v.id === view.id ? 'page' : null, 'data-view': v.id }, viewLabel(v))));
  const note = SCOPE_NOTES[view.scope] ? el('p', { class: 'scope-note', id: 'scope-note', role: 'note' }, SCOPE_NOTES[view.scope](info)) : null;
  return el('div', { class: 'topbar' }, tabs, el('div', { class: 'global-controls' }, el('label', {}, t('shell.as_of'), ' ', date), el('label', {}, t('shell.providers'), ' ', providers),
    el('button', { type: 'button', id: 'reset-date', onclick: () => ctx.setState({ as_of: '' }), disabled: !state.as_of || !usesDate }, t('shell.dataset_date')),
    el('label', { class: 'lang-switch' }, t('shell.language'), ' ', lang)), note);
}

async function render() {
  const seq = ++renderSeq;
  // Keep the keyboard focus on the control the reader used (the page is rebuilt below).
  const focusId = document.activeElement && document.activeElement !== document.body ? document.activeElement.id : '';
  const restoreFocus = () => {
    const target = focusId && document.getElementById(focusId);
    if (target && document.activeElement !== target) target.focus({ preventScroll: true });
  };
  ctx.state = decodeState(location.hash);
  ctx.title = null;
  // The language first: every string below is looked up in its catalogue.
  let names = {};
  let langError = null;
  try {
    names = await loadLanguage(ctx.state.lang);
  } catch (err) {
    langError = err; // the page stays in English and says why below
  }
  if (seq !== renderSeq) return;
  setLanguage(langError ? 'en' : ctx.state.lang, names);
  document.documentElement.lang = langError ? 'en' : ctx.state.lang;
  const view = VIEWS.find((v) => v.id === ctx.state.view) || VIEWS[0];
  const body = el('main', { id: 'view', 'data-view': view.id, 'aria-busy': 'true' });
  // The view's name as its (visually hidden) heading: headings go h1 → h2 → panel h3.
  body.append(el('h2', { class: 'visually-hidden', id: 'view-heading' }, viewLabel(view)));
  app.replaceChildren(
    el('header', { class: 'site' }, el('h1', {}, el('a', { href: `#${ctx.link({ view: 'map' })}` }, 'aisov'), ` — ${t('shell.subtitle')}`), controls(view)),
    body,
    el('footer', {}, t('shell.footer', { version: ctx.info.dataset_version, title: ctx.info.title, as_of: ctx.info.as_of }), ' (',
      el('a', { href: 'api/v1/data/sources?format=csv' }, t('shell.sources_csv')), ', ', el('a', { href: `#${ctx.link({ view: 'sources' })}` }, t('shell.sources_view')), ') · ', el('a', { href: 'api/v1/openapi.json' }, 'API')),
  );
  document.title = `${viewLabel(view)} · aisov`;
  restoreFocus();
  if (langError) body.append(el('p', { class: 'error', role: 'alert', id: 'lang-error' }, `Could not load the language ${ctx.state.lang} (${langError.message}); showing English.`));
  try {
    const module = await loadView(view);
    if (seq !== renderSeq) return;
    await module.render(ctx, body);
    if (seq !== renderSeq) return;
    document.title = `${ctx.title ? `${ctx.title} — ` : ''}${viewLabel(view)} · aisov`;
    body.setAttribute('aria-busy', 'false');
    body.dataset.ready = 'true';
    restoreFocus();
  } catch (err) {
    if (seq !== renderSeq) return;
    body.setAttribute('aria-busy', 'false');
    body.append(el('p', { class: 'error', role: 'alert' }, t('shell.view_error', { message: err.message })));
    body.dataset.ready = 'error';
  }
}

async function start() {
  const first = VIEWS.find((v) => v.id === ctx.state.view) || VIEWS[0];
  loadView(first); // the first view's code loads while the dataset info and sources arrive
  // The map's data first (issue #13): its shapes, census and region points are requested with
  // the page, not after the view's code has run (the API client caches them per URL).
  if (first.id === 'map') {
    loadWorld().catch(() => null);
    api.census(apiScope(ctx.state)).catch(() => null);
    api.sites(apiScope(ctx.state, { weight: false })).catch(() => null);
  }
  // The sources table (titles and producers of cited sources, ~0.4 MB) is not needed to draw the
  // map: the map view does not wait for it; other views do.
  const sources = api.sources().then((s) => {
    ctx.sourcesById = new Map(s.sources.map((x) => [x.source_id, x]));
  });
  try {
    ctx.info = await api.info();
    if (first.id !== 'map') await sources;
    else sources.catch(() => null);
  } catch (err) {
    app.replaceChildren(el('p', { class: 'error', role: 'alert' }, `The aisov API is not reachable (${err.message}). Start it with ./scripts/run.sh.`));
    return;
  }
  window.addEventListener('hashchange', render);
  if (!location.hash) history.replaceState(null, '', `#${encodeState(ctx.state)}`);
  render();
}

start();
