// JSON, CSV and text renderings of scenario results, checks and lists.
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
                      {"p_loss_gt", p}});
    }
    j["rows"] = rows;
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
    for (const auto& row : r.rows) {
      std::vector<std::string> c{row.code,           row.name,           std::to_string(row.year),
                                 row.measure,        num(row.baseline),  num(row.h100e.mean),
                                 num(row.h100e.se),  num(row.h100e.p5),  num(row.h100e.p50),
                                 num(row.h100e.p95), num(row.h100e.es5), num(row.share.mean),
                                 num(row.share.se),  num(row.share.p5),  num(row.share.p50),
                                 num(row.share.p95), num(row.share.es5)};
      for (double p : row.p_loss) c.push_back(num(p));
      c.insert(c.end(), meta.begin(), meta.end());
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
  return out + table(header, rows, 3);
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
