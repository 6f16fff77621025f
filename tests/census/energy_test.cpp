// The energy layer (docs/methodology.md §15) on the tiny fixture. Every expected figure is worked
// by hand below from the fixture's rows (tests/fixtures/tiny) and the documented defaults:
// k = 1.275 kW per H100e, facility_power_pue = 1.12, 1,024 (training) / 256 (inference) chips
// per model and region, (u, PUE) = (0.7, 1.2) mid, (0.5, 1.1) low, (0.8, 1.56) high.
//
// Chips: big = 1000 TFLOP/s (training tier) → 1000/989.4 H100e; small = 65 TFLOP/s (inference)
// → 65/989.4; cnbig = 300 TFLOP/s (training) → 300/989.4.
// Region IT load per model offered, MW = chips × H100e per chip × 1.275 / 1000:
//   big:   1024 × 1000/989.4 × 1.275/1000 = 1305.6/989.4  = 1.3195876289 MW
//   small:  256 ×   65/989.4 × 1.275/1000 = 21.216/989.4  = 0.0214432990 MW
//   cnbig: 1024 ×  300/989.4 × 1.275/1000 = 391.68/989.4  = 0.3958762887 MW
// Facilities (operational on 2024-11-30): f1 (USA, usc) 20 MW → IT 20/1.12 = 17.857142857 MW,
// no range; f2 (DEU, dec) 5 MW → IT 5/1.12 = 4.4642857143 MW, H100e 2000 (1000–3000) → range
// ×0.5 / ×1.5 = 2.2321428571–6.6964285714 MW. f3 is planned: nothing.
// Germany: usc:de-1 offers small (operator usc, USA: foreign), dec:de-2 offers big and cnbig
// (operator dec, DEU: domestic), plus f2 (dec: domestic):
//   IT = 0.0214432990 + 1.3195876289 + 0.3958762887 + 4.4642857143 = 6.2011929308 MW
//   IT_low  = 1.7369072165 + 2.2321428571 = 3.9690500736 MW
//   IT_high = 1.7369072165 + 6.6964285714 = 8.4333357879 MW
//   TWh      = 6.2011929308 × 8760 × 0.7 × 1.2 / 10⁶ = 0.0456308581
//   TWh_low  = 3.9690500736 × 8760 × 0.5 × 1.1 / 10⁶ = 0.0191228833
//   TWh_high = 8.4333357879 × 8760 × 0.8 × 1.56 / 10⁶ = 0.0921972748
//   foreign share = 0.0214432990 / 6.2011929308 = 0.0034579…
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "aisov/engine.hpp"
#include "census_support.hpp"
#include "test_support.hpp"

using namespace aisov;

namespace {

constexpr double kBig = 1305.6 / 989.4, kSmall = 21.216 / 989.4, kCn = 391.68 / 989.4;
constexpr double kF1 = 20 / 1.12, kF2 = 5 / 1.12;
constexpr double kDeu = kSmall + kBig + kCn + kF2;

Engine open(const std::string& dir) {
  auto r = Engine::open({dir});
  if (!r) throw std::runtime_error(r.error().message);
  return std::move(r).value();
}

CensusResult census(const Engine& e, CensusRequest req) {
  auto r = e.census(req);
  if (!r) throw std::runtime_error(r.error().message);
  return r.value();
}

const CensusRow& row(const CensusResult& r, const std::string& code) {
  return test::census_row(r, code);
}

void append(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::app) << text;
}

// A copy of the tiny fixture in a temporary directory.
void copy_tiny(const test::TempDir& dir) {
  std::filesystem::copy(
      test::fixture("tiny"), dir.str(),
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

// Germany 500 TWh generated (2023) at 350 g/kWh (2024); France 400 TWh at 50 g/kWh. The USA,
// China and Kenya keep no generation or carbon figure.
void add_grid(const test::TempDir& dir) {
  append(dir / "indicators.csv",
         "DEU,electricity_generation_twh,2023,500,fixture\n"
         "DEU,carbon_intensity_gco2_per_kwh,2024,350,fixture\n"
         "FRA,electricity_generation_twh,2023,400,fixture\n"
         "FRA,carbon_intensity_gco2_per_kwh,2024,50,fixture\n");
}

}  // namespace

TEST(Energy, ItLoadAndElectricityByHand) {
  const Engine e = open(test::fixture("tiny"));
  auto r = census(e, {.as_of = "2024-11-30"});
  const auto& de = row(r, "DEU").energy;
  EXPECT_NEAR(de.it_mw_regions, kSmall + kBig + kCn, 1e-12);
  EXPECT_NEAR(de.it_mw_facilities, kF2, 1e-12);
  EXPECT_NEAR(de.it_mw, 6.2011929308, 1e-9);
  EXPECT_NEAR(de.it_mw_low, 3.9690500736, 1e-9);
  EXPECT_NEAR(de.it_mw_high, 8.4333357879, 1e-9);
  EXPECT_NEAR(de.twh, 0.0456308581, 1e-10);
  EXPECT_NEAR(de.twh_low, 0.0191228833, 1e-10);
  EXPECT_NEAR(de.twh_high, 0.0921972748, 1e-10);
  EXPECT_NEAR(de.foreign_mw, kSmall, 1e-12);
  EXPECT_NEAR(de.domestic_mw, kBig + kCn + kF2, 1e-12);
  ASSERT_TRUE(de.foreign_share.has_value());
  EXPECT_NEAR(*de.foreign_share, kSmall / kDeu, 1e-12);

  // USA: usc:us-1 offers big and small; f1's 20 MW → 17.857 MW IT. Operator usc is American.
  const auto& us = row(r, "USA").energy;
  EXPECT_NEAR(us.it_mw, kBig + kSmall + kF1, 1e-9);                   // 19.1981737850 MW
  EXPECT_NEAR(us.twh, 19.1981737850 * 8760 * 0.7 * 1.2 / 1e6, 1e-9);  // 0.1412678420
  EXPECT_NEAR(*us.foreign_share, 0.0, 1e-15);

  // Kenya: usc:ke-1 offers small from 2024-07; the planned f3 adds nothing. Run from the USA.
  const auto& ke = row(r, "KEN").energy;
  EXPECT_NEAR(ke.it_mw, kSmall, 1e-12);
  EXPECT_NEAR(*ke.foreign_share, 1.0, 1e-15);
  // Brazil's region offers nothing: no load, so no foreign share either.
  EXPECT_EQ(row(r, "BRA").energy.it_mw, 0);
  EXPECT_FALSE(row(r, "BRA").energy.foreign_share.has_value());
}

TEST(Energy, NoGenerationOrCarbonFigureIsNoDataNotZero) {
  const Engine e = open(test::fixture("tiny"));  // the fixture has no grid indicators
  auto r = census(e, {.as_of = "2024-11-30"});
  for (const auto& x : r.rows) {
    EXPECT_FALSE(x.energy.share_of_generation.has_value()) << x.code;
    EXPECT_FALSE(x.energy.co2_t.has_value()) << x.code;
    EXPECT_FALSE(x.energy.generation_twh.has_value()) << x.code;
  }
  EXPECT_FALSE(r.totals.energy.share_of_generation.has_value());
  // The JSON carries null, the CSV an empty cell.
  const std::string json = render(r, Format::kJson);
  EXPECT_NE(json.find("\"share_of_generation\": null"), std::string::npos);
}

TEST(Energy, ShareOfGenerationAndEmissionsByHand) {
  test::TempDir dir;
  copy_tiny(dir);
  add_grid(dir);
  const Engine e = open(dir.str());
  auto r = census(e, {.as_of = "2024-11-30"});
  const auto& de = row(r, "DEU").energy;
  // 0.0456308581 TWh ÷ 500 TWh = 9.12617e-5; low 0.0191228833/500, high 0.0921972748/500.
  ASSERT_TRUE(de.share_of_generation.has_value());
  EXPECT_NEAR(*de.share_of_generation, 0.0456308581 / 500, 1e-12);
  EXPECT_NEAR(*de.share_of_generation_low, 0.0191228833 / 500, 1e-12);
  EXPECT_NEAR(*de.share_of_generation_high, 0.0921972748 / 500, 1e-12);
  EXPECT_EQ(de.generation_year, 2023);
  // Emissions: 0.0456308581 TWh × 350 g/kWh × 1000 = 15,970.80 tCO2e.
  ASSERT_TRUE(de.co2_t.has_value());
  EXPECT_NEAR(*de.co2_t, 15970.80, 0.01);
  EXPECT_NEAR(*de.co2_t_low, 0.0191228833 * 350 * 1000, 1e-4);
  EXPECT_NEAR(*de.co2_t_high, 0.0921972748 * 350 * 1000, 1e-4);
  // France has figures and no AI load on the date (fr-1 retired, fr-2 offers nothing): a real 0.
  const auto& fr = row(r, "FRA").energy;
  ASSERT_TRUE(fr.share_of_generation.has_value());
  EXPECT_EQ(*fr.share_of_generation, 0);
  EXPECT_EQ(*fr.co2_t, 0);
  // The USA hosts load but has no figures: no data.
  EXPECT_FALSE(row(r, "USA").energy.share_of_generation.has_value());
  EXPECT_FALSE(row(r, "USA").energy.co2_t.has_value());

  // The EU bloc (DEU, FRA): 0.0456308581 / (500 + 400); emissions weighted by load = Germany's.
  auto b = census(e, {.as_of = "2024-11-30", .by = CensusBy::kBloc});
  const auto& eu = row(b, "eu").energy;
  EXPECT_NEAR(eu.it_mw, kDeu, 1e-9);
  EXPECT_NEAR(*eu.share_of_generation, 0.0456308581 / 900, 1e-12);
  EXPECT_NEAR(*eu.carbon_gco2_per_kwh, 350, 1e-9);
  EXPECT_NEAR(*eu.co2_t, 15970.80, 0.01);
  // power-us (USA only) has load and no generation: no data.
  EXPECT_FALSE(row(b, "power-us").energy.share_of_generation.has_value());

  // World: generation 900 TWh from the two economies with a figure; emissions only Germany's;
  // the rest of the load is reported as lacking figures.
  const auto& w = r.totals.energy;
  double twh = 0;
  for (const auto& x : r.rows) twh += x.energy.twh;
  EXPECT_NEAR(w.twh, twh, 1e-12);
  EXPECT_NEAR(*w.generation_twh, 900, 1e-12);
  EXPECT_NEAR(*w.co2_t, 15970.80, 0.01);
  EXPECT_NEAR(r.totals.twh_without_carbon, twh - de.twh - fr.twh, 1e-12);
}

TEST(Energy, ParametersTableReplacesTheDefaults) {
  test::TempDir dir;
  copy_tiny(dir);
  // u = 1 and PUE = 1 with no range: TWh = IT × 8760 / 10⁶; facilities' power is IT (PUE 1).
  std::ofstream(dir / "energy_parameters.csv")
      << "parameter,value,low,high,unit,estimate,source_id,notes\n"
         "utilisation,1,,,share,yes,fixture,\n"
         "pue,1,,,ratio,yes,fixture,\n"
         "facility_power_pue,1,,,ratio,yes,fixture,\n";
  const Engine e = open(dir.str());
  auto r = census(e, {.as_of = "2024-11-30"});
  const auto& de = row(r, "DEU").energy;
  // Germany: 1.7369072165 + 5 = 6.7369072165 MW → × 8760 / 10⁶ = 0.0590153072 TWh.
  EXPECT_NEAR(de.it_mw, 6.7369072165, 1e-9);
  EXPECT_NEAR(de.twh, 0.0590153072, 1e-10);
  // low/high differ only through f2's H100e range (1000–3000 of 2000): 1.7369 + 2.5 / + 7.5.
  EXPECT_NEAR(de.twh_low, (1.7369072165 + 2.5) * 8760 / 1e6, 1e-10);
  EXPECT_NEAR(de.twh_high, (1.7369072165 + 7.5) * 8760 / 1e6, 1e-10);
  EXPECT_EQ(r.energy_params.pue, 1);
  bool from_dataset = false;
  for (const auto& [name, origin] : r.energy_params.origins)
    if (name == "pue") from_dataset = origin == "dataset";
  EXPECT_TRUE(from_dataset);
}

TEST(Energy, UnknownParameterIsAnErrorAtItsCell) {
  test::TempDir dir;
  copy_tiny(dir);
  std::ofstream(dir / "energy_parameters.csv")
      << "parameter,value,low,high,unit,estimate,source_id,notes\n"
         "pue,1.2,1.3,1.5,ratio,yes,fixture,\n"
         "watts,3,,,W,yes,fixture,\n";
  auto r = Engine::open({dir.str()});
  ASSERT_FALSE(r);
  std::string all;
  for (const auto& d : r.error().details) all += d + "\n";
  EXPECT_NE(all.find("energy_parameters.csv:2:"), std::string::npos) << all;  // low > value
  EXPECT_NE(all.find("energy_parameters.csv:3:1: "), std::string::npos) << all;
  EXPECT_NE(all.find("unknown energy parameter 'watts'"), std::string::npos) << all;
}

TEST(Energy, EnergyWeightSharesAreShareOfItLoad) {
  const Engine e = open(test::fixture("tiny"));
  auto r = census(e, {.as_of = "2024-11-30", .weight = CensusWeight::kEnergy});
  const auto& de = row(r, "DEU");
  ASSERT_EQ(de.operator_jurisdiction.shares.size(), 2u);
  EXPECT_EQ(de.operator_jurisdiction.shares[0].key, "DEU");
  EXPECT_NEAR(de.operator_jurisdiction.shares[0].share, (kBig + kCn + kF2) / kDeu, 1e-12);
  EXPECT_NEAR(de.operator_jurisdiction.shares[1].share, kSmall / kDeu, 1e-12);
  // Designer layer: big and small are US chips, cnbig Chinese; f2 runs big.
  double cn = 0;
  for (const auto& s : de.designer_jurisdiction.shares)
    if (s.key == "CHN") cn = s.share;
  EXPECT_NEAR(cn, kCn / kDeu, 1e-12);
  EXPECT_EQ(r.meta.weight, "energy");
}

// Invariants on every row: ranges ordered, shares in [0, 1], parts add up.
TEST(Energy, InvariantsOnEveryRow) {
  test::TempDir dir;
  copy_tiny(dir);
  add_grid(dir);
  const Engine e = open(dir.str());
  for (const char* as_of : {"2019-06-30", "2022-12-31", "2024-11-30"}) {
    for (auto by : {CensusBy::kEconomy, CensusBy::kBloc}) {
      auto r = census(e, {.as_of = as_of, .by = by});
      for (const auto& x : r.rows) {
        const auto& en = x.energy;
        SCOPED_TRACE(std::string(as_of) + " " + x.code);
        EXPECT_LE(en.it_mw_low, en.it_mw + 1e-12);
        EXPECT_LE(en.it_mw, en.it_mw_high + 1e-12);
        EXPECT_LE(en.twh_low, en.twh);
        EXPECT_LE(en.twh, en.twh_high);
        EXPECT_NEAR(en.it_mw, en.it_mw_regions + en.it_mw_facilities, 1e-12);
        EXPECT_NEAR(en.domestic_mw + en.foreign_mw + en.unknown_mw, en.it_mw, 1e-12);
        if (en.foreign_share) {
          EXPECT_GE(*en.foreign_share, 0);
          EXPECT_LE(*en.foreign_share, 1);
        }
        if (en.share_of_generation) {
          EXPECT_GE(*en.share_of_generation_low, 0);
          EXPECT_LE(*en.share_of_generation_low, *en.share_of_generation);
          EXPECT_LE(*en.share_of_generation, *en.share_of_generation_high);
          EXPECT_LE(*en.share_of_generation_high, 1);
        }
        if (en.co2_t) {
          EXPECT_LE(*en.co2_t_low, *en.co2_t);
          EXPECT_LE(*en.co2_t, *en.co2_t_high);
        }
      }
    }
  }
}

// Energy is linear in capacity: tripling every facility's power and H100e and the regional chip
// counts triples every IT load, TWh, share and emission figure.
TEST(Energy, ScalesLinearlyWithCapacity) {
  test::TempDir base, triple;
  copy_tiny(base);
  add_grid(base);
  copy_tiny(triple);
  add_grid(triple);
  {
    std::ofstream(triple / "facilities.csv")
        << "facility_id,name,operator_id,iso3,city,lat,lon,status,announced,first_operational,"
           "decommissioned,accel_id,accel_count,h100e,h100e_low,h100e_high,power_mw,"
           "investment_usd,estimate,source_ref,source_id\n"
           "f1,US Cluster,usc,USA,Ashburn,,,operational,2021,2022-01,,big,30000,30000,,,60,,0,"
           "row 1,fixture\n"
           "f2,DE Cluster,dec,DEU,Nuremberg,49.45,11.08,operational,2023,2024-03,,big,6000,6000,"
           "3000,9000,15,500000000,1,row 2,fixture\n"
           "f3,KE Campus,usc,KEN,Nairobi,,,planned,2024-05,,,,,1500,,,300,1000000000,1,row 3,"
           "fixture\n";
    std::ofstream(triple / "energy_parameters.csv")
        << "parameter,value,low,high,unit,estimate,source_id,notes\n"
           "region_chips_training,3072,,,accelerators,yes,fixture,\n"
           "region_chips_inference,768,,,accelerators,yes,fixture,\n";
  }
  const Engine e1 = open(base.str()), e3 = open(triple.str());
  auto r1 = census(e1, {.as_of = "2024-11-30"});
  auto r3 = census(e3, {.as_of = "2024-11-30"});
  ASSERT_EQ(r1.rows.size(), r3.rows.size());
  for (const auto& a : r1.rows) {
    const auto& x = a.energy;
    const auto& y = row(r3, a.code).energy;
    SCOPED_TRACE(a.code);
    EXPECT_NEAR(y.it_mw, 3 * x.it_mw, 1e-9);
    EXPECT_NEAR(y.twh_low, 3 * x.twh_low, 1e-12);
    EXPECT_NEAR(y.twh, 3 * x.twh, 1e-12);
    EXPECT_NEAR(y.twh_high, 3 * x.twh_high, 1e-12);
    ASSERT_EQ(x.share_of_generation.has_value(), y.share_of_generation.has_value());
    if (x.share_of_generation) {
      EXPECT_NEAR(*y.share_of_generation, 3 * *x.share_of_generation, 1e-15);
    }
    ASSERT_EQ(x.co2_t.has_value(), y.co2_t.has_value());
    if (x.co2_t) {
      EXPECT_NEAR(*y.co2_t, 3 * *x.co2_t, 1e-6);
    }
    if (x.foreign_share) {
      EXPECT_NEAR(*y.foreign_share, *x.foreign_share, 1e-12);
    }
  }
  EXPECT_NEAR(r3.totals.energy.twh, 3 * r1.totals.energy.twh, 1e-12);
}

TEST(Energy, ProfileCarriesTheLayerAndFacilityLoad) {
  const Engine e = open(test::fixture("tiny"));
  auto r = e.profile({.iso3 = "DEU", .as_of = "2024-11-30"});
  ASSERT_TRUE(r);
  EXPECT_NEAR(r.value().census.energy.it_mw, kDeu, 1e-9);
  bool found = false;
  for (const auto& f : r.value().facilities) {
    if (f.facility_id != "f2") continue;
    found = true;
    ASSERT_TRUE(f.it_mw.has_value());
    EXPECT_NEAR(*f.it_mw, kF2, 1e-12);
    EXPECT_EQ(f.it_mw_basis, "power_mw");
  }
  EXPECT_TRUE(found);
  const std::string text = render(r.value(), Format::kTable);
  EXPECT_NE(text.find("Share of national generation: no data"), std::string::npos) << text;
}
