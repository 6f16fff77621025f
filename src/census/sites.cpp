#include <algorithm>

#include "census/census.hpp"
#include "census/territory.hpp"
#include "core/strings.hpp"

namespace aisov::census {

using model::Id;

SitesResult run_sites(const model::Dataset& ds, const SitesRequest& req) {
  const int day = resolve_as_of(ds, req.as_of);
  const std::vector<Id> providers = resolve_providers(ds, req.providers);
  const auto kinds = resolve_site_kinds(req.site_kinds);
  // The weight does not matter here: only site states are read.
  Scope scope(ds, day, providers, kinds, CensusWeight::kRegions, CensusParams{});
  Scope strict(ds, day, providers, kinds, CensusWeight::kRegions, CensusParams{},
               model::Dating::kStrict);
  SitesResult out;
  out.meta = make_meta(ds, day, providers, kinds, "", "");
  for (size_t i = 0; i < ds.sites.size(); ++i) {
    const SiteState st = scope.site_state(static_cast<Id>(i));
    if (!st.active) continue;
    const auto& site = ds.sites[i];
    SiteRow r;
    r.site_id = site.site_id;
    r.provider = ds.organisations[site.provider].org_id;
    r.operator_id = ds.organisations[site.op].org_id;
    r.operator_jurisdiction = scope.jurisdiction_key(ds.organisations[site.op].hq);
    r.name = site.name;
    r.city = site.city;
    r.iso3 = ds.economies[site.economy].iso3;
    r.kind = site_kind_name(site.kind);
    r.lat = site.lat;
    r.lon = site.lon;
    r.ai = st.ai();
    r.training = st.training;
    r.launched = site.launched.empty() ? "" : site.launched.str();
    r.launched_basis = launch_basis_name(site);
    r.dated_strict = site.active_on(day, model::Dating::kStrict);
    r.ai_strict = strict.site_state(static_cast<Id>(i)).ai();
    std::vector<std::string> srcs;
    for (Id s : site.sources) srcs.push_back(ds.sources[s].source_id);
    r.source_id = core::join(srcs, ";");
    out.sites.push_back(std::move(r));
  }
  std::sort(out.sites.begin(), out.sites.end(), [](const SiteRow& a, const SiteRow& b) {
    return a.iso3 != b.iso3 ? a.iso3 < b.iso3 : a.site_id < b.site_id;
  });
  return out;
}

}  // namespace aisov::census
