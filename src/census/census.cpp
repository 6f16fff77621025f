#include "census/census.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "aisov/build_config.hpp"
#include "census/energy.hpp"
#include "census/territory.hpp"
#include "core/failure.hpp"
#include "core/strings.hpp"

namespace aisov::census {

using model::Dataset;
using model::Id;
using model::kNone;

const std::vector<std::string>& reference_nine() {
  static const std::vector<std::string> kNine = {
      "aws", "gcp", "azure", "alibaba", "huawei", "tencent", "exoscale", "hetzner", "ovhcloud"};
  return kNine;
}

const char* by_name(CensusBy by) {
  switch (by) {
    case CensusBy::kEconomy:
      return "economy";
    case CensusBy::kBloc:
      return "bloc";
    case CensusBy::kProvider:
      return "provider";
    case CensusBy::kProviderJurisdiction:
      return "provider-jurisdiction";
  }
  return "economy";
}

const char* weight_name(CensusWeight w) {
  switch (w) {
    case CensusWeight::kRegions:
      return "regions";
    case CensusWeight::kH100e:
      return "h100e";
    case CensusWeight::kMw:
      return "mw";
    case CensusWeight::kInvestment:
      return "investment";
    case CensusWeight::kEnergy:
      return "energy";
  }
  return "regions";
}

std::vector<Id> resolve_providers(const Dataset& ds, const std::vector<std::string>& slugs) {
  std::vector<Id> known = ds.providers();
  if (slugs.empty()) return known;
  std::vector<Id> out;
  for (const auto& slug : slugs) {
    const auto& expand =
        slug == "reference-nine" ? reference_nine() : std::vector<std::string>{slug};
    for (const auto& s : expand) {
      Id id = ds.find_org(s);
      if (id == kNone || std::find(known.begin(), known.end(), id) == known.end()) {
        std::vector<std::string> names;
        for (Id k : known) names.push_back(ds.organisations[k].org_id);
        throw core::Failure(ErrorCode::kInvalidArgument,
                            "unknown provider '" + s + "'; known providers: reference-nine, " +
                                core::join(names, ", "));
      }
      out.push_back(id);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const char* site_kind_name(model::SiteKind k) {
  switch (k) {
    case model::SiteKind::kPublic:
      return "public";
    case model::SiteKind::kGovernment:
      return "government";
    case model::SiteKind::kSovereign:
      return "sovereign";
  }
  return "public";
}

const char* launch_basis_name(const model::Site& site) {
  if (site.launched.empty()) return "unknown";
  switch (site.launched_basis) {
    case model::LaunchBasis::kFirstListed:
      return "first_listed";
    case model::LaunchBasis::kEstimate:
      return "estimate";
    case model::LaunchBasis::kUnstated:
    case model::LaunchBasis::kAnnounced:
      break;
  }
  return "announced";
}

std::vector<model::SiteKind> resolve_site_kinds(const std::vector<std::string>& names) {
  const std::vector<model::SiteKind> all = {model::SiteKind::kPublic, model::SiteKind::kGovernment,
                                            model::SiteKind::kSovereign};
  if (names.empty()) return all;
  std::vector<model::SiteKind> out;
  for (const auto& n : names) {
    auto it = std::find_if(all.begin(), all.end(), [&](auto k) { return n == site_kind_name(k); });
    if (it == all.end()) {
      throw core::Failure(
          ErrorCode::kInvalidArgument,
          "unknown site kind '" + n + "' (expected public, government or sovereign)");
    }
    if (std::find(out.begin(), out.end(), *it) == out.end()) out.push_back(*it);
  }
  return out;
}

int resolve_as_of(const Dataset& ds, const std::string& text) {
  if (text.empty()) return ds.as_of.last_day();
  auto d = core::Date::parse(text);
  if (!d) {
    throw core::Failure(
        ErrorCode::kInvalidArgument,
        "--as-of: expected a date YYYY-MM-DD (or YYYY-MM, YYYY), got '" + text + "'");
  }
  return d->last_day();
}

ResultMeta make_meta(const Dataset& ds, int day, const std::vector<Id>& providers,
                     const std::vector<model::SiteKind>& kinds, const std::string& by,
                     const std::string& weight) {
  ResultMeta m;
  m.engine_version = build::kVersion;
  m.dataset_version = ds.dataset_version;
  m.as_of = core::Date::from_days(day).str();
  for (Id p : providers) m.providers.push_back(ds.organisations[p].org_id);
  for (auto k : kinds) m.site_kinds.push_back(site_kind_name(k));
  m.by = by;
  m.weight = weight;
  return m;
}

EnergyEstimate hosted_energy(const Dataset& ds, Id economy, int day) {
  const Scope scope(ds, day, resolve_providers(ds, {}), resolve_site_kinds({}),
                    CensusWeight::kRegions, CensusParams{});
  return scope.economy_row(economy).energy;
}

namespace {

bool rank_before(const CensusRow& a, const CensusRow& b) {
  if (a.ai_regions != b.ai_regions) return a.ai_regions > b.ai_regions;
  if (a.training_regions != b.training_regions) return a.training_regions > b.training_regions;
  if (a.regions != b.regions) return a.regions > b.regions;
  if (a.h100e != b.h100e) return a.h100e > b.h100e;
  return a.code < b.code;
}

// Counts keyed by jurisdiction or bloc, largest first; zero counts are kept.
std::vector<Share> to_counts(const std::map<std::string, double>& m) {
  double total = 0;
  for (const auto& [k, v] : m) total += v;
  std::vector<Share> out;
  for (const auto& [k, v] : m) out.push_back({k, v, total > 0 ? v / total : 0});
  std::stable_sort(out.begin(), out.end(),
                   [](const Share& a, const Share& b) { return a.weight > b.weight; });
  return out;
}

}  // namespace

namespace {

// Copies the strict-dating counts of `strict` (the same rows computed with Dating::kStrict, in
// the same order) into `rows`.
void merge_strict(std::vector<CensusRow>& rows, const std::vector<CensusRow>& strict) {
  for (size_t i = 0; i < rows.size() && i < strict.size(); ++i) {
    rows[i].regions_strict = strict[i].regions;
    rows[i].ai_regions_strict = strict[i].ai_regions;
    rows[i].training_regions_strict = strict[i].training_regions;
    rows[i].countries_with_ai_strict = strict[i].countries_with_ai;
    rows[i].ai_regions_abroad_strict = strict[i].ai_regions_abroad;
  }
}

// World energy totals (docs/methodology.md §15): sums over the economy rows; generation and
// emissions over the economies that have the indicator.
void world_energy(const Dataset& ds, const std::vector<CensusRow>& rows, const EnergyParams& p,
                  CensusTotals& t) {
  auto& w = t.energy;
  double gen = 0, co2 = 0, co2_low = 0, co2_high = 0;
  for (size_t i = 0; i < rows.size() && i < ds.economies.size(); ++i) {
    const auto& e = rows[i].energy;
    w.it_mw += e.it_mw;
    w.it_mw_low += e.it_mw_low;
    w.it_mw_high += e.it_mw_high;
    w.it_mw_regions += e.it_mw_regions;
    w.it_mw_facilities += e.it_mw_facilities;
    w.domestic_mw += e.domestic_mw;
    w.foreign_mw += e.foreign_mw;
    w.unknown_mw += e.unknown_mw;
    w.facilities_without_power += e.facilities_without_power;
    const auto& econ = ds.economies[i];
    if (econ.electricity_twh.year > 0) {
      gen += econ.electricity_twh.value;
      w.generation_year = std::max(w.generation_year, econ.electricity_twh.year);
    } else {
      t.twh_without_generation += e.twh;
    }
    if (e.co2_t) {
      co2 += *e.co2_t;
      co2_low += *e.co2_t_low;
      co2_high += *e.co2_t_high;
      w.carbon_year = std::max(w.carbon_year, e.carbon_year);
    } else {
      t.twh_without_carbon += e.twh;
    }
  }
  w.twh = twh_per_year(w.it_mw, p.utilisation, p.pue);
  w.twh_low = twh_per_year(w.it_mw_low, p.utilisation_low, p.pue_low);
  w.twh_high = twh_per_year(w.it_mw_high, p.utilisation_high, p.pue_high);
  if (w.it_mw > 0) w.foreign_share = w.foreign_mw / w.it_mw;
  if (gen > 0) {
    w.generation_twh = gen;
    w.share_of_generation = w.twh / gen;
    w.share_of_generation_low = w.twh_low / gen;
    w.share_of_generation_high = w.twh_high / gen;
  }
  if (w.carbon_year > 0) {
    w.co2_t = co2;
    w.co2_t_low = co2_low;
    w.co2_t_high = co2_high;
    const double covered = w.twh - t.twh_without_carbon;
    if (covered > 0) w.carbon_gco2_per_kwh = co2 / (covered * 1000);
  }
}

}  // namespace

CensusResult run_census(const Dataset& ds, const CensusRequest& req) {
  const int day = resolve_as_of(ds, req.as_of);
  const std::vector<Id> providers = resolve_providers(ds, req.providers);
  const auto kinds = resolve_site_kinds(req.site_kinds);
  Scope scope(ds, day, providers, kinds, req.weight, req.params);
  Scope strict(ds, day, providers, kinds, req.weight, req.params, model::Dating::kStrict);

  CensusResult res;
  res.meta = make_meta(ds, day, providers, kinds, by_name(req.by), weight_name(req.weight));
  res.params = req.params;
  res.energy_params = scope.energy_params();

  // World totals, from the economy rows.
  std::vector<CensusRow> economy_rows, economy_strict;
  economy_rows.reserve(ds.economies.size());
  economy_strict.reserve(ds.economies.size());
  for (size_t e = 0; e < ds.economies.size(); ++e) {
    economy_rows.push_back(scope.economy_row(static_cast<Id>(e)));
    economy_strict.push_back(strict.economy_row(static_cast<Id>(e)));
  }
  merge_strict(economy_rows, economy_strict);
  auto& t = res.totals;
  for (const auto& r : economy_rows) {
    t.regions += r.regions;
    t.ai_regions += r.ai_regions;
    t.training_regions += r.training_regions;
    t.countries_with_regions += r.regions > 0;
    t.countries_with_ai += r.ai_regions > 0;
    t.countries_training += r.training_regions > 0;
    t.facilities += r.facilities;
    t.h100e += r.h100e;
    t.power_mw += r.power_mw;
    t.regions_strict += r.regions_strict;
    t.ai_regions_strict += r.ai_regions_strict;
    t.training_regions_strict += r.training_regions_strict;
    t.countries_with_regions_strict += r.regions_strict > 0;
    t.countries_with_ai_strict += r.ai_regions_strict > 0;
    t.countries_training_strict += r.training_regions_strict > 0;
  }
  world_energy(ds, economy_rows, res.energy_params, t);
  auto by_home = [&](const Scope& sc, std::map<std::string, double>& by_j,
                     std::map<std::string, double>* by_bloc,
                     std::map<std::string, double>& abroad) {
    for (const auto& pr : sc.provider_rows()) {
      const std::string home = pr.home.empty() ? "unknown" : pr.home;
      by_j[home] += pr.ai_regions;
      if (by_bloc) (*by_bloc)[sc.power_bloc_key(ds.find_economy(pr.home))] += pr.ai_regions;
      abroad[home] += pr.ai_regions_abroad;
    }
  };
  std::map<std::string, double> by_j, by_bloc, abroad_j, by_j_strict, abroad_j_strict;
  by_home(scope, by_j, &by_bloc, abroad_j);
  by_home(strict, by_j_strict, nullptr, abroad_j_strict);
  t.by_provider_jurisdiction = to_counts(by_j);
  t.by_provider_power_bloc = to_counts(by_bloc);
  t.abroad_by_provider_jurisdiction = to_counts(abroad_j);
  t.by_provider_jurisdiction_strict = to_counts(by_j_strict);
  t.abroad_by_provider_jurisdiction_strict = to_counts(abroad_j_strict);

  switch (req.by) {
    case CensusBy::kEconomy:
      res.rows = std::move(economy_rows);
      break;
    case CensusBy::kBloc:
      for (size_t b = 0; b < ds.blocs.size(); ++b) {
        res.rows.push_back(scope.bloc_row(static_cast<Id>(b)));
      }
      {
        std::vector<CensusRow> s;
        for (size_t b = 0; b < ds.blocs.size(); ++b)
          s.push_back(strict.bloc_row(static_cast<Id>(b)));
        merge_strict(res.rows, s);
      }
      break;
    case CensusBy::kProvider:
      res.rows = scope.provider_rows();
      merge_strict(res.rows, strict.provider_rows());
      break;
    case CensusBy::kProviderJurisdiction:
      res.rows = scope.provider_jurisdiction_rows();
      merge_strict(res.rows, strict.provider_jurisdiction_rows());
      break;
  }
  std::stable_sort(res.rows.begin(), res.rows.end(), rank_before);
  return res;
}

}  // namespace aisov::census
