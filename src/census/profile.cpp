#include <algorithm>

#include "aisov/build_config.hpp"
#include "census/census.hpp"
#include "census/energy.hpp"
#include "census/territory.hpp"
#include "core/failure.hpp"
#include "core/strings.hpp"
#include "model/tier.hpp"

namespace aisov::census {

using model::Id;
using model::kNone;

namespace {
const char* status_name(model::FacilityStatus s) {
  switch (s) {
    case model::FacilityStatus::kOperational:
      return "operational";
    case model::FacilityStatus::kUnderConstruction:
      return "under_construction";
    case model::FacilityStatus::kPlanned:
      return "planned";
    case model::FacilityStatus::kDecommissioned:
      return "decommissioned";
    case model::FacilityStatus::kCancelled:
      return "cancelled";
  }
  return "planned";
}

std::string first_source(const model::Dataset& ds, const std::vector<Id>& v) {
  std::vector<std::string> ids;
  for (Id s : v) ids.push_back(ds.sources[s].source_id);
  return core::join(ids, ";");
}
}  // namespace

ProfileResult run_profile(const model::Dataset& ds, const ProfileRequest& req) {
  const std::string iso3 = core::trim(req.iso3);
  Id e = ds.find_economy(iso3);
  if (e == kNone) {
    // Be helpful with lower case and names.
    std::string key = core::name_key(iso3);
    for (size_t i = 0; i < ds.economies.size() && e == kNone; ++i) {
      const auto& econ = ds.economies[i];
      if (core::name_key(econ.iso3) == key || core::name_key(econ.name) == key)
        e = static_cast<Id>(i);
    }
  }
  if (e == kNone) {
    throw core::Failure(
        ErrorCode::kNotFound,
        "unknown economy '" + iso3 + "': expected an ISO 3166-1 alpha-3 code such as DEU");
  }
  const int day = resolve_as_of(ds, req.as_of);
  const std::vector<Id> providers = resolve_providers(ds, req.providers);
  const auto kinds = resolve_site_kinds(req.site_kinds);
  Scope scope(ds, day, providers, kinds, req.weight, req.params);

  ProfileResult out;
  out.meta = make_meta(ds, day, providers, kinds, "economy", weight_name(req.weight));
  out.params = req.params;
  out.energy_params = scope.energy_params();

  const auto& econ = ds.economies[e];
  out.iso3 = econ.iso3;
  out.iso2 = econ.iso2;
  out.name = econ.name;
  out.un_region = econ.un_region;
  out.un_subregion = econ.un_subregion;
  for (Id m : ds.blocs_by_economy[e]) {
    const auto& bm = ds.bloc_members[m];
    if (bm.active_on(day)) out.blocs.push_back(ds.blocs[bm.bloc].bloc_id);
  }
  std::sort(out.blocs.begin(), out.blocs.end());
  auto indicator = [&](const char* name, const char* unit, const model::Economy::Latest& l) {
    if (l.year == 0) return;
    out.indicators.push_back(
        {name, unit, l.source == kNone ? "" : ds.sources[l.source].source_id, l.year, l.value});
  };
  indicator("gdp_usd", "US$ (current)", econ.gdp_usd);
  indicator("population", "persons", econ.population);
  indicator("electricity_generation_twh", "TWh", econ.electricity_twh);
  indicator("carbon_intensity_gco2_per_kwh", "gCO2e/kWh", econ.carbon_gco2_per_kwh);

  out.census = scope.economy_row(e);
  {
    const Scope strict(ds, day, providers, kinds, req.weight, req.params, model::Dating::kStrict);
    const CensusRow sr = strict.economy_row(e);
    out.census.regions_strict = sr.regions;
    out.census.ai_regions_strict = sr.ai_regions;
    out.census.training_regions_strict = sr.training_regions;
  }
  out.census.code = econ.iso3;
  out.census.name = econ.name;
  int better = 0;
  for (size_t i = 0; i < ds.economies.size(); ++i) {
    if (static_cast<Id>(i) == e) continue;
    int n = 0;
    for (Id s : ds.sites_by_economy[i]) {
      SiteState st = scope.site_state(s);
      n += st.ai();
    }
    better += n > out.census.ai_regions;
  }
  out.rank_ai_regions = better + 1;

  for (Id s : ds.sites_by_economy[e]) {
    SiteState st = scope.site_state(s);
    if (!st.active) continue;
    const auto& site = ds.sites[s];
    ProfileRegion r;
    r.site_id = site.site_id;
    r.provider = ds.organisations[site.provider].org_id;
    r.operator_id = ds.organisations[site.op].org_id;
    r.operator_jurisdiction = scope.jurisdiction_key(ds.organisations[site.op].hq);
    r.name = site.name;
    r.city = site.city;
    r.kind = site_kind_name(site.kind);
    r.launched = site.launched.empty() ? "" : site.launched.str();
    r.launched_basis = launch_basis_name(site);
    r.dated_strict = site.active_on(day, model::Dating::kStrict);
    r.source_id = first_source(ds, site.sources);
    r.ai = st.ai();
    r.training = st.training;
    for (Id a : st.accels) {
      const auto& acc = ds.accelerators[a];
      ProfileAccelerator pa;
      pa.accel_id = acc.accel_id;
      pa.name = acc.name;
      pa.tier = model::tier_name(acc.tier);
      pa.designer = ds.organisations[acc.designer].org_id;
      pa.designer_jurisdiction = scope.jurisdiction_key(ds.organisations[acc.designer].hq);
      pa.fab_location = scope.jurisdiction_key(acc.fab);
      std::vector<std::string> srcs;
      for (Id o : ds.offerings_by_site[s]) {
        const auto& off = ds.offerings[o];
        if (off.accel != a || !off.active_on(day)) continue;
        if (off.price_usd_per_accel_hour &&
            (!pa.min_price_usd_per_hour ||
             *off.price_usd_per_accel_hour < *pa.min_price_usd_per_hour)) {
          pa.min_price_usd_per_hour = off.price_usd_per_accel_hour;
        }
        for (Id src : off.sources) srcs.push_back(ds.sources[src].source_id);
      }
      std::sort(srcs.begin(), srcs.end());
      srcs.erase(std::unique(srcs.begin(), srcs.end()), srcs.end());
      pa.source_id = core::join(srcs, ";");
      r.accelerators.push_back(std::move(pa));
    }
    out.regions.push_back(std::move(r));
  }
  std::sort(out.regions.begin(), out.regions.end(),
            [](const ProfileRegion& a, const ProfileRegion& b) {
              if (a.training != b.training) return a.training;
              if (a.ai != b.ai) return a.ai;
              return a.site_id < b.site_id;
            });

  for (Id fi : ds.facilities_by_economy[e]) {
    const auto& f = ds.facilities[fi];
    if (!f.operational_on(day) && !f.announced_by(day)) continue;
    ProfileFacility pf;
    pf.facility_id = f.facility_id;
    pf.name = f.name;
    pf.operator_id = f.op == kNone ? "" : ds.organisations[f.op].org_id;
    pf.operator_jurisdiction =
        scope.jurisdiction_key(f.op == kNone ? kNone : ds.organisations[f.op].hq);
    pf.status = f.operational_on(day) ? "operational" : status_name(f.status);
    if (!f.operational_on(day) && f.status == model::FacilityStatus::kOperational) {
      pf.status = "not_yet_operational";
    }
    pf.first_operational = f.first_operational.empty() ? "" : f.first_operational.str();
    pf.accel_id = f.accel == kNone ? "" : ds.accelerators[f.accel].accel_id;
    pf.source_id = first_source(ds, f.sources);
    pf.source_ref = f.source_ref;
    pf.h100e = f.h100e;
    pf.h100e_low = f.h100e_low;
    pf.h100e_high = f.h100e_high;
    pf.power_mw = f.power_mw;
    pf.investment_usd = f.investment_usd;
    pf.estimate = f.estimate;
    if (f.operational_on(day)) {
      const FacilityLoad load = facility_it_mw(ds, f, out.energy_params);
      if (load.mw > 0) pf.it_mw = load.mw;
      pf.it_mw_basis = load.basis;
    }
    out.facilities.push_back(std::move(pf));
  }
  std::sort(out.facilities.begin(), out.facilities.end(),
            [](const ProfileFacility& a, const ProfileFacility& b) {
              const double ha = a.h100e.value_or(-1), hb = b.h100e.value_or(-1);
              return ha != hb ? ha > hb : a.facility_id < b.facility_id;
            });
  return out;
}

}  // namespace aisov::census
