#pragma once
// Per-draw exposure factors of one economy's strategy options to a scenario's shocks, for the
// optimiser (docs/methodology.md §14.3). A new entry point next to the runner: it draws the same
// parameters as scenario::run for the same seed (draw d uses core::Stream(seed, d)) and leaves
// every existing scenario output untouched.
#include <cstdint>
#include <vector>

#include "io/scenario_file.hpp"
#include "model/dataset.hpp"
#include "scenario/model.hpp"

namespace aisov::scenario {

struct ExposureRequest {
  int econ = 0;                ///< the economy whose options are valued
  std::vector<int> designers;  ///< designer jurisdictions of domestic-build chip supplies
  std::vector<int> operators;  ///< provider (operator) jurisdictions of hosted regions
  std::vector<std::pair<int, int>> contracts;  ///< (operator jurisdiction, location) pairs
  double project_h100e = 0;                    ///< one lumpy project's new supply (for export caps)
  int64_t draws = 1000;
  uint64_t seed = 1;
  int threads = 0;
};

/// Factors in [0, 1] per draw d and year index i (year y0 + 1 + i), stored draw-major:
/// supply[(d * years + i) * designers + k] etc.
struct Exposure {
  int years = 0;
  int64_t draws = 0;
  std::vector<double> supply;      ///< share of designer k's new chip supply that arrives
  std::vector<double> hosted;      ///< share of operator k's regions on the economy kept
  std::vector<double> contracted;  ///< share of contract k's foreign capacity kept
};

/// Computes the factors. `spec` is the scenario the model was compiled from (same shock order).
Exposure exposure(const model::Dataset& ds, const Model& m, const io::ScenarioSpec& spec,
                  const ExposureRequest& request);

}  // namespace aisov::scenario
