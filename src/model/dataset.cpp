#include "model/dataset.hpp"

#include <algorithm>

#include "core/strings.hpp"

namespace aisov::model {

bool Facility::operational_on(int day) const {
  if (status == FacilityStatus::kCancelled) return false;
  if (!decommissioned.empty() && decommissioned.first_day() <= day) return false;
  if (first_operational.empty()) return false;
  if (first_operational.first_day() > day) return false;
  // A row still marked planned/under construction with a past date is not counted: the
  // source has not confirmed it is running.
  return status == FacilityStatus::kOperational || status == FacilityStatus::kDecommissioned;
}

bool Facility::announced_by(int day) const {
  if (status == FacilityStatus::kCancelled) return false;
  if (!announced.empty()) return announced.first_day() <= day;
  if (!first_operational.empty()) return first_operational.first_day() <= day;
  return true;
}

bool Dataset::in_bloc(Id economy, Id bloc, int day) const {
  if (economy == kNone) return false;
  for (Id m : blocs_by_economy[economy]) {
    const auto& bm = bloc_members[m];
    if (bm.bloc == bloc && bm.active_on(day)) return true;
  }
  return false;
}

Id Dataset::power_bloc_of(Id economy, int day) const {
  if (economy == kNone) return kNone;
  for (Id m : blocs_by_economy[economy]) {
    const auto& bm = bloc_members[m];
    if (blocs[bm.bloc].kind == BlocKind::kPowerBloc && bm.active_on(day)) return bm.bloc;
  }
  return kNone;
}

Id Dataset::find_economy_by_name(const std::string& text) const {
  Id e = find_economy(text);
  if (e != kNone) return e;
  auto it = economy_names.find(core::name_key(text));
  return it == economy_names.end() ? kNone : it->second;
}

Id Dataset::find_org_by_name(const std::string& text) const {
  Id o = find_org(text);
  if (o != kNone) return o;
  auto it = org_names.find(core::name_key(text));
  return it == org_names.end() ? kNone : it->second;
}

std::vector<int> Dataset::citation_counts() const {
  std::vector<int> cited(sources.size(), 0);
  auto cite = [&](Id s) {
    if (s != kNone) ++cited[s];
  };
  auto cite_all = [&](const std::vector<Id>& v) {
    for (Id s : v) cite(s);
  };
  for (const auto& e : economies) {
    cite_all(e.sources);
  }
  for (const auto& s : sites) cite_all(s.sources);
  for (const auto& a : accelerators) cite_all(a.sources);
  for (const auto& o : offerings) cite_all(o.sources);
  for (const auto& f : facilities) cite_all(f.sources);
  for (const auto& c : import_corrections) cite_all(c.sources);
  for (const auto& o : organisations) cite(o.source);
  for (const auto& b : blocs) cite(b.source);
  for (const auto& m : bloc_members) cite(m.source);
  for (const auto& v : value_chain_elements) cite(v.source);
  for (const auto& r : fx_rates) cite(r.source);
  for (const auto& g : investment_global) cite(g.source);
  for (const auto& e : investment_economy) cite(e.source);
  for (const auto& p : programmes) cite_all(p.sources);
  cite_all(other_citations);
  return cited;
}

std::vector<Id> Dataset::providers() const {
  std::vector<Id> out;
  for (const auto& s : sites) out.push_back(s.provider);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Dataset::finalize() {
  auto index = [](auto& map, const auto& vec, auto key) {
    map.clear();
    for (size_t i = 0; i < vec.size(); ++i) map.emplace(key(vec[i]), static_cast<Id>(i));
  };
  index(source_index, sources, [](const Source& s) { return s.source_id; });
  index(economy_index, economies, [](const Economy& e) { return e.iso3; });
  index(bloc_index, blocs, [](const Bloc& b) { return b.bloc_id; });
  index(org_index, organisations, [](const Organisation& o) { return o.org_id; });
  index(site_index, sites, [](const Site& s) { return s.site_id; });
  index(accel_index, accelerators, [](const Accelerator& a) { return a.accel_id; });
  index(facility_index, facilities, [](const Facility& f) { return f.facility_id; });
  index(element_index, value_chain_elements,
        [](const ValueChainElement& v) { return v.element_id; });
  index(programme_index, programmes, [](const Programme& p) { return p.programme_id; });

  economy_names.clear();
  for (size_t i = 0; i < economies.size(); ++i) {
    const auto& e = economies[i];
    economy_names.emplace(core::name_key(e.iso3), static_cast<Id>(i));
    economy_names.emplace(core::name_key(e.name), static_cast<Id>(i));
    for (const auto& a : e.aliases) economy_names.emplace(core::name_key(a), static_cast<Id>(i));
  }
  org_names.clear();
  for (size_t i = 0; i < organisations.size(); ++i) {
    const auto& o = organisations[i];
    org_names.emplace(core::name_key(o.org_id), static_cast<Id>(i));
    org_names.emplace(core::name_key(o.name), static_cast<Id>(i));
    for (const auto& a : o.aliases) org_names.emplace(core::name_key(a), static_cast<Id>(i));
  }
  offerings_by_site.assign(sites.size(), {});
  for (size_t i = 0; i < offerings.size(); ++i) {
    offerings_by_site[offerings[i].site].push_back(static_cast<Id>(i));
  }
  sites_by_economy.assign(economies.size(), {});
  for (size_t i = 0; i < sites.size(); ++i) {
    sites_by_economy[sites[i].economy].push_back(static_cast<Id>(i));
  }
  facilities_by_economy.assign(economies.size(), {});
  for (size_t i = 0; i < facilities.size(); ++i) {
    facilities_by_economy[facilities[i].economy].push_back(static_cast<Id>(i));
  }
  members_by_bloc.assign(blocs.size(), {});
  blocs_by_economy.assign(economies.size(), {});
  for (size_t i = 0; i < bloc_members.size(); ++i) {
    members_by_bloc[bloc_members[i].bloc].push_back(static_cast<Id>(i));
    blocs_by_economy[bloc_members[i].economy].push_back(static_cast<Id>(i));
  }
}

}  // namespace aisov::model
