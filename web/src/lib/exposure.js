// The economy's exposure in the bundled scenarios (country profile): one synchronous run per
// bundled scenario restricted to the economy, reduced to its expected loss in the last year.
import { lossByEconomy } from './scenario.js';

export const EXPOSURE_DRAWS = 2000;

/** Rows {scenario, title, year, loss, loss_p5, loss_p95, draws, hash} for one economy, largest loss first. */
export function exposureRows(runs, iso3) {
  const out = [];
  for (const { scenario, result } of runs) {
    const l = lossByEconomy(result).find((r) => r.code === iso3);
    if (!l) continue;
    out.push({ scenario, title: result.meta.scenario, year: l.year, loss: l.loss, loss_p5: l.loss_p5, loss_p95: l.loss_p95, draws: result.meta.draws, hash: result.meta.scenario_hash });
  }
  return out.sort((a, b) => b.loss - a.loss || (a.scenario < b.scenario ? -1 : 1));
}

/** Tidy rows (TIDY_COLUMNS) of exposureRows(). */
export function exposureTidy(rows, { code, name }) {
  return rows.map((r) => ({ code, name, year: r.year, indicator: `scenario_expected_loss:${r.scenario}`, value: r.loss, unit: 'share of no-shock baseline', lower: r.loss_p5, upper: r.loss_p95, source_id: 'aisov_scenario' }));
}
