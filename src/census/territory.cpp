#include "census/territory.hpp"

#include <algorithm>
#include <set>

#include "census/energy.hpp"

namespace aisov::census {

using model::Dataset;
using model::Id;
using model::kNone;

LayerShares finish_layer(const std::map<std::string, double>& weights) {
  LayerShares l;
  for (const auto& [k, w] : weights) {
    if (w > 0) l.total += w;
  }
  for (const auto& [k, w] : weights) {
    if (w <= 0) continue;
    const double share = w / l.total;
    l.shares.push_back({k, w, share});
    l.hhi += share * share;
  }
  std::sort(l.shares.begin(), l.shares.end(), [](const Share& a, const Share& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.key < b.key;
  });
  return l;
}

Scope::Scope(const Dataset& ds, int day, const std::vector<Id>& providers,
             const std::vector<model::SiteKind>& kinds, CensusWeight weight,
             const CensusParams& params, model::Dating dating)
    : ds_(ds),
      day_(day),
      selected_(ds.organisations.size(), 0),
      providers_(providers),
      kinds_(kinds),
      weight_(weight),
      params_(params),
      dating_(dating),
      energy_(resolve_energy_params(ds)) {
  for (Id p : providers) selected_[p] = 1;
}

std::string Scope::jurisdiction_key(Id economy) const {
  return economy == kNone ? "unknown" : ds_.economies[economy].iso3;
}

std::string Scope::power_bloc_key(Id economy) const {
  if (economy == kNone) return "unknown";
  Id b = ds_.power_bloc_of(economy, day_);
  return b == kNone ? ds_.economies[economy].iso3 : ds_.blocs[b].bloc_id;
}

SiteState Scope::site_state(Id site) const {
  SiteState st;
  const auto& s = ds_.sites[site];
  if (!selected_[s.provider] || !s.active_on(day_, dating_)) return st;
  if (std::find(kinds_.begin(), kinds_.end(), s.kind) == kinds_.end()) return st;
  st.active = true;
  for (Id o : ds_.offerings_by_site[site]) {
    const auto& off = ds_.offerings[o];
    if (!off.active_on(day_, dating_)) continue;
    if (std::find(st.accels.begin(), st.accels.end(), off.accel) == st.accels.end()) {
      st.accels.push_back(off.accel);
      st.training = st.training || ds_.accelerators[off.accel].tier == model::Tier::kTraining;
    }
  }
  std::sort(st.accels.begin(), st.accels.end());
  return st;
}

CensusRow Scope::territory_row(const std::vector<Id>& economies,
                               const std::function<bool(Id)>& is_domestic) const {
  CensusRow row;
  std::map<std::string, double> op, op_bloc, designer, fab;
  EnergyEstimate& en = row.energy;
  std::vector<double> member_mw;
  // The energy layer's operator split (§15): domestic, foreign or unknown, by IT load.
  auto add_energy_operator = [&](Id op_economy, double mw) {
    if (op_economy == kNone) {
      en.unknown_mw += mw;
    } else if (is_domestic(op_economy)) {
      en.domestic_mw += mw;
    } else {
      en.foreign_mw += mw;
    }
  };
  auto add_operator = [&](Id op_economy, double w) {
    op[jurisdiction_key(op_economy)] += w;
    op_bloc[op_economy != kNone && is_domestic(op_economy) ? "domestic"
                                                           : power_bloc_key(op_economy)] += w;
  };
  auto add_chip = [&](Id accel, double w) {
    if (accel == kNone) {
      designer["unknown"] += w;
      fab["unknown"] += w;
      return;
    }
    const auto& a = ds_.accelerators[accel];
    designer[jurisdiction_key(ds_.organisations[a.designer].hq)] += w;
    fab[jurisdiction_key(a.fab)] += w;
  };
  for (Id e : economies) {
    const double mw_before = en.it_mw;
    for (Id s : ds_.sites_by_economy[e]) {
      SiteState st = site_state(s);
      if (!st.active) continue;
      ++row.regions;
      if (!st.ai()) continue;
      ++row.ai_regions;
      row.training_regions += st.training;
      const Id op_hq = ds_.organisations[ds_.sites[s].op].hq;
      double site_mw = 0;
      for (Id a : st.accels) {
        const double mw = region_accel_it_mw(ds_.accelerators[a], energy_);
        site_mw += mw;
        if (weight_ == CensusWeight::kEnergy && mw > 0) add_chip(a, mw);
      }
      en.it_mw_regions += site_mw;
      add_energy_operator(op_hq, site_mw);
      if (weight_ == CensusWeight::kEnergy) {
        if (site_mw > 0) add_operator(op_hq, site_mw);
        continue;
      }
      if (weight_ != CensusWeight::kRegions) continue;
      add_operator(op_hq, 1.0);
      const double w = 1.0 / static_cast<double>(st.accels.size());
      for (Id a : st.accels) add_chip(a, w);
    }
    for (Id fi : ds_.facilities_by_economy[e]) {
      const auto& f = ds_.facilities[fi];
      const bool operational = f.operational_on(day_);
      double facility_mw = 0;
      if (operational) {
        ++row.facilities;
        const double h = f.h100e.value_or(0);
        row.h100e += h;
        row.h100e_low += f.h100e_low.value_or(h);
        row.h100e_high += f.h100e_high.value_or(h);
        row.power_mw += f.power_mw.value_or(0);
        const FacilityLoad load = facility_it_mw(ds_, f, energy_);
        facility_mw = load.mw;
        if (load.mw <= 0) ++en.facilities_without_power;
        en.it_mw_facilities += load.mw;
        en.it_mw_low += load.low;
        en.it_mw_high += load.high;
        add_energy_operator(f.op == kNone ? kNone : ds_.organisations[f.op].hq, load.mw);
      }
      if (f.announced_by(day_)) row.investment_usd += f.investment_usd.value_or(0);
      double w = 0;
      switch (weight_) {
        case CensusWeight::kRegions:
          break;
        case CensusWeight::kH100e:
          w = operational ? f.h100e.value_or(0) : 0;
          break;
        case CensusWeight::kMw:
          w = operational ? f.power_mw.value_or(0) : 0;
          break;
        case CensusWeight::kInvestment:
          w = f.announced_by(day_) ? f.investment_usd.value_or(0) : 0;
          break;
        case CensusWeight::kEnergy:
          w = facility_mw;
          break;
      }
      if (w <= 0) continue;
      add_operator(f.op == kNone ? kNone : ds_.organisations[f.op].hq, w);
      add_chip(f.accel, w);
    }
    en.it_mw = en.it_mw_regions + en.it_mw_facilities;
    member_mw.push_back(en.it_mw - mw_before);
  }
  // Regions have no range of their own (a convention), so they add to both ends.
  en.it_mw_low += en.it_mw_regions;
  en.it_mw_high += en.it_mw_regions;
  finish_energy(ds_, economies, member_mw, energy_, en);
  row.operator_jurisdiction = finish_layer(op);
  row.operator_bloc = finish_layer(op_bloc);
  row.designer_jurisdiction = finish_layer(designer);
  row.fab_location = finish_layer(fab);

  // Classifications (docs/methodology.md §Classifications).
  row.compute_class = row.training_regions >= params_.north_min_training_regions ? "north"
                      : row.ai_regions >= params_.south_min_ai_regions           ? "south"
                                                                                 : "desert";
  // The domestic share is over all weight; the strategy looks only at weight whose operator
  // jurisdiction is known, so missing data cannot make an economy look "aligning".
  double domestic = 0, known = 0;
  std::map<std::string, double> foreign;
  for (const auto& s : row.operator_bloc.shares) {
    if (s.key == "unknown") continue;
    known += s.weight;
    if (s.key == "domestic") {
      domestic = s.weight;
    } else {
      foreign[s.key] += s.weight;
    }
  }
  const double total = row.operator_bloc.total;
  row.domestic_share = total > 0 ? domestic / total : 0;
  if (total <= 0) {
    row.strategy = "none";
  } else if (known <= 0) {
    row.strategy = "unknown";
  } else if (domestic / known >= params_.domestic_min_share) {
    row.strategy = "domestic";
  } else {
    LayerShares f = finish_layer(foreign);
    // A tolerance keeps a share computed as 0.9999999999 equal to 1.
    if (!f.shares.empty() && f.shares[0].share >= params_.aligning_min_bloc_share - 1e-12) {
      row.strategy = "aligning";
      row.aligned_to = f.shares[0].key;
    } else {
      row.strategy = "hedging";
    }
  }
  return row;
}

CensusRow Scope::economy_row(Id economy) const {
  CensusRow row = territory_row({economy}, [economy](Id e) { return e == economy; });
  row.code = ds_.economies[economy].iso3;
  row.name = ds_.economies[economy].name;
  return row;
}

CensusRow Scope::bloc_row(Id bloc) const {
  std::vector<Id> members;
  for (Id m : ds_.members_by_bloc[bloc]) {
    const auto& bm = ds_.bloc_members[m];
    if (bm.active_on(day_)) members.push_back(bm.economy);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  CensusRow row = territory_row(members, [&](Id e) { return ds_.in_bloc(e, bloc, day_); });
  row.code = ds_.blocs[bloc].bloc_id;
  row.name = ds_.blocs[bloc].name;
  row.countries = static_cast<int>(members.size());
  return row;
}

void Scope::provider_fill(CensusRow& row, const std::vector<Id>& providers, Id home) const {
  std::set<Id> countries, countries_ai;
  std::map<std::string, double> designer, fab;
  for (size_t s = 0; s < ds_.sites.size(); ++s) {
    const auto& site = ds_.sites[s];
    if (std::find(providers.begin(), providers.end(), site.provider) == providers.end()) continue;
    SiteState st = site_state(static_cast<Id>(s));
    if (!st.active) continue;
    ++row.regions;
    countries.insert(site.economy);
    if (!st.ai()) continue;
    ++row.ai_regions;
    row.training_regions += st.training;
    countries_ai.insert(site.economy);
    if (site.economy != home) ++row.ai_regions_abroad;
    const double w = 1.0 / static_cast<double>(st.accels.size());
    for (Id a : st.accels) {
      const auto& acc = ds_.accelerators[a];
      designer[jurisdiction_key(ds_.organisations[acc.designer].hq)] += w;
      fab[jurisdiction_key(acc.fab)] += w;
    }
  }
  row.countries = static_cast<int>(countries.size());
  row.countries_with_ai = static_cast<int>(countries_ai.size());
  row.designer_jurisdiction = finish_layer(designer);
  row.fab_location = finish_layer(fab);
  row.home = jurisdiction_key(home);
}

std::vector<CensusRow> Scope::provider_rows() const {
  std::vector<CensusRow> rows;
  for (Id p : providers_) {
    CensusRow row;
    const auto& org = ds_.organisations[p];
    row.code = org.org_id;
    row.name = org.name;
    provider_fill(row, {p}, org.hq);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CensusRow> Scope::provider_jurisdiction_rows() const {
  std::map<Id, std::vector<Id>> by_home;
  for (Id p : providers_) by_home[ds_.organisations[p].hq].push_back(p);
  std::vector<CensusRow> rows;
  for (const auto& [home, provs] : by_home) {
    CensusRow row;
    row.code = jurisdiction_key(home);
    row.name = home == kNone ? "unknown" : ds_.economies[home].name;
    provider_fill(row, provs, home);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace aisov::census
