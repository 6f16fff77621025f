// Engine::scenario_run / scenario_check / scenario_list: read and parse the file (io), resolve
// it against the dataset and run it (scenario), and fill the provenance.
#include <algorithm>
#include <filesystem>

#include "aisov/build_config.hpp"
#include "aisov/engine.hpp"
#include "core/failure.hpp"
#include "core/random.hpp"
#include "core/strings.hpp"
#include "engine/guarded.hpp"
#include "engine/scenario_prepare.hpp"
#include "io/csv.hpp"
#include "io/scenario_file.hpp"
#include "scenario/energy.hpp"
#include "scenario/model.hpp"
#include "scenario/runner.hpp"

namespace aisov {

namespace engine_detail {

namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<ScenarioShockInfo> shock_infos(const scenario::Model& m) {
  std::vector<ScenarioShockInfo> out;
  for (const auto& k : m.shocks) {
    ScenarioShockInfo s;
    s.id = k.id;
    s.kind = k.kind_name;
    s.description = k.description;
    s.probability = k.probability.str();
    s.start = k.start.str();
    s.duration = k.has_duration ? k.duration.str() : "";
    s.affects = k.affects;
    out.push_back(s);
  }
  return out;
}

}  // namespace

LoadedScenario parse_loaded(std::string text, std::string file, bool json) {
  LoadedScenario l;
  l.text = std::move(text);
  l.file = std::move(file);
  l.json = json;
  std::vector<io::Problem> problems;
  l.spec = io::parse_scenario(l.text, l.file, json, problems);
  if (!problems.empty()) {
    throw core::Failure(ErrorCode::kInvalidInput, "invalid scenario " + l.file,
                        io::problem_lines(problems));
  }
  return l;
}

LoadedScenario load_scenario(const ScenarioRequest& req) {
  if (req.file.empty()) {
    return parse_loaded(req.text, req.json ? "<scenario.json>" : "<scenario.toml>", req.json);
  }
  std::string file = req.file, text;
  std::error_code ec;
  if (!fs::exists(file, ec) && file.find('/') == std::string::npos) {
    const std::string bundled =
        Engine::default_scenario_dir() + "/" + file + (ends_with(file, ".toml") ? "" : ".toml");
    if (fs::exists(bundled, ec)) file = bundled;
  }
  if (!io::read_file(file, text)) {
    throw core::Failure(ErrorCode::kNotFound, "cannot read scenario file " + req.file);
  }
  const bool json = req.json || ends_with(file, ".json");
  return parse_loaded(std::move(text), std::move(file), json);
}

PreparedRun prepare_run(const model::Dataset& ds, const ScenarioRequest& request,
                        LoadedScenario loaded) {
  PreparedRun p{std::move(loaded), {}, {}};
  const LoadedScenario& l = p.loaded;
  scenario::Model& m = p.model;
  m = scenario::compile(ds, l.spec);
  m.hash = io::fnv1a_hex(l.spec.canonical);
  scenario::ReportSpec& report = p.report;
  report = scenario::default_report(ds, m);
  if (!request.economies.empty()) {
    scenario::ReportSpec r;
    const int day = ds.as_of.last_day();
    for (const auto& code : request.economies) {
      if (auto e = ds.find_economy(code); e != model::kNone) {
        r.codes.push_back(code);
        r.names.push_back(ds.economies[e].name);
        r.members.push_back({static_cast<int>(e)});
      } else if (auto b = ds.find_bloc(code); b != model::kNone) {
        std::vector<int> members;
        for (auto row : ds.members_by_bloc[b])
          if (ds.bloc_members[row].active_on(day)) members.push_back(ds.bloc_members[row].economy);
        std::sort(members.begin(), members.end());
        r.codes.push_back(code);
        r.names.push_back(ds.blocs[b].name);
        r.members.push_back(members);
      } else {
        throw core::Failure(ErrorCode::kNotFound,
                            "unknown economy or bloc '" + code +
                                "' in --economies (expected ISO3 codes or bloc ids)");
      }
    }
    report.codes = r.codes;
    report.names = r.names;
    report.members = r.members;
  }
  if (!request.years.empty()) {
    for (int y : request.years) {
      if (y <= m.y0 || y > m.horizon) {
        throw core::Failure(ErrorCode::kInvalidArgument,
                            "year " + std::to_string(y) + " is outside the scenario's years " +
                                std::to_string(m.y0 + 1) + "–" + std::to_string(m.horizon));
      }
    }
    report.years = request.years;
    std::sort(report.years.begin(), report.years.end());
    report.years.erase(std::unique(report.years.begin(), report.years.end()), report.years.end());
  }
  return p;
}

void fill_provenance(ScenarioResult& res, const model::Dataset& ds, const DatasetSummary& summary,
                     const PreparedRun& run) {
  scenario::add_energy(ds, run.model, run.report, res);
  res.meta.engine_version = build::kVersion;
  res.meta.dataset_version = ds.dataset_version;
  res.meta.as_of = summary.as_of;
  res.meta.scenario_name = run.loaded.spec.name;
  res.meta.scenario_file = run.loaded.file;
  res.shocks = shock_infos(run.model);
}

}  // namespace engine_detail

namespace {

using engine_detail::ends_with;
using engine_detail::guarded;
using engine_detail::shock_infos;
namespace fs = std::filesystem;

}  // namespace

std::string Engine::default_scenario_dir() {
  if (const char* env = std::getenv("AISOV_SCENARIOS")) return env;
  return build::kDefaultScenarioDir;
}

Result<ScenarioCheck> Engine::scenario_check(const ScenarioRequest& request) const {
  return guarded<ScenarioCheck>([&] {
    const engine_detail::LoadedScenario l = engine_detail::load_scenario(request);
    scenario::Model m = scenario::compile(*dataset_, l.spec);
    ScenarioCheck c;
    c.file = l.file;
    c.name = l.spec.name;
    c.description = l.spec.description;
    c.basis = l.spec.basis;
    c.scenario_hash = io::fnv1a_hex(l.spec.canonical);
    c.start_year = m.y0;
    c.horizon = m.horizon;
    c.capacity_cells = static_cast<int>(m.cells.size());
    for (double k : m.k0_econ) c.world_h100e += k;
    c.shocks = shock_infos(m);
    c.warnings = m.warnings;
    return c;
  });
}

Result<ScenarioResult> Engine::scenario_run(const ScenarioRequest& request) const {
  return guarded<ScenarioResult>([&] {
    const engine_detail::PreparedRun p =
        engine_detail::prepare_run(*dataset_, request, engine_detail::load_scenario(request));
    if (!(request.target_rse >= 0 && request.target_rse <= 1e6))
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "--target-rse must be a number ≥ 0 (0 = run every draw)");
    ScenarioResult res = scenario::run(p.model, p.report, request, p.loaded.spec.thresholds);
    engine_detail::fill_provenance(res, *dataset_, *summary_, p);
    return res;
  });
}

Result<ScenarioList> Engine::scenario_list(const std::string& dir) const {
  return guarded<ScenarioList>([&] {
    ScenarioList out;
    out.dir = dir.empty() ? default_scenario_dir() : dir;
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(out.dir, ec)) {
      const std::string p = entry.path().string();
      if (entry.is_regular_file() && (ends_with(p, ".toml") || ends_with(p, ".json")))
        files.push_back(p);
    }
    if (ec) throw core::Failure(ErrorCode::kNotFound, "cannot read scenario directory " + out.dir);
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      ScenarioRequest req;
      req.file = f;
      const engine_detail::LoadedScenario l = engine_detail::load_scenario(req);
      ScenarioListEntry e;
      e.file = fs::path(f).filename().string();
      e.name = l.spec.name;
      e.description = l.spec.description;
      e.basis = l.spec.basis;
      e.shocks = static_cast<int>(l.spec.shocks.size());
      out.scenarios.push_back(e);
    }
    return out;
  });
}

}  // namespace aisov
