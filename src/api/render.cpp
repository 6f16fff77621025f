// JSON, CSV and text renderings of every public result. The CLI and the HTTP server both
// print these bytes.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aisov/engine.hpp"
#include "api/text.hpp"
#include "core/json_out.hpp"
#include "core/strings.hpp"
#include "io/csv.hpp"

namespace aisov {

using json = nlohmann::ordered_json;

namespace {

using api::fixed;
using api::num;
using api::text_table;

json meta_json(const ResultMeta& m) {
  json j;
  j["engine_version"] = m.engine_version;
  j["dataset_version"] = m.dataset_version;
  j["as_of"] = m.as_of;
  if (!m.by.empty()) j["by"] = m.by;
  if (!m.weight.empty()) j["weight"] = m.weight;
  j["providers"] = m.providers;
  j["site_kinds"] = m.site_kinds;
  return j;
}

json params_json(const CensusParams& p) {
  return json{{"north_min_training_regions", p.north_min_training_regions},
              {"south_min_ai_regions", p.south_min_ai_regions},
              {"domestic_min_share", p.domestic_min_share},
              {"aligning_min_bloc_share", p.aligning_min_bloc_share}};
}

json opt_num(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json energy_params_json(const EnergyParams& p) {
  json origins = json::object();
  for (const auto& [k, v] : p.origins) origins[k] = v;
  return json{{"it_kw_per_h100e", p.it_kw_per_h100e},
              {"facility_power_pue", p.facility_power_pue},
              {"region_chips_training", p.region_chips_training},
              {"region_chips_inference", p.region_chips_inference},
              {"pue", p.pue},
              {"pue_low", p.pue_low},
              {"pue_high", p.pue_high},
              {"utilisation", p.utilisation},
              {"utilisation_low", p.utilisation_low},
              {"utilisation_high", p.utilisation_high},
              {"hours_per_year", 8760},
              {"origins", origins},
              {"source_ids", p.sources}};
}

// The energy layer of a territorial row or the world (docs/methodology.md §15); null = no data.
json energy_json(const EnergyEstimate& e) {
  json j{{"it_mw", e.it_mw},
         {"it_mw_low", e.it_mw_low},
         {"it_mw_high", e.it_mw_high},
         {"it_mw_regions", e.it_mw_regions},
         {"it_mw_facilities", e.it_mw_facilities},
         {"twh", e.twh},
         {"twh_low", e.twh_low},
         {"twh_high", e.twh_high},
         {"generation_twh", opt_num(e.generation_twh)},
         {"generation_year", e.generation_year > 0 ? json(e.generation_year) : json(nullptr)},
         {"share_of_generation", opt_num(e.share_of_generation)},
         {"share_of_generation_low", opt_num(e.share_of_generation_low)},
         {"share_of_generation_high", opt_num(e.share_of_generation_high)},
         {"carbon_gco2_per_kwh", opt_num(e.carbon_gco2_per_kwh)},
         {"carbon_year", e.carbon_year > 0 ? json(e.carbon_year) : json(nullptr)},
         {"co2_t", opt_num(e.co2_t)},
         {"co2_t_low", opt_num(e.co2_t_low)},
         {"co2_t_high", opt_num(e.co2_t_high)},
         {"domestic_mw", e.domestic_mw},
         {"foreign_mw", e.foreign_mw},
         {"unknown_mw", e.unknown_mw},
         {"foreign_share", opt_num(e.foreign_share)},
         {"facilities_without_power", e.facilities_without_power}};
  if (!e.members_without_generation.empty())
    j["members_without_generation"] = e.members_without_generation;
  if (!e.members_without_carbon.empty()) j["members_without_carbon"] = e.members_without_carbon;
  return j;
}

json layer_json(const LayerShares& l) {
  json shares = json::array();
  for (const auto& s : l.shares)
    shares.push_back({{"key", s.key}, {"weight", s.weight}, {"share", s.share}});
  return json{{"total", l.total}, {"hhi", l.hhi}, {"shares", shares}};
}

json count_map(const std::vector<Share>& v) {
  json j = json::object();
  for (const auto& s : v) j[s.key] = static_cast<long long>(s.weight);
  return j;
}

bool provider_kind(const std::string& by) {
  return by == "provider" || by == "provider-jurisdiction";
}

json row_json(const CensusRow& r, const std::string& by) {
  json j;
  j["code"] = r.code;
  j["name"] = r.name;
  if (provider_kind(by)) {
    j["home"] = r.home;
    j["regions"] = r.regions;
    j["ai_regions"] = r.ai_regions;
    j["training_regions"] = r.training_regions;
    j["countries"] = r.countries;
    j["countries_with_ai"] = r.countries_with_ai;
    j["ai_regions_abroad"] = r.ai_regions_abroad;
    j["regions_strict"] = r.regions_strict;
    j["ai_regions_strict"] = r.ai_regions_strict;
    j["training_regions_strict"] = r.training_regions_strict;
    j["countries_with_ai_strict"] = r.countries_with_ai_strict;
    j["ai_regions_abroad_strict"] = r.ai_regions_abroad_strict;
    j["designer_jurisdiction"] = layer_json(r.designer_jurisdiction);
    j["fab_location"] = layer_json(r.fab_location);
    return j;
  }
  if (by == "bloc") j["members"] = r.countries;
  j["regions"] = r.regions;
  j["ai_regions"] = r.ai_regions;
  j["training_regions"] = r.training_regions;
  j["regions_strict"] = r.regions_strict;
  j["ai_regions_strict"] = r.ai_regions_strict;
  j["training_regions_strict"] = r.training_regions_strict;
  j["facilities"] = r.facilities;
  j["h100e"] = r.h100e;
  j["h100e_low"] = r.h100e_low;
  j["h100e_high"] = r.h100e_high;
  j["power_mw"] = r.power_mw;
  j["investment_usd"] = r.investment_usd;
  j["compute_class"] = r.compute_class;
  j["strategy"] = r.strategy;
  j["aligned_to"] = r.aligned_to.empty() ? json(nullptr) : json(r.aligned_to);
  j["domestic_share"] = r.domestic_share;
  j["operator_jurisdiction"] = layer_json(r.operator_jurisdiction);
  j["operator_bloc"] = layer_json(r.operator_bloc);
  j["designer_jurisdiction"] = layer_json(r.designer_jurisdiction);
  j["fab_location"] = layer_json(r.fab_location);
  j["energy"] = energy_json(r.energy);
  return j;
}

// "a–b" when the strict and lenient counts differ, else the one number.
std::string count_range(int strict, int lenient) {
  if (strict == lenient) return std::to_string(lenient);
  return std::to_string(strict) + "\u2013" + std::to_string(lenient);
}

std::string top_key(const LayerShares& l) { return l.shares.empty() ? "" : l.shares[0].key; }
std::string top_share(const LayerShares& l) {
  return l.shares.empty() ? "" : num(l.shares[0].share);
}

std::string opt(const std::optional<double>& v) { return v ? num(*v) : ""; }
json opt_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// A share as a percentage with enough digits for small values (0.0123 % rather than 0.0 %).
std::string pct(double share) {
  const double p = share * 100;
  return fixed(p, p != 0 && p < 0.1 ? 3 : p < 10 ? 2 : 1) + "%";
}

// Tonnes as t, kt or Mt.
std::string tonnes(double t) {
  if (t >= 1e6) return fixed(t / 1e6, 2) + " Mt";
  if (t >= 1e3) return fixed(t / 1e3, 1) + " kt";
  return fixed(t, 0) + " t";
}

std::string energy_cell(const EnergyEstimate& e) {
  return e.it_mw > 0 ? fixed(e.twh, e.twh < 1 ? 3 : 1) : "0";
}

}  // namespace

std::string render(const CensusResult& res, Format format) {
  const std::string& by = res.meta.by;
  if (format == Format::kJson) {
    json j;
    j["meta"] = meta_json(res.meta);
    j["parameters"] = params_json(res.params);
    const auto& t = res.totals;
    j["totals"] = {
        {"regions", t.regions},
        {"ai_regions", t.ai_regions},
        {"training_regions", t.training_regions},
        {"countries_with_regions", t.countries_with_regions},
        {"countries_with_ai", t.countries_with_ai},
        {"countries_training", t.countries_training},
        {"facilities", t.facilities},
        {"h100e", t.h100e},
        {"power_mw", t.power_mw},
        {"by_provider_jurisdiction", count_map(t.by_provider_jurisdiction)},
        {"by_provider_power_bloc", count_map(t.by_provider_power_bloc)},
        {"abroad_by_provider_jurisdiction", count_map(t.abroad_by_provider_jurisdiction)},
        {"regions_strict", t.regions_strict},
        {"ai_regions_strict", t.ai_regions_strict},
        {"training_regions_strict", t.training_regions_strict},
        {"countries_with_regions_strict", t.countries_with_regions_strict},
        {"countries_with_ai_strict", t.countries_with_ai_strict},
        {"countries_training_strict", t.countries_training_strict},
        {"by_provider_jurisdiction_strict", count_map(t.by_provider_jurisdiction_strict)},
        {"abroad_by_provider_jurisdiction_strict",
         count_map(t.abroad_by_provider_jurisdiction_strict)}};
    j["totals"]["energy"] = energy_json(t.energy);
    j["totals"]["energy"]["twh_without_generation"] = t.twh_without_generation;
    j["totals"]["energy"]["twh_without_carbon"] = t.twh_without_carbon;
    j["energy_parameters"] = energy_params_json(res.energy_params);
    json rows = json::array();
    for (const auto& r : res.rows) rows.push_back(row_json(r, by));
    j["rows"] = std::move(rows);
    return core::json_text(j);
  }
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;
  if (provider_kind(by)) {
    header = {"code",
              "name",
              "home",
              "regions",
              "ai_regions",
              "training_regions",
              "countries",
              "countries_with_ai",
              "ai_regions_abroad",
              "top_designer_jurisdiction",
              "top_designer_share",
              "designer_hhi"};
    numeric = {false, false, false, true, true, true, true, true, true, false, true, true};
    const bool csv = format == Format::kCsv;
    if (csv) {
      for (const char* c : {"regions_strict", "ai_regions_strict", "training_regions_strict",
                            "countries_with_ai_strict", "ai_regions_abroad_strict"}) {
        header.push_back(c);
      }
    }
    for (const auto& r : res.rows) {
      // The table shows each count as its strict–lenient range; CSV has both columns.
      auto count = [csv](int lenient, int strict) {
        return csv ? std::to_string(lenient) : count_range(strict, lenient);
      };
      rows.push_back(
          {r.code, r.name, r.home, count(r.regions, r.regions_strict),
           count(r.ai_regions, r.ai_regions_strict),
           count(r.training_regions, r.training_regions_strict), std::to_string(r.countries),
           count(r.countries_with_ai, r.countries_with_ai_strict),
           count(r.ai_regions_abroad, r.ai_regions_abroad_strict), top_key(r.designer_jurisdiction),
           top_share(r.designer_jurisdiction), num(r.designer_jurisdiction.hhi)});
      if (csv) {
        for (int v : {r.regions_strict, r.ai_regions_strict, r.training_regions_strict,
                      r.countries_with_ai_strict, r.ai_regions_abroad_strict}) {
          rows.back().push_back(std::to_string(v));
        }
      }
    }
  } else if (format == Format::kCsv) {
    header = {"code",
              "name",
              "regions",
              "ai_regions",
              "training_regions",
              "facilities",
              "h100e",
              "h100e_low",
              "h100e_high",
              "power_mw",
              "investment_usd",
              "compute_class",
              "strategy",
              "aligned_to",
              "domestic_share",
              "top_operator_jurisdiction",
              "top_operator_share",
              "operator_hhi",
              "top_designer_jurisdiction",
              "top_designer_share",
              "designer_hhi",
              "top_fab_location",
              "top_fab_share",
              "fab_hhi",
              "regions_strict",
              "ai_regions_strict",
              "training_regions_strict",
              "energy_it_mw",
              "energy_it_mw_low",
              "energy_it_mw_high",
              "energy_twh",
              "energy_twh_low",
              "energy_twh_high",
              "share_of_generation",
              "share_of_generation_low",
              "share_of_generation_high",
              "co2_t",
              "co2_t_low",
              "co2_t_high",
              "energy_foreign_share"};
    for (const auto& r : res.rows) {
      const auto& e = r.energy;
      rows.push_back({r.code,
                      r.name,
                      std::to_string(r.regions),
                      std::to_string(r.ai_regions),
                      std::to_string(r.training_regions),
                      std::to_string(r.facilities),
                      num(r.h100e),
                      num(r.h100e_low),
                      num(r.h100e_high),
                      num(r.power_mw),
                      num(r.investment_usd),
                      r.compute_class,
                      r.strategy,
                      r.aligned_to,
                      num(r.domestic_share),
                      top_key(r.operator_jurisdiction),
                      top_share(r.operator_jurisdiction),
                      num(r.operator_jurisdiction.hhi),
                      top_key(r.designer_jurisdiction),
                      top_share(r.designer_jurisdiction),
                      num(r.designer_jurisdiction.hhi),
                      top_key(r.fab_location),
                      top_share(r.fab_location),
                      num(r.fab_location.hhi),
                      std::to_string(r.regions_strict),
                      std::to_string(r.ai_regions_strict),
                      std::to_string(r.training_regions_strict),
                      num(e.it_mw),
                      num(e.it_mw_low),
                      num(e.it_mw_high),
                      num(e.twh),
                      num(e.twh_low),
                      num(e.twh_high),
                      opt(e.share_of_generation),
                      opt(e.share_of_generation_low),
                      opt(e.share_of_generation_high),
                      opt(e.co2_t),
                      opt(e.co2_t_low),
                      opt(e.co2_t_high),
                      opt(e.foreign_share)});
    }
  } else {
    header = {"code",     "name",         "regions",      "ai",     "training",
              "h100e",    "MW",           "AI TWh/yr",    "class",  "strategy",
              "domestic", "top operator", "top designer", "top fab"};
    numeric = {false, false, true,  true, true,  true,  true,
               true,  false, false, true, false, false, false};
    int hidden = 0;
    for (const auto& r : res.rows) {
      if (by == "economy" && r.regions == 0 && r.facilities == 0) {
        ++hidden;
        continue;
      }
      auto top = [](const LayerShares& l) {
        return l.shares.empty() ? std::string("-")
                                : l.shares[0].key + " " + fixed(l.shares[0].share * 100, 0) + "%";
      };
      std::string strategy = r.strategy + (r.aligned_to.empty() ? "" : ":" + r.aligned_to);
      rows.push_back({r.code, r.name, count_range(r.regions_strict, r.regions),
                      count_range(r.ai_regions_strict, r.ai_regions),
                      count_range(r.training_regions_strict, r.training_regions), fixed(r.h100e, 0),
                      fixed(r.power_mw, 0), energy_cell(r.energy), r.compute_class, strategy,
                      fixed(r.domestic_share * 100, 0) + "%", top(r.operator_jurisdiction),
                      top(r.designer_jurisdiction), top(r.fab_location)});
    }
    const auto& t = res.totals;
    std::string out = "aisov census as of " + res.meta.as_of + " (dataset " +
                      res.meta.dataset_version + ", weight " + res.meta.weight + ", " +
                      std::to_string(res.meta.providers.size()) + " providers)\n\n";
    out += text_table(header, rows, numeric);
    if (hidden) {
      out += "\n" + std::to_string(hidden) +
             " economies with no region or facility (Compute Desert) not shown.\n";
    }
    out += "\nWorld: " + count_range(t.regions_strict, t.regions) + " regions, " +
           count_range(t.ai_regions_strict, t.ai_regions) + " AI regions, " +
           count_range(t.training_regions_strict, t.training_regions) + " training-capable; " +
           count_range(t.countries_with_ai_strict, t.countries_with_ai) +
           " economies host AI regions, " +
           count_range(t.countries_training_strict, t.countries_training) +
           " host training-capable regions.\n";
    out +=
        "AI compute electricity (§15): " + fixed(t.energy.it_mw, 0) + " MW IT load, " +
        fixed(t.energy.twh, 1) + " TWh/yr (" + fixed(t.energy.twh_low, 1) + "\u2013" +
        fixed(t.energy.twh_high, 1) + ")" +
        (t.energy.share_of_generation ? ", " + pct(*t.energy.share_of_generation) + " of generation"
                                      : std::string()) +
        (t.energy.co2_t ? ", " + fixed(*t.energy.co2_t / 1e6, 1) + " MtCO2e/yr" : std::string()) +
        ".\n";
    out += "AI regions by provider jurisdiction:";
    for (const auto& s : t.by_provider_jurisdiction) {
      double strict = 0;
      for (const auto& x : t.by_provider_jurisdiction_strict) {
        if (x.key == s.key) strict = x.weight;
      }
      out += " " + s.key + " " + count_range(static_cast<int>(strict), static_cast<int>(s.weight));
    }
    out +=
        "\nCounts are strict–lenient ranges: strict counts only what a source shows by the "
        "date; lenient counts undated regions always and offerings from their family's "
        "launch (docs/methodology.md §2.1).\n";
    return out;
  }
  if (format == Format::kCsv) return io::format_csv(header, rows);
  return "aisov census by " + by + " as of " + res.meta.as_of + "\n\n" +
         text_table(header, rows, numeric);
}

std::string render(const ProfileResult& p, Format format) {
  const auto& c = p.census;
  if (format == Format::kJson) {
    json j;
    j["meta"] = meta_json(p.meta);
    j["parameters"] = params_json(p.params);
    j["economy"] = {{"iso3", p.iso3},
                    {"iso2", p.iso2},
                    {"name", p.name},
                    {"un_region", p.un_region},
                    {"un_subregion", p.un_subregion},
                    {"blocs", p.blocs}};
    json ind = json::array();
    for (const auto& i : p.indicators) {
      ind.push_back({{"indicator", i.indicator},
                     {"year", i.year},
                     {"value", i.value},
                     {"unit", i.unit},
                     {"source_id", i.source_id}});
    }
    j["indicators"] = ind;
    j["census"] = row_json(c, "economy");
    j["energy_parameters"] = energy_params_json(p.energy_params);
    j["rank_ai_regions"] = p.rank_ai_regions;
    json regions = json::array();
    for (const auto& r : p.regions) {
      json accs = json::array();
      for (const auto& a : r.accelerators) {
        accs.push_back({{"accel_id", a.accel_id},
                        {"name", a.name},
                        {"tier", a.tier},
                        {"designer", a.designer},
                        {"designer_jurisdiction", a.designer_jurisdiction},
                        {"fab_location", a.fab_location},
                        {"min_price_usd_per_hour", opt_json(a.min_price_usd_per_hour)},
                        {"source_id", a.source_id}});
      }
      regions.push_back({{"site_id", r.site_id},
                         {"provider", r.provider},
                         {"operator", r.operator_id},
                         {"operator_jurisdiction", r.operator_jurisdiction},
                         {"name", r.name},
                         {"city", r.city},
                         {"kind", r.kind},
                         {"launched", r.launched.empty() ? json(nullptr) : json(r.launched)},
                         {"launched_basis", r.launched_basis},
                         {"dated_strict", r.dated_strict},
                         {"ai", r.ai},
                         {"training", r.training},
                         {"accelerators", accs},
                         {"source_id", r.source_id}});
    }
    j["regions"] = regions;
    json fac = json::array();
    for (const auto& f : p.facilities) {
      fac.push_back({{"facility_id", f.facility_id},
                     {"name", f.name},
                     {"operator", f.operator_id},
                     {"operator_jurisdiction", f.operator_jurisdiction},
                     {"status", f.status},
                     {"first_operational", f.first_operational},
                     {"accel_id", f.accel_id},
                     {"h100e", opt_json(f.h100e)},
                     {"h100e_low", opt_json(f.h100e_low)},
                     {"h100e_high", opt_json(f.h100e_high)},
                     {"power_mw", opt_json(f.power_mw)},
                     {"investment_usd", opt_json(f.investment_usd)},
                     {"estimate", f.estimate},
                     {"it_mw", opt_json(f.it_mw)},
                     {"it_mw_basis", f.it_mw_basis.empty() ? json(nullptr) : json(f.it_mw_basis)},
                     {"source_id", f.source_id},
                     {"source_ref", f.source_ref}});
    }
    j["facilities"] = fac;
    return core::json_text(j);
  }
  if (format == Format::kCsv) {
    // Tidy long rows: code,name,year,indicator,value,unit,lower,upper,source_id.
    std::vector<std::vector<std::string>> rows;
    const std::string year = p.meta.as_of.substr(0, 4);
    for (const auto& i : p.indicators) {
      rows.push_back({p.iso3, p.name, std::to_string(i.year), i.indicator, num(i.value), i.unit, "",
                      "", i.source_id});
    }
    auto add = [&](const std::string& ind, const std::string& value, const std::string& unit,
                   const std::string& lo = "", const std::string& hi = "") {
      rows.push_back({p.iso3, p.name, year, ind, value, unit, lo, hi, "aisov_census"});
    };
    // Counts carry their strict–lenient range in lower/upper (docs/methodology.md §2.1).
    add("regions", std::to_string(c.regions), "count", std::to_string(c.regions_strict),
        std::to_string(c.regions));
    add("ai_regions", std::to_string(c.ai_regions), "count", std::to_string(c.ai_regions_strict),
        std::to_string(c.ai_regions));
    add("training_regions", std::to_string(c.training_regions), "count",
        std::to_string(c.training_regions_strict), std::to_string(c.training_regions));
    add("facilities_operational", std::to_string(c.facilities), "count");
    add("h100e", num(c.h100e), "H100-equivalents", num(c.h100e_low), num(c.h100e_high));
    add("power_mw", num(c.power_mw), "MW");
    add("domestic_operator_share", num(c.domestic_share), "share");
    add("compute_class", c.compute_class, "class");
    add("strategy", c.strategy + (c.aligned_to.empty() ? "" : ":" + c.aligned_to), "class");
    // Energy layer (§15): the ranges are the low and high cases; empty = no data.
    const auto& e = c.energy;
    add("ai_it_load_mw", num(e.it_mw), "MW", num(e.it_mw_low), num(e.it_mw_high));
    add("ai_electricity_twh", num(e.twh), "TWh/yr", num(e.twh_low), num(e.twh_high));
    add("ai_share_of_generation", opt(e.share_of_generation), "share",
        opt(e.share_of_generation_low), opt(e.share_of_generation_high));
    add("ai_emissions_tco2e", opt(e.co2_t), "tCO2e/yr", opt(e.co2_t_low), opt(e.co2_t_high));
    add("ai_energy_foreign_operator_share", opt(e.foreign_share), "share");
    auto layer = [&](const std::string& prefix, const LayerShares& l) {
      for (const auto& s : l.shares) add(prefix + ":" + s.key, num(s.share), "share");
      add(prefix + "_hhi", num(l.hhi), "index");
    };
    layer("operator_jurisdiction", c.operator_jurisdiction);
    layer("designer_jurisdiction", c.designer_jurisdiction);
    layer("fab_location", c.fab_location);
    return io::format_csv(
        {"code", "name", "year", "indicator", "value", "unit", "lower", "upper", "source_id"},
        rows);
  }
  std::ostringstream o;
  o << p.name << " (" << p.iso3 << ") — compute sovereignty profile as of " << p.meta.as_of
    << " (dataset " << p.meta.dataset_version << ")\n";
  o << "Region: " << p.un_region << " / " << p.un_subregion
    << "; blocs: " << (p.blocs.empty() ? "-" : core::join(p.blocs, ", ")) << "\n";
  for (const auto& i : p.indicators) {
    o << "  " << i.indicator << " (" << i.year << "): " << num(i.value) << " " << i.unit << "  ["
      << i.source_id << "]\n";
  }
  o << "\nTerritory: " << count_range(c.regions_strict, c.regions) << " regions, "
    << count_range(c.ai_regions_strict, c.ai_regions) << " AI regions (rank " << p.rank_ai_regions
    << "), " << count_range(c.training_regions_strict, c.training_regions)
    << " training-capable (strict–lenient, §2.1); " << c.facilities << " operational facilities, "
    << fixed(c.h100e, 0) << " H100e (" << fixed(c.h100e_low, 0) << "–" << fixed(c.h100e_high, 0)
    << "), " << fixed(c.power_mw, 0) << " MW\n";
  o << "Class: Compute " << c.compute_class << "; strategy: " << c.strategy
    << (c.aligned_to.empty() ? "" : " (" + c.aligned_to + ")") << "; domestic operator share "
    << fixed(c.domestic_share * 100, 1) << "%\n";
  auto layer = [&](const char* title, const LayerShares& l) {
    o << title << " (HHI " << fixed(l.hhi, 3) << "):";
    if (l.shares.empty()) o << " -";
    for (const auto& s : l.shares) o << " " << s.key << " " << fixed(s.share * 100, 1) << "%";
    o << "\n";
  };
  layer("Operator jurisdiction", c.operator_jurisdiction);
  layer("Operator power bloc", c.operator_bloc);
  layer("Accelerator designer", c.designer_jurisdiction);
  layer("Fab location", c.fab_location);
  {
    // Energy layer (docs/methodology.md §15).
    const auto& e = c.energy;
    const auto& ep = p.energy_params;
    o << "\nEnergy (AI compute hosted here; low–high = PUE " << fixed(ep.pue_low, 2) << "–"
      << fixed(ep.pue_high, 2) << " × utilisation " << fixed(ep.utilisation_low, 2) << "–"
      << fixed(ep.utilisation_high, 2) << ", mid PUE " << fixed(ep.pue, 2) << " × "
      << fixed(ep.utilisation, 2) << "; §15):\n";
    o << "  IT load: " << fixed(e.it_mw, 1) << " MW (" << fixed(e.it_mw_low, 1) << "–"
      << fixed(e.it_mw_high, 1) << "): regions " << fixed(e.it_mw_regions, 1)
      << " MW (chip-count convention), facilities " << fixed(e.it_mw_facilities, 1) << " MW";
    if (e.facilities_without_power > 0)
      o << "; " << e.facilities_without_power << " operational facilities without power data";
    o << "\n";
    const int d = e.twh < 1 ? 3 : 2;
    o << "  Electricity: " << fixed(e.twh, d) << " TWh/yr (" << fixed(e.twh_low, d) << "–"
      << fixed(e.twh_high, d) << ")\n";
    o << "  Share of national generation: ";
    if (e.share_of_generation) {
      o << pct(*e.share_of_generation) << " (" << pct(*e.share_of_generation_low) << "–"
        << pct(*e.share_of_generation_high) << ") of " << num(*e.generation_twh) << " TWh ("
        << e.generation_year << ")\n";
    } else {
      o << "no data (no electricity generation figure)\n";
    }
    o << "  Emissions: ";
    if (e.co2_t) {
      o << tonnes(*e.co2_t) << " CO2e/yr (" << tonnes(*e.co2_t_low) << "–" << tonnes(*e.co2_t_high)
        << ") at " << num(*e.carbon_gco2_per_kwh) << " gCO2e/kWh (" << e.carbon_year << ")\n";
    } else {
      o << "no data (no grid carbon intensity figure)\n";
    }
    o << "  Run by foreign operators: ";
    if (e.foreign_share) {
      o << pct(*e.foreign_share) << " of the IT load (domestic " << fixed(e.domestic_mw, 1)
        << " MW, foreign " << fixed(e.foreign_mw, 1) << " MW, unknown " << fixed(e.unknown_mw, 1)
        << " MW)\n";
    } else {
      o << "- (no AI load)\n";
    }
  }
  if (!p.regions.empty()) {
    o << "\nRegions:\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : p.regions) {
      std::vector<std::string> accs;
      for (const auto& a : r.accelerators)
        accs.push_back(a.accel_id + (a.tier == "training" ? "*" : ""));
      const std::string launched =
          r.launched.empty()
              ? "undated"
              : r.launched + (r.launched_basis == "announced"      ? ""
                              : r.launched_basis == "first_listed" ? " (listed by)"
                                                                   : " (" + r.launched_basis + ")");
      rows.push_back({r.site_id, r.city, r.operator_id + " (" + r.operator_jurisdiction + ")",
                      launched, accs.empty() ? "-" : core::join(accs, " ")});
    }
    o << text_table({"site", "city", "operator", "launched", "accelerators (* training tier)"},
                    rows, {false, false, false, false, false});
  }
  if (!p.facilities.empty()) {
    o << "\nFacilities:\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : p.facilities) {
      rows.push_back({f.name, f.operator_id, f.status, f.first_operational,
                      f.h100e ? fixed(*f.h100e, 0) + (f.estimate ? " (est.)" : "") : "",
                      opt(f.power_mw), f.source_id});
    }
    o << text_table({"facility", "operator", "status", "since", "h100e", "MW", "source"}, rows,
                    {false, false, false, false, true, true, false});
  }
  return o.str();
}

std::string render(const SitesResult& s, Format format) {
  if (format == Format::kJson) {
    json rows = json::array();
    for (const auto& x : s.sites) {
      rows.push_back({{"site_id", x.site_id},
                      {"provider", x.provider},
                      {"operator", x.operator_id},
                      {"operator_jurisdiction", x.operator_jurisdiction},
                      {"name", x.name},
                      {"city", x.city},
                      {"iso3", x.iso3},
                      {"kind", x.kind},
                      {"lat", opt_json(x.lat)},
                      {"lon", opt_json(x.lon)},
                      {"ai", x.ai},
                      {"training", x.training},
                      {"launched", x.launched.empty() ? json(nullptr) : json(x.launched)},
                      {"launched_basis", x.launched_basis},
                      {"dated_strict", x.dated_strict},
                      {"ai_strict", x.ai_strict},
                      {"source_id", x.source_id}});
    }
    return core::json_text(json{{"meta", meta_json(s.meta)}, {"sites", rows}});
  }
  std::vector<std::vector<std::string>> rows;
  auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
  for (const auto& x : s.sites) {
    if (format == Format::kCsv) {
      rows.push_back({x.site_id, x.provider, x.operator_id, x.operator_jurisdiction, x.name, x.city,
                      x.iso3, x.kind, opt(x.lat), opt(x.lon), flag(x.ai), flag(x.training),
                      x.source_id, x.launched, x.launched_basis, flag(x.dated_strict),
                      flag(x.ai_strict)});
    } else {
      rows.push_back({x.iso3, x.site_id, x.city,
                      x.operator_id + " (" + x.operator_jurisdiction + ")",
                      x.training ? "training" : (x.ai ? "ai" : "-"),
                      x.launched.empty() ? "undated" : x.launched, opt(x.lat), opt(x.lon)});
    }
  }
  if (format == Format::kCsv) {
    return io::format_csv({"site_id", "provider", "operator", "operator_jurisdiction", "name",
                           "city", "iso3", "kind", "lat", "lon", "ai", "training", "source_id",
                           "launched", "launched_basis", "dated_strict", "ai_strict"},
                          rows);
  }
  return text_table({"iso3", "site", "city", "operator", "ai", "launched", "lat", "lon"}, rows,
                    {false, false, false, false, false, false, true, true});
}

std::string render(const SourcesResult& s, Format format) {
  if (format == Format::kJson) {
    json rows = json::array();
    for (const auto& x : s.sources) {
      rows.push_back({{"source_id", x.source_id},
                      {"producer", x.producer},
                      {"title", x.title},
                      {"url", x.url},
                      {"published", x.published},
                      {"accessed", x.accessed},
                      {"licence", x.licence},
                      {"notes", x.notes},
                      {"cited_by_rows", x.cited_by_rows}});
    }
    return core::json_text(json{{"meta", meta_json(s.meta)}, {"sources", rows}});
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : s.sources) {
    if (format == Format::kCsv) {
      rows.push_back({x.source_id, x.producer, x.title, x.url, x.published, x.accessed, x.licence,
                      x.notes, std::to_string(x.cited_by_rows)});
    } else {
      rows.push_back(
          {x.source_id, std::to_string(x.cited_by_rows), x.licence, x.producer + ": " + x.title});
    }
  }
  if (format == Format::kCsv) {
    return io::format_csv({"source_id", "producer", "title", "url", "published", "accessed",
                           "licence", "notes", "cited_by_rows"},
                          rows);
  }
  return text_table({"source_id", "rows", "licence", "what"}, rows, {false, true, false, false});
}

std::string render(const ValidationReport& r, Format format) {
  if (format == Format::kJson) {
    json tables = json::object();
    for (const auto& [k, v] : r.table_rows) tables[k] = v;
    return core::json_text(json{{"ok", r.ok},
                                {"data_dir", r.data_dir},
                                {"errors", r.errors},
                                {"warnings", r.warnings},
                                {"tables", tables}});
  }
  if (format == Format::kCsv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : r.errors) rows.push_back({"error", e});
    for (const auto& w : r.warnings) rows.push_back({"warning", w});
    return io::format_csv({"severity", "message"}, rows);
  }
  std::string out;
  for (const auto& e : r.errors) out += "error: " + e + "\n";
  for (const auto& w : r.warnings) out += "warning: " + w + "\n";
  std::vector<std::string> counts;
  for (const auto& [k, v] : r.table_rows) counts.push_back(k + " " + std::to_string(v));
  out += (r.ok ? "valid: " : "invalid: ") + r.data_dir + " (" + core::join(counts, ", ") + "); " +
         std::to_string(r.errors.size()) + " errors, " + std::to_string(r.warnings.size()) +
         " warnings\n";
  return out;
}

std::string render(const DatasetSummary& s, Format format) {
  json tables = json::object();
  for (const auto& [k, v] : s.table_rows) tables[k] = v;
  json j{{"data_dir", s.data_dir},
         {"schema_version", s.schema_version},
         {"dataset_version", s.dataset_version},
         {"as_of", s.as_of},
         {"title", s.title},
         {"licence", s.licence},
         {"tables", tables}};
  if (format == Format::kJson) return core::json_text(j);
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : s.table_rows) rows.push_back({k, std::to_string(v)});
  if (format == Format::kCsv) return io::format_csv({"table", "rows"}, rows);
  return "dataset " + s.dataset_version + " (schema " + std::to_string(s.schema_version) +
         ", as of " + s.as_of + ") at " + s.data_dir + "\n" +
         text_table({"table", "rows"}, rows, {false, true});
}

std::string render(const Error& e, Format format) {
  if (format == Format::kJson) {
    // RFC 9457 problem details.
    json j{{"type", std::string("https://aisov.dev/problems/") + error_slug(e.code)},
           {"title", error_slug(e.code)},
           {"status", error_http_status(e.code)},
           {"detail", e.message}};
    if (!e.details.empty()) j["errors"] = e.details;
    return core::json_text(j);
  }
  std::string out = "aisov: error: " + e.message + "\n";
  for (const auto& d : e.details) out += "  " + d + "\n";
  return out;
}

Result<Format> parse_format(const std::string& t) {
  if (t == "table") return Format::kTable;
  if (t == "csv") return Format::kCsv;
  if (t == "json") return Format::kJson;
  return Error{
      ErrorCode::kInvalidArgument, "unknown format '" + t + "' (expected table, csv or json)", {}};
}

Result<CensusBy> parse_census_by(const std::string& t) {
  if (t == "economy") return CensusBy::kEconomy;
  if (t == "bloc") return CensusBy::kBloc;
  if (t == "provider") return CensusBy::kProvider;
  if (t == "provider-jurisdiction") return CensusBy::kProviderJurisdiction;
  return Error{
      ErrorCode::kInvalidArgument,
      "unknown --by '" + t + "' (expected economy, bloc, provider or provider-jurisdiction)",
      {}};
}

Result<CensusWeight> parse_census_weight(const std::string& t) {
  if (t == "regions") return CensusWeight::kRegions;
  if (t == "h100e") return CensusWeight::kH100e;
  if (t == "mw") return CensusWeight::kMw;
  if (t == "investment") return CensusWeight::kInvestment;
  if (t == "energy") return CensusWeight::kEnergy;
  return Error{ErrorCode::kInvalidArgument,
               "unknown --weight '" + t + "' (expected regions, h100e, mw, investment or energy)",
               {}};
}

std::vector<std::string> parse_list(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace aisov
