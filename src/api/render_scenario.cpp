// JSON, CSV and text renderings of scenario results, checks and lists.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "aisov/engine.hpp"
#include "api/describe_scenario.hpp"
#include "api/text.hpp"
#include "core/json_out.hpp"
#include "core/strings.hpp"
#include "io/csv.hpp"

namespace aisov {

namespace {

using api::fixed;
using api::num;

std::string pct(double v) { return core::format_number(v * 100) + "%"; }

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, size_t text_cols) {
  return api::text_table(header, rows, text_cols);
}

std::string threshold_key(double t) { return "p_loss_gt_" + num(t); }

std::string opt_num(const std::optional<double>& v) { return v ? num(*v) : ""; }

// "12.3" with enough decimals for small figures (TWh of a small economy are often < 0.01).
std::string twh_text(double v) {
  const double a = std::fabs(v);
  return fixed(v, a == 0 ? 0 : a >= 100 ? 0 : a >= 1 ? 2 : a >= 0.01 ? 4 : 6);
}

}  // namespace

std::string render(const ScenarioResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
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
        // Cells written directly (an optional temporary here trips GCC 12's maybe-uninitialized).
        const std::string co2_mean = e->co2_t ? num(e->co2_t->mean) : "";
        const std::string co2_p5 = e->co2_t ? num(e->co2_t->p5) : "";
        const std::string co2_p95 = e->co2_t ? num(e->co2_t->p95) : "";
        for (const std::string& x :
             {num(e->it_kw_per_h100e_start), num(e->it_mw), num(e->baseline_twh), num(e->twh.mean),
              num(e->twh.se), num(e->twh.p5), num(e->twh.p50), num(e->twh.p95), num(e->twh.es5),
              num(e->twh_low), num(e->twh_high), opt_num(e->share_of_generation),
              opt_num(e->carbon_gco2_per_kwh), co2_mean, co2_p5, co2_p95, opt_num(e->co2_t_low),
              opt_num(e->co2_t_high)})
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
  if (format == Format::kJson) return core::json_text(api::to_json(c));
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

std::string render(const ScenarioShardInfo& s, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(s));
  if (format == Format::kCsv) {
    auto [header, rows] = api::csv_table(std::vector<ScenarioShardInfo>{s});
    return io::format_csv(header, rows);
  }
  return "wrote " + s.file + ": draws " + std::to_string(s.first) + ":" + std::to_string(s.last) +
         " of " + std::to_string(s.draws) + " (" + std::to_string(s.shocked_draws) +
         " with a shock on, " + std::to_string(s.columns) +
         " series each); merge the shards with `aisov scenario merge`\n";
}

std::string render(const ScenarioList& l, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(l));
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : l.scenarios) rows.push_back({s.file, s.name, std::to_string(s.shocks)});
  if (format == Format::kCsv) return io::format_csv({"file", "name", "shocks"}, rows);
  return table({"file", "name", "shocks"}, rows, 2);
}

}  // namespace aisov
