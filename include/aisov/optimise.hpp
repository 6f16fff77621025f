#pragma once
/// Request and result types of the strategy optimiser, siting and placement
/// (docs/methodology.md §14).
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aisov/census.hpp"

namespace aisov {

/// One value-chain element for the competitiveness term (docs/methodology.md §14.4). Current
/// and benchmark investment come from the investment model (§13) where it has figures.
struct ValueChainInput {
  std::string element;       ///< "data", "models", "applications", "talent"
  double current_usd = 0;    ///< current annual investment, USD
  double benchmark_usd = 0;  ///< peer benchmark annual investment, USD
  /// H100e-years of value per unit of ln(1 + I / benchmark); 0 = derived:
  /// competitiveness_usd_per_usd × benchmark / usd_per_h100e_year.
  double coefficient = 0;
  std::string origin;  ///< "invest" (investment model), "assumption" (GDP shares), "file"
  std::string basis;   ///< how current and benchmark were obtained
};

/// `aisov optimise`: a TOML file (`file` or `text`) and/or flags. Flags override the file.
struct OptimiseRequest {
  std::string file, text;
  std::string economy;               ///< ISO3
  std::optional<double> budget_usd;  ///< total over the horizon
  std::optional<double> budget_per_year_usd;
  std::optional<int> horizon;           ///< last year; default: the scenario's horizon
  std::optional<double> risk_aversion;  ///< λ (default 1)
  std::optional<double> alpha;          ///< CVaR level (default 0.95)
  std::string scenario;                 ///< scenario file or bundled name
  std::optional<int64_t> draws;         ///< scenario draws (default 1000)
  uint64_t seed = 1;
  int threads = 0;
  bool frontier = false;                 ///< also solve over a grid of λ
  std::vector<double> frontier_lambdas;  ///< default 0, 0.25, 0.5, 1, 2, 4, 8
  bool align = true;                     ///< compare with bloc-restricted optima
  /// Also re-solve with each estimated parameter of the parameters table at its low and at its
  /// high value, one at a time (a tornado analysis, docs/methodology.md §14.5).
  bool sensitivity = false;
  double time_limit_s = 60;
  std::string export_mps;      ///< write the main model as MPS to this path
  bool lp_relaxation = false;  ///< drop integrality (benchmark)
  /// Checked before each solve; when set the call fails with kCancelled (may be null).
  const std::atomic<bool>* cancel = nullptr;
  /// Called after each solve with (solves done, solves planned); may be empty.
  std::function<void(int64_t, int64_t)> progress;
};

/// The local constraints and their provenance ("dataset", "default", "file", "flag").
struct OptimiseConstraint {
  std::string name, unit, origin, note;
  double value = 0;
  bool binding = false;
  double shadow_price = 0;  ///< objective units (H100e-years) per unit of the constraint
};

/// One option (a column group) and what the optimum does with it.
struct OptimiseOption {
  std::string id, kind, label;  ///< kind: build | host | contract | invest
  std::string jurisdiction;     ///< designer (build), provider (host, contract) jurisdiction
  std::string location;         ///< contract: where the capacity sits
  int lead_years = 0;
  double unit_cost_usd = 0;    ///< per project / region (build, host); per H100e-year; per USD
  double unit_h100e = 0;       ///< capacity per unit
  std::vector<double> amount;  ///< per year of the horizon: units started / bought
  double expected_h100e_years = 0, cost_usd = 0;
};

struct OptimiseSolve {
  std::string label;  ///< "unrestricted", "power-us", …
  bool call_ok = false;
  std::string call_message;
  std::string status;  ///< optimal | infeasible | unbounded | time-limit | not-solved
  double objective = 0, best_bound = 0, gap = 0;
  double expected_h100e_years = 0, cvar_loss = 0, competitiveness = 0, cost_usd = 0;
  double lambda = 0;
  std::vector<std::string> infeasible_rows;  ///< when infeasible: the constraints that conflict
  long nodes = 0;
  double seconds = 0;
  double terminal_h100e_years = 0;  ///< part of expected_h100e_years after the horizon (net)
};

/// The optimum with one parameter at the low or high end of its documented range.
struct OptimiseSensitivityEnd {
  std::string status;  ///< the solve's model status
  double objective = 0, expected_h100e_years = 0, cvar_loss = 0, competitiveness = 0;
  double compute_share = 0;  ///< share of the spend on compute options (build, host, contract)
  std::string top_option;    ///< the option with the largest spend
};

struct OptimiseSensitivity {
  std::string parameter, unit;
  double value = 0, low = 0, high = 0;
  OptimiseSensitivityEnd at_low, at_high;
  double swing = 0;  ///< |objective at high − objective at low|, H100e-years
};

struct OptimiseMeta {
  std::string engine_version, dataset_version, scenario_name, scenario_file, scenario_hash;
  std::string solver, economy, economy_name;
  uint64_t seed = 0;
  int64_t draws = 0;
  int start_year = 0, horizon = 0;
  double alpha = 0, lambda = 0, budget_usd = 0, budget_per_year_usd = 0;
};

/// The optimum's new in-country load (domestic builds and hosted regions) in the energy layer's
/// terms (docs/methodology.md §14.5, §15).
struct OptimiseEnergy {
  /// Σ units × project_mw (builds) or region_mw (hosted regions): the grid_mw row's activity.
  double facility_mw = 0, build_facility_mw = 0, host_facility_mw = 0;
  /// Its IT load (facility_mw ÷ facility_power_pue), TWh/yr, share of generation, headroom and
  /// emissions by census::new_load_energy.
  NewLoadEnergy load;
  /// The grid_mw limit in the same terms: (limit ÷ facility_power_pue) MW of IT load at the mid
  /// utilisation and PUE, as a share of generation; empty without a generation figure.
  std::optional<double> grid_limit_share;
};

struct OptimiseResult {
  OptimiseMeta meta;
  std::vector<int> years;
  OptimiseSolve best;                      ///< the unrestricted optimum
  std::vector<OptimiseOption> allocation;  ///< options with a non-zero amount in `best`
  std::vector<OptimiseConstraint> constraints;
  std::vector<OptimiseSolve> frontier;  ///< over λ
  std::vector<OptimiseSolve> aligned;   ///< restricted to one power bloc each
  std::string answer;                   ///< "hedge" or "align:<bloc>"
  std::string answer_text;
  std::vector<ValueChainInput> value_chain;
  std::vector<std::string> warnings;
  // --- round 2: valuation (docs/methodology.md §14.4–14.5)
  double usd_per_h100e_year = 0;  ///< USD value of one H100e-year used for the conversion
  std::string usd_per_h100e_year_basis;
  std::vector<std::string> parameter_sources;  ///< source ids of the parameters table used
  /// With `sensitivity`: one row per estimated parameter, largest swing first.
  std::vector<OptimiseSensitivity> sensitivity;
  double compute_share = 0;  ///< share of the optimum's spend on compute options
  OptimiseEnergy energy;     ///< the optimum's new in-country load, in TWh and tCO2e
};

/// `aisov site`: rank candidate cities for a new AI data centre.
struct SiteRequest {
  std::vector<std::string> scope;   ///< ISO3 codes or bloc ids; empty = every economy
  std::vector<std::string> demand;  ///< demand centres: city names (of sites) or "lat,lon"
  /// Weights (any non-negative numbers; normalised to sum to 1).
  double w_power = 1, w_price = 1, w_carbon = 1, w_water = 1, w_latency = 1, w_jurisdiction = 1;
  /// Weight of grid headroom ((hosted + new load) ÷ generation, lower better); used only with a
  /// workload (`it_mw`), like latency only with demand centres.
  double w_headroom = 1;
  std::vector<std::string> preferred;  ///< jurisdictions scoring 1 on the jurisdiction criterion
  int limit = 20;
  /// The workload: IT load of the new data centre, MW (docs/methodology.md §14.6). Empty = no
  /// energy figures and no headroom criterion.
  std::optional<double> it_mw;
};

struct SiteCandidate {
  int rank = 0;
  std::string city, iso3, economy_name;
  double lat = 0, lon = 0;
  int regions = 0;  ///< active cloud regions in the city (a proxy for fibre and grid access)
  double grid_twh = 0, price_usd_per_mwh = 0, carbon_g_per_kwh = 0;
  /// SDG 6.4.2 level of water stress: freshwater withdrawal / available resources, %.
  double water_stress_pct = 0;
  std::string water_stress_level;  ///< FAO class: none, low, medium, high, critical
  double latency_ms = 0;           ///< to the nearest demand centre (round trip)
  bool preferred = false;
  double score = 0;           ///< 0–1
  std::vector<double> parts;  ///< normalised criterion scores (power, price, carbon, water,
                              ///< latency, jurisdiction, and headroom with a workload)
  std::string missing;        ///< criteria filled with the median for lack of data
  /// With a workload: its electricity, the grid headroom and its emissions in this economy.
  std::optional<NewLoadEnergy> energy;
};

struct SiteResult {
  std::string engine_version, dataset_version;
  std::vector<double> weights;  ///< normalised, in the order of SiteCandidate::parts
  std::vector<SiteCandidate> candidates;
  std::optional<double> it_mw;  ///< the workload, when given
  EnergyParams energy_params;   ///< the energy layer's assumptions used for it
};

/// `aisov place`: where may a workload run under a sovereignty policy?
struct PlaceRequest {
  std::string accelerator;  ///< accel_id, or a class: "training" / "inference" / "any"
  int count = 1;
  double hours = 1;
  std::vector<std::string> territory;  ///< allowed territory jurisdictions (ISO3/bloc); empty=any
  std::vector<std::string> operators;  ///< allowed operator jurisdictions
  std::vector<std::string> designers;  ///< allowed chip-designer jurisdictions
  std::string residency;               ///< data must stay in this ISO3 or bloc; empty = none
  std::string from;                    ///< the user's city (a site city) or "lat,lon"
  std::string sort = "price";          ///< price | latency | carbon
  bool show_excluded = true;
};

struct PlaceRow {
  std::string site_id, provider, city, iso3, operator_jurisdiction, accel_id, designer_jurisdiction;
  std::optional<double> price_usd_per_accel_hour, cost_usd, latency_ms, carbon_g_per_kwh;
  std::string excluded_by;  ///< empty for eligible sites; else the first rule that excludes it
};

struct PlaceResult {
  std::string engine_version, dataset_version;
  std::vector<PlaceRow> eligible, excluded;
};

}  // namespace aisov
