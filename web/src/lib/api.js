// A thin client of the aisov HTTP API (docs/api.md). Responses are cached per URL for the
// life of the page: the served dataset is immutable.

const cache = new Map();

export class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

export function apiUrl(path, query = '') {
  return `api/v1/${path}${query ? `?${query}` : ''}`;
}

export async function getJson(path, query = '') {
  const url = apiUrl(path, query);
  if (!cache.has(url)) {
    const p = fetch(url, { headers: { Accept: 'application/json' } }).then(async (res) => {
      const body = await res.json().catch(() => ({ title: 'bad-response', detail: `HTTP ${res.status}` }));
      if (!res.ok) throw new ApiError(body, res.status);
      return body;
    });
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return cache.get(url);
}

export const api = {
  info: () => getJson('data/info'),
  sources: () => getJson('data/sources'),
  census: (scope) => getJson('census', scope),
  profile: (iso3, scope) => getJson(`profile/${encodeURIComponent(iso3)}`, scope),
  sites: (scope) => getJson('sites', scope),
};

// Scenario builder: bundled scenarios (cached) and runs as background jobs (not cached).
async function send(method, url, body) {
  const res = await fetch(url, { method, headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) }, body });
  if (res.status === 204) return null;
  const json = await res.json().catch(() => ({ title: 'bad-response', detail: `HTTP ${res.status}` }));
  if (!res.ok) throw new ApiError(json, res.status);
  return json;
}

export const scenarioApi = {
  list: () => getJson('scenarios'),
  source: (name) => getJson(`scenarios/${encodeURIComponent(name)}`),
  /** Queues a run of a scenario object; resolves to the job status (202). */
  submit: (scenario, { draws, seed }) => send('POST', apiUrl('jobs/scenario', new URLSearchParams({ draws: String(draws), seed: String(seed) }).toString()), JSON.stringify(scenario)),
  /** Runs a scenario object and waits for the result (small runs: one request, no polling). */
  run: (scenario, { draws, seed }) => send('POST', apiUrl('scenario/run', new URLSearchParams({ draws: String(draws), seed: String(seed) }).toString()), JSON.stringify(scenario)),
  status: (id) => send('GET', apiUrl(`jobs/${encodeURIComponent(id)}`)),
  result: (id) => send('GET', apiUrl(`jobs/${encodeURIComponent(id)}/result`)),
  cancel: (id) => send('DELETE', apiUrl(`jobs/${encodeURIComponent(id)}`)).catch(() => null),
};

// Investment model (cached: seeded and on an immutable dataset) and the optimiser (POST).
export const investApi = {
  profile: (iso3) => getJson(`invest/profile/${encodeURIComponent(iso3)}`),
  compare: (codes) => getJson('invest/compare', new URLSearchParams({ economies: codes.join(',') }).toString().replace(/%2C/g, ',')),
  project: ({ to = 2030, draws = 2000, seed = 1, economies = [] } = {}) => getJson('invest/project', new URLSearchParams({ to: String(to), draws: String(draws), seed: String(seed), ...(economies.length ? { economies: economies.join(',') } : {}) }).toString()),
  archetypes: () => getJson('invest/archetypes'),
  programmes: (economy) => getJson('invest/programmes', economy ? `economy=${encodeURIComponent(economy)}` : ''),
};

export const optimiseApi = {
  /** Runs the optimiser and waits for the result (query flags only, no body). */
  run: (query) => send('POST', apiUrl('optimise', query)),
  /** Queues an optimiser job; resolves to the job status (202). */
  submit: (query) => send('POST', apiUrl('jobs/optimise', query)),
  status: (id) => send('GET', apiUrl(`jobs/${encodeURIComponent(id)}`)),
  result: (id) => send('GET', apiUrl(`jobs/${encodeURIComponent(id)}/result`)),
  cancel: (id) => send('DELETE', apiUrl(`jobs/${encodeURIComponent(id)}`)).catch(() => null),
};

// A bundled scenario's run restricted to some economies (the country profile's exposure panel);
// cached per URL like the GET endpoints: the run is seeded, so the same query gives the same result.
const runCache = new Map();
export function runBundled(name, { economies = [], draws = 2000, seed = 1 } = {}) {
  const url = apiUrl('scenario/run', new URLSearchParams({ name, economies: economies.join(','), draws: String(draws), seed: String(seed) }).toString());
  if (!runCache.has(url)) {
    const p = send('POST', url);
    p.catch(() => runCache.delete(url));
    runCache.set(url, p);
  }
  return runCache.get(url);
}
