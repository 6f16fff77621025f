// Strict and lenient dating (docs/methodology.md §2.1) on a copy of the tiny fixture whose sites
// and offerings exercise every launch basis and every offering basis. Each expected count is
// worked by hand from the rows written below.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "aisov/engine.hpp"
#include "census_support.hpp"
#include "test_support.hpp"

using namespace aisov;

namespace {

const char* kSites =
    "site_id,provider_id,operator_id,region_code,name,kind,city,iso3,lat,lon,launched,"
    "launched_basis,retired,notes,source_id\n"
    "usc:us-1,usc,,us-1,US One,public,Ashburn,USA,,,2015-01,announced,,,fixture\n"
    "usc:de-1,usc,,de-1,DE One,public,Frankfurt,DEU,,,2019-06,first_listed,,,fixture\n"
    "usc:ke-1,usc,,ke-1,KE One,public,Nairobi,KEN,,,,,,,fixture\n"
    "usc:br-1,usc,,br-1,BR One,public,Sao Paulo,BRA,,,2016,estimate,,,fixture\n"
    "cnc:cn-1,cnc,,cn-1,CN One,public,Beijing,CHN,,,2014,announced,,,fixture\n"
    "cnc:fr-1,cnc,,fr-1,FR One,public,Paris,FRA,,,2018-01,,2024-06-30,,fixture\n"
    "dec:de-2,dec,,de-2,DE Two,public,Nuremberg,DEU,,,2017,announced,,,fixture\n"
    "dec:fr-2,dec,,fr-2,FR Two,public,Strasbourg,FRA,,,2021,announced,,,fixture\n";

const char* kOfferings =
    "site_id,accel_id,instance_type,accels_per_instance,first_seen,first_seen_basis,last_seen,"
    "price_usd_per_accel_hour,price_date,source_id\n"
    "usc:us-1,big,big.8x,8,2020-01,documented,,4.0,2024-11,fixture\n"
    "usc:us-1,small,small.1x,1,2018,product_launch,,0.5,2024-11,fixture\n"
    "usc:de-1,small,small.1x,1,2022-03,snapshot,,,,fixture\n"
    "usc:ke-1,small,small.1x,1,2024-07,documented,,,,fixture\n"
    "usc:br-1,small,small.1x,1,2018,product_launch,,,,fixture\n"
    "cnc:cn-1,cnbig,cn.8x,8,2021-03,documented,,,,fixture\n"
    "cnc:fr-1,small,cn.small,1,2018-01,region_launch,,,,fixture\n"
    "dec:de-2,big,de.big,8,2023-05,documented,,3.5,2024-11,fixture\n"
    "dec:de-2,cnbig,de.cn,8,2024-01,documented,,,,fixture-b\n";

class Dating : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    std::filesystem::copy(test::fixture("tiny"), dir_->str(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    std::ofstream(*dir_ / "sites.csv") << kSites;
    std::ofstream(*dir_ / "offerings.csv") << kOfferings;
    auto r = Engine::open({dir_->str()});
    ASSERT_TRUE(r) << r.error().message;
    engine_ = new Engine(std::move(r).value());
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete dir_;
  }
  static CensusResult census(CensusRequest req) {
    auto r = engine_->census(req);
    if (!r) throw std::runtime_error(r.error().message);
    return r.value();
  }
  static const CensusRow& row(const CensusResult& r, const std::string& code) {
    return test::census_row(r, code);
  }
  static test::TempDir* dir_;
  static Engine* engine_;
};
test::TempDir* Dating::dir_ = nullptr;
Engine* Dating::engine_ = nullptr;

double weight(const std::vector<Share>& v, const std::string& key) {
  for (const auto& s : v) {
    if (s.key == key) return s.weight;
  }
  return 0;
}

}  // namespace

TEST_F(Dating, RangesAtTheReferenceDate) {
  const auto r = census({.as_of = "2024-11-30"});
  const auto& t = r.totals;
  // Lenient: fr-1 retired; ke-1 (undated) counts on every date; br-1's estimate counts.
  EXPECT_EQ(t.regions, 7);
  // Strict: ke-1 has no date and br-1 only an estimate, so neither is shown by a source.
  EXPECT_EQ(t.regions_strict, 5);
  // Lenient AI: us-1, de-1 (snapshot 2022-03), ke-1, br-1 (product launch), cn-1, de-2.
  EXPECT_EQ(t.ai_regions, 6);
  EXPECT_EQ(t.ai_regions_strict, 4);  // us-1, de-1, cn-1, de-2
  EXPECT_EQ(t.training_regions, 3);   // us-1, cn-1, de-2
  EXPECT_EQ(t.training_regions_strict, 3);
  EXPECT_EQ(t.countries_with_ai, 5);         // USA DEU KEN BRA CHN
  EXPECT_EQ(t.countries_with_ai_strict, 3);  // USA DEU CHN
  // US Cloud: 4 AI regions lenient (3 abroad), 2 strict (de-1 abroad).
  EXPECT_EQ(weight(t.by_provider_jurisdiction, "USA"), 4);
  EXPECT_EQ(weight(t.by_provider_jurisdiction_strict, "USA"), 2);
  EXPECT_EQ(weight(t.abroad_by_provider_jurisdiction, "USA"), 3);
  EXPECT_EQ(weight(t.abroad_by_provider_jurisdiction_strict, "USA"), 1);
  EXPECT_EQ(row(r, "KEN").ai_regions, 1);
  EXPECT_EQ(row(r, "KEN").ai_regions_strict, 0);
  EXPECT_EQ(row(r, "DEU").ai_regions_strict, 2);
}

TEST_F(Dating, PartialDatesAndBasesIn2021) {
  const auto r = census({.as_of = "2021-06-15"});
  const auto& t = r.totals;
  // Lenient: every site but none retired yet; fr-2's "2021" reads as 2021-01-01.
  EXPECT_EQ(t.regions, 8);
  // Strict: no ke-1, no br-1, and fr-2's "2021" reads as 2021-12-31.
  EXPECT_EQ(t.regions_strict, 5);
  // Lenient AI: us-1, br-1 (product launch 2018), cn-1 (2021-03), fr-1 (region launch).
  EXPECT_EQ(t.ai_regions, 4);
  // Strict: us-1 (big, documented 2020-01), cn-1 (2021-03 read as 2021-03-31), fr-1.
  EXPECT_EQ(t.ai_regions_strict, 3);
}

TEST_F(Dating, ProductLaunchCountsStrictlyFromTheCatalogueDate) {
  // us-1's small family: product launch 2018, priced in the 2024-11 catalogue. Without big
  // (filtered out by date: big is documented from 2020-01) us-1 is AI in 2019 only leniently.
  const auto r = census({.as_of = "2019-12-31"});
  EXPECT_EQ(row(r, "USA").ai_regions, 1);         // us-1 (small, product launch 2018)
  EXPECT_EQ(row(r, "USA").ai_regions_strict, 0);  // not shown there by a source until 2024-11
  EXPECT_EQ(row(r, "BRA").ai_regions, 1);         // br-1: estimated date, product launch
  EXPECT_EQ(row(r, "BRA").regions_strict, 0);     // an estimate is never strict
}

TEST_F(Dating, StrictNeverExceedsLenient) {
  for (const char* d : {"2010", "2016-06", "2019-06-30", "2021-12-31", "2024-06-30", "2030"}) {
    for (auto by : {CensusBy::kEconomy, CensusBy::kBloc, CensusBy::kProvider,
                    CensusBy::kProviderJurisdiction}) {
      const auto r = census({.as_of = d, .by = by});
      for (const auto& x : r.rows) {
        EXPECT_LE(x.regions_strict, x.regions) << d << " " << x.code;
        EXPECT_LE(x.ai_regions_strict, x.ai_regions) << d << " " << x.code;
        EXPECT_LE(x.training_regions_strict, x.training_regions) << d << " " << x.code;
        EXPECT_LE(x.ai_regions_strict, x.regions_strict) << d << " " << x.code;
      }
      EXPECT_LE(r.totals.ai_regions_strict, r.totals.ai_regions) << d;
    }
  }
}

TEST_F(Dating, SitesAndProfileMarkUndatedRegions) {
  auto s = engine_->sites({.as_of = "2024-11-30"});
  ASSERT_TRUE(s);
  int undated = 0;
  for (const auto& x : s.value().sites) {
    if (x.site_id == "usc:ke-1") {
      EXPECT_EQ(x.launched, "");
      EXPECT_EQ(x.launched_basis, "unknown");
      EXPECT_FALSE(x.dated_strict);
      EXPECT_TRUE(x.ai);
      EXPECT_FALSE(x.ai_strict);
    }
    if (x.site_id == "usc:br-1") {
      EXPECT_EQ(x.launched_basis, "estimate");
    }
    if (x.site_id == "usc:de-1") {
      EXPECT_EQ(x.launched_basis, "first_listed");
    }
    if (x.site_id == "cnc:cn-1") {
      EXPECT_TRUE(x.ai_strict);
    }
    undated += x.launched.empty();
  }
  EXPECT_EQ(undated, 1);
  auto p = engine_->profile({.iso3 = "KEN", .as_of = "2024-11-30"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p.value().census.ai_regions, 1);
  EXPECT_EQ(p.value().census.ai_regions_strict, 0);
  ASSERT_EQ(p.value().regions.size(), 1u);
  EXPECT_FALSE(p.value().regions[0].dated_strict);
}
