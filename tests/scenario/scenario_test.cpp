// Each shock kind on the tiny fixture, with expected values worked by hand.
//
// Capacity at the fixture's as-of date (2024-11-30), with kTinyHeader's defaults (H100e):
//   USA: us-1 region big 1000 + small 65 (public, US operator, US chips fabbed in TWN)
//        + facility f1 10000 (private)                                    = 11065
//   DEU: de-1 region small 65 (US operator); de-2 region big 1000 + cnbig 300 (DE operator)
//        + facility f2 2000 (DE operator, US chip)                        =  3365
//   KEN: ke-1 region small 65 (US operator)                               =    65
//   CHN: cn-1 region cnbig 300 (CN operator, CN chip fabbed in CHN)       =   300
// Baseline: growth g = 0.5, retirement d = 0.2, so new supply in year t is
// K(t−1)·(g + d) = 0.7·K(t−1) and every cell grows ×1.5 a year: K(2025) = 1.5·K0,
// K(2026) = 2.25·K0. Foreign-access weights: GDP shares, DEU 4.5/4.6, KEN 0.1/4.6, others 0.
#include <gtest/gtest.h>

#include "scenario/exposure.hpp"
#include "scenario/runner.hpp"
#include "scenario_support.hpp"

namespace aisov::test {
namespace {

constexpr double kGammaDeu = 4.5 / 4.6;
constexpr double kGammaKen = 0.1 / 4.6;

TEST(ScenarioModel, CapacityCellsAndBaseline) {
  auto m = compile_text("");
  double world = 0;
  for (double k : m.k0_econ) world += k;
  EXPECT_NEAR(world, 14795, 1e-9);
  auto o = simulate_draw(m, false);
  EXPECT_NEAR(o.terr(2025, "USA"), 1.5 * 11065, 1e-9);
  EXPECT_NEAR(o.terr(2026, "DEU"), 2.25 * 3365, 1e-9);
  EXPECT_NEAR(o.sov(2025, "DEU"), 1.5 * 3300, 1e-9);  // de-2 + f2, DE-operated
  EXPECT_NEAR(o.sov(2025, "KEN"), 0, 1e-12);
  // Accessible DEU 2025 = territorial + γ·(world public − DEU public):
  // public: USA 1.5·1065, DEU 1.5·1365, KEN 1.5·65, CHN 1.5·300.
  EXPECT_NEAR(o.acc(2025, "DEU"), 5047.5 + kGammaDeu * 1.5 * (1065 + 65 + 300), 1e-9);
  EXPECT_NEAR(o.acc(2025, "KEN"), 97.5 + kGammaKen * 1.5 * (1065 + 1365 + 300), 1e-9);
}

TEST(ScenarioModel, ExportControlStop) {
  // US designers stop supplying DEU from 2025: US-chip cells (65 + 1000 + 2000) only retire.
  auto m = compile_text(R"(
[[shocks]]
kind = "export_control"
start = 2025
designers = ["USA"]
economies = ["DEU"]
)");
  auto o = simulate_draw(m, true);
  EXPECT_NEAR(o.terr(2025, "DEU"), 0.8 * 3065 + 1.5 * 300, 1e-9);    // 2902
  EXPECT_NEAR(o.terr(2026, "DEU"), 0.64 * 3065 + 2.25 * 300, 1e-9);  // 2636.6
  EXPECT_NEAR(o.sov(2025, "DEU"), 0.8 * 3000 + 1.5 * 300, 1e-9);
  // World public 2025: USA 1597.5, DEU 0.8·1065 + 450, KEN 97.5, CHN 450.
  EXPECT_NEAR(o.acc(2025, "DEU"), 2902 + kGammaDeu * (1597.5 + 97.5 + 450), 1e-9);
  EXPECT_NEAR(o.terr(2025, "USA"), 1.5 * 11065, 1e-9);  // others untouched
}

TEST(ScenarioModel, ExportControlCapAndChipTier) {
  // Cap of 500 H100e a year on US chips to DEU. 2025: demand 0.7·3065 = 2145.5 → 500;
  // 2026: demand 1.05·3065 → 500 again, on top of 0.8·(0.8·3065 + 500).
  auto m = compile_text(R"(
[[shocks]]
kind = "export_control"
start = 2025
designers = ["USA"]
economies = ["DEU"]
cap_h100e_per_year = 500
)");
  auto o = simulate_draw(m, true);
  EXPECT_NEAR(o.terr(2025, "DEU"), 0.8 * 3065 + 500 + 450, 1e-9);
  EXPECT_NEAR(o.terr(2026, "DEU"), 0.8 * (0.8 * 3065 + 500) + 500 + 675, 1e-9);
  // Only inference-tier chips controlled: the 65 H100e small cell retires, the rest grows.
  auto m2 = compile_text(R"(
[[shocks]]
kind = "export_control"
start = 2025
designers = ["USA"]
chips = "inference"
economies = ["DEU"]
)");
  auto o2 = simulate_draw(m2, true);
  EXPECT_NEAR(o2.terr(2025, "DEU"), 0.8 * 65 + 1.5 * 3300, 1e-9);
}

TEST(ScenarioModel, ExportControlTiersAndBarAccess) {
  // Tier with a stop and barred access: KEN loses US supply and every US-operated H100e it
  // could use (its own region and its share of US public capacity abroad).
  auto m = compile_text(R"(
[[shocks]]
kind = "export_control"
start = 2025
designers = ["USA"]
[[shocks.tiers]]
economies = ["KEN"]
bar_access = true
[[shocks.tiers]]
economies = ["CHN"]
cap_h100e_per_year = 0
)");
  auto o = simulate_draw(m, true);
  EXPECT_NEAR(o.terr(2025, "KEN"), 0.8 * 65, 1e-9);
  // KEN reaches only non-US public capacity abroad: DEU's DE-operated 1.5·1300 and CHN 450.
  EXPECT_NEAR(o.acc(2025, "KEN"), kGammaKen * (1950 + 450), 1e-9);
  EXPECT_NEAR(o.terr(2025, "CHN"), 450, 1e-9);  // CN chips: untouched by a cap on US chips
}

TEST(ScenarioModel, ProviderWithdrawalAndCutOff) {
  auto m = compile_text(R"(
[[shocks]]
kind = "provider_withdrawal"
start = 2025
operators = ["USA"]
economies = ["DEU"]
)");
  auto o = simulate_draw(m, true);
  EXPECT_NEAR(o.terr(2025, "DEU"), 1.5 * 3300, 1e-9);  // the US-run de-1 region is gone
  EXPECT_NEAR(o.sov(2025, "DEU"), 1.5 * 3300, 1e-9);
  EXPECT_NEAR(o.acc(2025, "DEU"), 4950 + kGammaDeu * (1597.5 + 97.5 + 450), 1e-9);
  EXPECT_NEAR(o.acc(2025, "KEN"), 97.5 + kGammaKen * (1597.5 + 1950 + 450), 1e-9);

  // Cut-off, half of the capacity: KEN users lose half of everything US-operated.
  auto m2 = compile_text(R"(
[[shocks]]
kind = "provider_withdrawal"
mode = "cut_off"
start = 2025
operators = ["USA"]
economies = ["KEN"]
fraction = 0.5
)");
  auto o2 = simulate_draw(m2, true);
  EXPECT_NEAR(o2.terr(2025, "KEN"), 97.5, 1e-9);  // the site still stands
  // US-operated public capacity abroad for KEN: USA 1597.5 + DEU 97.5.
  const double base = 97.5 + kGammaKen * (1597.5 + 2047.5 + 450);
  EXPECT_NEAR(o2.acc(2025, "KEN"), base - 0.5 * (97.5 + kGammaKen * (1597.5 + 97.5)), 1e-9);
}

TEST(ScenarioModel, FoundryDisruption) {
  // TWN fabs lose half their output for one year from 2025: TWN-fabbed cells get 0.35·K0 of
  // new supply in 2025 (K = 1.15·K0), and full supply (1.05·K0) again in 2026.
  auto m = compile_text(R"(
[[shocks]]
kind = "foundry_disruption"
start = 2025
duration = 1
locations = ["TWN"]
loss = 0.5
)");
  auto o = simulate_draw(m, true);
  EXPECT_NEAR(o.terr(2025, "USA"), 1.15 * 11065, 1e-9);
  EXPECT_NEAR(o.terr(2026, "USA"), (0.8 * 1.15 + 1.05) * 11065, 1e-9);
  EXPECT_NEAR(o.terr(2025, "CHN"), 450, 1e-9);
  // Half a year of disruption halves the loss in 2025.
  auto m2 = compile_text(R"(
[[shocks]]
kind = "foundry_disruption"
start = 2025
duration = 0.5
locations = ["TWN"]
loss = 0.5
)");
  EXPECT_NEAR(simulate_draw(m2, true).terr(2025, "USA"), 1.325 * 11065, 1e-9);
}

TEST(ScenarioModel, EnergyCap) {
  // DEU's power may not grow (max_growth 0) from 2025. Power = H100e × 0.00153 MW × 0.75^i:
  // the allowed compute is 3365 / 0.75 in 2025 and 3365 / 0.75² in 2026 (efficiency gains).
  auto m = compile_text(R"(
[[shocks]]
kind = "energy_cap"
start = 2025
economies = ["DEU"]
max_growth = 0
)");
  auto o = simulate_draw(m, true);
  EXPECT_NEAR(o.terr(2025, "DEU"), 3365 / 0.75, 1e-6);
  EXPECT_NEAR(o.terr(2026, "DEU"), 3365 / 0.5625, 1e-6);
  // A level: 6 MW allows 6 / (0.00153·0.75) H100e in 2025.
  auto m2 = compile_text(R"(
[[shocks]]
kind = "energy_cap"
start = 2025
economies = ["DEU", "USA"]
pooled = true
max_mw = 6
)");
  auto o2 = simulate_draw(m2, true);
  // The pooled stock (14430) already exceeds the cap, so nothing new is added: 0.8·14430.
  EXPECT_NEAR(o2.terr(2025, "DEU") + o2.terr(2025, "USA"), 0.8 * 14430, 1e-6);
}

TEST(ScenarioModel, GrowthShockAndSupplyMix) {
  auto m = compile_text(R"(
[[shocks]]
kind = "growth"
start = 2025
economies = ["CHN"]
growth = 0
)");
  auto o = simulate_draw(m, true);
  EXPECT_NEAR(o.terr(2025, "CHN"), 300, 1e-9);  // 0.8·300 + (0 + 0.2)·300
  EXPECT_NEAR(o.terr(2026, "CHN"), 300, 1e-9);
  // KEN's new supply goes to Chinese chips: a US stop leaves its growth intact.
  auto m2 = compile_text(R"(
[[baseline.mix]]
economies = ["KEN"]
designers = { CHN = 1 }
[[shocks]]
kind = "export_control"
start = 2025
designers = ["USA"]
economies = ["KEN"]
)");
  auto o2 = simulate_draw(m2, true);
  EXPECT_NEAR(o2.terr(2025, "KEN"), 97.5, 1e-9);  // 0.8·65 old US chips + 0.7·65 new CN chips
  EXPECT_NEAR(o2.terr(2026, "KEN"), 146.25, 1e-9);
}

TEST(ScenarioRun, ProbabilityZeroEqualsBaseline) {
  ScenarioRequest req;
  req.file = fixture("scenarios/all-kinds.toml");
  req.draws = 500;
  req.economies = {"USA", "DEU", "KEN", "CHN", "eu"};
  // Replace every probability with 0.
  std::string text;
  ASSERT_TRUE(io::read_file(req.file, text));
  std::string zero;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 14, "probability = ") == 0) {
      zero += "probability = 0";
      i = text.find('\n', i);
    } else {
      zero += text[i++];
    }
  }
  ScenarioRequest r0 = req;
  r0.file.clear();
  r0.text = zero;
  Engine engine = Engine::open(EngineOptions{fixture("tiny")}).value();
  auto res = engine.scenario_run(r0);
  ASSERT_TRUE(res.ok()) << res.error().message;
  for (const auto& row : res.value().rows) {
    EXPECT_NEAR(row.h100e.mean, row.baseline, 1e-3 * (1 + row.baseline)) << row.code;
    EXPECT_EQ(row.share.p5, 1.0) << row.code << " " << row.year << " " << row.measure;
    for (double p : row.p_loss) EXPECT_EQ(p, 0.0);
  }
}

// What a run keeps per draw is bounded (1.6 GB). Kenya in 2026 on the tiny fixture has two
// stored series (territorial and accessible; sovereign is zero), so 10⁸ draws need 4 bytes × 2
// per draw for the outputs — 0.8 GB, which a bound on the outputs alone would let through —
// plus 8 bytes of row index and 8 × 4 bytes of closed-form powers (years 2024–2027) per draw:
// 4.8 GB in all. Refused before anything is allocated, with a clear message.
TEST(ScenarioRun, RefusesMoreDrawsThanItCanKeep) {
  Engine engine = Engine::open(EngineOptions{fixture("tiny")}).value();
  ScenarioRequest req;
  req.file = fixture("scenarios/all-kinds.toml");
  req.economies = {"KEN"};
  req.years = {2026};
  req.draws = 100000000;
  auto res = engine.scenario_run(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(res.error().message.find("too many outputs to keep"), std::string::npos)
      << res.error().message;
}

TEST(ScenarioRun, DeterministicAcrossThreadsAndRuns) {
  Engine engine = Engine::open(EngineOptions{fixture("tiny")}).value();
  ScenarioRequest req;
  req.file = fixture("scenarios/all-kinds.toml");
  req.draws = 2500;
  req.seed = 42;
  req.threads = 1;
  auto a = engine.scenario_run(req);
  ASSERT_TRUE(a.ok()) << a.error().message;
  req.threads = 4;
  auto b = engine.scenario_run(req);
  auto c = engine.scenario_run(req);
  ASSERT_TRUE(b.ok() && c.ok());
  const std::string ja = render(a.value(), Format::kJson);
  EXPECT_EQ(ja, render(b.value(), Format::kJson));
  EXPECT_EQ(ja, render(c.value(), Format::kJson));
  req.seed = 43;
  EXPECT_NE(ja, render(engine.scenario_run(req).value(), Format::kJson));
}

TEST(ScenarioRun, DeterministicOnTheBundledDataset) {
  auto engine = Engine::open(EngineOptions{});
  ASSERT_TRUE(engine.ok());
  ScenarioRequest req;
  req.file = source_dir() + "/scenarios/taiwan-foundry.toml";
  req.draws = 2000;
  req.threads = 1;
  auto a = engine.value().scenario_run(req);
  ASSERT_TRUE(a.ok()) << a.error().message;
  req.threads = 4;
  auto b = engine.value().scenario_run(req);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(render(a.value(), Format::kCsv), render(b.value(), Format::kCsv));
}

TEST(ScenarioRun, EarlyStopIsDeterministic) {
  Engine engine = Engine::open(EngineOptions{fixture("tiny")}).value();
  ScenarioRequest req;
  req.file = fixture("scenarios/all-kinds.toml");
  req.draws = 50000;
  req.target_rse = 0.05;
  req.threads = 1;
  auto a = engine.scenario_run(req);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a.value().meta.stopped_early);
  EXPECT_EQ(a.value().meta.draws % scenario::kBatchDraws, 0);
  req.threads = 3;
  EXPECT_EQ(render(a.value(), Format::kJson),
            render(engine.scenario_run(req).value(), Format::kJson));
}

TEST(ScenarioRun, CancelStops) {
  Engine engine = Engine::open(EngineOptions{fixture("tiny")}).value();
  std::atomic<bool> stop{true};
  ScenarioRequest req;
  req.file = fixture("scenarios/all-kinds.toml");
  req.cancel = &stop;
  auto r = engine.scenario_run(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kCancelled);
}

}  // namespace
}  // namespace aisov::test

namespace aisov::test {
namespace {
TEST(ScenarioRun, RescaledAccessSeriesMatchDirectOnes) {
  // Economies without capacity of their own share one stored accessible series per year,
  // rescaled by their GDP weight; asking for one alone computes it directly.
  auto engine = Engine::open(EngineOptions{});
  ASSERT_TRUE(engine.ok());
  ScenarioRequest req;
  req.file = source_dir() + "/scenarios/taiwan-foundry.toml";
  req.draws = 1000;
  req.years = {2028};
  auto all = engine.value().scenario_run(req);
  ASSERT_TRUE(all.ok()) << all.error().message;
  int compared = 0;
  for (const char* code : {"ARG", "NGA", "EGY"}) {
    req.economies = {code};
    auto one = engine.value().scenario_run(req);
    ASSERT_TRUE(one.ok());
    for (const auto& a : all.value().rows) {
      if (a.code != code || a.measure != "accessible") continue;
      const auto& b = one.value().rows[2];
      ASSERT_EQ(b.measure, "accessible");
      EXPECT_NEAR(a.h100e.mean, b.h100e.mean, 1e-5 * b.h100e.mean) << code;
      EXPECT_NEAR(a.h100e.p5, b.h100e.p5, 1e-5 * b.h100e.mean) << code;
      EXPECT_NEAR(a.h100e.es5, b.h100e.es5, 1e-5 * b.h100e.mean) << code;
      EXPECT_NEAR(a.share.p50, b.share.p50, 1e-6) << code;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 3);
}
}  // namespace
}  // namespace aisov::test

namespace aisov::test {
namespace {

// The optimiser's exposure factors (methodology §14.3): contracts that the same shocks hit in the
// same way share one class of factors. Requested together or one at a time, each contract's
// factors are the same numbers, and they match the shocks by hand.
TEST(Exposure, ContractClassesGiveEachContractItsOwnFactors) {
  const std::string body = R"(
[[shocks]]
kind = "provider_withdrawal"
probability = 0.5
start = 2025
operators = ["USA"]
economies = ["DEU"]
fraction = { uniform = [0.2, 0.6] }
[[shocks]]
kind = "provider_withdrawal"
mode = "cut_off"
probability = 0.5
start = 2026
operators = ["CHN"]
economies = ["KEN"]
fraction = 0.5
)";
  std::vector<io::Problem> problems;
  const auto spec =
      io::parse_scenario(std::string(kTinyHeader) + body, "test.toml", false, problems);
  ASSERT_TRUE(problems.empty());
  const auto& ds = tiny_engine().dataset();
  const auto m = scenario::compile(ds, spec);
  auto id = [&](const char* c) { return ds.find_economy(c); };
  scenario::ExposureRequest req;
  req.econ = id("KEN");
  req.operators = {id("USA"), id("CHN")};
  // (USA, DEU) and (USA, FRA) differ only in the location of the withdrawal; (CHN, DEU) and
  // (CHN, FRA) are both cut off for KEN's users: three classes for four contracts.
  req.contracts = {{id("USA"), id("DEU")},
                   {id("USA"), id("FRA")},
                   {id("CHN"), id("DEU")},
                   {id("CHN"), id("FRA")}};
  req.draws = 200;
  req.seed = 5;
  req.threads = 2;
  const auto all = scenario::exposure(ds, m, spec, req);
  EXPECT_EQ(all.contract_classes, 3);
  ASSERT_EQ(all.contract_class.size(), 4u);
  EXPECT_EQ(all.contract_class[2], all.contract_class[3]);
  EXPECT_NE(all.contract_class[0], all.contract_class[1]);
  int withdrawn = 0, cut = 0;
  for (size_t k = 0; k < req.contracts.size(); ++k) {
    scenario::ExposureRequest one = req;
    one.contracts = {req.contracts[k]};
    one.threads = 1;
    const auto alone = scenario::exposure(ds, m, spec, one);
    for (int64_t d = 0; d < req.draws; ++d) {
      core::Stream s(req.seed, static_cast<uint64_t>(d));
      scenario::DrawParams p;
      scenario::draw_params(m, s, p);
      for (int i = 0; i < all.years; ++i) {
        const double f = all.contracted_of(d, i, k);
        EXPECT_EQ(f, alone.contracted_of(d, i, 0));
        // By hand: USA-run capacity in DEU loses the drawn fraction from 2025 when the
        // withdrawal is on; CHN-run capacity is cut off by half for KEN from 2026.
        double want = 1;
        const int year = m.y0 + 1 + i;
        if (k == 0 && p.shocks[0].on) want = 1 - p.shocks[0].param, ++withdrawn;
        if (k >= 2 && p.shocks[1].on && year >= 2026) want = 0.5, ++cut;
        EXPECT_DOUBLE_EQ(f, want) << "contract " << k << " draw " << d << " year " << year;
      }
    }
  }
  EXPECT_GT(withdrawn, 0);
  EXPECT_GT(cut, 0);
}

// The exposure under an export cap (methodology §14.3): the supply factor of a designer's chips is
// cap / (the economy's no-shock new supply of those chips that year + one project) when that is
// below 1. That new supply follows the drawn baseline growth and retirement, whose quantiles the
// exposure computes only in draws where such a cap occurs: every factor matches the formula
// worked here from each draw's full parameters.
TEST(Exposure, ExportCapsScaleSupplyByTheDrawnDemand) {
  const std::string text = R"(
name = "caps"
horizon = 2027
[baseline]
growth = { pert = [0.1, 0.3, 0.9] }
retirement = { uniform = [0.1, 0.3] }
[defaults]
region_chips_training = 989.4
region_chips_inference = 989.4
[[shocks]]
kind = "export_control"
probability = 0.5
start = 2026
designers = ["USA"]
chips = "training"
[[shocks.tiers]]
economies = ["DEU"]
cap_h100e_per_year = { uniform = [1, 40] }
)";
  std::vector<io::Problem> problems;
  const auto spec = io::parse_scenario(text, "test.toml", false, problems);
  ASSERT_TRUE(problems.empty());
  const auto& ds = tiny_engine().dataset();
  const auto m = scenario::compile(ds, spec);
  const int e = ds.find_economy("DEU"), usa = ds.find_economy("USA");
  double wsum = 0;  // DEU's no-shock new supply of US-designed chips per unit of growth
  for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c)
    if (m.cells[c].dj == usa) wsum += m.cells[c].w;
  ASSERT_GT(wsum, 0);
  scenario::ExposureRequest req;
  req.econ = e;
  req.designers = {usa};
  req.project_h100e = 5;
  req.draws = 400;
  req.seed = 9;
  req.threads = 2;
  const auto x = scenario::exposure(ds, m, spec, req);
  ASSERT_EQ(x.years, 3);
  int capped = 0;
  for (int64_t d = 0; d < req.draws; ++d) {
    core::Stream s(req.seed, static_cast<uint64_t>(d));
    scenario::DrawParams p;
    scenario::draw_params(m, s, p);
    const auto& k = p.shocks[0];
    double u = m.k0_econ[e];
    for (int i = 0; i < x.years; ++i) {
      const double g = std::max(p.growth[e], -p.retirement);
      const double base_new = u * (g + p.retirement);
      u *= 1 + g;
      double want = 1;
      const double demand = base_new * wsum + req.project_h100e;
      if (k.on && m.y0 + 1 + i >= k.start && demand > k.caps[0]) want = k.caps[0] / demand;
      EXPECT_DOUBLE_EQ(x.supply_of(d, i, 0), want) << "draw " << d << " year index " << i;
      capped += want < 1;
    }
  }
  EXPECT_GT(capped, 100);
}

}  // namespace
}  // namespace aisov::test
