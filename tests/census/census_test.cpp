// Census on the tiny fixture; every expected number is worked by hand in
// tests/fixtures/README.md from the fixture's rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "aisov/engine.hpp"
#include "census_support.hpp"
#include "test_support.hpp"

using namespace aisov;

namespace {
const Engine& tiny() {
  static const Engine e = [] {
    auto r = Engine::open({test::fixture("tiny")});
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(r).value();
  }();
  return e;
}

CensusResult census(CensusRequest req) {
  auto r = tiny().census(req);
  if (!r) throw std::runtime_error(r.error().message);
  return r.value();
}

const CensusRow& row(const CensusResult& r, const std::string& code) {
  return test::census_row(r, code);
}

double share(const LayerShares& l, const std::string& key) {
  for (const auto& s : l.shares) {
    if (s.key == key) return s.share;
  }
  return 0;
}
}  // namespace

TEST(Census, WorldTotalsAsOfReferenceDate) {
  auto r = census({.as_of = "2024-11-30"});
  EXPECT_EQ(r.totals.regions, 7);           // cnc:fr-1 retired 2024-06-30
  EXPECT_EQ(r.totals.ai_regions, 5);        // us-1, de-1, ke-1, cn-1, de-2
  EXPECT_EQ(r.totals.training_regions, 3);  // us-1 (big), cn-1 (cnbig), de-2 (big, cnbig)
  EXPECT_EQ(r.totals.countries_with_ai, 4);
  EXPECT_EQ(r.totals.countries_training, 3);
  EXPECT_EQ(r.totals.facilities, 2);  // f3 is planned
  EXPECT_DOUBLE_EQ(r.totals.h100e, 12000);
  ASSERT_EQ(r.totals.by_provider_jurisdiction.size(), 3u);
  EXPECT_EQ(r.totals.by_provider_jurisdiction[0].key, "USA");
  EXPECT_EQ(r.totals.by_provider_jurisdiction[0].weight, 3);
  for (const auto& s : r.totals.abroad_by_provider_jurisdiction) {
    EXPECT_EQ(s.weight, s.key == "USA" ? 2 : 0) << s.key;  // usc:de-1 and usc:ke-1
  }
  EXPECT_EQ(r.rows.size(), 7u);  // one row per economy
}

TEST(Census, GermanyLayersAndClassification) {
  auto r = census({.as_of = "2024-11-30"});
  const auto& deu = row(r, "DEU");
  EXPECT_EQ(deu.regions, 2);
  EXPECT_EQ(deu.ai_regions, 2);
  EXPECT_EQ(deu.training_regions, 1);
  EXPECT_EQ(deu.compute_class, "north");
  // Operators: usc (USA) and dec (DEU), one AI region each.
  EXPECT_DOUBLE_EQ(share(deu.operator_jurisdiction, "USA"), 0.5);
  EXPECT_DOUBLE_EQ(deu.operator_jurisdiction.hhi, 0.5);
  EXPECT_DOUBLE_EQ(deu.domestic_share, 0.5);
  EXPECT_EQ(deu.strategy, "domestic");  // 0.5 ≥ domestic_min_share (inclusive)
  // Designers: de-1 small (USA) = 1; de-2 big (USA) ½ + cnbig (CHN) ½ → USA 1.5, CHN 0.5.
  EXPECT_DOUBLE_EQ(share(deu.designer_jurisdiction, "USA"), 0.75);
  EXPECT_DOUBLE_EQ(share(deu.designer_jurisdiction, "CHN"), 0.25);
  EXPECT_DOUBLE_EQ(deu.designer_jurisdiction.hhi, 0.625);
  EXPECT_DOUBLE_EQ(share(deu.fab_location, "TWN"), 0.75);
  EXPECT_EQ(deu.facilities, 1);
  EXPECT_DOUBLE_EQ(deu.h100e, 2000);
  EXPECT_DOUBLE_EQ(deu.h100e_low, 1000);
  EXPECT_DOUBLE_EQ(deu.h100e_high, 3000);
}

TEST(Census, ClassesAndStrategies) {
  auto r = census({.as_of = "2024-11-30"});
  EXPECT_EQ(row(r, "USA").compute_class, "north");
  EXPECT_EQ(row(r, "USA").strategy, "domestic");
  EXPECT_EQ(row(r, "KEN").compute_class, "south");
  EXPECT_EQ(row(r, "KEN").strategy, "aligning");
  EXPECT_EQ(row(r, "KEN").aligned_to, "power-us");
  EXPECT_EQ(row(r, "FRA").compute_class, "desert");  // fr-1 retired, fr-2 has no accelerator
  EXPECT_EQ(row(r, "FRA").regions, 1);
  EXPECT_EQ(row(r, "BRA").compute_class, "desert");
  EXPECT_EQ(row(r, "BRA").strategy, "none");
  EXPECT_EQ(row(r, "TWN").regions, 0);
}

TEST(Census, AsOfDatesMoveRegionsAndOfferings) {
  // Before fr-1 retired, France was in the Compute South, aligned with China's operators.
  auto r = census({.as_of = "2024-01-01"});
  EXPECT_EQ(row(r, "FRA").compute_class, "south");
  EXPECT_EQ(row(r, "FRA").aligned_to, "power-china");
  EXPECT_EQ(row(r, "KEN").regions, 0);  // ke-1 launched 2024-06
  // big is offered in us-1 from 2020-01: read as 2020-01-01.
  EXPECT_EQ(row(census({.as_of = "2019-12-31"}), "USA").training_regions, 0);
  EXPECT_EQ(row(census({.as_of = "2020-01-01"}), "USA").training_regions, 1);
  // A partial as-of date means the end of the period.
  EXPECT_EQ(row(census({.as_of = "2024-06"}), "KEN").regions, 1);
}

TEST(Census, ProviderFilterAndRollups) {
  CensusRequest req{.as_of = "2024-11-30", .providers = {"usc"}};
  auto r = census(req);
  EXPECT_EQ(r.totals.ai_regions, 3);
  EXPECT_EQ(row(r, "DEU").ai_regions, 1);
  req.by = CensusBy::kProvider;
  req.providers = {};
  auto p = census(req);
  const auto& usc = row(p, "usc");
  EXPECT_EQ(usc.regions, 4);
  EXPECT_EQ(usc.ai_regions, 3);
  EXPECT_EQ(usc.training_regions, 1);
  EXPECT_EQ(usc.countries, 4);
  EXPECT_EQ(usc.countries_with_ai, 3);
  EXPECT_EQ(usc.ai_regions_abroad, 2);
  req.by = CensusBy::kBloc;
  auto b = census(req);
  const auto& eu = row(b, "eu");
  EXPECT_EQ(eu.regions, 3);
  EXPECT_EQ(eu.ai_regions, 2);
  EXPECT_DOUBLE_EQ(eu.domestic_share, 0.5);  // dec (DEU) is inside the EU, usc is not
  req.by = CensusBy::kProviderJurisdiction;
  auto j = census(req);
  EXPECT_EQ(row(j, "USA").ai_regions, 3);
  EXPECT_EQ(row(j, "CHN").ai_regions, 1);
}

TEST(Census, CapacityWeights) {
  auto h = census({.as_of = "2024-11-30", .weight = CensusWeight::kH100e});
  EXPECT_DOUBLE_EQ(row(h, "DEU").operator_jurisdiction.total, 2000);
  EXPECT_DOUBLE_EQ(row(h, "DEU").domestic_share, 1.0);
  auto inv = census({.as_of = "2024-11-30", .weight = CensusWeight::kInvestment});
  // f3 (planned, announced 2024-05) counts for investment: USD 1 bn by usc (USA) in Kenya.
  EXPECT_DOUBLE_EQ(row(inv, "KEN").operator_jurisdiction.total, 1e9);
  EXPECT_DOUBLE_EQ(row(inv, "KEN").investment_usd, 1e9);
  auto before = census({.as_of = "2024-04-30", .weight = CensusWeight::kInvestment});
  EXPECT_DOUBLE_EQ(row(before, "KEN").investment_usd, 0);
}

TEST(Census, UnknownOperatorsDoNotDecideTheStrategy) {
  // The fixture plus one operational Chinese cluster whose operator no source names.
  test::TempDir dir;
  std::filesystem::copy(test::fixture("tiny"), dir.str(), std::filesystem::copy_options::recursive);
  {
    std::ofstream f(dir / "facilities.csv", std::ios::app);
    f << "f4,CN Cluster,,CHN,Beijing,,,operational,,2023-06,,,,300,,,1,,0,row 4,fixture\n";
  }
  auto engine = Engine::open({dir.str()});
  ASSERT_TRUE(engine) << engine.error().message;
  auto h = engine.value().census({.as_of = "2024-11-30", .weight = CensusWeight::kH100e});
  ASSERT_TRUE(h);
  const auto& chn = row(h.value(), "CHN");
  EXPECT_DOUBLE_EQ(chn.operator_jurisdiction.total, 300);
  EXPECT_EQ(chn.operator_jurisdiction.shares[0].key, "unknown");
  EXPECT_EQ(chn.strategy, "unknown");
  EXPECT_DOUBLE_EQ(chn.domestic_share, 0);
  // Region weights know cn-1's operator (cnc, CHN): domestic.
  EXPECT_EQ(row(engine.value().census({.as_of = "2024-11-30"}).value(), "CHN").strategy,
            "domestic");
}

TEST(Census, BadRequestsAreErrors) {
  auto r = tiny().census({.as_of = "30/11/2024"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  auto p = tiny().census({.providers = {"nosuch"}});
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("unknown provider 'nosuch'"), std::string::npos);
}

TEST(Profile, GermanyProfile) {
  auto r = tiny().profile({.iso3 = "DEU", .as_of = "2024-11-30"});
  ASSERT_TRUE(r) << r.error().message;
  const auto& p = r.value();
  EXPECT_EQ(p.name, "Germany");
  EXPECT_EQ(p.blocs, (std::vector<std::string>{"eu", "power-europe"}));
  ASSERT_EQ(p.regions.size(), 2u);
  EXPECT_EQ(p.regions[0].site_id, "dec:de-2");  // training regions first
  EXPECT_TRUE(p.regions[0].training);
  EXPECT_EQ(p.regions[1].accelerators.size(), 1u);
  EXPECT_DOUBLE_EQ(*p.regions[1].accelerators[0].min_price_usd_per_hour, 0.6);
  // GDP: the latest year (2023) wins over 2022, with its own source.
  ASSERT_FALSE(p.indicators.empty());
  EXPECT_EQ(p.indicators[0].indicator, "gdp_usd");
  EXPECT_EQ(p.indicators[0].year, 2023);
  EXPECT_EQ(p.indicators[0].source_id, "fixture-b");
  EXPECT_EQ(p.rank_ai_regions, 1);  // DEU has 2 AI regions, no economy has more
  ASSERT_EQ(p.facilities.size(), 1u);
  EXPECT_TRUE(p.facilities[0].estimate);
}

TEST(Profile, UnknownEconomyIsNotFound) {
  auto r = tiny().profile({.iso3 = "XXX"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(tiny().profile({.iso3 = "deu"}));  // case-insensitive
}

// The map layer lists exactly the regions the census counts, with the same AI/training flags.
TEST(Sites, MatchTheCensusCounts) {
  for (const std::string as_of : {"", "2024-11-30", "2020"}) {
    SCOPED_TRACE(as_of);
    CensusRequest creq;
    creq.as_of = as_of;
    const auto c = census(creq);
    SitesRequest sreq;
    sreq.as_of = as_of;
    auto s = tiny().sites(sreq);
    ASSERT_TRUE(s) << s.error().message;
    int ai = 0, training = 0;
    for (const auto& site : s.value().sites) {
      ai += site.ai;
      training += site.training;
      EXPECT_EQ(site.iso3.size(), 3u);
      EXPECT_TRUE(!site.training || site.ai);
    }
    EXPECT_EQ(static_cast<int>(s.value().sites.size()), c.totals.regions);
    EXPECT_EQ(ai, c.totals.ai_regions);
    EXPECT_EQ(training, c.totals.training_regions);
    EXPECT_EQ(s.value().meta.as_of, c.meta.as_of);
  }
  SitesRequest bad;
  bad.providers = {"no-such-provider"};
  auto r = tiny().sites(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  const auto one = tiny().sites(SitesRequest{"", {"usc"}, {}});
  ASSERT_TRUE(one);
  for (const auto& site : one.value().sites) EXPECT_EQ(site.provider, "usc");
  ASSERT_FALSE(one.value().sites.empty());
  EXPECT_TRUE(one.value().sites.front().lat.has_value());
}
