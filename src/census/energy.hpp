#pragma once
// The energy layer of the census (docs/methodology.md §15): the IT load of the AI compute a
// territory hosts, its electricity per year, its share of generation and its emissions.
#include <optional>
#include <string>
#include <vector>

#include "aisov/census.hpp"
#include "model/dataset.hpp"

namespace aisov::census {

/// H100 SXM dense BF16 peak, TFLOP/s (the H100e unit, §1).
inline constexpr double kH100Tflops = 989.4;
inline constexpr double kHoursPerYear = 8760;

/// The energy assumptions: compiled defaults, replaced by the dataset's energy_parameters rows.
EnergyParams resolve_energy_params(const model::Dataset& ds);

/// IT load (MW) of one accelerator model offered at a cloud region: the convention's chip count
/// × the chip's H100e × it_kw_per_h100e; 0 when the chip has no published 16-bit peak.
double region_accel_it_mw(const model::Accelerator& a, const EnergyParams& p);

/// IT load (MW) of an operational facility, with its range and basis: power_mw ÷
/// facility_power_pue, else H100e × it_kw_per_h100e, else chips × chip H100e × the same.
struct FacilityLoad {
  double mw = 0, low = 0, high = 0;
  const char* basis = "";  ///< "power_mw", "h100e", "accel_count" or "" (no data: mw = 0)
};
FacilityLoad facility_it_mw(const model::Dataset& ds, const model::Facility& f,
                            const EnergyParams& p);

/// Electricity per year (TWh) of an IT load (MW) at a utilisation and PUE.
inline double twh_per_year(double it_mw, double utilisation, double pue) {
  return it_mw * kHoursPerYear * utilisation * pue / 1e6;
}

/// IT load (MW) per H100e by the compiled rule: it_kw_per_h100e ÷ 1000 (§15.1, §15.5).
inline double rule_it_mw_per_h100e(const EnergyParams& p) { return p.it_kw_per_h100e / 1000; }

/// Emissions (tonnes CO2e per year) of an electricity use at a grid intensity:
/// TWh × 10⁹ kWh × g/kWh ÷ 10⁶ g/t = TWh × g/kWh × 1,000.
inline double co2_tonnes(double twh, double gco2_per_kwh) { return twh * gco2_per_kwh * 1000; }

/// The energy of a new IT load (MW) in an economy whose hosted AI load is `hosted` (a single
/// economy's census estimate, which carries its generation and carbon figures): TWh low–mid–high
/// at the parameters' (utilisation, PUE), its share of generation, the headroom
/// (hosted + new) ÷ generation end by end, and its emissions at the grid's intensity (§14.6).
NewLoadEnergy new_load_energy(const EnergyEstimate& hosted, double it_mw, const EnergyParams& p);

/// Fills twh*, share_of_generation*, co2_t* and foreign_share from it_mw* and the operator
/// split, for a territory of the given economies (one economy, or a bloc's members as of the
/// day). `member_mw` is each economy's IT load (mid), used for the bloc rules of §15.
void finish_energy(const model::Dataset& ds, const std::vector<model::Id>& economies,
                   const std::vector<double>& member_mw, const EnergyParams& p, EnergyEstimate& e);

}  // namespace aisov::census
