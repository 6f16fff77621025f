#pragma once
// The compiled scenario model: capacity cells from the dataset, resolved shocks, and the
// per-draw simulation (docs/methodology.md, "Scenario model"). No TBB here: see runner.cpp.
#include <string>
#include <vector>

#include "aisov/census.hpp"
#include "aisov/scenario.hpp"
#include "core/random.hpp"
#include "io/scenario_file.hpp"
#include "model/dataset.hpp"

namespace aisov::scenario {

/// Installed compute with one economy, operator jurisdiction, designer jurisdiction, fab
/// location, chip tier and access kind. Jurisdiction index n_econ means "unknown".
struct Cell {
  int econ = 0, oj = 0, dj = 0, fab = 0;
  bool training = false;
  bool pub = false;  ///< public cloud capacity that foreign users can reach
  double k0 = 0;     ///< H100e at the start
  double w = 0;      ///< share of the economy's new supply that goes to this cell
};

enum class ShockKind : int {
  kExport = 0,
  kWithdraw = 1,
  kCutOff = 2,
  kFoundry = 3,
  kEnergy = 4,
  kGrowth = 5
};

struct ExportTier {
  std::vector<int> cells;  ///< affected cells, ascending (so each economy's cells are a run)
  std::vector<int> economies;
  bool stop = true;
  core::Distribution cap;
  bool bar_access = false;
};

struct Shock {
  std::string id, kind_name, description;
  ShockKind kind = ShockKind::kExport;
  core::Distribution probability, start, duration, param;
  bool has_duration = false;
  std::vector<int> jurisdictions;  ///< designers / operators / fab locations (economy ids)
  std::vector<ExportTier> tiers;   ///< export_control
  std::vector<int> cells;          ///< withdraw: cells lost; foundry: cells supplied by the fabs
  std::vector<int> economies;      ///< cut_off, energy_cap, growth
  bool level = false;              ///< energy_cap: max_mw (true) or max_growth (false)
  /// energy_cap on electricity (max_twh or max_share_of_generation): binds on the TWh of §15.5
  /// at the mid assumptions; `param` is then TWh/yr or a share of `generation_twh`.
  bool on_twh = false, share_of_generation = false;
  std::vector<double> generation_twh;  ///< per group (each economy, or the pooled set)
  bool pooled = false;
  std::vector<std::string> affects;  ///< human summary
};

/// Everything a draw needs. Immutable after compile(); shared by const reference between
/// threads.
struct Model {
  int n_econ = 0;  ///< economies in the dataset; jurisdiction n_econ = unknown
  int y0 = 0, horizon = 0;
  std::vector<Cell> cells;             ///< sorted by economy
  std::vector<int> econ_begin;         ///< cells of economy e: [econ_begin[e], econ_begin[e+1])
  std::vector<int> active;             ///< economies with at least one cell, ascending
  std::vector<double> k0_econ;         ///< H100e per economy at the start
  std::vector<double> gamma;           ///< foreign-access weight per economy
  std::vector<int> pub_jurisdictions;  ///< distinct operator jurisdictions of public cells
  core::Distribution growth, retirement;
  std::vector<std::pair<std::vector<int>, core::Distribution>> growth_by;
  std::vector<Shock> shocks;
  io::ModelDefaults defaults;
  /// Energy (docs/methodology.md §15.5): the census assumptions, each economy's IT load at the
  /// start (MW, census rules) and its IT MW per H100e (it_mw0 ÷ k0_econ, or the rule
  /// it_kw_per_h100e ÷ 1000 for an economy without capacity).
  EnergyParams energy;
  std::vector<double> it_mw0, it_mw_per_h100e;
  /// Published figures to report against ([[references]]), with their economies resolved.
  std::vector<io::ReferenceSpec> references;
  std::vector<std::vector<int>> reference_members;
  bool random_baseline = false;  ///< baseline growth or retirement is uncertain
  bool mixed = false;            ///< a [[baseline.mix]] changed some economy's supply weights
  std::vector<std::string> warnings;
  std::string hash;
};

/// Resolves a spec against a dataset: capacity cells at the dataset's as-of date and every
/// code in the shocks. Throws core::Failure (kInvalidInput, file:line:column) on unknown codes.
Model compile(const model::Dataset& ds, const io::ScenarioSpec& spec);

/// Resolves an economy-set spec to sorted economy ids (exposed for the CLI's --economies).
std::vector<int> resolve_set(const model::Dataset& ds, const io::ScenarioSpec& spec,
                             const io::SetSpec& set, int day, std::vector<io::Problem>& problems);

/// Parameters of one draw (drawn from its own stream, in a fixed order). A shock that is off
/// keeps start 0, end 1e9, param 0 and caps 0: nothing reads them (every use is guarded by `on`),
/// so their uniforms are consumed but their quantiles are not computed.
struct DrawParams {
  double retirement = 0;
  std::vector<double> growth;  ///< per economy
  /// The uniforms of the world growth, the retirement and each growth group (m.growth_by).
  double u_growth = 0, u_retirement = 0;
  std::vector<double> u_groups;
  struct ShockDraw {
    bool on = false;
    int start = 0;
    double end = 1e9;  ///< start + duration
    double param = 0;
    std::vector<double> caps;  ///< per export tier
  };
  std::vector<ShockDraw> shocks;
  bool any_on = false;
};

/// Draws a draw's parameters from its stream. With `only_econ` ≥ 0, a growth group that does not
/// contain that economy consumes its uniform without computing its quantile (its entries in
/// p.growth keep the global draw): for callers that read p.growth[only_econ] alone (the
/// optimiser's exposure). With `dynamics` false, the growth and retirement uniforms are drawn
/// but their quantiles are left to draw_dynamics, for a caller that needs them in some draws
/// only. Every value a caller reads is bit-identical either way.
void draw_params(const Model& m, core::Stream& s, DrawParams& p, int only_econ = -1,
                 bool dynamics = true);

/// p.growth and p.retirement from the uniforms draw_params stored (only_econ as there).
void draw_dynamics(const Model& m, DrawParams& p, int only_econ = -1);

/// Per-thread scratch of the simulation.
struct Scratch {
  std::vector<double> k, d, avail, u, g, pj, sums, energy_base;
  std::vector<double> terr, sov, acc;
  struct Cut {
    int econ, jur;
    double f;
  };
  std::vector<Cut> cuts;
};

/// Simulates one draw year by year; writes territorial, sovereign and accessible H100e of every
/// economy for year index i (0 = y0 + 1) to out[(i * n_econ + e) * 3 + measure].
/// `shocks` false gives the no-shock baseline of the same draw.
void simulate(const Model& m, const DrawParams& p, bool shocks, Scratch& s, double* out);

}  // namespace aisov::scenario
