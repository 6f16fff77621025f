#pragma once
// Every default of the optimiser in one place. The compiled values are fallbacks: the dataset's
// optimise_parameters table (data/optimise_parameters.csv: value, range, source) replaces them,
// and a TOML `[parameters]` table replaces those (docs/methodology.md §14.2).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aisov/optimise.hpp"

namespace aisov::optimise {

struct Parameters {
  // Domestic build (one lumpy project).
  double project_mw = 20;                   ///< facility power of one project, MW
  double facility_capex_usd_per_mw = 11e6;  ///< shell, power and cooling, USD per MW (8–14 M)
  double build_years = 2;                   ///< construction lead time, years
  double load_factor = 0.8;                 ///< average draw / facility power
  /// Accelerator cost (server, networking) per H100e by designer jurisdiction, USD.
  std::map<std::string, double> chip_usd_per_h100e = {{"USA", 30000}, {"CHN", 30000}};
  double chip_usd_per_h100e_other = 35000;  ///< designers not listed above
  // Hosting a foreign provider's region.
  double region_mw = 20;              ///< facility power of one hosted region, MW
  double host_incentive_share = 0.2;  ///< host's one-off contribution, share of facility capex
  double host_discount = 0.2;         ///< anchor-tenant discount on the provider's price
  double host_years = 2;              ///< lead time of a hosted region, years
  // Contracted capacity in foreign clouds.
  double contract_share = 0.1;  ///< most a buyer can reserve of a provider's capacity there
  // Resource intensities.
  double water_m3_per_mwh = 1.8;  ///< water use effectiveness, m³ per MWh of IT load
  double land_ha_per_mw = 0.4;
  double fte_per_mw = 1.0;  ///< skilled staff to build and run one MW
  // Defaults of the local constraints when the dataset has nothing better.
  double grid_share = 0.02;              ///< new AI load allowed, share of average generation
  double power_price_usd_per_mwh = 100;  ///< when the dataset has no price
  double water_ml_per_year = 5000;
  double land_ha = 500;
  double workforce_per_million = 200;  ///< skilled FTE available per million people
  double permitting_years = 1;
  // Competitiveness: ln(1 + x) is linearised on these breakpoints of x = investment / benchmark.
  std::vector<double> breakpoints = {0, 0.25, 0.5, 1, 2, 4, 8};
  // Terminal value (docs/methodology.md §14.5): capacity lasts `useful_life_years` from its
  // delivery; years after the horizon count net of running costs, discounted.
  double useful_life_years = 5;
  double discount_rate = 0.08;
  /// USD value of one H100e-year; 0 = the median on-demand price per H100e-hour of the dataset's
  /// active priced training offerings × 8760.
  double usd_per_h100e_year = 0;
  /// Competitiveness: USD of value of the first USD invested in an element at zero investment.
  double competitiveness_usd_per_usd = 2;
  /// Talent has no investment-model figures: current and benchmark as shares of GDP.
  double talent_current_share_gdp = 0.0003, talent_benchmark_share_gdp = 0.001;
};

/// The scalar field of `P` named `name` (docs/methodology.md §14.2), or nullptr.
double* parameter_field(Parameters& P, const std::string& name);
/// Sets a parameter by name, including `chip_usd_per_h100e.ISO3`; false when unknown.
bool set_parameter(Parameters& P, const std::string& name, double value);
/// A parameter's value by name (as set_parameter names it); nullopt when unknown or unset.
std::optional<double> parameter_value(const Parameters& P, const std::string& name);

/// Fallback value-chain inputs from GDP shares, for economies the investment model cannot
/// profile (docs/methodology.md §14.4); the coefficient is left 0 (derived by the optimiser).
std::vector<ValueChainInput> default_value_chain(double gdp_usd, const Parameters& P);

}  // namespace aisov::optimise
