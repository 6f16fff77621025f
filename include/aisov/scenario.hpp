#pragma once
/// Request and result types of the scenario engine: seeded Monte Carlo stress tests of every
/// economy's AI compute, year by year to a horizon (docs/scenarios.md, docs/methodology.md).
#include <atomic>
#include <cstdint>
#include <functional>
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

/// One economy (or bloc), year and measure.
struct ScenarioRow {
  std::string code, name;
  int year = 0;
  std::string measure;  ///< "territorial", "sovereign" or "accessible"
  double baseline = 0;  ///< no-shock value, H100e (mean over draws when the baseline is uncertain)
  ScenarioStat h100e;   ///< compute, H100e
  ScenarioStat share;   ///< compute as a share of the same draw's no-shock baseline (0–1)
  std::vector<double> p_loss;  ///< P(loss > threshold) for each of ScenarioResult::thresholds
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
