// The optimiser on hand-worked instances, placement rules on the tiny fixture, bad input and
// determinism.
#include <gtest/gtest.h>
#include <atomic>

#include <cmath>

#include "aisov/engine.hpp"
#include "core/stats.hpp"
#include "optimise/optimiser.hpp"
#include "placement/placement.hpp"
#include "test_support.hpp"

namespace aisov {
namespace {

using test::fixture;

// Three equally likely losses 0, 10, 40.
// α = 0.5: the worst half is draw 40 (weight 1/3) and half of draw 10 (weight 1/6):
//   (40/3 + 10/6) / 0.5 = 30.  α = 2/3: the worst third is draw 40 alone → 40.
// α = 0: the mean, 50/3.
TEST(Cvar, ThreeScenariosByHand) {
  const std::vector<double> losses = {0, 10, 40};
  auto be = solver::make_coin_backend();
  for (auto [alpha, expected] :
       std::vector<std::pair<double, double>>{{0.5, 30}, {2.0 / 3.0, 40}, {0.0, 50.0 / 3.0}}) {
    const solver::Solution s = be->solve(optimise::cvar_lp(losses, alpha), {});
    ASSERT_EQ(s.status, solver::ModelStatus::kOptimal);
    EXPECT_NEAR(s.objective, expected, 1e-5) << alpha;  // Clp's default tolerances
    std::vector<double> copy = losses;
    EXPECT_NEAR(core::cvar_upper(copy, alpha), expected, 1e-12) << alpha;
  }
  // At α = 0.5 the optimal η is the VaR: 10 (any η in the flat part would do; 10 is the kink).
}

TEST(Placement, RulesOnTinyFixture) {
  Engine e = Engine::open(EngineOptions{fixture("tiny")}).value();
  PlaceRequest r;
  r.accelerator = "big";
  r.count = 8;
  r.hours = 10;
  auto res = e.place(r);
  ASSERT_TRUE(res.ok());
  ASSERT_EQ(res.value().eligible.size(), 2u);
  EXPECT_EQ(res.value().eligible[0].site_id, "dec:de-2");  // 3.5 < 4.0 USD/h
  EXPECT_DOUBLE_EQ(*res.value().eligible[0].cost_usd, 3.5 * 8 * 10);
  EXPECT_EQ(res.value().eligible[1].site_id, "usc:us-1");

  // Territory in the EU, operators from the EU, US-designed chips only.
  r.accelerator = "any";
  r.territory = {"eu"};
  r.operators = {"DEU"};
  r.designers = {"USA"};
  res = e.place(r);
  ASSERT_TRUE(res.ok());
  ASSERT_EQ(res.value().eligible.size(), 1u);
  EXPECT_EQ(res.value().eligible[0].site_id, "dec:de-2");
  EXPECT_EQ(res.value().eligible[0].accel_id, "big");
  std::map<std::string, std::string> why;
  for (const auto& x : res.value().excluded) why[x.site_id + "/" + x.accel_id] = x.excluded_by;
  EXPECT_EQ(why["usc:us-1/big"].rfind("territory:", 0), 0u) << why["usc:us-1/big"];
  EXPECT_EQ(why["usc:de-1/small"].rfind("operator:", 0), 0u) << why["usc:de-1/small"];
  EXPECT_EQ(why["dec:de-2/cnbig"].rfind("chip designer:", 0), 0u) << why["dec:de-2/cnbig"];
  // cnc:fr-1 closed on 2024-06-30, before the fixture's as-of date: not a candidate at all.
  EXPECT_EQ(why.count("cnc:fr-1/small"), 0u);

  // Data residency in France: no active French site offers anything priced but dec:fr-2 has no
  // offerings, so everything is excluded by territory or residency.
  r = PlaceRequest{};
  r.residency = "FRA";
  res = e.place(r);
  ASSERT_TRUE(res.ok());
  EXPECT_TRUE(res.value().eligible.empty());
  for (const auto& x : res.value().excluded)
    EXPECT_EQ(x.excluded_by.rfind("data residency:", 0), 0u) << x.excluded_by;

  r = PlaceRequest{};
  r.territory = {"XXX"};
  EXPECT_EQ(e.place(r).error().code, ErrorCode::kNotFound);
}

TEST(Placement, LatencyByHand) {
  // Frankfurt (50.11, 8.68) to Nuremberg (49.45, 11.08): about 186 km on the ellipsoid.
  const double d = placement::distance_km(50.11, 8.68, 49.45, 11.08);
  EXPECT_NEAR(d, 186, 3);
  EXPECT_NEAR(placement::rtt_ms(100), 2 * 100 * 1.5 / 204.2, 1e-12);
  Engine e = Engine::open(EngineOptions{fixture("tiny")}).value();
  PlaceRequest r;
  r.accelerator = "big";
  r.from = "Frankfurt";
  r.sort = "latency";
  auto res = e.place(r);
  ASSERT_TRUE(res.ok());
  ASSERT_EQ(res.value().eligible.size(), 2u);
  EXPECT_EQ(res.value().eligible[0].site_id, "dec:de-2");
  EXPECT_NEAR(*res.value().eligible[0].latency_ms, placement::rtt_ms(d), 1e-9);
}

TEST(Siting, WeightsAndNormalisation) {
  Engine e = Engine::open(EngineOptions{fixture("tiny")}).value();
  SiteRequest r;
  r.w_power = r.w_price = r.w_carbon = r.w_water = r.w_latency = 0;
  r.w_jurisdiction = 1;
  r.preferred = {"BRA"};
  auto res = e.site(r);
  ASSERT_TRUE(res.ok());
  ASSERT_FALSE(res.value().candidates.empty());
  EXPECT_EQ(res.value().candidates[0].iso3, "BRA");
  EXPECT_DOUBLE_EQ(res.value().candidates[0].score, 1.0);
  for (size_t i = 1; i < res.value().candidates.size(); ++i)
    EXPECT_DOUBLE_EQ(res.value().candidates[i].score, 0.0);
  // Latency only: the demand centre's own city ranks first with RTT 0.
  r = SiteRequest{};
  r.w_power = r.w_price = r.w_carbon = r.w_water = r.w_jurisdiction = 0;
  r.demand = {"Nairobi"};
  res = e.site(r);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.value().candidates[0].city, "Nairobi");
  EXPECT_NEAR(res.value().candidates[0].latency_ms, 0, 1e-9);
  EXPECT_DOUBLE_EQ(res.value().weights[4], 1.0);
}

TEST(Siting, WaterStressOnALogScaleByHand) {
  // Fixture SDG 6.4.2 levels: BRA 0 %, DEU 9 %, USA 9 %, KEN 99 %, FRA 999 % (2022; FRA's
  // 2021 row is older), CHN none. Criterion −log₁₀(1 + %): 0, −1, −1, −2, −3; CHN takes the
  // median −1. Min–max over [−3, 0]: BRA 1, DEU and USA 2/3, KEN 1/3, FRA 0, CHN 2/3.
  Engine e = Engine::open(EngineOptions{fixture("tiny")}).value();
  SiteRequest r;
  r.w_power = r.w_price = r.w_carbon = r.w_latency = r.w_jurisdiction = 0;
  r.w_water = 1;
  auto res = e.site(r);
  ASSERT_TRUE(res.ok()) << res.error().message;
  std::map<std::string, const SiteCandidate*> by_iso;
  for (const auto& c : res.value().candidates) by_iso[c.iso3] = &c;
  ASSERT_EQ(by_iso.count("BRA") + by_iso.count("FRA") + by_iso.count("CHN"), 3u);
  EXPECT_EQ(res.value().candidates[0].iso3, "BRA");
  EXPECT_DOUBLE_EQ(by_iso["BRA"]->score, 1.0);
  EXPECT_NEAR(by_iso["DEU"]->score, 2.0 / 3, 1e-12);
  EXPECT_NEAR(by_iso["USA"]->score, 2.0 / 3, 1e-12);
  EXPECT_NEAR(by_iso["KEN"]->score, 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(by_iso["FRA"]->score, 0.0);
  EXPECT_NEAR(by_iso["CHN"]->score, 2.0 / 3, 1e-12);
  EXPECT_EQ(by_iso["CHN"]->missing, "water");
  EXPECT_TRUE(std::isnan(by_iso["CHN"]->water_stress_pct));
  EXPECT_EQ(by_iso["FRA"]->water_stress_pct, 999);
  // FAO classes: < 25 none, 25–50 low, 50–75 medium, 75–100 high, ≥ 100 critical.
  EXPECT_EQ(by_iso["BRA"]->water_stress_level, "none");
  EXPECT_EQ(by_iso["KEN"]->water_stress_level, "high");
  EXPECT_EQ(by_iso["FRA"]->water_stress_level, "critical");
  EXPECT_EQ(by_iso["CHN"]->water_stress_level, "");
  EXPECT_EQ(placement::water_stress_level(24.99), "none");
  EXPECT_EQ(placement::water_stress_level(25), "low");
  EXPECT_EQ(placement::water_stress_level(50), "medium");
  EXPECT_EQ(placement::water_stress_level(75), "high");
  EXPECT_EQ(placement::water_stress_level(100), "critical");
}

OptimiseRequest idn() {
  OptimiseRequest r;
  r.economy = "IDN";
  r.budget_usd = 2e9;
  r.draws = 300;
  r.align = false;
  return r;
}

TEST(Optimise, BudgetBindsAndDeterministic) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r = idn();
  r.threads = 1;
  auto a = e.optimise(r);
  ASSERT_TRUE(a.ok()) << a.error().message;
  r.threads = 4;
  auto b = e.optimise(r);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a.value().best.status, "optimal");
  EXPECT_TRUE(a.value().best.call_ok);
  EXPECT_EQ(a.value().best.objective, b.value().best.objective);
  ASSERT_EQ(a.value().allocation.size(), b.value().allocation.size());
  for (size_t i = 0; i < a.value().allocation.size(); ++i)
    EXPECT_EQ(a.value().allocation[i].amount, b.value().allocation[i].amount);
  // Every option has positive value, so the whole budget is spent and its price is positive.
  EXPECT_NEAR(a.value().best.cost_usd, 2e9, 1e-3 * 2e9);
  const auto& c = a.value().constraints[0];
  EXPECT_EQ(c.name, "budget_usd");
  EXPECT_TRUE(c.binding);
  EXPECT_GT(c.shadow_price, 0);
}

TEST(Optimise, FrontierIsMonotone) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r = idn();
  r.frontier = true;
  r.frontier_lambdas = {0, 1, 10};
  auto res = e.optimise(r);
  ASSERT_TRUE(res.ok());
  const auto& f = res.value().frontier;
  ASSERT_EQ(f.size(), 3u);
  // More risk aversion never raises the CVaR of the optimum, nor the expected value.
  for (size_t i = 1; i < f.size(); ++i) {
    EXPECT_LE(f[i].cvar_loss, f[i - 1].cvar_loss + 1e-6);
    EXPECT_LE(f[i].expected_h100e_years + f[i].competitiveness,
              f[i - 1].expected_h100e_years + f[i - 1].competitiveness + 1e-6);
  }
}

TEST(Optimise, ProgressCountsSolvesAndCancelStops) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r = idn();
  r.frontier = true;
  r.frontier_lambdas = {0, 1};
  r.align = true;
  std::vector<std::pair<int64_t, int64_t>> seen;
  r.progress = [&](int64_t done, int64_t planned) { seen.push_back({done, planned}); };
  auto res = e.optimise(r);
  ASSERT_TRUE(res.ok()) << res.error().message;
  // 1 main solve + 2 frontier points + one per power bloc (power-us, power-china, power-europe).
  ASSERT_EQ(seen.size(), 6u);
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].first, static_cast<int64_t>(i + 1));
    EXPECT_EQ(seen[i].second, 6);
  }
  // A cancel flag already set stops the run before its first solve.
  std::atomic<bool> cancel{true};
  r.cancel = &cancel;
  seen.clear();
  auto stopped = e.optimise(r);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().code, ErrorCode::kCancelled);
  EXPECT_TRUE(seen.empty());
}

TEST(Optimise, InfeasibleTargetNamesConstraints) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r = idn();
  r.text = "target_h100e = 1e9\n";
  r.budget_usd = 1e6;
  auto res = e.optimise(r);
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_TRUE(res.value().best.call_ok);
  EXPECT_EQ(res.value().best.status, "infeasible");
  ASSERT_FALSE(res.value().best.infeasible_rows.empty());
  std::string all;
  for (const auto& s : res.value().best.infeasible_rows) all += s + ";";
  // The elastic program relaxes whichever side is cheaper in its units: here the resource and
  // budget rows that the target would overrun.
  EXPECT_NE(all.find("budget_usd"), std::string::npos) << all;
}

TEST(Optimise, MalformedFileHasLineAndColumn) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r;
  r.text = "economy = \"IDN\"\nbudget_usd = 1e9\n[constraints]\ngrid_mw = \"lots\"\nbogus = 1\n";
  auto res = e.optimise(r);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(error_exit_code(res.error().code), 2);
  ASSERT_EQ(res.error().details.size(), 2u);
  const std::string both = res.error().details[0] + "|" + res.error().details[1];
  EXPECT_NE(both.find("<optimise.toml>:4:11: constraints.grid_mw: expected a number"),
            std::string::npos)
      << both;
  EXPECT_NE(both.find("<optimise.toml>:5:1: constraints.bogus: unknown key"), std::string::npos)
      << both;
  r.text = "economy = \"IDN\"\nbudget_usd = [1\n";
  res = e.optimise(r);
  ASSERT_FALSE(res.ok());
  EXPECT_NE(res.error().details[0].find("malformed TOML"), std::string::npos);
  r = OptimiseRequest{};
  r.economy = "ZZZ";
  r.budget_usd = 1;
  EXPECT_EQ(e.optimise(r).error().code, ErrorCode::kNotFound);
}

// Found by tests/fuzz (fuzz_optimise_spec): a float too large for int64_t was converted
// unchecked (undefined behaviour) before the range check.
TEST(Optimise, HugeFloatIsOutOfRange) {
  std::vector<io::Problem> problems;
  const auto spec = optimise::parse_spec(
      "draws = 1e92\n[[value_chain]]\nelement = \"talent\"\nbenchmark_usd = -1e300\n", "f.toml",
      problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].message.find("draws: must be between"), std::string::npos)
      << problems[0].str();
  EXPECT_FALSE(spec.draws);
}

TEST(Optimise, CliExitCodes) {
  auto ok =
      test::run_cli("optimise --economy IDN --budget 1e9 --draws 100 --no-align --format json");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("\"meta\""), std::string::npos);
  auto bad = test::run_cli("optimise --economy IDN");
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace aisov
