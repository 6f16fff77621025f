// The `aisov` binary end to end: exit codes, streams and hand-checked output on the fixture.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using aisov::test::fixture;
using aisov::test::run_cli;

namespace {
std::string tiny() { return "--data " + fixture("tiny") + " "; }
}  // namespace

TEST(Cli, CensusCsvRowIsHandChecked) {
  auto r = run_cli(tiny() + "census --as-of 2024-11-30 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "code,name,regions,ai_regions,training_regions,facilities,h100e,h100e_low,h100e_high,"
            "power_mw,investment_usd,compute_class,strategy,aligned_to,domestic_share,"
            "top_operator_jurisdiction,top_operator_share,operator_hhi,top_designer_jurisdiction,"
            "top_designer_share,designer_hhi,top_fab_location,top_fab_share,fab_hhi,"
            "regions_strict,ai_regions_strict,training_regions_strict,energy_it_mw,"
            "energy_it_mw_low,energy_it_mw_high,energy_twh,energy_twh_low,energy_twh_high,"
            "share_of_generation,share_of_generation_low,share_of_generation_high,co2_t,co2_t_low,"
            "co2_t_high,energy_foreign_share");
  // Germany: see tests/fixtures/README.md (operators tie at 1 region each; DEU sorts first).
  // The energy columns follow (tests/census/energy_test.cpp works them by hand: IT load
  // 6.2011929308 MW, 0.0456308581 TWh a year); the fixture has no generation or carbon figure,
  // so the share and emission cells are empty (no data), not 0.
  const auto de = r.out.find(
      "\nDEU,Germany,2,2,1,1,2000,1000,3000,5,500000000,north,domestic,,0.5,DEU,"
      "0.5,0.5,USA,0.75,0.625,TWN,0.75,0.625,2,2,1,6.2011");
  ASSERT_NE(de, std::string::npos) << r.out;
  const std::string de_row = r.out.substr(de + 1, r.out.find('\n', de + 1) - de - 1);
  EXPECT_NE(de_row.find(",0.04563"), std::string::npos) << de_row;
  EXPECT_NE(de_row.find(",,,,,,,0.0034"), std::string::npos) << de_row;
  EXPECT_NE(r.out.find("\nKEN,Kenya,1,1,0,0,0,0,0,0,1000000000,south,aligning,power-us,0,USA,1,1,"),
            std::string::npos);
  EXPECT_TRUE(r.err.empty());
}

TEST(Cli, CensusJsonHasTotalsAndOneRowPerEconomy) {
  auto r = run_cli(tiny() + "census --as-of 2024-11-30 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["totals"]["regions"], 7);
  EXPECT_EQ(j["totals"]["ai_regions"], 5);
  EXPECT_EQ(j["totals"]["training_regions"], 3);
  EXPECT_EQ(j["totals"]["countries_with_ai"], 4);
  EXPECT_EQ(j["totals"]["countries_training"], 3);
  EXPECT_EQ(j["totals"]["by_provider_jurisdiction"]["USA"], 3);
  EXPECT_EQ(j["rows"].size(), 7u);
  EXPECT_EQ(j["meta"]["dataset_version"], "test.1");
  EXPECT_EQ(j["meta"]["as_of"], "2024-11-30");
}

TEST(Cli, ReferenceNineNeedsThoseProviders) {
  auto r = run_cli(tiny() + "census --providers reference-nine");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown provider 'aws'"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, ProfileFormats) {
  auto t = run_cli(tiny() + "profile DEU --as-of 2024-11-30");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("Germany (DEU)"), std::string::npos);
  EXPECT_NE(t.out.find("Class: Compute north"), std::string::npos);
  auto c = run_cli(tiny() + "profile DEU --as-of 2024-11-30 --format csv");
  ASSERT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.out.substr(0, c.out.find('\n')),
            "code,name,year,indicator,value,unit,lower,upper,source_id");
  EXPECT_NE(c.out.find("DEU,Germany,2023,gdp_usd,4500000000000,US$ (current),,,fixture-b"),
            std::string::npos);
  EXPECT_NE(c.out.find("DEU,Germany,2024,h100e,2000,H100-equivalents,1000,3000,aisov_census"),
            std::string::npos);
  auto j = run_cli(tiny() + "profile DEU --as-of 2024-11-30 --format json");
  ASSERT_EQ(j.exit_code, 0);
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["census"]["ai_regions"], 2);
  EXPECT_EQ(doc["regions"].size(), 2u);
}

TEST(Cli, BadInputExitsTwoWithAClearMessage) {
  auto unknown = run_cli(tiny() + "profile ATL");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown economy 'ATL'"), std::string::npos);
  auto date = run_cli(tiny() + "census --as-of 2024-13-01");
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("--as-of"), std::string::npos);
  auto weight = run_cli(tiny() + "census --weight gflops");
  EXPECT_EQ(weight.exit_code, 2);
  auto usage = run_cli("census --no-such-flag");
  EXPECT_EQ(usage.exit_code, 2);
  auto nodata = run_cli("--data /nonexistent census");
  EXPECT_EQ(nodata.exit_code, 2);
  EXPECT_NE(nodata.err.find("not a dataset directory"), std::string::npos);
  auto problem = run_cli(tiny() + "profile ATL --format json");
  auto pj = nlohmann::json::parse(problem.err);
  EXPECT_EQ(pj["status"], 404);
  EXPECT_EQ(pj["title"], "not-found");
}

TEST(Cli, GlobalOptionsMayFollowTheSubcommand) {
  auto v = run_cli("data validate --data " + fixture("tiny"));
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("sites 8"), std::string::npos);
  auto c = run_cli("census --format json --data " + fixture("tiny"));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(nlohmann::json::parse(c.out)["meta"]["dataset_version"], "test.1");
}

TEST(Cli, DataCommands) {
  auto v = run_cli(tiny() + "data validate");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("valid:"), std::string::npos);
  auto s = run_cli(tiny() + "data sources --format csv");
  ASSERT_EQ(s.exit_code, 0);
  EXPECT_NE(s.out.find("fixture-b,aisov tests,Second fixture "
                       "source,https://example.org/b,2024,2024-11-30,CC0,,"),
            std::string::npos)
      << s.out;
  auto i = run_cli(tiny() + "data info --format json");
  ASSERT_EQ(i.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(i.out)["tables"]["sites"], 8);
}

TEST(Cli, BundledDatasetRunsTheMainJob) {
  auto r = run_cli("census --providers reference-nine --as-of 2024-11-30 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["totals"]["ai_regions"].get<int>(), 0);
  EXPECT_EQ(j["rows"].size(), 249u);  // every ISO 3166-1 entry
  auto p = run_cli("profile DEU");
  EXPECT_EQ(p.exit_code, 0) << p.err;
}
