#pragma once
// The AI value-chain investment model: pure functions of a Dataset plus the census figures the
// caller passes in (docs/methodology.md §13). Functions throw core::Failure on bad requests.
#include <string>
#include <vector>

#include "aisov/invest.hpp"
#include "model/dataset.hpp"

namespace aisov::invest {

/// Per-economy figures from the census (indexed by economy id) that the model links to.
struct CensusLink {
  std::vector<double> h100e;                ///< hosted H100e (operational facilities)
  std::vector<double> facility_investment;  ///< declared investment of those facilities, USD
  std::vector<std::string> compute_class;   ///< north, south, desert
  double world_h100e = 0;
};

/// The rest-of-world benchmark's midpoint, % of GDP (the selective-player threshold).
double selective_threshold(const model::Dataset& ds);
/// USD per unit of a currency at the latest rate in the table; throws when unknown.
double usd_per_unit(const model::Dataset& ds, const std::string& currency, int* year = nullptr);
/// Latest year of the fx table (0 when empty).
int fx_year(const model::Dataset& ds);

InvestEconomyProfile economy_profile(const model::Dataset& ds, const CensusLink& link,
                                     model::Id economy, const InvestParams& params, int day);
InvestEconomyProfile bloc_profile(const model::Dataset& ds, const CensusLink& link, model::Id bloc,
                                  const InvestParams& params, int day);
InvestArchetypesResult archetypes(const model::Dataset& ds, const CensusLink& link,
                                  const InvestParams& params, int day);
InvestProjectResult project(const model::Dataset& ds, const InvestProjectRequest& req);
/// Programmes of an economy (and of the blocs it belongs to), of a bloc (and its members), or
/// all (both ids kNone).
std::vector<InvestProgrammeRow> programmes(const model::Dataset& ds, model::Id economy,
                                           model::Id bloc, int day);
/// Global infrastructure cumulative investment (midpoint, USD) ÷ world hosted H100e.
double world_usd_per_h100e(const model::Dataset& ds, const CensusLink& link);

}  // namespace aisov::invest
