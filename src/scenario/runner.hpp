#pragma once
// The Monte Carlo runner: draws in fixed-size batches, each draw on its own random stream
// (seed, draw index), in parallel with oneTBB; results are bit-identical for any thread count.
#include <string>
#include <vector>

#include "aisov/scenario.hpp"
#include "scenario/model.hpp"

namespace aisov::scenario {

/// What to report: units (economies or blocs, each a list of economy ids) and years.
struct ReportSpec {
  std::vector<std::string> codes, names;
  std::vector<std::vector<int>> members;
  std::vector<int> years;
};

/// Draws per batch: the unit of progress, cancellation and early stopping. Fixed, so that an
/// early-stopped run uses the same draws whatever the thread count.
inline constexpr int64_t kBatchDraws = 1000;

/// The default report: every economy with modelled compute or foreign access, every year.
ReportSpec default_report(const model::Dataset& ds, const Model& m);

/// Runs the Monte Carlo. Throws core::Failure(kCancelled) when the request's cancel flag is set.
ScenarioResult run(const Model& m, const ReportSpec& report, const ScenarioRequest& request,
                   const std::vector<double>& thresholds);

}  // namespace aisov::scenario
