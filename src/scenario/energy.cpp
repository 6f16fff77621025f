#include "scenario/energy.hpp"

#include <cmath>
#include <map>

#include "census/energy.hpp"

namespace aisov::scenario {

double unit_it_mw_per_h100e(const Model& m, const std::vector<int>& members) {
  double mw = 0, k0 = 0;
  for (int e : members) {
    mw += m.it_mw0[e];
    k0 += m.k0_econ[e];
  }
  return k0 > 0 && mw > 0 ? mw / k0 : census::rule_it_mw_per_h100e(m.energy);
}

namespace {
ScenarioStat scaled(const ScenarioStat& s, double f) {
  return {s.mean * f, s.se * f, s.p5 * f, s.p50 * f, s.p95 * f, s.es5 * f};
}
}  // namespace

void add_energy(const model::Dataset& ds, const Model& m, const ReportSpec& report,
                ScenarioResult& res) {
  const EnergyParams& p = m.energy;
  res.pue = p.pue;
  res.pue_low = p.pue_low;
  res.pue_high = p.pue_high;
  res.utilisation = p.utilisation;
  res.utilisation_low = p.utilisation_low;
  res.utilisation_high = p.utilisation_high;
  res.it_kw_per_h100e = p.it_kw_per_h100e;
  res.efficiency_gain = m.defaults.efficiency_gain;
  const size_t nu = report.codes.size(), nyr = report.years.size();
  if (res.rows.size() == nu * nyr * 3) {
    for (size_t u = 0; u < nu; ++u) {
      const auto& members = report.members[u];
      // Generation and carbon intensity of the unit by the census rules (§15.2, §15.3): the
      // members' IT load at the start weights a bloc's intensity.
      EnergyEstimate grid;
      std::vector<model::Id> ids;
      std::vector<double> member_mw;
      for (int e : members) {
        ids.push_back(static_cast<model::Id>(e));
        member_mw.push_back(m.it_mw0[e]);
        grid.it_mw += m.it_mw0[e];
      }
      grid.it_mw_low = grid.it_mw_high = grid.it_mw;
      census::finish_energy(ds, ids, member_mw, p, grid);
      const double r0 = unit_it_mw_per_h100e(m, members);
      for (size_t yi = 0; yi < nyr; ++yi) {
        const int t = report.years[yi];
        const double mw_per = r0 * std::pow(1 - m.defaults.efficiency_gain, t - m.y0);
        ScenarioEnergy en;
        en.it_kw_per_h100e_start = r0 * 1000;
        en.it_mw_per_h100e = mw_per;
        en.twh_per_h100e = census::twh_per_year(mw_per, p.utilisation, p.pue);
        en.twh_per_h100e_low = census::twh_per_year(mw_per, p.utilisation_low, p.pue_low);
        en.twh_per_h100e_high = census::twh_per_year(mw_per, p.utilisation_high, p.pue_high);
        en.generation_twh = grid.generation_twh;
        en.generation_year = grid.generation_year;
        en.carbon_gco2_per_kwh = grid.carbon_gco2_per_kwh;
        en.carbon_year = en.carbon_gco2_per_kwh ? grid.carbon_year : 0;
        for (size_t k = 0; k < 2; ++k) {  // territorial, sovereign
          ScenarioRow& row = res.rows[(u * nyr + yi) * 3 + k];
          ScenarioEnergy e = en;
          e.it_mw = row.h100e.mean * mw_per;
          e.twh = scaled(row.h100e, e.twh_per_h100e);
          e.baseline_twh = row.baseline * e.twh_per_h100e;
          e.twh_low = row.h100e.mean * e.twh_per_h100e_low;
          e.twh_high = row.h100e.mean * e.twh_per_h100e_high;
          if (e.generation_twh && *e.generation_twh > 0) {
            e.share_of_generation = e.twh.mean / *e.generation_twh;
            e.share_of_generation_low = e.twh_low / *e.generation_twh;
            e.share_of_generation_high = e.twh_high / *e.generation_twh;
          }
          if (e.carbon_gco2_per_kwh) {
            const double ci = *e.carbon_gco2_per_kwh;
            e.co2_t = scaled(e.twh, census::co2_tonnes(1, ci));
            e.baseline_co2_t = census::co2_tonnes(e.baseline_twh, ci);
            e.co2_t_low = census::co2_tonnes(e.twh_low, ci);
            e.co2_t_high = census::co2_tonnes(e.twh_high, ci);
          }
          row.energy = e;
        }
      }
    }
  }

  // References: Σ over the region's economies of their territorial rows (single-economy units).
  std::map<int, size_t> unit_of;  // economy → unit reporting it alone
  for (size_t u = 0; u < nu; ++u)
    if (report.members[u].size() == 1) unit_of[report.members[u][0]] = u;
  for (size_t ri = 0; ri < m.references.size(); ++ri) {
    const auto& spec = m.references[ri];
    const auto& members = m.reference_members[ri];
    ScenarioReference r;
    r.case_name = spec.case_name;
    r.region = spec.region;
    r.source = spec.source;
    r.note = spec.note;
    r.year = spec.year;
    r.published_twh_low = spec.twh_low;
    r.published_twh_high = spec.twh_high;
    r.approximate = spec.twh_low != spec.twh_high;
    r.economies = static_cast<int>(members.size());
    size_t yi = nyr;
    for (size_t y = 0; y < nyr; ++y)
      if (report.years[y] == spec.year) yi = y;
    if (yi == nyr) {
      r.missing = "the run does not report " + std::to_string(spec.year);
    } else {
      double base = 0, mean = 0, lo = 0, hi = 0;
      int left_out = 0;
      for (int e : members) {
        if (m.k0_econ[e] <= 0) continue;  // no capacity: 0 TWh in every year
        auto it = unit_of.find(e);
        if (it == unit_of.end()) {
          ++left_out;
          continue;
        }
        const auto& en = res.rows[(it->second * nyr + yi) * 3].energy;
        if (!en) continue;
        base += en->baseline_twh;
        mean += en->twh.mean;
        lo += en->twh_low;
        hi += en->twh_high;
      }
      if (left_out > 0) {
        r.missing = std::to_string(left_out) + (left_out == 1 ? " economy" : " economies") +
                    " with compute in the region not reported (--economies)";
      } else {
        r.baseline_twh = base;
        r.mean_twh = mean;
        r.mean_twh_low = lo;
        r.mean_twh_high = hi;
        const double mid = (spec.twh_low + spec.twh_high) / 2;
        if (mid > 0) r.ratio = mean / mid;
      }
    }
    res.references.push_back(r);
  }
}

}  // namespace aisov::scenario
