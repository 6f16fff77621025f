#pragma once
// The strategy optimiser (docs/methodology.md §14): options from the dataset, per-draw exposure
// from the scenario engine, and the CVaR MILP solved behind solver::SolverBackend.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "aisov/optimise.hpp"
#include "io/csv.hpp"
#include "io/scenario_file.hpp"
#include "model/dataset.hpp"
#include "optimise/params.hpp"
#include "scenario/model.hpp"
#include "solver/model.hpp"

namespace aisov::optimise {

/// A parsed optimiser file: every field optional; flags override it.
struct Spec {
  std::string file;
  std::string economy, scenario;
  std::optional<double> budget_usd, budget_per_year_usd, risk_aversion, alpha, target_h100e;
  std::optional<int> horizon;
  std::optional<int64_t> draws;
  std::vector<double> frontier;
  // [constraints]
  std::optional<double> grid_mw, power_price_usd_per_mwh, water_ml_per_year, land_ha, workforce_fte,
      permitting_years;
  Parameters params;
  std::vector<ValueChainInput> value_chain;  ///< replaces defaults element by element
};

/// Parses TOML text; problems carry file:line:column.
/// `base` holds the parameters before the file (compiled defaults + the dataset's table).
Spec parse_spec(const std::string& text, const std::string& file,
                std::vector<io::Problem>& problems, const Parameters& base = {});

/// Everything the model needs, resolved.
struct Inputs {
  int econ = 0;
  double budget_usd = 0, budget_per_year_usd = 0, lambda = 1, alpha = 0.95, target_h100e = 0;
  int64_t draws = 1000;
  uint64_t seed = 1;
  int threads = 0;
  Parameters params;
  std::vector<OptimiseConstraint> limits;  ///< grid_mw, power price, water, land, workforce, …
  std::vector<ValueChainInput> value_chain;
  bool lp_relaxation = false;
  const std::atomic<bool>* cancel = nullptr;       ///< checked before each solve
  std::function<void(int64_t, int64_t)> progress;  ///< (solves done, solves planned)
};

/// A built model with what is needed to read its solution back.
struct Built;

/// Builds and solves the optimiser over a compiled scenario. `blocs` lists the power blocs for
/// align-or-hedge (empty = skip); `lambdas` the frontier grid (empty = skip).
OptimiseResult optimise(const model::Dataset& ds, const scenario::Model& m,
                        const io::ScenarioSpec& spec, const Inputs& in,
                        const solver::SolverBackend& backend, const solver::SolveOptions& options,
                        const std::vector<double>& lambdas, bool align,
                        const std::string& mps_path);

/// The CVaR of equally likely losses by the Rockafellar–Uryasev LP (for tests and the bench):
/// min η + Σ u_s / ((1 − α) N), u_s ≥ L_s − η, u_s ≥ 0.
solver::LpModel cvar_lp(const std::vector<double>& losses, double alpha);

}  // namespace aisov::optimise
