// Round 2 of the optimiser: terminal value on a hand-checkable instance of the tiny fixture,
// value-chain inputs from the investment model, the parameters table, and the electricity-price
// importer on the raw file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "aisov/engine.hpp"
#include "model/dataset.hpp"
#include "model/schema.hpp"
#include "optimise/params.hpp"
#include "test_support.hpp"

namespace aisov {
namespace {

using test::fixture;
namespace fs = std::filesystem;

void spit(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

bool has_build(const OptimiseResult& r) {
  for (const auto& a : r.allocation)
    if (a.kind == "build") return true;
  return false;
}

// The tiny fixture (as of 2024-11-30, so the years are 2025–2027), a scenario with no shocks,
// for France. Facility capex and power cost 0, so a project of P H100e costs P × 50,000 USD; it
// is started in 2025 and delivered in 2027 (build 2 years, permitting 0), one year inside the
// horizon. Hosting takes 10 years (never delivers). Contracts are capped by the fixture's small
// public capacity, so the money's best other use is a "sink": talent investment with I₀ = 0,
// B = 10¹² USD and κ = 4·10⁷, whose first linear segment (x from 0 to 0.25, 2.5·10¹¹ USD wide,
// far more than the budget) is worth κ ln(1.25) / (0.25 B) = 3.570·10⁻⁵ H100e-years per USD
// (1 per 28,009 USD); the other elements are off (benchmark 0). A contract at the cheapest
// training price is worth less: 3.5 USD per chip-hour of a 1000-TFLOP/s chip = 3.5 /
// (1000 / 989.4) × 8760 = 30,336 USD per H100e-year.
//   useful life 1 year: a build gives P H100e-years for 50,000 P USD: 1/50,000 per USD < the
//     sink's 1/28,009, so no build is chosen;
//   useful life 3 years, discount 0: P + 2 P terminal H100e-years for the same money:
//     3/50,000 = 1/16,667 per USD > 1/28,009, so a build is chosen.
TEST(OptimiseValue, TerminalValueMakesADomesticBuildWorthwhile) {
  test::TempDir dir;
  const std::string scenario = dir / "calm.toml";
  spit(scenario,
       "name = \"calm\"\ndescription = \"no shocks\"\nbasis = [\"aisov tests\"]\n"
       "horizon = 2027\n");
  Engine e = Engine::open(EngineOptions{fixture("tiny")}).value();
  auto run = [&](int life) {
    OptimiseRequest r;
    r.economy = "FRA";
    r.budget_usd = 1e9;
    r.draws = 20;
    r.align = false;
    r.scenario = scenario;
    r.text =
        "[constraints]\ngrid_mw = 1e6\nwater_ml_per_year = 1e9\nland_ha = 1e9\n"
        "workforce_fte = 1e9\npower_price_usd_per_mwh = 0\npermitting_years = 0\n"
        "[parameters]\nfacility_capex_usd_per_mw = 0\nbuild_years = 2\nhost_years = 10\n"
        "chip_usd_per_h100e = { USA = 50000, CHN = 50000 }\nchip_usd_per_h100e_other = 50000\n"
        "discount_rate = 0\nuseful_life_years = " +
        std::to_string(life) +
        "\n"
        "[[value_chain]]\nelement = \"data\"\nbenchmark_usd = 0\n"
        "[[value_chain]]\nelement = \"models\"\nbenchmark_usd = 0\n"
        "[[value_chain]]\nelement = \"applications\"\nbenchmark_usd = 0\n"
        "[[value_chain]]\nelement = \"talent\"\ncurrent_usd = 0\nbenchmark_usd = 1e12\n"
        "coefficient = 4e7\n";
    auto res = e.optimise(r);
    EXPECT_TRUE(res.ok()) << (res.ok() ? "" : res.error().message);
    return res.value();
  };
  const OptimiseResult short_life = run(1);
  ASSERT_EQ(short_life.best.status, "optimal");
  EXPECT_FALSE(has_build(short_life));
  EXPECT_DOUBLE_EQ(short_life.best.terminal_h100e_years, 0);
  // The whole budget goes to the sink: 10⁹ × 3.570·10⁻⁵ = 35,703 H100e-years.
  EXPECT_NEAR(short_life.best.competitiveness, 1e9 * 4e7 * std::log(1.25) / 2.5e11, 1e-3);

  const OptimiseResult long_life = run(3);
  ASSERT_EQ(long_life.best.status, "optimal");
  ASSERT_TRUE(has_build(long_life));
  for (const auto& a : long_life.allocation) {
    if (a.kind != "build") continue;
    // Started in 2025 only (a 2026 start would deliver after the horizon).
    EXPECT_GT(a.amount[0], 0);
    EXPECT_EQ(a.amount[1], 0);
    // Each project: P in 2027 plus 2 P after the horizon (no shocks, no discounting).
    EXPECT_NEAR(a.expected_h100e_years, 3 * a.unit_h100e * a.amount[0], 1e-6 * a.unit_h100e);
    EXPECT_NEAR(a.unit_cost_usd, 50000 * a.unit_h100e, 1e-6);
  }
}

// Every parameter name the table accepts is applied by the optimiser, and the bundled table
// cites a defined source on every row and stays within its own range.
TEST(OptimiseValue, ParameterTableIsComplete) {
  for (const auto& n : model::optimise_parameter_names()) {
    optimise::Parameters p;
    EXPECT_TRUE(optimise::set_parameter(p, n, 1)) << n;
  }
  optimise::Parameters p;
  EXPECT_TRUE(optimise::set_parameter(p, "chip_usd_per_h100e.FRA", 12345));
  EXPECT_EQ(p.chip_usd_per_h100e["FRA"], 12345);
  Engine e = Engine::open(EngineOptions{}).value();
  const auto& ds = e.dataset();
  ASSERT_GE(ds.optimise_parameters.size(), 20u);
  for (const auto& row : ds.optimise_parameters) {
    EXPECT_NE(row.source, model::kNone) << row.name;
    if (row.low) {
      EXPECT_LE(*row.low, row.value) << row.name;
    }
    if (row.high) {
      EXPECT_GE(*row.high, row.value) << row.name;
    }
  }
}

// Value-chain inputs come from the investment model: for the United States (a published
// estimate, ecosystem builder: no gap to a next archetype) the benchmark equals the current
// level, and applications (41 % of the global mix) carry more than data (7 %).
TEST(OptimiseValue, ValueChainFromInvestmentModel) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r;
  r.economy = "USA";
  r.budget_usd = 1e9;
  r.draws = 50;
  r.align = false;
  auto res = e.optimise(r);
  ASSERT_TRUE(res.ok()) << res.error().message;
  std::map<std::string, ValueChainInput> vc;
  for (const auto& v : res.value().value_chain) vc[v.element] = v;
  ASSERT_EQ(vc.size(), 4u);
  for (const char* el : {"data", "models", "applications"}) {
    EXPECT_EQ(vc[el].origin, "invest") << el;
    EXPECT_GT(vc[el].current_usd, 0) << el;
    EXPECT_GE(vc[el].benchmark_usd, vc[el].current_usd) << el;
  }
  EXPECT_EQ(vc["talent"].origin, "assumption");
  EXPECT_GT(vc["applications"].current_usd, vc["data"].current_usd);
  // κ = competitiveness_usd_per_usd × B / (USD per H100e-year), from the bundled table (2).
  const double v = res.value().usd_per_h100e_year;
  ASSERT_GT(v, 0);
  EXPECT_NEAR(vc["data"].coefficient, 2 * vc["data"].benchmark_usd / v,
              1e-9 * vc["data"].coefficient);
}

// The electricity-price importer on the raw GlobalPetrolPrices file (not redistributable, so
// only read from ../shared): prices become indicator rows that the optimiser then uses.
TEST(OptimiseValue, ElectricityPriceImporter) {
  if (test::shared_raw().empty()) GTEST_SKIP() << "../shared/data/raw not present";
  const std::string input =
      test::shared_raw() + "/globalpetrolprices-2019/Global_elec_and_gas_prices.csv";
  if (!fs::exists(input)) GTEST_SKIP() << input << " not present";
  Engine e = Engine::open(EngineOptions{}).value();
  test::TempDir dir;
  ImportRequest req;
  req.format = "electricity-prices";
  req.path = input;
  req.out_dir = dir / "with-prices";
  auto res = e.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message;
  // The file lists 83 countries; "Northern Macedonia" matches no name or alias in the dataset.
  // The bundled dataset already has 2019 business prices (World Bank Doing Business) for most
  // of them: those rows are kept and the file's are reported as skipped, never duplicated.
  EXPECT_EQ(res.value().indicators_added + static_cast<int>(res.value().skipped.size()), 83);
  int kept = 0;
  for (const auto& s : res.value().skipped)
    kept += s.find("already has an electricity price for 2019") != std::string::npos;
  EXPECT_GE(kept, 70);
  EXPECT_EQ(kept + 1 + res.value().indicators_added, 83);
  Engine priced = Engine::open(EngineOptions{req.out_dir}).value();
  const auto& ds = priced.dataset();
  // Kuwait: the file says 0.03 USD/kWh (June 2019); the bundled Doing Business 2019 figure,
  // 0.7 US cents per kWh, stays.
  const auto& kwt = ds.economies[ds.find_economy("KWT")];
  EXPECT_EQ(kwt.electricity_price_usd_per_kwh.year, 2019);
  EXPECT_DOUBLE_EQ(kwt.electricity_price_usd_per_kwh.value, 0.007);
  // The optimiser takes the price from the dataset (× 1000 → USD/MWh).
  OptimiseRequest r;
  r.economy = "KWT";
  r.budget_usd = 1e8;
  r.draws = 20;
  r.align = false;
  auto opt = priced.optimise(r);
  ASSERT_TRUE(opt.ok()) << opt.error().message;
  bool seen = false;
  for (const auto& c : opt.value().constraints) {
    if (c.name != "power_price_usd_per_mwh") continue;
    seen = true;
    EXPECT_EQ(c.origin, "dataset");
    EXPECT_NEAR(c.value, 7, 1e-9);
  }
  EXPECT_TRUE(seen);
}

// A malformed price file is refused with file:line:column; a file without the year comment too.
TEST(OptimiseValue, ElectricityPriceImporterBadInput) {
  Engine e = Engine::open(EngineOptions{fixture("tiny")}).value();
  test::TempDir dir;
  const std::string bad = dir / "prices.csv";
  spit(bad,
       "# Elec price is for businesses for month of June 2019\n"
       "Index,Country,Elec Price (USD/kWh)\n0,Kenya,0.2\n1,Germany,cheap\n");
  ImportRequest req;
  req.format = "electricity-prices";
  req.path = bad;
  req.out_dir = dir / "out";
  auto res = e.import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(res.error().details.size(), 1u);
  EXPECT_NE(res.error().details[0].find("prices.csv:4:11: Elec Price (USD/kWh)"), std::string::npos)
      << res.error().details[0];
  spit(bad, "Index,Country,Elec Price (USD/kWh)\n0,Kenya,0.2\n");
  res = e.import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_NE(res.error().details[0].find("no year"), std::string::npos);
  spit(bad, "# Elec price, June 2019\nIndex,Country,Elec Price (USD/kWh)\n0,Kenya,0.2\n");
  res = e.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_EQ(res.value().indicators_added, 1);
  EXPECT_FALSE(fs::exists(dir / "out/indicators.csv.tmp"));
}

}  // namespace
}  // namespace aisov

namespace aisov {
namespace {

// The sensitivity analysis re-solves with one estimated parameter of the table at its low and
// high value. Checked against independent facts: each end equals a direct solve with that value
// given in a file's [parameters] table (another path into the same model); a parameter the file
// sets is the user's value and gets no row; rows come largest swing first; and raising the value
// of competitiveness or the hosting discount can only raise the optimum (the old optimum stays
// feasible and is worth at least as much).
TEST(OptimiseValue, SensitivityEndsEqualDirectSolves) {
  Engine e = Engine::open(EngineOptions{}).value();
  OptimiseRequest r;
  r.economy = "IDN";
  r.budget_usd = 5e9;
  r.draws = 100;
  r.align = false;
  r.risk_aversion = 0.5;
  r.threads = 1;
  r.sensitivity = true;
  std::vector<std::pair<int64_t, int64_t>> calls;
  r.progress = [&calls](int64_t k, int64_t n) { calls.emplace_back(k, n); };
  auto res = e.optimise(r);
  ASSERT_TRUE(res.ok()) << res.error().message;
  const auto& rows = res.value().sensitivity;
  // Progress counts every solve: the main one (no frontier, no blocs) and two per row.
  const auto total = static_cast<int64_t>(1 + 2 * rows.size());
  ASSERT_EQ(calls.size(), static_cast<size_t>(total));
  for (size_t i = 0; i < calls.size(); ++i)
    EXPECT_EQ(calls[i], std::make_pair(static_cast<int64_t>(i + 1), total));
  ASSERT_EQ(rows.size(), e.dataset().optimise_parameters.size());  // every bundled row has a range
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_GE(rows[i - 1].swing, rows[i].swing);
  const OptimiseSensitivity* m = nullptr;
  const OptimiseSensitivity* disc = nullptr;
  for (const auto& x : rows) {
    EXPECT_LT(x.low, x.high) << x.parameter;
    EXPECT_EQ(x.at_low.status, "optimal") << x.parameter;
    EXPECT_EQ(x.at_high.status, "optimal") << x.parameter;
    EXPECT_NEAR(x.swing, std::fabs(x.at_high.objective - x.at_low.objective), 1e-9);
    EXPECT_GE(x.at_low.compute_share, 0.0);
    EXPECT_LE(x.at_high.compute_share, 1.0 + 1e-12);
    if (x.parameter == "competitiveness_usd_per_usd") m = &x;
    if (x.parameter == "host_discount") disc = &x;
  }
  ASSERT_TRUE(m && disc);
  EXPECT_GE(m->at_high.objective, m->at_low.objective - 1e-6);
  EXPECT_GE(disc->at_high.objective, disc->at_low.objective - 1e-6);
  // The main optimum lies between the ends of a monotone parameter.
  EXPECT_GE(res.value().best.objective, m->at_low.objective - 1e-6);
  EXPECT_LE(res.value().best.objective, m->at_high.objective + 1e-6);

  // The same value through a file: identical objective; and no sensitivity row for it.
  OptimiseRequest f = r;
  f.progress = nullptr;
  f.text = "[parameters]\ncompetitiveness_usd_per_usd = " + std::to_string(m->high) + "\n";
  auto direct = e.optimise(f);
  ASSERT_TRUE(direct.ok()) << direct.error().message;
  EXPECT_NEAR(direct.value().best.objective, m->at_high.objective,
              1e-9 * std::fabs(m->at_high.objective));
  for (const auto& x : direct.value().sensitivity)
    EXPECT_NE(x.parameter, "competitiveness_usd_per_usd");
  EXPECT_EQ(direct.value().sensitivity.size(), rows.size() - 1);
}

}  // namespace
}  // namespace aisov
