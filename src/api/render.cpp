// JSON, CSV and text renderings of every public result. The CLI and the HTTP server both
// print these bytes.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aisov/engine.hpp"
#include "api/describe_census.hpp"
#include "api/describe_data.hpp"
#include "api/text.hpp"
#include "core/json_out.hpp"
#include "core/strings.hpp"
#include "io/csv.hpp"

namespace aisov {

using json = nlohmann::ordered_json;

namespace {

using api::fixed;
using api::num;
using api::provider_kind;
using api::text_table;

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
  if (format == Format::kJson) return core::json_text(api::to_json(res));
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
  if (format == Format::kJson) return core::json_text(api::to_json(p));
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
  if (format == Format::kJson) return core::json_text(api::to_json(s));
  if (format == Format::kCsv) {
    // The description's flat fields; source_id keeps its column from before the dating fields.
    const auto [header, rows] = api::csv_table(
        s.sites, {"site_id", "provider", "operator", "operator_jurisdiction", "name", "city",
                  "iso3", "kind", "lat", "lon", "ai", "training", "source_id", "launched",
                  "launched_basis", "dated_strict", "ai_strict"});
    return io::format_csv(header, rows);
  }
  // The table is presentation (joined and abbreviated cells), written by hand.
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : s.sites) {
    rows.push_back({x.iso3, x.site_id, x.city, x.operator_id + " (" + x.operator_jurisdiction + ")",
                    x.training ? "training" : (x.ai ? "ai" : "-"),
                    x.launched.empty() ? "undated" : x.launched, opt(x.lat), opt(x.lon)});
  }
  return text_table({"iso3", "site", "city", "operator", "ai", "launched", "lat", "lon"}, rows,
                    {false, false, false, false, false, false, true, true});
}

std::string render(const SourcesResult& s, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(s));
  if (format == Format::kCsv) {
    const auto [header, rows] = api::csv_table(s.sources);
    return io::format_csv(header, rows);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : s.sources) {
    rows.push_back(
        {x.source_id, std::to_string(x.cited_by_rows), x.licence, x.producer + ": " + x.title});
  }
  return text_table({"source_id", "rows", "licence", "what"}, rows, {false, true, false, false});
}

std::string render(const ValidationReport& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
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
  if (format == Format::kJson) return core::json_text(api::to_json(s));
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : s.table_rows) rows.push_back({k, std::to_string(v)});
  if (format == Format::kCsv) return io::format_csv({"table", "rows"}, rows);
  return "dataset " + s.dataset_version + " (schema " + std::to_string(s.schema_version) +
         ", as of " + s.as_of + ") at " + s.data_dir + "\n" +
         text_table({"table", "rows"}, rows, {false, true});
}

std::string render(const ImportResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  if (format == Format::kCsv) {
    auto [header, rows] = api::csv_table(std::vector<ImportResult>{r});
    return io::format_csv(header, rows);
  }
  std::string out = "wrote " + r.out_dir + ": " + std::to_string(r.facilities_added) +
                    " facilities, " + std::to_string(r.organisations_added) + " organisations, " +
                    std::to_string(r.sources_added) + " sources added; " +
                    std::to_string(r.facilities_replaced) + " facilities replaced; " +
                    std::to_string(r.skipped.size()) + " input rows skipped; " +
                    std::to_string(r.duplicates.size()) + " duplicates and " +
                    std::to_string(r.corrections.size()) + " corrections reported\n";
  if (r.indicators_added > 0)
    out += std::to_string(r.indicators_added) + " indicator rows added (electricity prices)\n";
  return out;
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
