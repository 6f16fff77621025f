#pragma once
/// The aisov facade: every CLI subcommand and HTTP endpoint is one call on an Engine.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "aisov/census.hpp"
#include "aisov/invest.hpp"
#include "aisov/optimise.hpp"
#include "aisov/result.hpp"
#include "aisov/scenario.hpp"

namespace aisov {

namespace model {
class Dataset;
}

/// How to open an Engine.
struct EngineOptions {
  std::string data_dir;  ///< dataset directory; empty = the bundled dataset
};

/// Row counts and versions of a loaded dataset.
struct DatasetSummary {
  std::string data_dir, dataset_version, title, licence, as_of;
  int schema_version = 0;
  std::vector<std::pair<std::string, int>> table_rows;  ///< table name → rows
};

/// Outcome of validating a dataset directory: valid, or every problem found.
struct ValidationReport {
  bool ok = false;
  std::string data_dir;
  std::vector<std::string> errors;  ///< `file:line:column: reason`
  std::vector<std::string> warnings;
  std::vector<std::pair<std::string, int>> table_rows;
};

/// One entry of the sources table with how many rows cite it.
struct SourceInfo {
  std::string source_id, producer, title, url, published, accessed, licence, notes;
  int cited_by_rows = 0;
};

struct SourcesResult {
  ResultMeta meta;
  std::vector<SourceInfo> sources;
};

/// `aisov data import FORMAT PATH --out DIR`.
struct ImportRequest {
  std::string format;   ///< "epoch-clusters", "non-us-registry", "facility-csv",
                        ///< "electricity-prices"
  std::string path;     ///< input file (or, for non-us-registry, its CSV file or directory)
  std::string out_dir;  ///< new dataset directory; must not exist unless overwrite
  bool overwrite = false;
  /// facility-csv only: dataset column → input column, e.g. {"name","Site"}.
  std::vector<std::pair<std::string, std::string>> mapping;
  std::string source_id;     ///< source row to cite; created if absent (facility-csv)
  std::string source_title;  ///< title for a created source row
  std::string source_url;
  /// non-us-registry: "total" (the registry's total investment, the paper's basis) or
  /// "project" (project-specific investment only).
  std::string investment_basis = "total";
};

struct ImportResult {
  std::string out_dir;
  int facilities_added = 0;     ///< new facility rows
  int facilities_replaced = 0;  ///< dataset rows replaced by the same upstream row, re-imported
  int organisations_added = 0;
  int sources_added = 0;
  std::vector<std::string> skipped;      ///< `file:line: reason` for input rows not imported
  int indicators_added = 0;              ///< electricity-prices: indicator rows written
  std::vector<std::string> duplicates;   ///< `file:line: …` input rows sharing an upstream key
  std::vector<std::string> corrections;  ///< upstream errors corrected (import_corrections)
  std::vector<std::string> notes;        ///< other findings (e.g. jurisdictions the input lacks)
};

/// The facade. Holds an immutable, validated dataset; all calls are const and thread-safe.
class Engine {
 public:
  /// Loads and validates a dataset; fails with kInvalidDataset listing every problem.
  static Result<Engine> open(const EngineOptions& options);
  /// Validates a dataset directory without opening an Engine.
  static ValidationReport validate(const std::string& data_dir);
  /// The directory of the bundled dataset.
  static std::string default_data_dir();
  /// aisov version string.
  static std::string version();

  Result<CensusResult> census(const CensusRequest& request) const;
  Result<ProfileResult> profile(const ProfileRequest& request) const;
  /// Active regions with coordinates and AI/training flags (the dashboard's map points).
  Result<SitesResult> sites(const SitesRequest& request) const;
  SourcesResult sources() const;
  /// Writes a new dataset directory: this dataset plus the imported rows (validated, atomic).
  Result<ImportResult> import_data(const ImportRequest& request) const;
  /// Monte Carlo stress test of a scenario (docs/scenarios.md). `request.file` may also name a
  /// bundled scenario (`taiwan-foundry` for scenarios/taiwan-foundry.toml).
  Result<ScenarioResult> scenario_run(const ScenarioRequest& request) const;
  /// Runs draws [first, last) of a scenario run and writes their per-draw outputs to a shard
  /// file (docs/scenarios.md, "Shards and merge").
  Result<ScenarioShardInfo> scenario_shard(const ScenarioShardRequest& request) const;
  /// Merges the shard files of one run (checked: same run, draws covered exactly once, intact)
  /// into the result scenario_run gives for every draw in one go, bit for bit.
  Result<ScenarioResult> scenario_merge(const ScenarioMergeRequest& request) const;
  /// Parses and resolves a scenario without running it.
  Result<ScenarioCheck> scenario_check(const ScenarioRequest& request) const;
  /// The scenario files in a directory (empty = the bundled scenarios/).
  Result<ScenarioList> scenario_list(const std::string& dir = "") const;
  /// The directory of the bundled scenarios.
  static std::string default_scenario_dir();
  // --- Investment model (docs/methodology.md §13) ---
  /// One economy's value-chain investment estimate, archetype, pathway and programmes.
  Result<InvestProfileResult> invest_profile(const InvestProfileRequest& request) const;
  /// Several economies and bloc aggregates side by side (% of GDP by element).
  Result<InvestCompareResult> invest_compare(const InvestCompareRequest& request) const;
  /// Seeded Monte Carlo projection of annual investment per element (and economy) to 2030.
  Result<InvestProjectResult> invest_project(const InvestProjectRequest& request) const;
  /// Every economy with a GDP classified into the four archetypes.
  Result<InvestArchetypesResult> invest_archetypes(const InvestArchetypesRequest& request) const;
  /// Announced programmes, optionally for one economy or bloc.
  Result<InvestProgrammesResult> invest_programmes(const InvestProgrammesRequest& request) const;
  // --- optimiser (issue #5)
  /// Strategy optimiser: the CVaR MILP over the scenario engine's draws, with the frontier over
  /// λ and align-or-hedge (docs/methodology.md §14).
  Result<OptimiseResult> optimise(const OptimiseRequest& request) const;
  /// Ranks candidate cities for a new AI data centre (docs/methodology.md §14.6).
  Result<SiteResult> site(const SiteRequest& request) const;
  /// Sites that may run a workload under a sovereignty policy (docs/methodology.md §14.7).
  Result<PlaceResult> place(const PlaceRequest& request) const;
  // --- end optimiser

  const DatasetSummary& summary() const { return *summary_; }
  /// The loaded dataset (for in-tree modules and tests; not a stable API).
  const model::Dataset& dataset() const { return *dataset_; }

 private:
  Engine(std::shared_ptr<const model::Dataset> ds, std::shared_ptr<const DatasetSummary> s)
      : dataset_(std::move(ds)), summary_(std::move(s)) {}
  std::shared_ptr<const model::Dataset> dataset_;
  std::shared_ptr<const DatasetSummary> summary_;
};

/// Renderers: the same bytes for the CLI and the HTTP API.
std::string render(const CensusResult& result, Format format);
std::string render(const ProfileResult& result, Format format);
std::string render(const SourcesResult& result, Format format);
std::string render(const SitesResult& result, Format format);
std::string render(const ValidationReport& report, Format format);
std::string render(const DatasetSummary& summary, Format format);
std::string render(const Error& error, Format format);
std::string render(const ScenarioResult& result, Format format);
std::string render(const ScenarioCheck& check, Format format);
std::string render(const ScenarioList& list, Format format);
/// A scenario shard's summary: JSON (the Python binding's dict), CSV (one row) or the line
/// `aisov scenario run … --samples-out` prints.
std::string render(const ScenarioShardInfo& shard, Format format);
/// An import's outcome: JSON (the Python binding's dict), CSV (the counts, one row) or the
/// summary `aisov data import` prints.
std::string render(const ImportResult& result, Format format);
// Investment model renderers.
std::string render(const InvestProfileResult& result, Format format);
std::string render(const InvestCompareResult& result, Format format);
std::string render(const InvestProjectResult& result, Format format);
std::string render(const InvestArchetypesResult& result, Format format);
std::string render(const InvestProgrammesResult& result, Format format);

// --- optimiser (issue #5)
std::string render(const OptimiseResult& result, Format format);
std::string render(const SiteResult& result, Format format);
std::string render(const PlaceResult& result, Format format);

/// Parses "table", "csv", "json".
Result<Format> parse_format(const std::string& text);
/// Parses "economy", "bloc", "provider", "provider-jurisdiction".
Result<CensusBy> parse_census_by(const std::string& text);
/// Parses "regions", "h100e", "mw", "investment".
Result<CensusWeight> parse_census_weight(const std::string& text);
/// Splits a comma-separated list ("aws, gcp,,azure" → aws, gcp, azure); spaces are dropped.
std::vector<std::string> parse_list(const std::string& text);

}  // namespace aisov
