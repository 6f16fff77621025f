// The optimiser on hand-worked instances, placement rules on the tiny fixture, bad input and
// determinism.
#include <gtest/gtest.h>
#include <atomic>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

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

// The tiny fixture with a grid: Germany 500 TWh generated (2023) at 350 gCO2e/kWh (2024),
// France 400 TWh at 50 g; the USA, Kenya, Brazil and China keep no generation or carbon figure.
struct GridFixture {
  test::TempDir dir;
  GridFixture() {
    std::filesystem::copy(test::fixture("tiny"), dir.str(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / "indicators.csv", std::ios::app)
        << "DEU,electricity_generation_twh,2023,500,fixture\n"
           "DEU,carbon_intensity_gco2_per_kwh,2024,350,fixture\n"
           "FRA,electricity_generation_twh,2023,400,fixture\n"
           "FRA,carbon_intensity_gco2_per_kwh,2024,50,fixture\n";
  }
};

std::map<std::string, const SiteCandidate*> by_iso3(const SiteResult& r) {
  std::map<std::string, const SiteCandidate*> m;
  for (const auto& c : r.candidates) m.emplace(c.iso3, &c);
  return m;
}

// A 10 MW (IT) workload at the energy layer's defaults (docs/methodology.md §14.6, §15.2):
//   TWh = 10 × 8760 × 0.7 × 1.2 / 10⁶ = 0.073584; low × 0.5 × 1.1 = 0.04818;
//   high × 0.8 × 1.56 = 0.1093248.
// Germany already hosts 0.0456308581 TWh (tests/census/energy_test.cpp works it by hand):
//   headroom = (0.0456308581 + 0.073584) / 500 = 2.384297162e-4;
//   low (0.0191228833 + 0.04818) / 500 = 1.346057666e-4; high (0.0921972748 + 0.1093248) / 500
//   = 4.030441496e-4. Emissions 0.073584 × 350 × 1000 = 25,754.4 t (16,863; 38,263.68).
// France hosts nothing on 2024-11-30 (cnc:fr-1 retired 2024-06-30, dec:fr-2 offers nothing):
//   headroom = 0.073584 / 400 = 1.8396e-4; emissions 0.073584 × 50 × 1000 = 3,679.2 t.
// Headroom weight only: criterion −share; France (Strasbourg) 1, Germany 0 (min–max). Candidates
// are cities: the values present are Frankfurt's and Nuremberg's (Germany's) and Strasbourg's,
// so the median is Germany's and the economies without generation score 0, listing "headroom"
// as missing.
TEST(Siting, HeadroomAndCarbonByHand) {
  GridFixture g;
  Engine e = Engine::open(EngineOptions{g.dir.str()}).value();
  SiteRequest r;
  r.w_power = r.w_price = r.w_carbon = r.w_water = r.w_latency = r.w_jurisdiction = 0;
  r.it_mw = 10;
  auto res = e.site(r);
  ASSERT_TRUE(res.ok()) << res.error().message;
  ASSERT_EQ(res.value().weights.size(), 7u);
  EXPECT_DOUBLE_EQ(res.value().weights[6], 1.0);
  auto m = by_iso3(res.value());
  const auto& de = *m.at("DEU")->energy;
  EXPECT_NEAR(de.twh, 0.073584, 1e-12);
  EXPECT_NEAR(de.twh_low, 0.04818, 1e-12);
  EXPECT_NEAR(de.twh_high, 0.1093248, 1e-12);
  EXPECT_NEAR(de.hosted_twh, 0.0456308581, 1e-10);
  EXPECT_NEAR(*de.headroom_share, 2.384297162e-4, 1e-12);
  EXPECT_NEAR(*de.headroom_share_low, 1.346057666e-4, 1e-12);
  EXPECT_NEAR(*de.headroom_share_high, 4.030441496e-4, 1e-12);
  EXPECT_NEAR(*de.share_of_generation, 0.073584 / 500, 1e-15);
  EXPECT_NEAR(*de.co2_t, 25754.4, 1e-6);
  EXPECT_NEAR(*de.co2_t_low, 16863, 1e-6);
  EXPECT_NEAR(*de.co2_t_high, 38263.68, 1e-6);
  const auto& fr = *m.at("FRA")->energy;
  EXPECT_EQ(fr.hosted_twh, 0);
  EXPECT_NEAR(*fr.headroom_share, 1.8396e-4, 1e-15);
  EXPECT_NEAR(*fr.co2_t, 3679.2, 1e-6);
  EXPECT_DOUBLE_EQ(m.at("FRA")->score, 1.0);
  EXPECT_DOUBLE_EQ(m.at("DEU")->score, 0.0);
  // No generation figure: no headroom, no emissions, never 0; the median and listed missing.
  for (const char* iso : {"USA", "KEN", "BRA", "CHN"}) {
    const auto* c = m.at(iso);
    EXPECT_FALSE(c->energy->headroom_share.has_value()) << iso;
    EXPECT_FALSE(c->energy->co2_t.has_value()) << iso;
    EXPECT_DOUBLE_EQ(c->score, 0.0) << iso;
    EXPECT_DOUBLE_EQ(c->parts[6], 0.0) << iso;
    EXPECT_EQ(c->missing, "headroom") << iso;
  }
  const std::string json = render(res.value(), Format::kJson);
  EXPECT_NE(json.find("\"headroom_share\": null"), std::string::npos);
}

TEST(Siting, HeadroomRisesWithTheWorkload) {
  GridFixture g;
  Engine e = Engine::open(EngineOptions{g.dir.str()}).value();
  double last = -1, last_co2 = -1;
  for (double mw : {0.0, 1.0, 10.0, 100.0, 1000.0}) {
    SiteRequest r;
    r.it_mw = mw;
    auto res = e.site(r);
    ASSERT_TRUE(res.ok());
    const auto& de = *by_iso3(res.value()).at("DEU")->energy;
    EXPECT_GT(*de.headroom_share, last) << mw;
    EXPECT_GE(*de.co2_t, last_co2) << mw;
    EXPECT_LE(*de.headroom_share_low, *de.headroom_share);
    EXPECT_LE(*de.headroom_share, *de.headroom_share_high);
    last = *de.headroom_share;
    last_co2 = *de.co2_t;
  }
}

TEST(Siting, ZeroHeadroomWeightLeavesScoresUnchanged) {
  for (const std::string& dir : {test::fixture("tiny"), std::string()}) {
    Engine e = Engine::open(EngineOptions{dir}).value();
    SiteRequest r;
    r.limit = 0;
    auto before = e.site(r);
    r.it_mw = 250;
    r.w_headroom = 0;
    auto after = e.site(r);
    ASSERT_TRUE(before.ok() && after.ok());
    ASSERT_EQ(before.value().candidates.size(), after.value().candidates.size());
    for (size_t i = 0; i < before.value().candidates.size(); ++i) {
      const auto &a = before.value().candidates[i], &b = after.value().candidates[i];
      EXPECT_EQ(a.city + a.iso3, b.city + b.iso3) << i;
      EXPECT_EQ(a.score, b.score) << i;  // bit for bit
      EXPECT_EQ(a.missing, b.missing) << i;
    }
    // Without a workload there is no headroom part at all.
    EXPECT_EQ(before.value().weights.size(), 6u);
    EXPECT_FALSE(before.value().candidates[0].energy.has_value());
  }
}

TEST(Siting, BadWorkloadAndHeadroomWeight) {
  Engine e = Engine::open(EngineOptions{fixture("tiny")}).value();
  for (double bad : std::initializer_list<double>{std::nan(""), HUGE_VAL, -HUGE_VAL, -1.0, 2e6}) {
    SiteRequest r;
    r.it_mw = bad;
    auto res = e.site(r);
    ASSERT_FALSE(res.ok()) << bad;
    EXPECT_EQ(res.error().code, ErrorCode::kInvalidArgument) << bad;
    r = SiteRequest{};
    r.it_mw = 10;
    r.w_headroom = bad;
    if (bad == 2e6) continue;
    EXPECT_EQ(e.site(r).error().code, ErrorCode::kInvalidArgument) << bad;
  }
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
  // The new load in the energy layer's terms (§14.5): facility MW = Σ projects × 20 MW +
  // Σ hosted regions × 20 MW (the optimiser's project_mw and region_mw); IT = ÷ 1.12; TWh at
  // 0.7 × 1.2 (mid); emissions at Indonesia's bundled grid intensity.
  const auto& en = a.value().energy;
  double units = 0;
  for (const auto& o : a.value().allocation)
    if (o.kind == "build" || o.kind == "host")
      for (double x : o.amount) units += x;
  EXPECT_NEAR(en.facility_mw, units * 20, 1e-6);
  EXPECT_NEAR(en.load.it_mw, en.facility_mw / 1.12, 1e-9);
  EXPECT_NEAR(en.load.twh, en.load.it_mw * 8760 * 0.7 * 1.2 / 1e6, 1e-12);
  ASSERT_TRUE(en.load.generation_twh && en.load.co2_t && en.grid_limit_share);
  EXPECT_NEAR(*en.load.share_of_generation, en.load.twh / *en.load.generation_twh, 1e-15);
  EXPECT_NEAR(*en.load.co2_t, en.load.twh * *en.load.carbon_gco2_per_kwh * 1000, 1e-6);
  // grid_mw = 0.02 × generation × 10⁶ / 8760 MW → share 0.02 × 0.7 × 1.2 / 1.12 = 0.015.
  EXPECT_NEAR(*en.grid_limit_share, 0.015, 1e-12);
}

// Draws with the same loss vector share one CVaR row whose u counts them (methodology §14.5).
// With the weights right, the LP's CVaR term equals the CVaR of the optimum's per-draw loss
// sample (core::cvar_upper), so objective = expected + competitiveness − λ · CVaR; with a
// merged row weighted once, the LP would undercount the tail and the identity would fail.
TEST(Optimise, MergedCvarRowsKeepTheProgram) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r = idn();
  r.draws = 2000;
  r.lp_relaxation = true;
  // An optimum that takes risk (builds and hosted regions, as in methodology §14.5's worked
  // example at λ = 0.5): at the default budget and λ = 1 it is all talent, with a CVaR of 0.
  r.budget_usd = 5e9;
  r.risk_aversion = 0.5;
  const auto mps = (std::filesystem::temp_directory_path() / "aisov-merged-rows.mps").string();
  r.export_mps = mps;
  auto res = e.optimise(r);
  ASSERT_TRUE(res.ok()) << res.error().message;
  const auto& b = res.value().best;
  ASSERT_EQ(b.status, "optimal");
  ASSERT_GT(b.lambda, 0);
  ASSERT_GT(b.cvar_loss, 1000);
  EXPECT_NEAR(b.objective, b.expected_h100e_years + b.competitiveness - b.lambda * b.cvar_loss,
              1e-7 * std::abs(b.objective));
  // Rows were merged: the cvar_u columns' objective weights are multiples of one draw's
  // weight λ / ((1 − α) N), and some are larger than one draw's.
  std::ifstream in(mps);
  std::string line;
  std::vector<double> weights;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string col, row;
    double v = 0;
    if (!(f >> col) || col.rfind("cvar_u", 0) != 0) continue;
    while (f >> row >> v)
      if (row == "obj") weights.push_back(v);
  }
  std::filesystem::remove(mps);
  ASSERT_FALSE(weights.empty());
  const double one = *std::min_element(
      weights.begin(), weights.end(), [](double x, double y) { return std::abs(x) < std::abs(y); });
  double draws = 0;
  bool merged = false;
  for (double w : weights) {
    const double k = w / one;
    EXPECT_NEAR(k, std::round(k), 1e-9);
    draws += std::round(k);
    merged = merged || std::round(k) > 1;
  }
  EXPECT_TRUE(merged);
  EXPECT_LE(draws, r.draws);
  EXPECT_LT(weights.size(), draws);
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
