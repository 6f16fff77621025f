// The view lives in the URL hash (#view=profile&iso3=DEU&as_of=2024-11-30…), so a link
// reproduces what is on screen. Defaults are left out of the encoded form.

export const VIEWS = ['map', 'table', 'profile', 'compare', 'time', 'scenario', 'invest', 'optimise', 'sources'];
export const PROVIDER_SETS = ['all', 'reference-nine'];
export const WEIGHTS = ['regions', 'h100e', 'mw', 'energy'];
export const MEASURES = ['accessible', 'territorial', 'sovereign'];
export const LANGS = ['en', 'zh-CN']; // lib/i18n.js

export const DEFAULT_STATE = Object.freeze({
  view: 'map',
  lang: 'en', // 'zh-CN': the dashboard in Simplified Chinese (lib/i18n.js)
  metric: 'ai_regions',
  weight: 'regions',
  as_of: '', // empty = the dataset's date
  providers: 'all',
  iso3: [], // ISO3 codes (upper case) or bloc ids (lower case: eu, power-europe …)
  // An explicitly empty selection (the reader removed the last economy): no defaults come back.
  none: false,
  // Table and Sources views: a search text and a sort key ("h100e" or "-h100e" for descending).
  q: '',
  sort: '',
  // Scenario builder (views/scenario.js): bundled scenario, shock edits (lib/scenario.js), draws, seed.
  scenario: '',
  vs: [], // variants overlaid on the fan chart: other bundled scenarios (at most two)
  edits: '',
  measure: 'accessible', // scenario measure (methodology §12.4)
  draws: 10000,
  seed: 1,
  // Optimiser (views/optimise.js): budget in USD over the horizon, λ, α, scenario draws.
  budget: 2e10,
  lambda: 1,
  alpha: 0.95,
  odraws: 500,
});

export const MAX_OPTIMISE_DRAWS = 20000;

export const MAX_DRAWS = 1000000;
const SCENARIO = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const EDITS = /^[a-z0-9_.:,eE+-]{0,2000}$/;

const ISO3 = /^[A-Z]{3}$/;
const BLOC = /^[a-z][a-z0-9-]{1,31}$/;
const SORT = /^-?[a-z0-9_:]{1,64}$/i;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const METRIC = /^[a-z0-9_]+(:[A-Za-z0-9_-]+)?$/;

/** Reads a state from a hash or query string; unknown or malformed values fall back to defaults. */
export function decodeState(text) {
  const s = String(text || '').replace(/^[#?]/, '');
  const q = new URLSearchParams(s);
  const state = { ...DEFAULT_STATE, iso3: [], vs: [] };
  const view = q.get('view');
  if (VIEWS.includes(view)) state.view = view;
  const lang = q.get('lang');
  if (LANGS.includes(lang)) state.lang = lang;
  const metric = q.get('metric');
  if (metric && METRIC.test(metric)) state.metric = metric;
  const weight = q.get('weight');
  if (WEIGHTS.includes(weight)) state.weight = weight;
  const asOf = q.get('as_of');
  if (asOf && DATE.test(asOf)) state.as_of = asOf;
  const providers = q.get('providers');
  if (PROVIDER_SETS.includes(providers)) state.providers = providers;
  const scenario = q.get('scenario');
  if (scenario && SCENARIO.test(scenario)) state.scenario = scenario;
  state.vs = [...new Set(q.getAll('vs').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => SCENARIO.test(v)))].slice(0, 2);
  const measure = q.get('measure');
  if (MEASURES.includes(measure)) state.measure = measure;
  const edits = q.get('edits');
  if (edits && EDITS.test(edits)) state.edits = edits;
  const draws = Number(q.get('draws'));
  if (q.get('draws') && Number.isInteger(draws) && draws >= 1 && draws <= MAX_DRAWS) state.draws = draws;
  const seed = Number(q.get('seed'));
  if (q.get('seed') && Number.isSafeInteger(seed) && seed >= 0) state.seed = seed;
  const budget = Number(q.get('budget'));
  if (q.get('budget') && Number.isFinite(budget) && budget > 0 && budget <= 1e13) state.budget = budget;
  const lambda = Number(q.get('lambda'));
  if (q.get('lambda') && Number.isFinite(lambda) && lambda >= 0 && lambda <= 1000) state.lambda = lambda;
  const alpha = Number(q.get('alpha'));
  if (q.get('alpha') && Number.isFinite(alpha) && alpha > 0 && alpha < 1) state.alpha = alpha;
  const odraws = Number(q.get('odraws'));
  if (q.get('odraws') && Number.isInteger(odraws) && odraws >= 10 && odraws <= MAX_OPTIMISE_DRAWS) state.odraws = odraws;
  const qtext = q.get('q');
  if (qtext) state.q = qtext.slice(0, 100);
  const sort = q.get('sort');
  if (sort && SORT.test(sort)) state.sort = sort;
  const iso = q.getAll('iso3').flatMap((v) => v.split(','));
  const seen = new Set();
  for (const raw of iso) {
    const t = raw.trim();
    // Three letters are an ISO3 code in any case; other lower-case ids are blocs (eu, g7 …).
    const code = /^[A-Za-z]{3}$/.test(t) ? t.toUpperCase() : t;
    if ((ISO3.test(code) || BLOC.test(code)) && !seen.has(code)) {
      seen.add(code);
      state.iso3.push(code);
    }
  }
  if (q.has('iso3') && !state.iso3.length && iso.every((v) => v.trim() === '')) state.none = true;
  return state;
}

/** Writes a state as a hash (without '#'); keys in a fixed order, defaults omitted. */
export function encodeState(state) {
  const q = new URLSearchParams();
  const s = { ...DEFAULT_STATE, ...state };
  q.set('view', VIEWS.includes(s.view) ? s.view : DEFAULT_STATE.view);
  if (LANGS.includes(s.lang) && s.lang !== DEFAULT_STATE.lang) q.set('lang', s.lang);
  if (s.metric !== DEFAULT_STATE.metric) q.set('metric', s.metric);
  if (s.weight !== DEFAULT_STATE.weight) q.set('weight', s.weight);
  if (s.as_of) q.set('as_of', s.as_of);
  if (s.providers !== DEFAULT_STATE.providers) q.set('providers', s.providers);
  if (s.iso3 && s.iso3.length) q.set('iso3', s.iso3.join(','));
  else if (s.none) q.set('iso3', '');
  if (s.scenario) q.set('scenario', s.scenario);
  if (s.vs && s.vs.length) q.set('vs', s.vs.join(','));
  if (s.edits) q.set('edits', s.edits);
  if (s.measure && s.measure !== DEFAULT_STATE.measure) q.set('measure', s.measure);
  if (s.draws !== DEFAULT_STATE.draws) q.set('draws', String(s.draws));
  if (s.seed !== DEFAULT_STATE.seed) q.set('seed', String(s.seed));
  for (const k of ['budget', 'lambda', 'alpha', 'odraws']) if (s[k] !== DEFAULT_STATE[k]) q.set(k, String(s[k]));
  if (s.q) q.set('q', s.q);
  if (s.sort) q.set('sort', s.sort);
  // Commas read better unescaped; they are legal in a fragment.
  return q.toString().replace(/%2C/g, ',');
}

/** The API query for a state's scope (as_of, providers, weight). */
export function apiScope(state, { weight = true } = {}) {
  const q = new URLSearchParams();
  if (state.as_of) q.set('as_of', state.as_of);
  if (state.providers && state.providers !== 'all') q.set('providers', state.providers);
  if (weight && state.weight && state.weight !== 'regions') q.set('weight', state.weight);
  return q.toString();
}
