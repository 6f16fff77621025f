#pragma once
// Helpers for scenario tests: compile a scenario text against the tiny fixture dataset and
// simulate one draw.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aisov/engine.hpp"
#include "io/scenario_file.hpp"
#include "model/dataset.hpp"
#include "scenario/model.hpp"
#include "test_support.hpp"

namespace aisov::test {

inline const Engine& tiny_engine() {
  static const Engine engine = Engine::open(EngineOptions{fixture("tiny")}).value();
  return engine;
}

/// Defaults that make the tiny fixture's numbers round: a region's training or inference
/// accelerator model counts 989.4 chips, i.e. (TFLOP/s) H100e — big = 1000, small = 65,
/// cnbig = 300 — and the baseline grows 50 %/yr with 20 %/yr retirement.
inline const char* kTinyHeader = R"(
name = "tiny test"
horizon = 2026
[baseline]
growth = 0.5
retirement = 0.2
[defaults]
region_chips_training = 989.4
region_chips_inference = 989.4
)";

inline scenario::Model compile_text(const std::string& body, const Engine& engine = tiny_engine()) {
  std::vector<io::Problem> problems;
  auto spec = io::parse_scenario(std::string(kTinyHeader) + body, "test.toml", false, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.str();
  return scenario::compile(engine.dataset(), spec);
}

/// Outputs of one draw: [year index][economy][measure].
struct Outputs {
  const model::Dataset* ds = nullptr;
  int ne = 0;
  std::vector<double> v;
  double at(int year, const std::string& iso3, int measure) const {
    const int e = ds->find_economy(iso3);
    return v[(static_cast<size_t>(year - 2025) * ne + e) * 3 + measure];
  }
  double terr(int y, const std::string& c) const { return at(y, c, 0); }
  double sov(int y, const std::string& c) const { return at(y, c, 1); }
  double acc(int y, const std::string& c) const { return at(y, c, 2); }
};

inline Outputs simulate_draw(const scenario::Model& m, bool shocks, uint64_t seed = 1,
                             uint64_t draw = 0,
                             const std::function<void(scenario::DrawParams&)>& edit = {}) {
  core::Stream s(seed, draw);
  scenario::DrawParams p;
  scenario::draw_params(m, s, p);
  if (edit) edit(p);
  scenario::Scratch scratch;
  Outputs o;
  o.ds = &tiny_engine().dataset();
  o.ne = m.n_econ;
  o.v.resize(static_cast<size_t>(m.horizon - m.y0) * m.n_econ * 3);
  scenario::simulate(m, p, shocks, scratch, o.v.data());
  return o;
}

}  // namespace aisov::test
