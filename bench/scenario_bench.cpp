// Driver for bench/scenario_bench.py: `dump FILE` prints the compiled model (capacity cells,
// foreign-access weights) as JSON for the NumPy re-implementation; `run FILE DRAWS THREADS
// REPEATS` times Engine::scenario_run REPEATS times and prints every time (wall and process
// CPU), the start-up (process start to the dataset loaded), the peak RSS and every statistic
// as JSON.
#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "aisov/engine.hpp"
#include "io/csv.hpp"
#include "io/scenario_file.hpp"
#include "scenario/model.hpp"
#include "scenario/runner.hpp"

int main(int argc, char** argv) {
  using namespace aisov;
  const auto t_main = std::chrono::steady_clock::now();
  mallopt(M_MMAP_THRESHOLD, 64 << 20);  // the CLI's allocation policy (apps/cli/main.cpp)
  if (argc < 3) {
    std::cerr << "usage: aisov_scenario_bench dump FILE | run FILE DRAWS THREADS REPEATS\n";
    return 2;
  }
  const std::string mode = argv[1], file = argv[2];
  auto engine = Engine::open(EngineOptions{});
  if (!engine) {
    std::cerr << engine.error().message << "\n";
    return 1;
  }
  if (mode == "dump") {
    std::string text;
    std::vector<io::Problem> problems;
    if (!io::read_file(file, text)) return 1;
    auto spec = io::parse_scenario(text, file, false, problems);
    if (!problems.empty()) return 2;
    auto m = scenario::compile(engine.value().dataset(), spec);
    auto report = scenario::default_report(engine.value().dataset(), m);
    nlohmann::ordered_json j;
    j["y0"] = m.y0;
    j["horizon"] = m.horizon;
    j["n_econ"] = m.n_econ;
    j["gamma"] = m.gamma;
    j["k0_econ"] = m.k0_econ;
    nlohmann::ordered_json cells = nlohmann::json::array();
    for (const auto& c : m.cells)
      cells.push_back({c.econ, c.oj, c.dj, c.fab, c.training ? 1 : 0, c.pub ? 1 : 0, c.k0, c.w});
    j["cells"] = cells;
    std::vector<int> econs;
    for (const auto& mem : report.members) econs.push_back(mem.front());
    j["report"] = econs;
    j["codes"] = report.codes;
    const auto& ds = engine.value().dataset();
    j["iso3"] = nlohmann::json::array();
    for (const auto& e : ds.economies) j["iso3"].push_back(e.iso3);
    std::cout << j.dump() << "\n";
    return 0;
  }
  const double startup =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_main).count();
  const double startup_cpu = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
  ScenarioRequest req;
  req.file = file;
  req.draws = argc > 3 ? std::stoll(argv[3]) : 10000;
  req.threads = argc > 4 ? std::stoi(argv[4]) : 0;
  const int repeats = argc > 5 ? std::stoi(argv[5]) : 5;
  std::vector<double> wall, cpu;
  Result<ScenarioResult> res = Error{};
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    res = engine.value().scenario_run(req);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!res) {
      std::cerr << res.error().message << "\n";
      return 1;
    }
    wall.push_back(s);
    cpu.push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
  }
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::set<std::string> codes;
  for (const auto& row : res.value().rows) codes.insert(row.code);
  nlohmann::ordered_json j;
  j["wall"] = wall;
  j["cpu"] = cpu;  // process CPU time (all threads)
  j["startup_seconds"] = startup;
  j["startup_cpu_seconds"] = startup_cpu;
  j["max_rss_kib"] = ru.ru_maxrss;
  j["economies"] = codes.size();
  j["years"] = res.value().meta.horizon - res.value().meta.start_year;
  j["draws"] = res.value().meta.draws;
  auto stat = [](const ScenarioStat& s) {
    return nlohmann::ordered_json{{"mean", s.mean}, {"se", s.se},   {"p5", s.p5},
                                  {"p50", s.p50},   {"p95", s.p95}, {"es5", s.es5}};
  };
  nlohmann::ordered_json rows = nlohmann::json::array();
  for (const auto& row : res.value().rows)
    rows.push_back({{"code", row.code},
                    {"year", row.year},
                    {"measure", row.measure},
                    {"baseline", row.baseline},
                    {"h100e", stat(row.h100e)},
                    {"share", stat(row.share)},
                    {"p_loss", row.p_loss}});
  j["rows"] = rows;
  std::cout << j.dump() << "\n";
  return 0;
}
