// Energy of scenario results (docs/methodology.md §15.5) on the tiny fixture. Every expected
// figure is worked by hand from the fixture's rows and the documented defaults: 1,024 / 256
// chips per training / inference model and region, growth 1.3 (2.3× a year), retirement 1/6,
// efficiency gain η = 0.25, k = 1.275 kW per H100e, facility_power_pue 1.12, (u, PUE) = (0.7,
// 1.2) mid, (0.5, 1.1) low, (0.8, 1.56) high. As of 2024-11-30, y₀ = 2024.
//
// Germany at the start: usc:de-1 offers small (65 TFLOP/s, inference): 256 × 65 / 989.4 H100e;
// dec:de-2 offers big (1000) and cnbig (300), training: 1024 × 1300 / 989.4 H100e; facility f2:
// 2,000 H100e and 5 MW of facility power.
//   K₀ = (16,640 + 1,331,200) / 989.4 + 2,000 = 3,362.2802 H100e
//   IT = 1,347,840 / 989.4 × 1.275 / 1000 + 5 / 1.12 = 1.736907 + 4.464286 = 6.201193 MW
//   r  = IT / K₀ = 1.84434 kW per H100e
// Without shocks, territorial H100e in year t = K₀ × 2.3^(t − 2024), so
//   TWh(t) = IT × 2.3^(t−2024) × 0.75^(t−2024) × 8,760 × u × PUE / 10⁶.
// With Germany's grid set to 500 TWh (2023) at 350 g/kWh (2024): tCO2e = TWh × 350 × 1,000.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "aisov/engine.hpp"
#include "test_support.hpp"

using namespace aisov;

namespace {

constexpr double kDeuK0 = 1347840 / 989.4 + 2000;
constexpr double kDeuIt = 1347840 / 989.4 * 1.275 / 1000 + 5 / 1.12;
constexpr double kHours = 8760;

double deu_twh(int year, double u, double pue) {
  const int n = year - 2024;
  return kDeuIt * std::pow(2.3, n) * std::pow(0.75, n) * kHours * u * pue / 1e6;
}

struct Grid {
  test::TempDir dir;
  Engine engine;
  static Engine make(const test::TempDir& d) {
    std::filesystem::copy(test::fixture("tiny"), d.str(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    std::ofstream(d / "indicators.csv", std::ios::app)
        << "DEU,electricity_generation_twh,2023,500,fixture\n"
           "DEU,carbon_intensity_gco2_per_kwh,2024,350,fixture\n";
    auto r = Engine::open({d.str()});
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(r).value();
  }
  Grid() : engine(make(dir)) {}
};

const Grid& grid() {
  static const Grid g;
  return g;
}

ScenarioResult run(const std::string& text, std::vector<std::string> economies = {},
                   int64_t draws = 200) {
  ScenarioRequest req;
  req.text = "name = \"energy test\"\nhorizon = 2026\n" + text;
  req.draws = draws;
  req.economies = std::move(economies);
  auto r = grid().engine.scenario_run(req);
  if (!r) throw std::runtime_error(r.error().message);
  return r.value();
}

const ScenarioRow& row(const ScenarioResult& r, const std::string& code, int year,
                       const std::string& measure) {
  for (const auto& x : r.rows)
    if (x.code == code && x.year == year && x.measure == measure) return x;
  throw std::runtime_error("no row " + code);
}

std::vector<std::string> run_errors(const std::string& text) {
  ScenarioRequest req;
  req.text = "name = \"energy test\"\nhorizon = 2026\n" + text;
  req.draws = 10;
  auto r = grid().engine.scenario_run(req);
  if (r) return {};
  auto lines = r.error().details;
  lines.push_back(r.error().message);
  return lines;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& what) {
  for (const auto& l : lines)
    if (l.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

// No shocks: the hand-worked §15.5 example, 2025 and 2026, mid, low and high, CO2e and share.
TEST(ScenarioEnergy, HandWorkedGermanyWithoutShocks) {
  const auto r = run("", {"DEU"});
  const auto& t25 = row(r, "DEU", 2025, "territorial");
  ASSERT_TRUE(t25.energy);
  const auto& e = *t25.energy;
  EXPECT_NEAR(t25.baseline, kDeuK0 * 2.3, 1e-6);
  EXPECT_NEAR(e.it_kw_per_h100e_start, kDeuIt / kDeuK0 * 1000, 1e-9);
  EXPECT_NEAR(e.it_kw_per_h100e_start, 1.84434, 1e-5);
  EXPECT_NEAR(e.it_mw, kDeuIt * 2.3 * 0.75, 1e-4);  // 10.697058 MW (H100e kept as float)
  EXPECT_NEAR(e.baseline_twh, deu_twh(2025, 0.7, 1.2), 1e-12);
  EXPECT_NEAR(e.baseline_twh, 0.078713, 1e-6);
  EXPECT_NEAR(e.twh.mean, 0.078713, 1e-6);
  EXPECT_NEAR(e.twh.p5, 0.078713, 1e-6);
  EXPECT_NEAR(e.twh_low, deu_twh(2025, 0.5, 1.1), 1e-8);
  EXPECT_NEAR(e.twh_high, deu_twh(2025, 0.8, 1.56), 1e-8);
  ASSERT_TRUE(e.co2_t && e.baseline_co2_t && e.share_of_generation);
  EXPECT_NEAR(*e.baseline_co2_t, deu_twh(2025, 0.7, 1.2) * 350 * 1000, 1e-6);
  EXPECT_NEAR(*e.baseline_co2_t, 27549.63, 0.01);
  EXPECT_NEAR(e.co2_t->mean, 27549.63, 0.01);
  // The statistics come from per-draw values kept as 32-bit floats (relative error ≤ 6·10⁻⁸).
  EXPECT_NEAR(*e.co2_t_high, deu_twh(2025, 0.8, 1.56) * 350 * 1000, 0.01);
  EXPECT_NEAR(*e.share_of_generation, deu_twh(2025, 0.7, 1.2) / 500, 1e-10);
  EXPECT_EQ(e.generation_year, 2023);
  EXPECT_EQ(e.carbon_year, 2024);
  const auto& t26 = row(r, "DEU", 2026, "territorial");
  EXPECT_NEAR(t26.energy->baseline_twh, deu_twh(2026, 0.7, 1.2), 1e-12);
  // Sovereign: Germany's own operator dec runs de-2 (big, cnbig) and f2, at Germany's factor.
  const auto& s25 = row(r, "DEU", 2025, "sovereign");
  ASSERT_TRUE(s25.energy);
  EXPECT_NEAR(s25.baseline, (1331200 / 989.4 + 2000) * 2.3, 1e-6);
  EXPECT_NEAR(s25.energy->baseline_twh,
              (1331200 / 989.4 + 2000) * 2.3 * kDeuIt / kDeuK0 * 0.75 * kHours * 0.84 / 1e6, 1e-12);
  // Accessible rows draw partly abroad: no energy.
  EXPECT_FALSE(row(r, "DEU", 2025, "accessible").energy);
}

// An economy without a grid figure: TWh, but no share and no emissions ("no data", not 0).
TEST(ScenarioEnergy, NoGridFigureIsNoData) {
  const auto r = run("", {"USA"});
  const auto& e = *row(r, "USA", 2025, "territorial").energy;
  EXPECT_GT(e.twh.mean, 0);
  EXPECT_FALSE(e.share_of_generation);
  EXPECT_FALSE(e.co2_t);
  EXPECT_FALSE(e.carbon_gco2_per_kwh);
}

// Energy scales linearly with capacity: Kenya hosts one region offering one inference model, so
// doubling region_chips_inference doubles its H100e and its IT load (the rule k per H100e):
// every TWh statistic doubles, in every year.
TEST(ScenarioEnergy, ScalesLinearlyWithCapacity) {
  const std::string shock = R"(
[[shocks]]
id = "cut"
kind = "provider_withdrawal"
operators = ["USA"]
economies = ["KEN"]
probability = 0.5
start = { uniform = [2025, 2026] }
fraction = { uniform = [0.1, 0.9] }
)";
  const auto one = run(shock, {"KEN"}, 400);
  const auto two = run("[defaults]\nregion_chips_inference = 512\n" + shock, {"KEN"}, 400);
  for (int y : {2025, 2026}) {
    const auto& a = *row(one, "KEN", y, "territorial").energy;
    const auto& b = *row(two, "KEN", y, "territorial").energy;
    EXPECT_NEAR(a.it_kw_per_h100e_start, 1.275, 1e-12);  // regions only: the rule
    EXPECT_NEAR(b.twh.mean, 2 * a.twh.mean, 1e-9 * a.twh.mean);
    EXPECT_NEAR(b.twh.p5, 2 * a.twh.p5, 1e-9 * a.twh.mean);
    EXPECT_NEAR(b.twh.p95, 2 * a.twh.p95, 1e-9 * a.twh.mean);
    EXPECT_NEAR(b.baseline_twh, 2 * a.baseline_twh, 1e-9 * a.baseline_twh);
    EXPECT_NEAR(b.twh_high, 2 * a.twh_high, 1e-9 * a.twh_high);
    // Kenya: 256 × 65 / 989.4 H100e at 1.275 kW, 2.3× and 0.75× a year, before the shock.
    const int n = y - 2024;
    EXPECT_NEAR(a.baseline_twh,
                256 * 65 / 989.4 * 1.275 / 1000 * std::pow(2.3 * 0.75, n) * kHours * 0.84 / 1e6,
                1e-12);
  }
  // Every statistic is the H100e statistic times one factor (quantiles convert exactly).
  const auto& r = row(one, "KEN", 2026, "territorial");
  const double f = r.energy->twh_per_h100e;
  EXPECT_NEAR(f, 1.275 / 1000 * 0.75 * 0.75 * kHours * 0.84 / 1e6, 1e-18);
  EXPECT_DOUBLE_EQ(r.energy->twh.p5, r.h100e.p5 * f);
  EXPECT_DOUBLE_EQ(r.energy->twh.es5, r.h100e.es5 * f);
  EXPECT_LT(r.energy->twh.p5, r.energy->twh.p95);
}

// A cap of 0.05 TWh/yr on Germany from 2025. Retained stock in 2025: K₀ × 5/6 at the 2025 factor
// = 6.201193 × 0.75 × 7,358.4 / 10⁶ × 5/6 = 0.02852 TWh < 0.05, and demand (0.0787) is above
// the cap, so Germany draws exactly 0.05 TWh in 2025; in 2026 the retained 2025 stock draws
// 0.05 × 0.75 × 5/6 = 0.03125 < 0.05 and demand is far above: 0.05 again. 0.0001 of Germany's
// 500 TWh is the same cap.
TEST(ScenarioEnergy, CapOnTwhBindsOnElectricity) {
  for (const std::string cap : {"max_twh = 0.05", "max_share_of_generation = 0.0001"}) {
    const auto r =
        run("[[shocks]]\nid = \"grid\"\nkind = \"energy_cap\"\nstart = 2025\n"
            "economies = [\"DEU\"]\n" +
                cap + "\n",
            {"DEU", "USA"});
    for (int y : {2025, 2026}) {
      const auto& t = row(r, "DEU", y, "territorial");
      EXPECT_NEAR(t.energy->twh.mean, 0.05, 1e-8) << cap << " " << y;
      EXPECT_NEAR(t.energy->twh.p95, 0.05, 1e-8) << cap << " " << y;
      EXPECT_NEAR(t.energy->baseline_twh, deu_twh(y, 0.7, 1.2), 1e-12);
      EXPECT_NEAR(*t.energy->share_of_generation, 0.05 / 500, 1e-10);
    }
    // Other economies are untouched.
    const auto& us = row(r, "USA", 2026, "territorial");
    EXPECT_NEAR(us.h100e.mean, us.baseline, 1e-6 * us.baseline);
  }
}

// A cap never raises demand or compute: every row of every economy stays at or below its
// no-shock baseline, and a tighter cap gives no more compute than a looser one.
TEST(ScenarioEnergy, CapNeverRaisesCompute) {
  const std::string shock = R"(
[[shocks]]
id = "grid"
kind = "energy_cap"
probability = 0.6
start = { uniform = [2025, 2026] }
economies = ["DEU", "USA"]
pooled = true
)";
  const auto loose = run(shock + "max_twh = { uniform = [0.05, 0.5] }\n", {}, 300);
  const auto tight = run(shock + "max_twh = { uniform = [0.01, 0.1] }\n", {}, 300);
  ASSERT_EQ(loose.rows.size(), tight.rows.size());
  for (size_t i = 0; i < loose.rows.size(); ++i) {
    const auto& a = loose.rows[i];
    const auto& b = tight.rows[i];
    EXPECT_LE(a.h100e.p95, a.baseline * (1 + 1e-6)) << a.code << a.year << a.measure;
    EXPECT_LE(a.h100e.mean, a.baseline * (1 + 1e-6)) << a.code << a.year << a.measure;
    EXPECT_LE(b.h100e.mean, a.h100e.mean * (1 + 1e-6) + 1e-6) << a.code << a.year << a.measure;
    if (a.energy) {
      EXPECT_LE(a.energy->twh.mean, a.energy->baseline_twh * (1 + 1e-6));
    }
  }
}

TEST(ScenarioEnergy, BadCapsAreRefusedWithTheirPlace) {
  const std::string head =
      "[[shocks]]\nkind = \"energy_cap\"\nstart = 2025\neconomies = [\"DEU\"]\n";
  auto e = run_errors(head + "max_twh = -1\n");
  EXPECT_TRUE(any_contains(e, "<scenario.toml>:7:11: shocks[0].max_twh"))
      << ::testing::PrintToString(e);
  e = run_errors(head + "max_share_of_generation = 1.5\n");
  EXPECT_TRUE(any_contains(e, "<scenario.toml>:7:27: shocks[0].max_share_of_generation"))
      << ::testing::PrintToString(e);
  e = run_errors(head + "max_twh = 1\nmax_mw = 5\n");
  EXPECT_TRUE(any_contains(e, "not several")) << ::testing::PrintToString(e);
  // Kenya has no generation figure: a share of it cannot be computed.
  e = run_errors(
      "[[shocks]]\nkind = \"energy_cap\"\nstart = 2025\neconomies = [\"KEN\"]\n"
      "max_share_of_generation = 0.1\n");
  EXPECT_TRUE(any_contains(e,
                           "<scenario.toml>:6:13: shocks[0].economies: economy KEN has no "
                           "electricity generation figure"))
      << ::testing::PrintToString(e);
  e = run_errors(
      "[[references]]\ncase = \"x\"\nregion = \"r\"\nsource = \"s\"\n"
      "economies = [\"DEU\"]\nyear = 2025\ntwh = [5, 1]\n");
  EXPECT_TRUE(any_contains(e, "<scenario.toml>:9:7: references[0].twh"))
      << ::testing::PrintToString(e);
}

// References: the region's territorial TWh summed over its economies. France hosts no capacity
// on 2024-11-30 (fr-1 retired, fr-2 offers nothing), so Europe = Germany here.
TEST(ScenarioEnergy, ReferencesSumTheRegion) {
  const std::string refs = R"(
[[references]]
case = "Base"
region = "Europe"
economies = ["DEU", "FRA"]
year = 2025
twh = 0.1
source = "fixture"

[[references]]
case = "Chart"
region = "Europe"
economies = ["DEU", "FRA"]
year = 2026
twh = [0.1, 0.3]
source = "fixture"
)";
  const auto r = run(refs);
  ASSERT_EQ(r.references.size(), 2u);
  const auto& a = r.references[0];
  ASSERT_TRUE(a.mean_twh && a.ratio && a.baseline_twh);
  EXPECT_FALSE(a.approximate);
  EXPECT_EQ(a.economies, 2);
  EXPECT_NEAR(*a.baseline_twh, deu_twh(2025, 0.7, 1.2), 1e-12);
  EXPECT_NEAR(*a.mean_twh, deu_twh(2025, 0.7, 1.2), 1e-8);
  EXPECT_NEAR(*a.mean_twh_low, deu_twh(2025, 0.5, 1.1), 1e-8);
  EXPECT_NEAR(*a.ratio, deu_twh(2025, 0.7, 1.2) / 0.1, 1e-7);
  const auto& b = r.references[1];
  EXPECT_TRUE(b.approximate);
  EXPECT_NEAR(*b.ratio, deu_twh(2026, 0.7, 1.2) / 0.2, 1e-7);
  // Reporting the USA only leaves Germany out: no figure, and why.
  const auto only = run(refs, {"USA"});
  EXPECT_FALSE(only.references[0].mean_twh);
  EXPECT_NE(only.references[0].missing.find("not reported"), std::string::npos);
}

// The bundled IEA scenario on the bundled dataset: each case keeps its published figure (945 TWh
// exactly; Lift-Off and Headwinds as ranges, approximate), and the World reference is the sum of
// every reported economy's territorial TWh in 2030 (the default report holds every economy with
// compute), mean and baseline alike.
TEST(ScenarioEnergy, BundledIeaCasesSumTheWorld) {
  static const Engine bundled = [] {
    auto r = Engine::open({test::source_dir() + "/data"});
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(r).value();
  }();
  ScenarioRequest req;
  req.file = test::source_dir() + "/scenarios/iea-energy-cases.toml";
  req.draws = 20;
  req.years = {2030};
  auto r = bundled.scenario_run(req);
  ASSERT_TRUE(r) << r.error().message;
  const auto& res = r.value();
  double mean = 0, base = 0;
  for (const auto& row : res.rows) {
    if (row.measure != "territorial") continue;
    ASSERT_TRUE(row.energy);
    mean += row.energy->twh.mean;
    base += row.energy->baseline_twh;
  }
  ASSERT_GE(res.references.size(), 3u);
  const auto& world = res.references[0];
  EXPECT_EQ(world.case_name, "Base Case");
  EXPECT_EQ(world.published_twh_low, 945);
  EXPECT_FALSE(world.approximate);
  ASSERT_TRUE(world.mean_twh && world.baseline_twh && world.ratio);
  EXPECT_NEAR(*world.mean_twh, mean, 1e-9 * mean);
  EXPECT_NEAR(*world.baseline_twh, base, 1e-9 * base);
  EXPECT_NEAR(*world.ratio, mean / 945, 1e-9);
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_TRUE(res.references[i].approximate) << res.references[i].case_name;
    EXPECT_LT(res.references[i].published_twh_low, res.references[i].published_twh_high);
    EXPECT_NEAR(*res.references[i].mean_twh, mean, 1e-9 * mean);
  }
}
