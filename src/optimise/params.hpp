#pragma once
// Every default of the optimiser in one place (docs/methodology.md §14.2 gives each one's source,
// range and meaning). A TOML `[parameters]` table or flags override them; the value-chain inputs
// are where the investment model (issue #4) will plug in.
#include <map>
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
};

/// The default value-chain inputs for an economy with GDP `gdp_usd` (docs/methodology.md §14.4).
std::vector<ValueChainInput> default_value_chain(double gdp_usd);

}  // namespace aisov::optimise
