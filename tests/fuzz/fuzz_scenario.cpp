// libFuzzer target: scenario files (io::parse_scenario), TOML or — built with
// AISOV_FUZZ_SCENARIO_JSON=1 — JSON. A file that parses is also resolved against the tiny
// fixture (Engine::scenario_check) and, when that succeeds, run for a few draws on one thread.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "io/scenario_file.hpp"

#ifndef AISOV_FUZZ_SCENARIO_JSON
#define AISOV_FUZZ_SCENARIO_JSON 0
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr bool kJson = AISOV_FUZZ_SCENARIO_JSON != 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<aisov::io::Problem> problems;
  const auto spec =
      aisov::io::parse_scenario(text, kJson ? "fuzz.json" : "fuzz.toml", kJson, problems);
  (void)aisov::io::problem_lines(problems);
  (void)aisov::io::fnv1a_hex(spec.canonical);
  if (!problems.empty()) return 0;
  const aisov::Engine& engine = aisov::fuzz::tiny_engine();
  aisov::ScenarioRequest req;
  req.text = text;
  req.json = kJson;
  req.draws = 4;
  req.threads = 1;
  const auto check = engine.scenario_check(req);
  if (!check.ok()) return 0;
  const auto run = engine.scenario_run(req);
  if (run.ok()) (void)aisov::render(run.value(), aisov::Format::kJson);
  return 0;
}
