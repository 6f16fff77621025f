// Invariants of the census on random datasets (rapidcheck) and on the bundled dataset.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "aisov/engine.hpp"
#include "census/census.hpp"
#include "model/tier.hpp"

using namespace aisov;
using model::Dataset;
using model::Id;

namespace {

// A random but valid dataset: economies E0.., organisations with random headquarters,
// accelerators with random specs, sites with random dates and offerings.
Dataset random_dataset() {
  Dataset ds;
  ds.dataset_version = "prop";
  ds.as_of = *core::Date::parse("2024-11-30");
  const int n_econ = *rc::gen::inRange(1, 7);
  const char* codes[] = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"};
  for (int i = 0; i < n_econ; ++i) {
    model::Economy e;
    e.iso3 = codes[i];
    e.name = codes[i];
    ds.economies.push_back(e);
  }
  model::Bloc pb;
  pb.bloc_id = "power-x";
  pb.kind = model::BlocKind::kPowerBloc;
  ds.blocs.push_back(pb);
  for (int i = 0; i < n_econ; ++i) {
    if (*rc::gen::arbitrary<bool>()) {
      model::BlocMember m;
      m.bloc = 0;
      m.economy = i;
      ds.bloc_members.push_back(m);
    }
  }
  const int n_org = *rc::gen::inRange(1, 5);
  for (int i = 0; i < n_org; ++i) {
    model::Organisation o;
    o.org_id = "org" + std::to_string(i);
    o.roles = model::kRoleCloudProvider | model::kRoleChipDesigner;
    o.hq = *rc::gen::inRange(-1, n_econ);  // -1 = unknown
    ds.organisations.push_back(o);
  }
  const int n_acc = *rc::gen::inRange(1, 5);
  for (int i = 0; i < n_acc; ++i) {
    model::Accelerator a;
    a.accel_id = "acc" + std::to_string(i);
    a.designer = *rc::gen::inRange(0, n_org);
    a.fab = *rc::gen::inRange(-1, n_econ);
    a.fp16_tflops = *rc::gen::inRange(10, 2000);
    a.memory_gb = *rc::gen::inRange(8, 200);
    a.memory_type =
        *rc::gen::arbitrary<bool>() ? model::MemoryType::kHbm : model::MemoryType::kGddr;
    a.interconnect_gbs = *rc::gen::inRange(0, 1000);
    a.tier = model::classify_tier(a);
    ds.accelerators.push_back(a);
  }
  const int n_sites = *rc::gen::inRange(0, 12);
  for (int i = 0; i < n_sites; ++i) {
    model::Site s;
    s.site_id = "s" + std::to_string(i);
    s.provider = *rc::gen::inRange(0, n_org);
    s.op = *rc::gen::arbitrary<bool>() ? s.provider : *rc::gen::inRange(0, n_org);
    s.economy = *rc::gen::inRange(0, n_econ);
    s.launched = core::Date{*rc::gen::inRange(2010, 2026), *rc::gen::inRange(1, 13), 0};
    if (*rc::gen::inRange(0, 5) == 0) s.retired = core::Date{*rc::gen::inRange(2015, 2027), 0, 0};
    if (!s.retired.empty() && s.retired.first_day() < s.launched.first_day()) s.retired = {};
    ds.sites.push_back(s);
    const int n_off = *rc::gen::inRange(0, 4);
    for (int k = 0; k < n_off; ++k) {
      model::Offering o;
      o.site = i;
      o.accel = *rc::gen::inRange(0, n_acc);
      o.instance_type = "t" + std::to_string(k);
      o.first_seen = core::Date{*rc::gen::inRange(2010, 2026), 0, 0};
      ds.offerings.push_back(o);
    }
  }
  ds.finalize();
  return ds;
}

void check_layer(const LayerShares& l) {
  if (l.shares.empty()) {
    RC_ASSERT(l.hhi == 0.0);
    return;
  }
  double sum = 0;
  for (const auto& s : l.shares) {
    RC_ASSERT(s.share > 0.0);
    RC_ASSERT(s.share <= 1.0 + 1e-12);
    sum += s.share;
  }
  RC_ASSERT(std::fabs(sum - 1.0) < 1e-9);
  const double n = static_cast<double>(l.shares.size());
  RC_ASSERT(l.hhi >= 1.0 / n - 1e-9);
  RC_ASSERT(l.hhi <= 1.0 + 1e-9);
}

void check_result(const CensusResult& r) {
  int regions = 0, ai = 0, training = 0;
  for (const auto& row : r.rows) {
    RC_ASSERT(row.ai_regions <= row.regions);
    RC_ASSERT(row.training_regions <= row.ai_regions);
    check_layer(row.operator_jurisdiction);
    check_layer(row.designer_jurisdiction);
    check_layer(row.fab_location);
    check_layer(row.operator_bloc);
    RC_ASSERT(row.domestic_share >= 0.0 && row.domestic_share <= 1.0);
    regions += row.regions;
    ai += row.ai_regions;
    training += row.training_regions;
  }
  RC_ASSERT(regions == r.totals.regions);
  RC_ASSERT(ai == r.totals.ai_regions);
  RC_ASSERT(training == r.totals.training_regions);
  double by_j = 0;
  for (const auto& s : r.totals.by_provider_jurisdiction) by_j += s.weight;
  RC_ASSERT(by_j == static_cast<double>(r.totals.ai_regions));
}

}  // namespace

RC_GTEST_PROP(CensusProperties, SharesSumToOneAndHhiIsBounded, ()) {
  Dataset ds = random_dataset();
  CensusRequest req;
  req.as_of = "20" + std::to_string(*rc::gen::inRange(10, 27)) + "-06-30";
  check_result(census::run_census(ds, req));
}

RC_GTEST_PROP(CensusProperties, AddingARegionNeverLowersTerritoryCounts, ()) {
  Dataset ds = random_dataset();
  CensusRequest req{.as_of = "2024-11-30"};
  auto before = census::run_census(ds, req);
  model::Site s;
  s.site_id = "new";
  s.provider = *rc::gen::inRange(0, static_cast<int>(ds.organisations.size()));
  s.op = s.provider;
  s.economy = *rc::gen::inRange(0, static_cast<int>(ds.economies.size()));
  s.launched = core::Date{2020, 1, 0};
  ds.sites.push_back(s);
  model::Offering o;
  o.site = static_cast<Id>(ds.sites.size() - 1);
  o.accel = *rc::gen::inRange(0, static_cast<int>(ds.accelerators.size()));
  o.first_seen = core::Date{2021, 0, 0};
  ds.offerings.push_back(o);
  ds.finalize();
  req.providers = {};
  auto after = census::run_census(ds, req);
  RC_ASSERT(after.totals.regions == before.totals.regions + 1);
  RC_ASSERT(after.totals.ai_regions == before.totals.ai_regions + 1);
  for (size_t i = 0; i < before.rows.size(); ++i) {
    const auto& b = before.rows[i];
    for (const auto& a : after.rows) {
      if (a.code != b.code) continue;
      RC_ASSERT(a.regions >= b.regions);
      RC_ASSERT(a.ai_regions >= b.ai_regions);
      RC_ASSERT(a.training_regions >= b.training_regions);
    }
  }
}

TEST(CensusProperties, BundledDatasetInvariants) {
  auto engine = Engine::open({});
  ASSERT_TRUE(engine) << engine.error().message;
  for (auto by : {CensusBy::kEconomy, CensusBy::kBloc}) {
    for (auto w : {CensusWeight::kRegions, CensusWeight::kH100e, CensusWeight::kMw,
                   CensusWeight::kInvestment}) {
      auto r = engine.value().census({.as_of = "2024-11-30", .by = by, .weight = w});
      ASSERT_TRUE(r);
      if (by == CensusBy::kEconomy) {
        EXPECT_NO_THROW(check_result(r.value()));
      }
    }
  }
}
