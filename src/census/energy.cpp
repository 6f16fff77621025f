#include "census/energy.hpp"

#include <algorithm>

namespace aisov::census {

using model::Dataset;
using model::Id;
using model::kNone;

EnergyParams resolve_energy_params(const Dataset& ds) {
  EnergyParams p;
  struct Slot {
    const char* name;
    double* value;
    double* low;
    double* high;
  };
  const Slot slots[] = {
      {"it_kw_per_h100e", &p.it_kw_per_h100e, nullptr, nullptr},
      {"facility_power_pue", &p.facility_power_pue, nullptr, nullptr},
      {"region_chips_training", &p.region_chips_training, nullptr, nullptr},
      {"region_chips_inference", &p.region_chips_inference, nullptr, nullptr},
      {"pue", &p.pue, &p.pue_low, &p.pue_high},
      {"utilisation", &p.utilisation, &p.utilisation_low, &p.utilisation_high},
  };
  for (const auto& s : slots) {
    std::string origin = "default";
    for (const auto& row : ds.energy_parameters) {
      if (row.name != s.name) continue;
      *s.value = row.value;
      // A row without a range has none: low = high = value.
      if (s.low) *s.low = row.low.value_or(row.value);
      if (s.high) *s.high = row.high.value_or(row.value);
      origin = "dataset";
      if (row.source != kNone) {
        const std::string& id = ds.sources[row.source].source_id;
        if (std::find(p.sources.begin(), p.sources.end(), id) == p.sources.end())
          p.sources.push_back(id);
      }
    }
    p.origins.emplace_back(s.name, origin);
  }
  return p;
}

double region_accel_it_mw(const model::Accelerator& a, const EnergyParams& p) {
  if (!a.fp16_tflops || *a.fp16_tflops <= 0) return 0;
  const double chips =
      a.tier == model::Tier::kTraining ? p.region_chips_training : p.region_chips_inference;
  return chips * (*a.fp16_tflops / kH100Tflops) * p.it_kw_per_h100e / 1000;
}

FacilityLoad facility_it_mw(const Dataset& ds, const model::Facility& f, const EnergyParams& p) {
  FacilityLoad l;
  // The facility's own H100e range scales its load (§6: ±50 % for estimated rows).
  double lo = 1, hi = 1;
  if (f.h100e && *f.h100e > 0) {
    lo = f.h100e_low.value_or(*f.h100e) / *f.h100e;
    hi = f.h100e_high.value_or(*f.h100e) / *f.h100e;
  }
  if (f.power_mw && *f.power_mw > 0 && p.facility_power_pue > 0) {
    l.mw = *f.power_mw / p.facility_power_pue;
    l.basis = "power_mw";
  } else if (f.h100e && *f.h100e > 0) {
    l.mw = *f.h100e * p.it_kw_per_h100e / 1000;
    l.basis = "h100e";
  } else if (f.accel != kNone && f.accel_count && *f.accel_count > 0 &&
             ds.accelerators[f.accel].fp16_tflops) {
    l.mw = *f.accel_count * (*ds.accelerators[f.accel].fp16_tflops / kH100Tflops) *
           p.it_kw_per_h100e / 1000;
    l.basis = "accel_count";
  }
  l.low = l.mw * std::min(lo, 1.0);
  l.high = l.mw * std::max(hi, 1.0);
  return l;
}

NewLoadEnergy new_load_energy(const EnergyEstimate& hosted, double it_mw, const EnergyParams& p) {
  NewLoadEnergy n;
  n.it_mw = it_mw;
  n.twh = twh_per_year(it_mw, p.utilisation, p.pue);
  n.twh_low = twh_per_year(it_mw, p.utilisation_low, p.pue_low);
  n.twh_high = twh_per_year(it_mw, p.utilisation_high, p.pue_high);
  n.hosted_twh = hosted.twh;
  n.hosted_twh_low = hosted.twh_low;
  n.hosted_twh_high = hosted.twh_high;
  // No generation figure (or none > 0) is "no data", never a share of 0 or infinity.
  if (hosted.generation_twh && *hosted.generation_twh > 0) {
    const double g = *hosted.generation_twh;
    n.generation_twh = g;
    n.generation_year = hosted.generation_year;
    n.share_of_generation = n.twh / g;
    n.share_of_generation_low = n.twh_low / g;
    n.share_of_generation_high = n.twh_high / g;
    n.headroom_share = (n.hosted_twh + n.twh) / g;
    n.headroom_share_low = (n.hosted_twh_low + n.twh_low) / g;
    n.headroom_share_high = (n.hosted_twh_high + n.twh_high) / g;
  }
  if (hosted.carbon_gco2_per_kwh) {
    const double ci = *hosted.carbon_gco2_per_kwh;
    n.carbon_gco2_per_kwh = ci;
    n.carbon_year = hosted.carbon_year;
    n.co2_t = co2_tonnes(n.twh, ci);
    n.co2_t_low = co2_tonnes(n.twh_low, ci);
    n.co2_t_high = co2_tonnes(n.twh_high, ci);
  }
  return n;
}

void finish_energy(const Dataset& ds, const std::vector<Id>& economies,
                   const std::vector<double>& member_mw, const EnergyParams& p, EnergyEstimate& e) {
  e.twh = twh_per_year(e.it_mw, p.utilisation, p.pue);
  e.twh_low = twh_per_year(e.it_mw_low, p.utilisation_low, p.pue_low);
  e.twh_high = twh_per_year(e.it_mw_high, p.utilisation_high, p.pue_high);
  if (e.it_mw > 0) e.foreign_share = e.foreign_mw / e.it_mw;

  const bool single = economies.size() == 1;
  // Generation: a member without the figure makes the share "no data" when it hosts load (or is
  // the only economy); a member without load is left out of the denominator and listed.
  double gen = 0;
  bool gen_ok = true;
  double co2 = 0, co2_weight = 0;  // Σ mw × g/kWh and Σ mw over members with carbon data
  bool carbon_ok = true;
  for (size_t i = 0; i < economies.size(); ++i) {
    const auto& econ = ds.economies[economies[i]];
    const double mw = i < member_mw.size() ? member_mw[i] : 0;
    if (econ.electricity_twh.year > 0) {
      gen += econ.electricity_twh.value;
      e.generation_year = std::max(e.generation_year, econ.electricity_twh.year);
    } else if (single || mw > 0) {
      gen_ok = false;
    } else {
      e.members_without_generation.push_back(econ.iso3);
    }
    if (econ.carbon_gco2_per_kwh.year > 0) {
      co2 += mw * econ.carbon_gco2_per_kwh.value;
      co2_weight += mw;
      e.carbon_year = std::max(e.carbon_year, econ.carbon_gco2_per_kwh.year);
      if (single) e.carbon_gco2_per_kwh = econ.carbon_gco2_per_kwh.value;
    } else if (single || mw > 0) {
      carbon_ok = false;
    } else {
      e.members_without_carbon.push_back(econ.iso3);
    }
  }
  if (gen_ok && e.generation_year > 0) {
    e.generation_twh = gen;
    if (gen > 0) {
      e.share_of_generation = e.twh / gen;
      e.share_of_generation_low = e.twh_low / gen;
      e.share_of_generation_high = e.twh_high / gen;
    }
  } else {
    e.generation_year = 0;
  }
  if (carbon_ok && e.carbon_year > 0) {
    // The load-weighted grid intensity (one economy: its own); emissions in tonnes:
    // TWh × 10⁹ kWh × g/kWh ÷ 10⁶ g/t = TWh × g/kWh × 1,000.
    const double ci = single ? *e.carbon_gco2_per_kwh : co2_weight > 0 ? co2 / co2_weight : 0;
    if (!single && co2_weight > 0) e.carbon_gco2_per_kwh = ci;
    e.co2_t = co2_tonnes(e.twh, ci);
    e.co2_t_low = co2_tonnes(e.twh_low, ci);
    e.co2_t_high = co2_tonnes(e.twh_high, ci);
  } else {
    e.carbon_year = 0;
    e.carbon_gco2_per_kwh.reset();
  }
}

}  // namespace aisov::census
