// Engine::invest_*: the investment model (invest) linked to the census (hosted compute per
// economy), with provenance.
#include <algorithm>
#include <set>

#include "aisov/build_config.hpp"
#include "aisov/engine.hpp"
#include "census/census.hpp"
#include "core/failure.hpp"
#include "engine/guarded.hpp"
#include "invest/invest.hpp"
#include "model/dataset.hpp"

namespace aisov {

namespace {

using engine_detail::guarded;

// Hosted compute per economy from the census at the dataset's as-of date (all providers).
invest::CensusLink census_link(const model::Dataset& ds) {
  CensusRequest req;
  req.by = CensusBy::kEconomy;
  req.weight = CensusWeight::kH100e;
  const CensusResult c = census::run_census(ds, req);
  invest::CensusLink link;
  link.h100e.assign(ds.economies.size(), 0);
  link.facility_investment.assign(ds.economies.size(), 0);
  link.compute_class.assign(ds.economies.size(), "desert");
  for (const auto& row : c.rows) {
    const model::Id e = ds.find_economy(row.code);
    if (e == model::kNone) continue;
    link.h100e[e] = row.h100e;
    link.facility_investment[e] = row.investment_usd;
    link.compute_class[e] = row.compute_class.empty() ? "desert" : row.compute_class;
    link.world_h100e += row.h100e;
  }
  return link;
}

InvestMeta make_meta(const model::Dataset& ds, const DatasetSummary& s) {
  InvestMeta m;
  m.engine_version = build::kVersion;
  m.dataset_version = ds.dataset_version;
  m.as_of = s.as_of;
  m.fx_year = invest::fx_year(ds);
  std::set<std::string> src;
  for (const auto& g : ds.investment_global)
    if (g.source != model::kNone) src.insert(ds.sources[g.source].source_id);
  for (const auto& e : ds.investment_economy)
    if (e.source != model::kNone) src.insert(ds.sources[e.source].source_id);
  m.sources.assign(src.begin(), src.end());
  return m;
}

}  // namespace

Result<InvestProfileResult> Engine::invest_profile(const InvestProfileRequest& request) const {
  return guarded<InvestProfileResult>([&] {
    const auto& ds = *dataset_;
    const model::Id e = ds.find_economy(request.iso3);
    if (e == model::kNone)
      throw core::Failure(ErrorCode::kNotFound,
                          "unknown economy '" + request.iso3 + "' (expected an ISO3 code)");
    const auto link = census_link(ds);
    InvestProfileResult r;
    r.meta = make_meta(ds, *summary_);
    r.params = request.params;
    r.profile = invest::economy_profile(ds, link, e, request.params, ds.as_of.last_day());
    r.world_usd_per_h100e = invest::world_usd_per_h100e(ds, link);
    return r;
  });
}

Result<InvestCompareResult> Engine::invest_compare(const InvestCompareRequest& request) const {
  return guarded<InvestCompareResult>([&] {
    const auto& ds = *dataset_;
    if (request.codes.empty())
      throw core::Failure(ErrorCode::kInvalidArgument, "give at least one ISO3 code or bloc id");
    const auto link = census_link(ds);
    const int day = ds.as_of.last_day();
    InvestCompareResult r;
    r.meta = make_meta(ds, *summary_);
    for (const auto& code : request.codes) {
      if (auto e = ds.find_economy(code); e != model::kNone) {
        r.rows.push_back(invest::economy_profile(ds, link, e, request.params, day));
      } else if (auto b = ds.find_bloc(code); b != model::kNone) {
        r.rows.push_back(invest::bloc_profile(ds, link, b, request.params, day));
      } else {
        throw core::Failure(ErrorCode::kNotFound, "unknown economy or bloc '" + code +
                                                      "' (expected ISO3 codes or bloc ids)");
      }
    }
    return r;
  });
}

Result<InvestProjectResult> Engine::invest_project(const InvestProjectRequest& request) const {
  return guarded<InvestProjectResult>([&] {
    InvestProjectResult r = invest::project(*dataset_, request);
    const auto seed = r.meta.seed;
    const auto draws = r.meta.draws;
    const auto scheme = r.meta.random_scheme;
    r.meta = make_meta(*dataset_, *summary_);
    r.meta.seed = seed;
    r.meta.draws = draws;
    r.meta.random_scheme = scheme;
    return r;
  });
}

Result<InvestArchetypesResult> Engine::invest_archetypes(
    const InvestArchetypesRequest& request) const {
  return guarded<InvestArchetypesResult>([&] {
    const auto& ds = *dataset_;
    InvestArchetypesResult r =
        invest::archetypes(ds, census_link(ds), request.params, ds.as_of.last_day());
    r.meta = make_meta(ds, *summary_);
    return r;
  });
}

Result<InvestProgrammesResult> Engine::invest_programmes(
    const InvestProgrammesRequest& request) const {
  return guarded<InvestProgrammesResult>([&] {
    const auto& ds = *dataset_;
    model::Id e = model::kNone, b = model::kNone;
    if (!request.economy.empty()) {
      e = ds.find_economy(request.economy);
      if (e == model::kNone) b = ds.find_bloc(request.economy);
      if (e == model::kNone && b == model::kNone)
        throw core::Failure(ErrorCode::kNotFound, "unknown economy or bloc '" + request.economy +
                                                      "' (expected an ISO3 code or a bloc id)");
    }
    InvestProgrammesResult r;
    r.meta = make_meta(ds, *summary_);
    r.programmes = invest::programmes(ds, e, b, ds.as_of.last_day());
    for (const auto& p : r.programmes) {
      if (!p.part_of.empty() || !p.amount_usd_low) continue;
      r.total_usd_low += *p.amount_usd_low;
      r.total_usd_high += *p.amount_usd_high;
    }
    return r;
  });
}

}  // namespace aisov
