#include "placement/placement.hpp"

#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "census/census.hpp"
#include "census/energy.hpp"
#include "core/failure.hpp"
#include "core/strings.hpp"

namespace aisov::placement {

namespace {

int as_of_day(const model::Dataset& ds) {
  return ds.as_of.empty() ? core::days_from_civil(2024, 12, 31) : ds.as_of.last_day();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ISO3 codes or bloc ids → economy ids (bloc members on the as-of day).
std::set<model::Id> jurisdictions(const model::Dataset& ds, const std::vector<std::string>& codes,
                                  const std::string& what) {
  std::set<model::Id> out;
  const int day = as_of_day(ds);
  for (const auto& c : codes) {
    if (auto e = ds.find_economy(c); e != model::kNone) {
      out.insert(e);
    } else if (auto b = ds.find_bloc(c); b != model::kNone) {
      for (auto r : ds.members_by_bloc[b])
        if (ds.bloc_members[r].active_on(day)) out.insert(ds.bloc_members[r].economy);
    } else {
      throw core::Failure(ErrorCode::kNotFound, "unknown economy or bloc '" + c + "' in " + what +
                                                    " (expected ISO3 codes or bloc ids)");
    }
  }
  return out;
}

// "lat,lon" or the city of a site with coordinates (first by site id order).
std::pair<double, double> point(const model::Dataset& ds, const std::string& text,
                                const std::string& what) {
  const auto comma = text.find(',');
  if (comma != std::string::npos) {
    try {
      size_t a = 0, b = 0;
      const std::string ls = text.substr(0, comma), rs = text.substr(comma + 1);
      const double lat = std::stod(ls, &a), lon = std::stod(rs, &b);
      if (a == ls.size() && b == rs.size() && std::abs(lat) <= 90 && std::abs(lon) <= 180)
        return {lat, lon};
    } catch (const std::exception&) {
    }
    throw core::Failure(ErrorCode::kInvalidArgument,
                        what + ": '" + text + "' is not 'lat,lon' with |lat| ≤ 90, |lon| ≤ 180");
  }
  const std::string key = lower(text);
  for (const auto& s : ds.sites)
    if (s.lat && s.lon && lower(s.city) == key) return {*s.lat, *s.lon};
  throw core::Failure(ErrorCode::kNotFound, what + ": no city '" + text +
                                                "' among the dataset's sites (or give lat,lon)");
}

std::string names(const model::Dataset& ds, const std::set<model::Id>& ids) {
  std::vector<std::string> c;
  for (auto e : ids) c.push_back(ds.economies[e].iso3);
  if (c.size() > 8) return std::to_string(c.size()) + " economies";
  return core::join(c, ",");
}

}  // namespace

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  double s12 = 0;
  GeographicLib::Geodesic::WGS84().Inverse(lat1, lon1, lat2, lon2, s12);
  return s12 / 1000;
}

double rtt_ms(double d) { return 2 * d * kFibreRouteFactor / kFibreKmPerMs; }

std::string water_stress_level(double percent) {
  if (std::isnan(percent)) return "";
  return percent < 25    ? "none"
         : percent < 50  ? "low"
         : percent < 75  ? "medium"
         : percent < 100 ? "high"
                         : "critical";
}

SiteResult site(const model::Dataset& ds, const SiteRequest& req) {
  const int day = as_of_day(ds);
  const std::set<model::Id> scope = jurisdictions(ds, req.scope, "the scope");
  const std::set<model::Id> preferred = jurisdictions(ds, req.preferred, "--prefer");
  std::vector<std::pair<double, double>> demand;
  for (const auto& d : req.demand) demand.push_back(point(ds, d, "--demand"));
  // The workload (§14.6): an IT load in MW; without it there is no headroom criterion.
  if (req.it_mw && !(*req.it_mw >= 0 && *req.it_mw <= 1e6)) {
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "--mw (the workload's IT load) must be a number of MW from 0 to "
                        "1,000,000, got " +
                            core::format_number(*req.it_mw));
  }
  if (!(req.w_headroom >= 0 && req.w_headroom <= 1e6)) {
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "weights must be finite numbers from 0 to 1,000,000");
  }
  const bool workload = req.it_mw.has_value();
  const int nk = workload ? 7 : 6;  // criteria scored
  double w[7] = {req.w_power,   req.w_price,        req.w_carbon,  req.w_water,
                 req.w_latency, req.w_jurisdiction, req.w_headroom};
  if (demand.empty()) w[4] = 0;     // no demand centre: latency cannot be scored
  if (preferred.empty()) w[5] = 0;  // no preference: every jurisdiction would score 1
  if (!workload) w[6] = 0;          // no workload: nothing to compare with the grid
  double wsum = 0;
  for (double x : w) {
    if (!(x >= 0 && x <= 1e6)) {
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "weights must be finite numbers from 0 to 1,000,000");
    }
    wsum += x;
  }
  if (wsum <= 0) throw core::Failure(ErrorCode::kInvalidArgument, "all weights are zero");
  SiteResult r;
  for (int k = 0; k < 7; ++k) {
    w[k] /= wsum;
    if (k < nk) r.weights.push_back(w[k]);
  }
  r.it_mw = req.it_mw;
  r.energy_params = census::resolve_energy_params(ds);
  // The AI load each economy already hosts on the day (the census energy layer), computed once.
  std::map<model::Id, EnergyEstimate> hosted;
  // Candidate cities: active sites with coordinates, grouped by (economy, city).
  std::map<std::pair<model::Id, std::string>, SiteCandidate> cities;
  for (const auto& s : ds.sites) {
    if (!s.active_on(day) || !s.lat || !s.lon || s.economy == model::kNone) continue;
    if (!scope.empty() && !scope.count(s.economy)) continue;
    auto& c = cities[{s.economy, s.city}];
    if (c.regions == 0) {
      const auto& E = ds.economies[s.economy];
      c.city = s.city;
      c.iso3 = E.iso3;
      c.economy_name = E.name;
      c.lat = *s.lat;
      c.lon = *s.lon;
      c.grid_twh = E.electricity_twh.year ? E.electricity_twh.value : NAN;
      c.price_usd_per_mwh =
          E.electricity_price_usd_per_kwh.year ? E.electricity_price_usd_per_kwh.value * 1000 : NAN;
      c.carbon_g_per_kwh = E.carbon_gco2_per_kwh.year ? E.carbon_gco2_per_kwh.value : NAN;
      c.water_stress_pct = E.water_stress.year ? E.water_stress.value : NAN;
      c.water_stress_level = water_stress_level(c.water_stress_pct);
      c.preferred = preferred.count(s.economy) > 0;
      c.latency_ms = NAN;
      for (const auto& [la, lo] : demand) {
        const double t = rtt_ms(distance_km(la, lo, c.lat, c.lon));
        if (std::isnan(c.latency_ms) || t < c.latency_ms) c.latency_ms = t;
      }
      if (workload) {
        auto it = hosted.find(s.economy);
        if (it == hosted.end())
          it = hosted.emplace(s.economy, census::hosted_energy(ds, s.economy, day)).first;
        c.energy = census::new_load_energy(it->second, *req.it_mw, r.energy_params);
      }
    }
    ++c.regions;
  }
  std::vector<SiteCandidate> cand;
  for (auto& [k, c] : cities) cand.push_back(c);
  // Criterion values (higher = better after the sign), normalised min–max over candidates;
  // a missing value takes the median of the others.
  static const char* const kNames[7] = {"power",   "price",        "carbon",  "water",
                                        "latency", "jurisdiction", "headroom"};
  auto value = [](const SiteCandidate& c, int k) {
    switch (k) {
      case 0:
        return c.grid_twh > 0 ? std::log10(c.grid_twh) : (std::isnan(c.grid_twh) ? NAN : -3.0);
      case 1:
        return -c.price_usd_per_mwh;
      case 2:
        return -c.carbon_g_per_kwh;
      case 3:
        // SDG 6.4.2 spans 0 to several thousand per cent: compared on a log scale.
        return -std::log10(1 + c.water_stress_pct);
      case 4:
        return -c.latency_ms;
      case 5:
        return c.preferred ? 1.0 : 0.0;
      default:
        // Headroom: the share of generation the hosted and new load would take, lower better,
        // on a linear scale (§14.6); no generation figure → NaN (the median, listed missing).
        return c.energy && c.energy->headroom_share ? -*c.energy->headroom_share : NAN;
    }
  };
  for (auto& c : cand) c.parts.assign(nk, 0);
  for (int k = 0; k < nk; ++k) {
    std::vector<double> present;
    for (const auto& c : cand)
      if (!std::isnan(value(c, k))) present.push_back(value(c, k));
    std::sort(present.begin(), present.end());
    const double med = present.empty() ? 0
                       : present.size() % 2
                           ? present[present.size() / 2]
                           : 0.5 * (present[present.size() / 2 - 1] + present[present.size() / 2]);
    const double lo = present.empty() ? 0 : present.front();
    const double hi = present.empty() ? 0 : present.back();
    for (auto& c : cand) {
      double v = value(c, k);
      if (std::isnan(v)) {
        v = med;
        if (w[k] > 0) c.missing += std::string(c.missing.empty() ? "" : ",") + kNames[k];
      }
      c.parts[k] = hi > lo ? (v - lo) / (hi - lo) : 1.0;
    }
  }
  for (auto& c : cand) {
    c.score = 0;
    for (int k = 0; k < nk; ++k) c.score += w[k] * c.parts[k];
  }
  std::sort(cand.begin(), cand.end(), [](const SiteCandidate& a, const SiteCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.iso3 != b.iso3) return a.iso3 < b.iso3;
    return a.city < b.city;
  });
  if (req.limit > 0 && static_cast<int>(cand.size()) > req.limit) cand.resize(req.limit);
  for (size_t i = 0; i < cand.size(); ++i) cand[i].rank = static_cast<int>(i) + 1;
  r.candidates = std::move(cand);
  return r;
}

PlaceResult place(const model::Dataset& ds, const PlaceRequest& req) {
  const int day = as_of_day(ds);
  if (req.count < 1) throw core::Failure(ErrorCode::kInvalidArgument, "--count must be ≥ 1");
  if (!(req.hours > 0)) throw core::Failure(ErrorCode::kInvalidArgument, "--hours must be > 0");
  const std::string acc = req.accelerator.empty() ? "any" : req.accelerator;
  const bool by_class = acc == "training" || acc == "inference" || acc == "any";
  if (!by_class && ds.find_accel(acc) == model::kNone)
    throw core::Failure(ErrorCode::kNotFound, "unknown accelerator '" + acc +
                                                  "' (an accel_id, training, inference or any)");
  if (req.sort != "price" && req.sort != "latency" && req.sort != "carbon")
    throw core::Failure(ErrorCode::kInvalidArgument, "--sort must be price, latency or carbon");
  const auto territory = jurisdictions(ds, req.territory, "--territory");
  const auto operators = jurisdictions(ds, req.operators, "--operators");
  const auto designers = jurisdictions(ds, req.designers, "--designers");
  std::set<model::Id> residency;
  if (!req.residency.empty()) residency = jurisdictions(ds, {req.residency}, "--residency");
  std::optional<std::pair<double, double>> from;
  if (!req.from.empty()) from = point(ds, req.from, "--from");

  // One row per (site, accelerator): the cheapest active offering.
  std::map<std::pair<model::Id, model::Id>, std::optional<double>> best;
  for (const auto& o : ds.offerings) {
    if (!o.active_on(day) || !ds.sites[o.site].active_on(day)) continue;
    const auto& a = ds.accelerators[o.accel];
    if (!by_class && a.accel_id != acc) continue;
    if (acc == "training" && a.tier != model::Tier::kTraining) continue;
    if (acc == "inference" && a.tier != model::Tier::kInference) continue;
    auto [it, fresh] = best.try_emplace({o.site, o.accel}, o.price_usd_per_accel_hour);
    if (!fresh && o.price_usd_per_accel_hour &&
        (!it->second || *o.price_usd_per_accel_hour < *it->second))
      it->second = o.price_usd_per_accel_hour;
  }
  PlaceResult r;
  auto hq = [&](model::Id org) {
    return org == model::kNone ? model::kNone : ds.organisations[org].hq;
  };
  for (const auto& [key, price] : best) {
    const auto& s = ds.sites[key.first];
    const auto& a = ds.accelerators[key.second];
    PlaceRow row;
    row.site_id = s.site_id;
    row.provider = s.provider != model::kNone ? ds.organisations[s.provider].org_id : "";
    row.city = s.city;
    row.iso3 = s.economy != model::kNone ? ds.economies[s.economy].iso3 : "";
    row.accel_id = a.accel_id;
    const auto oj = hq(s.op != model::kNone ? s.op : s.provider);
    const auto dj = hq(a.designer);
    row.operator_jurisdiction = oj != model::kNone ? ds.economies[oj].iso3 : "";
    row.designer_jurisdiction = dj != model::kNone ? ds.economies[dj].iso3 : "";
    row.price_usd_per_accel_hour = price;
    if (price) row.cost_usd = *price * req.count * req.hours;
    if (from && s.lat && s.lon)
      row.latency_ms = rtt_ms(distance_km(from->first, from->second, *s.lat, *s.lon));
    if (s.economy != model::kNone && ds.economies[s.economy].carbon_gco2_per_kwh.year)
      row.carbon_g_per_kwh = ds.economies[s.economy].carbon_gco2_per_kwh.value;
    // The rules, in order; the first that fails names the exclusion.
    if (!territory.empty() && !territory.count(s.economy))
      row.excluded_by = "territory: " + (row.iso3.empty() ? "unknown" : row.iso3) +
                        " not in allowed " + names(ds, territory);
    else if (!residency.empty() && !residency.count(s.economy))
      row.excluded_by = "data residency: " + (row.iso3.empty() ? "unknown" : row.iso3) +
                        " outside " + req.residency;
    else if (!operators.empty() && !operators.count(oj))
      row.excluded_by =
          "operator: jurisdiction " +
          (row.operator_jurisdiction.empty() ? "unknown" : row.operator_jurisdiction) +
          " not in allowed " + names(ds, operators);
    else if (!designers.empty() && !designers.count(dj))
      row.excluded_by =
          "chip designer: jurisdiction " +
          (row.designer_jurisdiction.empty() ? "unknown" : row.designer_jurisdiction) +
          " not in allowed " + names(ds, designers);
    (row.excluded_by.empty() ? r.eligible : r.excluded).push_back(row);
  }
  // Ranking: the chosen key ascending, rows without it last; ties by price, then site id.
  auto key = [&](const PlaceRow& p) -> std::optional<double> {
    if (req.sort == "latency") return p.latency_ms;
    if (req.sort == "carbon") return p.carbon_g_per_kwh;
    return p.price_usd_per_accel_hour;
  };
  std::sort(r.eligible.begin(), r.eligible.end(), [&](const PlaceRow& a, const PlaceRow& b) {
    const auto ka = key(a), kb = key(b);
    if (ka.has_value() != kb.has_value()) return ka.has_value();
    if (ka && *ka != *kb) return *ka < *kb;
    const auto pa = a.price_usd_per_accel_hour, pb = b.price_usd_per_accel_hour;
    if (pa.has_value() != pb.has_value()) return pa.has_value();
    if (pa && *pa != *pb) return *pa < *pb;
    return a.site_id != b.site_id ? a.site_id < b.site_id : a.accel_id < b.accel_id;
  });
  if (!req.show_excluded) r.excluded.clear();
  return r;
}

}  // namespace aisov::placement
