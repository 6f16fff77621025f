// JSON, CSV and text renderings of scenario results, checks and lists.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

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

std::string pct(double v) { return core::format_number(v * 100) + "%"; }

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, size_t text_cols) {
  return api::text_table(header, rows, text_cols);
}

json stat_json(const ScenarioStat& s) {
  return json{{"mean", s.mean}, {"se", s.se},   {"p5", s.p5},
              {"p50", s.p50},   {"p95", s.p95}, {"es5", s.es5}};
}

json shocks_json(const std::vector<ScenarioShockInfo>& shocks) {
  json a = json::array();
  for (const auto& s : shocks) {
    json j{{"id", s.id},
           {"kind", s.kind},
           {"description", s.description},
           {"probability", s.probability},
           {"start", s.start}};
    j["duration"] = s.duration.empty() ? json(nullptr) : json(s.duration);
    j["affects"] = s.affects;
    a.push_back(j);
  }
  return a;
}

std::string threshold_key(double t) { return "p_loss_gt_" + num(t); }

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// A row's energy (docs/methodology.md §15.5); null for accessible rows.
json energy_json(const std::optional<ScenarioEnergy>& e) {
  if (!e) return nullptr;
  return json{{"it_kw_per_h100e_start", e->it_kw_per_h100e_start},
              {"it_mw_per_h100e", e->it_mw_per_h100e},
              {"twh_per_h100e", e->twh_per_h100e},
              {"twh_per_h100e_low", e->twh_per_h100e_low},
              {"twh_per_h100e_high", e->twh_per_h100e_high},
              {"it_mw", e->it_mw},
              {"baseline_twh", e->baseline_twh},
              {"twh", stat_json(e->twh)},
              {"twh_low", e->twh_low},
              {"twh_high", e->twh_high},
              {"generation_twh", opt(e->generation_twh)},
              {"generation_year", e->generation_year ? json(e->generation_year) : json(nullptr)},
              {"share_of_generation", opt(e->share_of_generation)},
              {"share_of_generation_low", opt(e->share_of_generation_low)},
              {"share_of_generation_high", opt(e->share_of_generation_high)},
              {"carbon_gco2_per_kwh", opt(e->carbon_gco2_per_kwh)},
              {"carbon_year", e->carbon_year ? json(e->carbon_year) : json(nullptr)},
              {"baseline_co2_t", opt(e->baseline_co2_t)},
              {"co2_t", e->co2_t ? stat_json(*e->co2_t) : json(nullptr)},
              {"co2_t_low", opt(e->co2_t_low)},
              {"co2_t_high", opt(e->co2_t_high)}};
}

json references_json(const std::vector<ScenarioReference>& refs) {
  json a = json::array();
  for (const auto& r : refs) {
    a.push_back({{"case", r.case_name},
                 {"region", r.region},
                 {"year", r.year},
                 {"published_twh_low", r.published_twh_low},
                 {"published_twh_high", r.published_twh_high},
                 {"approximate", r.approximate},
                 {"source", r.source},
                 {"note", r.note},
                 {"economies", r.economies},
                 {"baseline_twh", opt(r.baseline_twh)},
                 {"mean_twh", opt(r.mean_twh)},
                 {"mean_twh_low", opt(r.mean_twh_low)},
                 {"mean_twh_high", opt(r.mean_twh_high)},
                 {"ratio", opt(r.ratio)},
                 {"missing", r.missing.empty() ? json(nullptr) : json(r.missing)}});
  }
  return a;
}

std::string opt_num(const std::optional<double>& v) { return v ? num(*v) : ""; }

// "12.3" with enough decimals for small figures (TWh of a small economy are often < 0.01).
std::string twh_text(double v) {
  const double a = std::fabs(v);
  return fixed(v, a == 0 ? 0 : a >= 100 ? 0 : a >= 1 ? 2 : a >= 0.01 ? 4 : 6);
}

}  // namespace

std::string render(const ScenarioResult& r, Format format) {
  if (format == Format::kJson) {
    json j;
    const auto& m = r.meta;
    j["meta"] = {{"engine_version", m.engine_version},
                 {"dataset_version", m.dataset_version},
                 {"as_of", m.as_of},
                 {"scenario", m.scenario_name},
                 {"scenario_file", m.scenario_file},
                 {"scenario_hash", m.scenario_hash},
                 {"seed", m.seed},
                 {"draws", m.draws},
                 {"draws_requested", m.draws_requested},
                 {"stopped_early", m.stopped_early},
                 {"random_scheme", m.random_scheme},
                 {"start_year", m.start_year},
                 {"horizon", m.horizon}};
    j["thresholds"] = r.thresholds;
    j["shocks"] = shocks_json(r.shocks);
    json rows = json::array();
    for (const auto& row : r.rows) {
      json p = json::object();
      for (size_t i = 0; i < r.thresholds.size(); ++i)
        p[num(r.thresholds[i])] = i < row.p_loss.size() ? row.p_loss[i] : 0.0;
      rows.push_back({{"code", row.code},
                      {"name", row.name},
                      {"year", row.year},
                      {"measure", row.measure},
                      {"baseline_h100e", row.baseline},
                      {"h100e", stat_json(row.h100e)},
                      {"share", stat_json(row.share)},
                      {"p_loss_gt", p},
                      {"energy", energy_json(row.energy)}});
    }
    j["rows"] = rows;
    j["energy_assumptions"] = {{"it_kw_per_h100e", r.it_kw_per_h100e},
                               {"efficiency_gain", r.efficiency_gain},
                               {"pue", r.pue},
                               {"pue_low", r.pue_low},
                               {"pue_high", r.pue_high},
                               {"utilisation", r.utilisation},
                               {"utilisation_low", r.utilisation_low},
                               {"utilisation_high", r.utilisation_high}};
    j["references"] = references_json(r.references);
    return core::json_text(j);
  }
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  if (format == Format::kCsv) {
    header = {"code",     "name",     "year",      "measure",   "baseline_h100e", "mean_h100e",
              "se_h100e", "p5_h100e", "p50_h100e", "p95_h100e", "es5_h100e",      "mean_share",
              "se_share", "p5_share", "p50_share", "p95_share", "es5_share"};
    for (double t : r.thresholds) header.push_back(threshold_key(t));
    // Provenance on every row, so a CSV file cut from its command still says what made it.
    const auto& m = r.meta;
    const std::vector<std::string> meta{m.scenario_name,        m.scenario_hash,
                                        std::to_string(m.seed), std::to_string(m.draws),
                                        m.dataset_version,      m.engine_version};
    for (const char* k :
         {"scenario", "scenario_hash", "seed", "draws", "dataset_version", "engine_version"})
      header.push_back(k);
    // Energy columns (§15.5), after the provenance so that every earlier column keeps its place;
    // empty for accessible rows and where the dataset has no figure.
    for (const char* k :
         {"it_kw_per_h100e_start", "mean_it_mw", "baseline_twh", "mean_twh", "se_twh", "p5_twh",
          "p50_twh", "p95_twh", "es5_twh", "twh_low", "twh_high", "share_of_generation",
          "carbon_gco2_per_kwh", "mean_co2_t", "p5_co2_t", "p95_co2_t", "co2_t_low", "co2_t_high"})
      header.push_back(k);
    for (const auto& row : r.rows) {
      std::vector<std::string> c{row.code,           row.name,           std::to_string(row.year),
                                 row.measure,        num(row.baseline),  num(row.h100e.mean),
                                 num(row.h100e.se),  num(row.h100e.p5),  num(row.h100e.p50),
                                 num(row.h100e.p95), num(row.h100e.es5), num(row.share.mean),
                                 num(row.share.se),  num(row.share.p5),  num(row.share.p50),
                                 num(row.share.p95), num(row.share.es5)};
      for (double p : row.p_loss) c.push_back(num(p));
      c.insert(c.end(), meta.begin(), meta.end());
      if (const auto& e = row.energy) {
        const std::optional<double> co2_mean =
            e->co2_t ? std::optional(e->co2_t->mean) : std::nullopt;
        const std::optional<double> co2_p5 = e->co2_t ? std::optional(e->co2_t->p5) : std::nullopt;
        const std::optional<double> co2_p95 =
            e->co2_t ? std::optional(e->co2_t->p95) : std::nullopt;
        for (const std::string& x :
             {num(e->it_kw_per_h100e_start), num(e->it_mw), num(e->baseline_twh), num(e->twh.mean),
              num(e->twh.se), num(e->twh.p5), num(e->twh.p50), num(e->twh.p95), num(e->twh.es5),
              num(e->twh_low), num(e->twh_high), opt_num(e->share_of_generation),
              opt_num(e->carbon_gco2_per_kwh), opt_num(co2_mean), opt_num(co2_p5), opt_num(co2_p95),
              opt_num(e->co2_t_low), opt_num(e->co2_t_high)})
          c.push_back(x);
      } else {
        c.resize(c.size() + 18);
      }
      rows.push_back(c);
    }
    return io::format_csv(header, rows);
  }
  header = {"code", "year", "measure", "baseline", "mean",     "se",
            "P5",   "P50",  "P95",     "share",    "ES5 share"};
  for (double t : r.thresholds) header.push_back("P(loss>" + pct(t) + ")");
  for (const auto& row : r.rows) {
    std::vector<std::string> c{row.code,
                               std::to_string(row.year),
                               row.measure,
                               fixed(row.baseline, 0),
                               fixed(row.h100e.mean, 0),
                               fixed(row.h100e.se, 0),
                               fixed(row.h100e.p5, 0),
                               fixed(row.h100e.p50, 0),
                               fixed(row.h100e.p95, 0),
                               fixed(row.share.mean, 3),
                               fixed(row.share.es5, 3)};
    for (double p : row.p_loss) c.push_back(fixed(p, 3));
    rows.push_back(c);
  }
  const auto& m = r.meta;
  std::string out = "scenario \"" + m.scenario_name + "\" (" + m.scenario_hash + "), dataset " +
                    m.dataset_version + " as of " + m.as_of + ", seed " + std::to_string(m.seed) +
                    ", " + std::to_string(m.draws) + " draws" +
                    (m.stopped_early ? " (stopped early)" : "") + "; compute in H100e\n";
  out += table(header, rows, 3);
  // Energy (§15.5): territorial and sovereign rows, mean TWh per year (low–high assumptions),
  // P5–P95 at the mid assumptions, the share of generation and the emissions.
  std::vector<std::vector<std::string>> erows;
  for (const auto& row : r.rows) {
    if (!row.energy) continue;
    const auto& e = *row.energy;
    erows.push_back(
        {row.code, std::to_string(row.year), row.measure, twh_text(e.baseline_twh),
         twh_text(e.twh.mean), twh_text(e.twh_low) + "–" + twh_text(e.twh_high), twh_text(e.twh.p5),
         twh_text(e.twh.p95),
         e.share_of_generation ? fixed(*e.share_of_generation * 100, 4) + "%" : "no data",
         e.co2_t ? fixed(e.co2_t->mean / 1000, 1) : "no data"});
  }
  out += "\nElectricity of the compute (TWh/yr at PUE " + fixed(r.pue, 2) + " × utilisation " +
         fixed(r.utilisation, 2) + "; low–high at " + fixed(r.pue_low, 2) + "×" +
         fixed(r.utilisation_low, 2) + " to " + fixed(r.pue_high, 2) + "×" +
         fixed(r.utilisation_high, 2) + "; methodology §15.5):\n";
  out += table({"code", "year", "measure", "baseline TWh", "mean TWh", "low–high", "P5 TWh",
                "P95 TWh", "of generation", "kt CO2e"},
               erows, 3);
  if (!r.references.empty()) {
    std::vector<std::vector<std::string>> rr;
    for (const auto& x : r.references) {
      const std::string published =
          x.approximate ? "~" + fixed(x.published_twh_low, 0) + "–" + fixed(x.published_twh_high, 0)
                        : fixed(x.published_twh_low, 0);
      if (x.mean_twh) {
        rr.push_back({x.case_name, x.region, std::to_string(x.year), published,
                      twh_text(*x.baseline_twh), twh_text(*x.mean_twh),
                      twh_text(*x.mean_twh_low) + "–" + twh_text(*x.mean_twh_high),
                      x.ratio ? fixed(*x.ratio * 100, 2) + "%" : "", x.source});
      } else {
        rr.push_back({x.case_name, x.region, std::to_string(x.year), published, "", "", "",
                      x.missing, x.source});
      }
    }
    out +=
        "\nAgainst published figures (all data centres; this scenario: the AI compute it "
        "models, territorial, summed over each region's economies):\n";
    out += table({"case", "region", "year", "published TWh", "baseline TWh", "mean TWh", "low–high",
                  "mean ÷ published", "source"},
                 rr, 3);
  }
  return out;
}

std::string render(const ScenarioCheck& c, Format format) {
  if (format == Format::kJson) {
    json j{{"file", c.file},
           {"name", c.name},
           {"description", c.description},
           {"basis", c.basis},
           {"scenario_hash", c.scenario_hash},
           {"start_year", c.start_year},
           {"horizon", c.horizon},
           {"capacity_cells", c.capacity_cells},
           {"world_h100e", c.world_h100e},
           {"shocks", shocks_json(c.shocks)},
           {"warnings", c.warnings}};
    return core::json_text(j);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : c.shocks)
    rows.push_back({s.id, s.kind, s.probability, s.start, s.duration, core::join(s.affects, "; ")});
  if (format == Format::kCsv)
    return io::format_csv({"id", "kind", "probability", "start", "duration", "affects"}, rows);
  std::string out = c.file + ": ok — \"" + c.name + "\", " + std::to_string(c.start_year + 1) +
                    "–" + std::to_string(c.horizon) + ", " + std::to_string(c.shocks.size()) +
                    " shocks, " + std::to_string(c.capacity_cells) + " capacity cells, " +
                    fixed(c.world_h100e, 0) + " H100e modelled at the start\n";
  for (const auto& b : c.basis) out += "  basis: " + b + "\n";
  for (const auto& w : c.warnings) out += "  warning: " + w + "\n";
  return out + table({"id", "kind", "probability", "start", "duration", "affects"}, rows, 6);
}

std::string render(const ScenarioList& l, Format format) {
  if (format == Format::kJson) {
    json a = json::array();
    for (const auto& s : l.scenarios)
      a.push_back({{"file", s.file},
                   {"name", s.name},
                   {"description", s.description},
                   {"basis", s.basis},
                   {"shocks", s.shocks}});
    return core::json_text(json{{"dir", l.dir}, {"scenarios", a}});
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : l.scenarios) rows.push_back({s.file, s.name, std::to_string(s.shocks)});
  if (format == Format::kCsv) return io::format_csv({"file", "name", "shocks"}, rows);
  return table({"file", "name", "shocks"}, rows, 2);
}

}  // namespace aisov
