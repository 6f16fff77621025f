// The dashboard shell: global controls (as-of date, provider set), view tabs, and the router
// that re-renders the current view from the URL hash. A new view (scenario, investment,
// optimiser) is one module with {id, label, render(ctx, root)} added to VIEW_MODULES and to
// VIEWS in lib/state.js.
import './style.css';
import economiesCsv from '../../data/economies.csv?raw';
import { decodeState, encodeState } from './lib/state.js';
import { numericIndex } from './lib/iso.js';
import { api } from './lib/api.js';
import { el } from './lib/panel.js';
import { mapView } from './views/map.js';
import { profileView } from './views/profile.js';
import { compareView } from './views/compare.js';
import { scenarioView } from './views/scenario.js';
import { investView } from './views/invest.js';
import { optimiseView } from './views/optimise.js';

const VIEW_MODULES = [mapView, profileView, compareView, scenarioView, investView, optimiseView];

const ctx = {
  state: decodeState(location.hash),
  isoIndex: numericIndex(economiesCsv),
  sourcesById: new Map(),
  info: null,
  showSites: true,
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

function controls() {
  const { state, info } = ctx;
  const date = el('input', { type: 'date', id: 'as-of', value: state.as_of || info.as_of, max: '2030-12-31', min: '2006-01-01', 'aria-label': 'As-of date' });
  date.addEventListener('change', () => ctx.setState({ as_of: date.value === info.as_of ? '' : date.value }));
  const providers = el('select', { id: 'providers', 'aria-label': 'Provider set', onchange: (e) => ctx.setState({ providers: e.target.value }) },
    el('option', { value: 'all', selected: state.providers === 'all' }, 'all providers in the dataset'),
    el('option', { value: 'reference-nine', selected: state.providers === 'reference-nine' }, 'reference nine (Oxford census)'));
  const tabs = el('nav', { class: 'tabs' }, VIEW_MODULES.map((v) => el('a', { href: `#${ctx.link({ view: v.id })}`, class: v.id === state.view ? 'active' : null, 'data-view': v.id }, v.label)));
  return el('div', { class: 'topbar' }, tabs, el('div', { class: 'global-controls' }, el('label', {}, 'As of ', date), el('label', {}, 'Providers ', providers),
    el('button', { type: 'button', id: 'reset-date', onclick: () => ctx.setState({ as_of: '' }), disabled: !state.as_of }, 'dataset date')));
}

async function render() {
  const seq = ++renderSeq;
  ctx.state = decodeState(location.hash);
  const view = VIEW_MODULES.find((v) => v.id === ctx.state.view) || VIEW_MODULES[0];
  const body = el('main', { id: 'view', 'data-view': view.id, 'aria-busy': 'true' });
  app.replaceChildren(
    el('header', { class: 'site' }, el('h1', {}, el('a', { href: '#view=map' }, 'aisov'), ' — AI compute sovereignty'), controls()),
    body,
    el('footer', {}, `Dataset ${ctx.info.dataset_version} (${ctx.info.title}; as of ${ctx.info.as_of}) · data CC BY 4.0 with upstream licences (`,
      el('a', { href: 'api/v1/data/sources?format=csv' }, 'sources CSV'), ') · ', el('a', { href: 'api/v1/openapi.json' }, 'API')),
  );
  try {
    await view.render(ctx, body);
    if (seq !== renderSeq) return;
    body.setAttribute('aria-busy', 'false');
    body.dataset.ready = 'true';
  } catch (err) {
    if (seq !== renderSeq) return;
    body.setAttribute('aria-busy', 'false');
    body.append(el('p', { class: 'error', role: 'alert' }, `Could not load this view: ${err.message}`));
    body.dataset.ready = 'error';
  }
}

async function start() {
  try {
    const [info, sources] = await Promise.all([api.info(), api.sources()]);
    ctx.info = info;
    ctx.sourcesById = new Map(sources.sources.map((s) => [s.source_id, s]));
  } catch (err) {
    app.replaceChildren(el('p', { class: 'error', role: 'alert' }, `The aisov API is not reachable (${err.message}). Start it with ./scripts/run.sh.`));
    return;
  }
  window.addEventListener('hashchange', render);
  if (!location.hash) history.replaceState(null, '', `#${encodeState(ctx.state)}`);
  render();
}

start();
