#pragma once
/// Request and result types of the scenario engine: seeded Monte Carlo stress tests of every
/// economy's AI compute, year by year to a horizon (docs/scenarios.md, docs/methodology.md).
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aisov {

/// A scenario run. Exactly one of `file` and `text` names the scenario; `text` is parsed as
/// TOML, or as JSON when `json` is set (or `file` ends in `.json`).
struct ScenarioRequest {
  std::string file;  ///< path of a scenario file (TOML, or JSON by extension)
  std::string text;  ///< the scenario itself, when no file is given
  bool json = false;
  int64_t draws = 10000;  ///< Monte Carlo draws (the maximum when early stopping)
  uint64_t seed = 1;
  int threads = 0;  ///< 0 = all hardware threads; the result does not depend on it
  std::vector<std::string> economies;  ///< ISO3 codes or bloc ids to report; empty = all
  std::vector<int> years;              ///< years to report; empty = every year to the horizon
  /// Stop early once every reported mean has a relative standard error ≤ this (0 = never).
  double target_rse = 0;
  /// Checked between batches of draws; when it becomes true the run stops with kCancelled.
  const std::atomic<bool>* cancel = nullptr;
  /// Called after each batch with (draws done, draws requested); may be empty.
  std::function<void(int64_t, int64_t)> progress;
};

/// `aisov scenario run … --draw-range START:END --samples-out FILE`: draws [first, last) of the
/// run `run` describes (its scenario, draws, seed, economies and years), each draw's outputs
/// written to a shard file (docs/scenarios.md, "Shards and merge"). `run.target_rse` must be 0.
struct ScenarioShardRequest {
  ScenarioRequest run;
  int64_t first = 0, last = 0;  ///< the draw range; 0 and 0 = every draw of the run
  std::string out;              ///< the shard file to write (atomically)
};

/// What a shard wrote.
struct ScenarioShardInfo {
  std::string file, scenario_hash;
  uint64_t seed = 0;
  int64_t draws = 0;            ///< draws of the whole run
  int64_t first = 0, last = 0;  ///< the shard's draws [first, last)
  int64_t shocked_draws = 0;    ///< draws of the shard in which any shock was on
  int64_t columns = 0;          ///< stored series per draw
};

/// `aisov scenario merge SHARD…`: the result of the run the shards together cover — identical,
/// byte for byte once rendered, to running every draw in one go.
struct ScenarioMergeRequest {
  std::vector<std::string> shards;  ///< shard files, in any order
  int threads = 0;                  ///< 0 = all hardware threads; the result does not depend on it
  /// Checked between files; when it becomes true the merge stops with kCancelled.
  const std::atomic<bool>* cancel = nullptr;
};

/// Distribution of one output over the draws.
struct ScenarioStat {
  double mean = 0, se = 0, p5 = 0, p50 = 0, p95 = 0;
  double es5 = 0;  ///< expected shortfall: mean of the worst 5 % of draws
};

/// The electricity of a row's compute (docs/methodology.md §15.5). Each statistic is the
/// H100e statistic times the row's factor (a positive constant per economy or bloc and year), so
/// quantiles and the expected shortfall convert exactly; low and high apply the low and high
/// assumptions (utilisation × PUE) to the mean.
struct ScenarioEnergy {
  double it_kw_per_h100e_start = 0;  ///< the economy's (bloc's) IT kW per H100e at the start
  double it_mw_per_h100e = 0;        ///< in the row's year: × (1 − efficiency_gain)^(t − y₀)
  double twh_per_h100e = 0, twh_per_h100e_low = 0, twh_per_h100e_high = 0;
  double it_mw = 0;                      ///< mean IT load, MW
  double baseline_twh = 0;               ///< no-shock value, TWh per year
  ScenarioStat twh;                      ///< TWh per year at the mid assumptions
  double twh_low = 0, twh_high = 0;      ///< mean TWh at the low / high assumptions
  std::optional<double> generation_twh;  ///< national generation (sum over a bloc's members)
  int generation_year = 0;
  std::optional<double> share_of_generation, share_of_generation_low, share_of_generation_high;
  std::optional<double> carbon_gco2_per_kwh;  ///< grid intensity (a bloc's: load-weighted)
  int carbon_year = 0;
  std::optional<ScenarioStat> co2_t;  ///< tonnes CO2e per year at the mid assumptions
  std::optional<double> baseline_co2_t, co2_t_low, co2_t_high;
};

/// A published electricity figure and the scenario's TWh for the same economies and year.
struct ScenarioReference {
  std::string case_name, region, source, note;
  int year = 0;
  double published_twh_low = 0, published_twh_high = 0;  ///< equal unless read off a chart
  bool approximate = false;
  int economies = 0;  ///< economies in the region (as of the start)
  /// Σ over the region's economies of their territorial TWh (exact for the mean and the
  /// baseline); empty when the run does not report every economy with compute or the year.
  std::optional<double> baseline_twh, mean_twh, mean_twh_low, mean_twh_high;
  std::optional<double> ratio;  ///< mean_twh ÷ the published figure (its midpoint)
  std::string missing;          ///< why the scenario figures are empty
};

/// One economy (or bloc), year and measure.
struct ScenarioRow {
  std::string code, name;
  int year = 0;
  std::string measure;  ///< "territorial", "sovereign" or "accessible"
  double baseline = 0;  ///< no-shock value, H100e (mean over draws when the baseline is uncertain)
  ScenarioStat h100e;   ///< compute, H100e
  ScenarioStat share;   ///< compute as a share of the same draw's no-shock baseline (0–1)
  std::vector<double> p_loss;  ///< P(loss > threshold) for each of ScenarioResult::thresholds
  /// Territorial and sovereign rows (electricity drawn inside the borders); empty for
  /// accessible rows, whose foreign part draws on grids the model does not follow.
  std::optional<ScenarioEnergy> energy;
};

/// A shock as the engine understood it (for `scenario check` and the result's echo).
struct ScenarioShockInfo {
  std::string id, kind, description;
  std::string probability, start, duration;  ///< distributions as text
  std::vector<std::string> affects;          ///< resolved jurisdictions and economy counts
};

struct ScenarioMeta {
  std::string engine_version, dataset_version, as_of;
  std::string scenario_name, scenario_file, scenario_hash;
  uint64_t seed = 0;
  int64_t draws = 0;  ///< draws actually run
  int64_t draws_requested = 0;
  bool stopped_early = false;
  int random_scheme = 0;  ///< version of the random-stream scheme (core::kRandomSchemeVersion)
  int start_year = 0, horizon = 0;
};

struct ScenarioResult {
  ScenarioMeta meta;
  std::vector<double> thresholds;  ///< loss thresholds (0–1)
  std::vector<ScenarioShockInfo> shocks;
  std::vector<ScenarioRow> rows;  ///< by economy, then year, then measure
  /// The energy assumptions of the rows' conversion (§15.2, §15.5).
  double pue = 0, pue_low = 0, pue_high = 0;
  double utilisation = 0, utilisation_low = 0, utilisation_high = 0;
  double it_kw_per_h100e = 0, efficiency_gain = 0;
  std::vector<ScenarioReference> references;  ///< the scenario file's [[references]]
};

/// What `scenario check` reports about a valid scenario.
struct ScenarioCheck {
  std::string file, name, description, scenario_hash;
  std::vector<std::string> basis;
  int start_year = 0, horizon = 0;
  int capacity_cells = 0;  ///< (economy, operator, designer, fab, tier, access) groups modelled
  double world_h100e = 0;  ///< modelled installed compute at the start, H100e
  std::vector<ScenarioShockInfo> shocks;
  std::vector<std::string> warnings;
};

/// One bundled scenario file.
struct ScenarioListEntry {
  std::string file, name, description;
  std::vector<std::string> basis;
  int shocks = 0;
};

struct ScenarioList {
  std::string dir;
  std::vector<ScenarioListEntry> scenarios;
};

}  // namespace aisov
