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
  std::vector<double> supply;  ///< share of designer k's new chip supply that arrives
  std::vector<double> hosted;  ///< share of operator k's regions on the economy kept
  /// Share of a contract's foreign capacity kept, per contract class: contracts whose operator
  /// and location fall under the same shocks get the same factors, so they are computed and
  /// stored once. Contract k's factors are class contract_class[k]'s; `contract_classes` classes.
  std::vector<double> contracted;
  std::vector<int> contract_class;  ///< per contract
  int contract_classes = 0;

  /// The factors of draw d, year index i (see above).
  double supply_of(int64_t d, int i, size_t k) const {
    return supply[(static_cast<size_t>(d) * years + i) * designers + k];
  }
  double hosted_of(int64_t d, int i, size_t k) const {
    return hosted[(static_cast<size_t>(d) * years + i) * operators + k];
  }
  double contracted_of(int64_t d, int i, size_t k) const {
    return class_contracted_of(d, i, contract_class[k]);
  }
  /// The factors of contract class c (see contract_class).
  double class_contracted_of(int64_t d, int i, int c) const {
    return contracted[(static_cast<size_t>(d) * years + i) * contract_classes + c];
  }
  size_t designers = 0, operators = 0;
};

/// Computes the factors. `spec` is the scenario the model was compiled from (same shock order).
Exposure exposure(const model::Dataset& ds, const Model& m, const io::ScenarioSpec& spec,
                  const ExposureRequest& request);

}  // namespace aisov::scenario
