#pragma once
// What Engine::scenario_run, scenario_shard and scenario_merge share: reading and parsing the
// scenario, resolving it and the report against the dataset, and the result's provenance.
#include <string>

#include "aisov/engine.hpp"
#include "io/scenario_file.hpp"
#include "model/dataset.hpp"
#include "scenario/model.hpp"
#include "scenario/runner.hpp"

namespace aisov::engine_detail {

/// A scenario read and parsed: its spec, text, file (as reported in meta) and syntax.
struct LoadedScenario {
  io::ScenarioSpec spec;
  std::string text, file;
  bool json = false;
};

/// Reads request.file (a path or a bundled scenario's name) or takes request.text, and parses
/// it. Throws kNotFound / kInvalidInput (file:line:column).
LoadedScenario load_scenario(const ScenarioRequest& request);
/// Parses a scenario's text under a file name (for messages and meta).
LoadedScenario parse_loaded(std::string text, std::string file, bool json);

/// A scenario compiled against a dataset with the report the request asks for.
struct PreparedRun {
  LoadedScenario loaded;
  scenario::Model model;
  scenario::ReportSpec report;
};

/// Compiles the scenario and resolves request.economies and request.years. Throws kNotFound,
/// kInvalidArgument, kInvalidInput.
PreparedRun prepare_run(const model::Dataset& ds, const ScenarioRequest& request,
                        LoadedScenario loaded);

/// Fills what a run's result carries besides its statistics: the energy of its rows and its
/// references (scenario/energy.hpp), and its provenance (engine and dataset versions, scenario,
/// shocks).
void fill_provenance(ScenarioResult& result, const model::Dataset& ds,
                     const DatasetSummary& summary, const PreparedRun& run);

}  // namespace aisov::engine_detail
