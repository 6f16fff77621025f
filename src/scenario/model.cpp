#include "scenario/model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "census/energy.hpp"
#include "core/failure.hpp"
#include "core/strings.hpp"

namespace aisov::scenario {

namespace {

// Dense BF16 peak of the H100 SXM, TFLOP/s (NVIDIA datasheet): the H100e unit.
constexpr double kH100Tflops = 989.4;

struct Resolver {
  const model::Dataset& ds;
  const io::ScenarioSpec& spec;
  int day;
  std::vector<io::Problem>& problems;

  void fail(const io::SpecPos& p, const std::string& msg) {
    problems.push_back({spec.file, p.line, p.column, (p.path.empty() ? "" : p.path + ": ") + msg});
  }

  // ISO3 or bloc id (members on the as-of day) → economy ids.
  bool jurisdiction(const io::CodeSpec& c, std::set<int>& out) {
    if (auto e = ds.find_economy(c.code); e != model::kNone) {
      out.insert(e);
      return true;
    }
    if (auto b = ds.find_bloc(c.code); b != model::kNone) {
      for (auto r : ds.members_by_bloc[b]) {
        if (ds.bloc_members[r].active_on(day)) out.insert(ds.bloc_members[r].economy);
      }
      return true;
    }
    return false;
  }

  void add(const io::CodeSpec& c, std::set<int>& out, int depth) {
    if (c.code == "all") {
      for (int e = 0; e < static_cast<int>(ds.economies.size()); ++e) out.insert(e);
      return;
    }
    if (c.code.rfind("set:", 0) == 0) {
      const std::string name = c.code.substr(4);
      for (const auto& [n, s] : spec.sets) {
        if (n == name) {
          if (depth > 8) {
            fail(c.pos, "set '" + name + "' refers to itself");
            return;
          }
          for (int e : resolve(s, depth + 1)) out.insert(e);
          return;
        }
      }
      fail(c.pos, "unknown set '" + name + "' (define it under [sets])");
      return;
    }
    if (!jurisdiction(c, out)) {
      fail(c.pos, "unknown economy or bloc '" + c.code +
                      "' (expected an ISO 3166-1 alpha-3 code, a bloc id, set:NAME or all)");
    }
  }

  std::vector<int> resolve(const io::SetSpec& s, int depth = 0) {
    std::set<int> chosen;
    for (const auto& c : s.items) add(c, chosen, depth);
    std::vector<int> out;
    if (s.all_except) {
      for (int e = 0; e < static_cast<int>(ds.economies.size()); ++e)
        if (!chosen.count(e)) out.push_back(e);
    } else {
      out.assign(chosen.begin(), chosen.end());
    }
    return out;
  }

  std::vector<int> jurisdictions(const std::vector<io::CodeSpec>& codes) {
    std::set<int> out;
    for (const auto& c : codes) {
      if (!jurisdiction(c, out))
        fail(c.pos, "unknown jurisdiction '" + c.code + "' (expected an ISO3 code or a bloc id)");
    }
    return {out.begin(), out.end()};
  }
};

std::string count_text(const model::Dataset& ds, const std::vector<int>& econs) {
  if (econs.size() <= 6) {
    std::vector<std::string> codes;
    for (int e : econs) codes.push_back(ds.economies[e].iso3);
    return core::join(codes, ",");
  }
  return std::to_string(econs.size()) + " economies";
}

std::string jur_text(const model::Dataset& ds, const std::vector<int>& j) {
  std::vector<std::string> codes;
  for (int e : j) codes.push_back(ds.economies[e].iso3);
  return core::join(codes, ",");
}

}  // namespace

std::vector<int> resolve_set(const model::Dataset& ds, const io::ScenarioSpec& spec,
                             const io::SetSpec& set, int day, std::vector<io::Problem>& problems) {
  Resolver r{ds, spec, day, problems};
  return r.resolve(set);
}

Model compile(const model::Dataset& ds, const io::ScenarioSpec& spec) {
  Model m;
  const int day = ds.as_of.empty() ? core::days_from_civil(2024, 12, 31) : ds.as_of.last_day();
  m.n_econ = static_cast<int>(ds.economies.size());
  m.y0 = core::Date::from_days(day).year;
  m.horizon = spec.horizon;
  m.defaults = spec.defaults;
  std::vector<io::Problem> problems;
  Resolver res{ds, spec, day, problems};
  if (m.horizon <= m.y0) {
    res.fail(spec.horizon_pos, "horizon " + std::to_string(m.horizon) +
                                   " must be after the dataset's as-of year " +
                                   std::to_string(m.y0));
  }
  const int unknown = m.n_econ;
  auto hq = [&](model::Id org) {
    if (org == model::kNone || ds.organisations[org].hq == model::kNone) return unknown;
    return static_cast<int>(ds.organisations[org].hq);
  };
  auto per_chip = [&](const model::Accelerator& a) {
    return a.fp16_tflops ? *a.fp16_tflops / kH100Tflops : 0.0;
  };

  // Capacity cells at the as-of date, and each economy's IT load by the census rules (§15.1).
  m.energy = census::resolve_energy_params(ds);
  m.it_mw0.assign(m.n_econ, 0);
  const double rule_mw = census::rule_it_mw_per_h100e(m.energy);
  std::map<std::tuple<int, int, int, int, bool, bool>, double> cells;
  int zero_chips = 0;
  for (size_t si = 0; si < ds.sites.size(); ++si) {
    const auto& site = ds.sites[si];
    if (!site.active_on(day) || site.economy == model::kNone) continue;
    std::set<model::Id> accels;
    for (auto oi : ds.offerings_by_site[si]) {
      if (ds.offerings[oi].active_on(day)) accels.insert(ds.offerings[oi].accel);
    }
    for (auto ai : accels) {
      const auto& a = ds.accelerators[ai];
      const bool training = a.tier == model::Tier::kTraining;
      const double chips =
          training ? spec.defaults.region_chips_training : spec.defaults.region_chips_inference;
      const double h = chips * per_chip(a);
      if (h <= 0) {
        ++zero_chips;
        continue;
      }
      const int fab = a.fab == model::kNone ? unknown : static_cast<int>(a.fab);
      cells[{static_cast<int>(site.economy), hq(site.op), hq(a.designer), fab, training,
             site.kind == model::SiteKind::kPublic}] += h;
      m.it_mw0[site.economy] += h * rule_mw;
    }
  }
  int skipped_facilities = 0;
  for (const auto& f : ds.facilities) {
    if (!f.operational_on(day) || f.economy == model::kNone) continue;
    const model::Accelerator* a = f.accel == model::kNone ? nullptr : &ds.accelerators[f.accel];
    double h = 0;
    if (f.h100e) {
      h = *f.h100e;
    } else if (a && f.accel_count) {
      h = *f.accel_count * per_chip(*a);
    } else if (f.power_mw && spec.defaults.mw_per_h100e > 0) {
      h = *f.power_mw / spec.defaults.mw_per_h100e;
    }
    if (h <= 0) {
      ++skipped_facilities;
      continue;
    }
    const int dj = a ? hq(a->designer) : unknown;
    const int fab = a && a->fab != model::kNone ? static_cast<int>(a->fab) : unknown;
    const bool training = a ? a->tier == model::Tier::kTraining : true;
    cells[{static_cast<int>(f.economy), hq(f.op), dj, fab, training, false}] += h;
    const census::FacilityLoad load = census::facility_it_mw(ds, f, m.energy);
    m.it_mw0[f.economy] += load.mw > 0 ? load.mw : h * rule_mw;
  }
  if (zero_chips)
    m.warnings.push_back(std::to_string(zero_chips) +
                         " region offerings skipped: accelerator without a 16-bit peak");
  if (skipped_facilities)
    m.warnings.push_back(std::to_string(skipped_facilities) +
                         " operational facilities skipped: no H100e, chip count or power");
  m.k0_econ.assign(m.n_econ, 0);
  for (const auto& [k, h] : cells) {
    Cell c{std::get<0>(k),
           std::get<1>(k),
           std::get<2>(k),
           std::get<3>(k),
           std::get<4>(k),
           std::get<5>(k),
           h,
           0};
    m.k0_econ[c.econ] += h;
    m.cells.push_back(c);
  }
  for (auto& c : m.cells) c.w = c.k0 / m.k0_econ[c.econ];
  m.it_mw_per_h100e.assign(m.n_econ, rule_mw);
  for (int e = 0; e < m.n_econ; ++e)
    if (m.k0_econ[e] > 0 && m.it_mw0[e] > 0) m.it_mw_per_h100e[e] = m.it_mw0[e] / m.k0_econ[e];

  // Supply mix overrides: new supply follows the given designer (and operator) shares.
  std::vector<std::vector<double>> fab_share(m.n_econ + 1, std::vector<double>(m.n_econ + 1, 0));
  for (const auto& c : m.cells) fab_share[c.dj][c.fab] += c.k0;
  for (const auto& mix : spec.mix) {
    const auto econs = res.resolve(mix.economies);
    for (int e : econs) {
      if (m.k0_econ[e] <= 0) continue;
      std::map<int, double> ops;
      if (mix.operators.empty()) {
        for (const auto& c : m.cells)
          if (c.econ == e) ops[c.oj] += c.w;
      } else {
        for (const auto& [code, share] : mix.operators) {
          std::set<int> j;
          if (code.code == "domestic")
            ops[e] += share;
          else if (auto id = ds.find_economy(code.code); id != model::kNone)
            ops[id] += share;
          else
            res.fail(code.pos, "unknown operator jurisdiction '" + code.code + "'");
        }
      }
      m.mixed = true;
      for (auto& c : m.cells)
        if (c.econ == e) c.w = 0;
      for (const auto& [code, dshare] : mix.designers) {
        const auto dj = ds.find_economy(code.code);
        if (dj == model::kNone) {
          res.fail(code.pos, "unknown designer jurisdiction '" + code.code + "'");
          continue;
        }
        double fab_total = 0;
        for (double x : fab_share[dj]) fab_total += x;
        for (const auto& [oj, oshare] : ops) {
          for (int fab = 0; fab <= m.n_econ; ++fab) {
            const double fs = fab_total > 0 ? fab_share[dj][fab] / fab_total : (fab == unknown);
            if (fs <= 0) continue;
            const double w = oshare * dshare * fs;
            // oj by copy: clang < 16 cannot capture a structured binding.
            auto it = std::find_if(m.cells.begin(), m.cells.end(), [&, oj = oj](const Cell& c) {
              return c.econ == e && c.oj == oj && c.dj == dj && c.fab == fab && c.training && c.pub;
            });
            if (it != m.cells.end())
              it->w += w;
            else
              m.cells.push_back(Cell{e, oj, static_cast<int>(dj), fab, true, true, 0, w});
          }
        }
      }
    }
  }
  std::stable_sort(m.cells.begin(), m.cells.end(),
                   [](const Cell& a, const Cell& b) { return a.econ < b.econ; });
  m.econ_begin.assign(m.n_econ + 1, 0);
  for (const auto& c : m.cells) ++m.econ_begin[c.econ + 1];
  for (int e = 0; e < m.n_econ; ++e) m.econ_begin[e + 1] += m.econ_begin[e];
  for (int e = 0; e < m.n_econ; ++e)
    if (m.econ_begin[e + 1] > m.econ_begin[e]) m.active.push_back(e);
  std::set<int> pubj;
  for (const auto& c : m.cells)
    if (c.pub) pubj.insert(c.oj);
  m.pub_jurisdictions.assign(pubj.begin(), pubj.end());

  // Foreign-access weight: share of world GDP (latest year), times defaults.foreign_access.
  m.gamma.assign(m.n_econ, 0);
  double gdp = 0;
  for (const auto& e : ds.economies) gdp += e.gdp_usd.year ? e.gdp_usd.value : 0;
  for (int e = 0; e < m.n_econ; ++e) {
    const auto& g = ds.economies[e].gdp_usd;
    if (gdp > 0 && g.year) m.gamma[e] = spec.defaults.foreign_access * g.value / gdp;
  }

  // Baseline.
  m.growth = spec.growth.dist;
  m.retirement = spec.retirement.dist;
  m.random_baseline = !m.growth.is_fixed() || !m.retirement.is_fixed();
  for (const auto& g : spec.growth_by) {
    m.growth_by.emplace_back(res.resolve(g.economies), g.growth.dist);
    m.random_baseline = m.random_baseline || !g.growth.dist.is_fixed();
  }

  // Shocks.
  std::set<std::string> ids;
  for (const auto& s : spec.shocks) {
    if (!ids.insert(s.id).second) res.fail(s.pos, "duplicate shock id '" + s.id + "'");
    Shock k;
    k.id = s.id;
    k.kind_name = s.kind;
    k.description = s.description;
    k.probability = s.probability.dist;
    k.start = s.start.dist;
    k.has_duration = s.duration.has_value();
    if (s.duration) k.duration = s.duration->dist;
    if (s.kind == "export_control") {
      k.kind = ShockKind::kExport;
      k.jurisdictions = res.jurisdictions(s.jurisdictions);
      std::set<int> designers(k.jurisdictions.begin(), k.jurisdictions.end());
      k.affects.push_back("designers " + jur_text(ds, k.jurisdictions) + ", chips " + s.chips);
      for (const auto& t : s.tiers) {
        ExportTier et;
        et.economies = res.resolve(t.economies);
        et.stop = !t.cap_h100e_per_year.has_value();
        if (t.cap_h100e_per_year) et.cap = t.cap_h100e_per_year->dist;
        et.bar_access = t.bar_access;
        std::vector<char> in(m.n_econ, 0);
        for (int e : et.economies) in[e] = 1;
        for (size_t ci = 0; ci < m.cells.size(); ++ci) {
          const auto& c = m.cells[ci];
          const bool tier_ok = s.chips == "all" || (s.chips == "training") == c.training;
          if (in[c.econ] && designers.count(c.dj) && tier_ok)
            et.cells.push_back(static_cast<int>(ci));
        }
        k.affects.push_back(count_text(ds, et.economies) + ": " +
                            (et.stop ? "supply stops" : "cap " + et.cap.str() + " H100e/yr") +
                            (et.bar_access ? ", barred from their operators" : ""));
        k.tiers.push_back(std::move(et));
      }
    } else if (s.kind == "provider_withdrawal") {
      k.kind = s.mode == "cut_off" ? ShockKind::kCutOff : ShockKind::kWithdraw;
      k.jurisdictions = res.jurisdictions(s.jurisdictions);
      k.economies = res.resolve(s.economies);
      k.param = s.fraction.dist;
      std::set<int> ops(k.jurisdictions.begin(), k.jurisdictions.end());
      std::vector<char> in(m.n_econ, 0);
      for (int e : k.economies) in[e] = 1;
      for (size_t ci = 0; ci < m.cells.size(); ++ci) {
        if (in[m.cells[ci].econ] && ops.count(m.cells[ci].oj))
          k.cells.push_back(static_cast<int>(ci));
      }
      k.affects.push_back("operators " + jur_text(ds, k.jurisdictions) + " " + s.mode + " " +
                          count_text(ds, k.economies) + ", fraction " + k.param.str());
    } else if (s.kind == "foundry_disruption") {
      k.kind = ShockKind::kFoundry;
      k.jurisdictions = res.jurisdictions(s.jurisdictions);
      k.param = s.fraction.dist;
      std::set<int> locs(k.jurisdictions.begin(), k.jurisdictions.end());
      for (size_t ci = 0; ci < m.cells.size(); ++ci)
        if (locs.count(m.cells[ci].fab)) k.cells.push_back(static_cast<int>(ci));
      k.affects.push_back("fabs in " + jur_text(ds, k.jurisdictions) + " lose " + k.param.str() +
                          " of output");
    } else if (s.kind == "energy_cap") {
      k.kind = ShockKind::kEnergy;
      k.economies = res.resolve(s.economies);
      k.level = s.max_mw.has_value() || s.max_twh.has_value() || s.max_share_of_generation;
      k.on_twh = s.max_twh.has_value() || s.max_share_of_generation.has_value();
      k.share_of_generation = s.max_share_of_generation.has_value();
      if (s.max_mw) k.param = s.max_mw->dist;
      if (s.max_growth) k.param = s.max_growth->dist;
      if (s.max_twh) k.param = s.max_twh->dist;
      if (s.max_share_of_generation) k.param = s.max_share_of_generation->dist;
      k.pooled = s.pooled;
      if (k.share_of_generation) {
        // The cap is a share of national generation (the latest year, §15.2): every economy
        // capped (pooled: every member) needs the figure.
        double pooled_gen = 0;
        for (int e : k.economies) {
          const auto& g = ds.economies[e].electricity_twh;
          if (g.year <= 0 || !(g.value > 0)) {
            res.fail(s.economies.pos, "economy " + ds.economies[e].iso3 +
                                          " has no electricity generation figure in the dataset: "
                                          "cap it with max_twh instead");
            continue;
          }
          if (k.pooled)
            pooled_gen += g.value;
          else
            k.generation_twh.push_back(g.value);
        }
        if (k.pooled) k.generation_twh.push_back(pooled_gen);
      }
      k.affects.push_back(count_text(ds, k.economies) + (k.pooled ? " (pooled)" : "") + ": " +
                          (k.share_of_generation
                               ? "electricity ≤ " + k.param.str() + " of national generation"
                           : k.on_twh ? "electricity ≤ " + k.param.str() + " TWh/yr"
                           : k.level  ? "power ≤ " + k.param.str() + " MW"
                                      : "power growth ≤ " + k.param.str() + "/yr"));
    } else if (s.kind == "growth") {
      k.kind = ShockKind::kGrowth;
      k.economies = res.resolve(s.economies);
      k.param = s.growth.dist;
      k.affects.push_back(count_text(ds, k.economies) + ": growth " + k.param.str() + "/yr");
    }
    m.shocks.push_back(std::move(k));
  }
  for (const auto& r : spec.references) {
    m.references.push_back(r);
    m.reference_members.push_back(res.resolve(r.economies));
  }
  if (!problems.empty()) {
    std::vector<std::string> lines;
    for (const auto& p : problems) lines.push_back(p.str());
    throw core::Failure(ErrorCode::kInvalidInput, "invalid scenario " + spec.file, lines);
  }
  return m;
}

namespace {
// A drawn start year: `uniform` with whole-year bounds picks each year from low to high with
// equal probability; any other distribution is rounded to the nearest year.
int draw_year(const core::Distribution& d, double u) {
  if (d.kind == core::Distribution::Kind::kUniform && d.a == std::floor(d.a) &&
      d.b == std::floor(d.b)) {
    const double span = d.b - d.a + 1;
    return static_cast<int>(d.a + std::min(span - 1, std::floor(u * span)));
  }
  return static_cast<int>(std::lround(d.quantile(u)));
}
}  // namespace

void draw_dynamics(const Model& m, DrawParams& p, int only_econ) {
  const double g = m.growth.quantile(p.u_growth);
  p.retirement = m.retirement.quantile(p.u_retirement);
  p.growth.assign(m.n_econ, g);
  for (size_t gi = 0; gi < m.growth_by.size(); ++gi) {
    const auto& [econs, dist] = m.growth_by[gi];
    if (only_econ >= 0 && std::find(econs.begin(), econs.end(), only_econ) == econs.end()) continue;
    const double x = dist.quantile(p.u_groups[gi]);
    for (int e : econs) p.growth[e] = x;
  }
}

void draw_params(const Model& m, core::Stream& s, DrawParams& p, int only_econ, bool dynamics) {
  p.u_growth = s.uniform();
  p.u_retirement = s.uniform();
  p.u_groups.resize(m.growth_by.size());
  for (double& u : p.u_groups) u = s.uniform();
  if (dynamics) draw_dynamics(m, p, only_econ);
  p.shocks.resize(m.shocks.size());
  p.any_on = false;
  for (size_t i = 0; i < m.shocks.size(); ++i) {
    const auto& k = m.shocks[i];
    auto& d = p.shocks[i];
    const double prob = k.probability.quantile(s.uniform());
    d.on = s.uniform() < prob;
    d.caps.resize(k.tiers.size());
    if (!d.on) {
      // Consume the shock's uniforms in the same order; its values are never read.
      for (size_t t = 0; t < 3 + k.tiers.size(); ++t) s.uniform();
      d.start = 0;
      d.end = 1e9;
      d.param = 0;
      std::fill(d.caps.begin(), d.caps.end(), 0.0);
      continue;
    }
    d.start = draw_year(k.start, s.uniform());
    const double dur = k.duration.quantile(s.uniform());
    d.end = k.has_duration ? d.start + dur : 1e9;
    d.param = k.param.quantile(s.uniform());
    for (size_t t = 0; t < k.tiers.size(); ++t) d.caps[t] = k.tiers[t].cap.quantile(s.uniform());
    p.any_on = true;
  }
}

namespace {
// An energy cap on electricity (§12.3, §15.5): the group's TWh in year index i is
// Σ K(c) × it_mw_per_h100e(e) × (1 − η)^(i+1) × 8,760 × u × PUE ÷ 10⁶ at the mid assumptions.
// New supply is scaled so that the retained stock plus the new supply draws at most the cap
// (nothing built is switched off).
void energy_cap_twh(const Model& m, const Shock& sk, double param, int i, double dr, Scratch& s) {
  const double per_mw = census::twh_per_year(std::pow(1 - m.defaults.efficiency_gain, i + 1),
                                             m.energy.utilisation, m.energy.pue);
  const size_t groups = sk.pooled ? (sk.economies.empty() ? 0 : 1) : sk.economies.size();
  for (size_t gi = 0; gi < groups; ++gi) {
    const size_t first = sk.pooled ? 0 : gi, last = sk.pooled ? sk.economies.size() : gi + 1;
    double old = 0, add = 0;  // TWh of the stock and of the new supply
    for (size_t x = first; x < last; ++x) {
      const int e = sk.economies[x];
      double ko = 0, kd = 0;
      for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c) {
        ko += s.k[c];
        kd += s.d[c];
      }
      old += ko * m.it_mw_per_h100e[e] * per_mw;
      add += kd * m.it_mw_per_h100e[e] * per_mw;
    }
    const double cap = sk.share_of_generation ? param * sk.generation_twh[gi] : param;
    const double head = std::max(0.0, cap - old * (1 - dr));
    if (add <= head) continue;
    const double f = add > 0 ? head / add : 0;
    for (size_t x = first; x < last; ++x) {
      const int e = sk.economies[x];
      for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c) s.d[c] *= f;
    }
  }
}
}  // namespace

void simulate(const Model& m, const DrawParams& p, bool shocks, Scratch& s, double* out) {
  const size_t nc = m.cells.size();
  const int ne = m.n_econ;
  const double dr = p.retirement;
  s.k.resize(nc);
  s.d.resize(nc);
  s.avail.resize(nc);
  s.u.assign(m.k0_econ.begin(), m.k0_econ.end());
  s.g.resize(ne);
  s.pj.resize(ne + 1);
  s.sums.resize(ne);
  s.energy_base.assign(m.shocks.size() * static_cast<size_t>(ne), -1);
  for (size_t c = 0; c < nc; ++c) s.k[c] = m.cells[c].k0;
  const int ny = m.horizon - m.y0;
  for (int i = 0; i < ny; ++i) {
    const int t = m.y0 + 1 + i;
    // 1. Growth of the demand path.
    std::copy(p.growth.begin(), p.growth.end(), s.g.begin());
    if (shocks) {
      for (size_t k = 0; k < m.shocks.size(); ++k) {
        const auto& d = p.shocks[k];
        if (m.shocks[k].kind != ShockKind::kGrowth || !d.on || t < d.start || t >= d.end) continue;
        for (int e : m.shocks[k].economies) s.g[e] = d.param;
      }
    }
    for (int e : m.active) s.g[e] = std::max(s.g[e], -dr);
    // 2. Demanded new supply per cell.
    for (int e : m.active) {
      const double base = s.u[e] * (s.g[e] + dr);
      for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c) s.d[c] = base * m.cells[c].w;
    }
    // 3. Supply shocks, in order: foundry output, export controls, energy caps.
    if (shocks) {
      for (size_t k = 0; k < m.shocks.size(); ++k) {
        const auto& sk = m.shocks[k];
        const auto& d = p.shocks[k];
        if (sk.kind != ShockKind::kFoundry || !d.on || t < d.start) continue;
        const double overlap = std::clamp(d.end - t, 0.0, 1.0);
        const double keep = 1 - d.param * overlap;
        for (int c : sk.cells) s.d[c] *= keep;
      }
      for (size_t k = 0; k < m.shocks.size(); ++k) {
        const auto& sk = m.shocks[k];
        const auto& d = p.shocks[k];
        if (sk.kind != ShockKind::kExport || !d.on || t < d.start || t >= d.end) continue;
        for (size_t ti = 0; ti < sk.tiers.size(); ++ti) {
          const auto& tier = sk.tiers[ti];
          if (tier.stop) {
            for (int c : tier.cells) s.d[c] = 0;
            continue;
          }
          // Cap per economy: its cells are one run of the ascending list.
          for (size_t a = 0; a < tier.cells.size();) {
            const int e = m.cells[tier.cells[a]].econ;
            size_t b = a;
            double total = 0;
            for (; b < tier.cells.size() && m.cells[tier.cells[b]].econ == e; ++b)
              total += s.d[tier.cells[b]];
            if (total > d.caps[ti]) {
              const double f = d.caps[ti] / total;
              for (size_t x = a; x < b; ++x) s.d[tier.cells[x]] *= f;
            }
            a = b;
          }
        }
      }
      double mw_now = 0, mw_prev = 0;  // computed when an energy cap is in force (std::pow)
      bool mw_known = false;
      for (size_t k = 0; k < m.shocks.size(); ++k) {
        const auto& sk = m.shocks[k];
        const auto& d = p.shocks[k];
        if (sk.kind != ShockKind::kEnergy || !d.on || t < d.start || t >= d.end) continue;
        if (sk.on_twh) {
          energy_cap_twh(m, sk, d.param, i, dr, s);
          continue;
        }
        if (!mw_known) {
          mw_now = m.defaults.mw_per_h100e * std::pow(1 - m.defaults.efficiency_gain, i + 1);
          mw_prev = mw_now / (1 - m.defaults.efficiency_gain);
          mw_known = true;
        }
        double* base = &s.energy_base[k * ne];
        // Groups: each economy alone, or the whole set pooled (stored under its first member).
        const size_t groups = sk.pooled ? (sk.economies.empty() ? 0 : 1) : sk.economies.size();
        for (size_t gi = 0; gi < groups; ++gi) {
          auto members = [&](auto fn) {
            if (sk.pooled)
              for (int e : sk.economies) fn(e);
            else
              fn(sk.economies[gi]);
          };
          const int key = sk.pooled ? sk.economies.front() : sk.economies[gi];
          double old = 0, add = 0;
          members([&](int e) {
            for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c) {
              old += s.k[c];
              add += s.d[c];
            }
          });
          if (base[key] < 0) base[key] = old * mw_prev;  // power in the year before the cap
          const double allowed_mw =
              sk.level ? d.param
                       : base[key] * std::pow(1 + d.param, t - std::max(d.start, m.y0 + 1) + 1);
          const double allowed = mw_now > 0 ? allowed_mw / mw_now : 1e300;
          const double head = std::max(0.0, allowed - old * (1 - dr));
          if (add > head) {
            const double f = add > 0 ? head / add : 0;
            members([&](int e) {
              for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c) s.d[c] *= f;
            });
          }
        }
      }
    }
    // 4. Stock update.
    for (size_t c = 0; c < nc; ++c) s.k[c] = s.k[c] * (1 - dr) + s.d[c];
    for (int e : m.active) s.u[e] *= 1 + s.g[e];
    // 5. Withdrawals and access cuts in force this year.
    std::fill(s.avail.begin(), s.avail.end(), 1.0);
    s.cuts.clear();
    if (shocks) {
      for (size_t k = 0; k < m.shocks.size(); ++k) {
        const auto& sk = m.shocks[k];
        const auto& d = p.shocks[k];
        if (!d.on || t < d.start || t >= d.end) continue;
        if (sk.kind == ShockKind::kWithdraw) {
          for (int c : sk.cells) s.avail[c] *= 1 - d.param;
        } else if (sk.kind == ShockKind::kCutOff) {
          for (int e : sk.economies)
            for (int j : sk.jurisdictions) s.cuts.push_back({e, j, d.param});
        } else if (sk.kind == ShockKind::kExport) {
          for (const auto& tier : sk.tiers) {
            if (!tier.bar_access) continue;
            for (int e : tier.economies)
              for (int j : sk.jurisdictions) s.cuts.push_back({e, j, 1.0});
          }
        }
      }
      // Combine repeated (economy, jurisdiction) cuts as independent: 1 − Π(1 − f).
      std::sort(s.cuts.begin(), s.cuts.end(), [](const Scratch::Cut& a, const Scratch::Cut& b) {
        return a.econ != b.econ ? a.econ < b.econ : a.jur < b.jur;
      });
      size_t w = 0;
      for (size_t r = 0; r < s.cuts.size(); ++r) {
        if (w > 0 && s.cuts[w - 1].econ == s.cuts[r].econ && s.cuts[w - 1].jur == s.cuts[r].jur)
          s.cuts[w - 1].f = 1 - (1 - s.cuts[w - 1].f) * (1 - s.cuts[r].f);
        else
          s.cuts[w++] = s.cuts[r];
      }
      s.cuts.resize(w);
    }
    // 6. Outputs.
    std::fill(s.pj.begin(), s.pj.end(), 0.0);
    double ptot = 0;
    double* o = out + static_cast<size_t>(i) * ne * 3;
    std::fill(s.sums.begin(), s.sums.end(), 0.0);
    std::fill(o, o + static_cast<size_t>(ne) * 3, 0.0);
    // Public capacity per operator jurisdiction (pj) is needed only by access cuts; without
    // any, its scattered additions (a chain through memory) are skipped.
    const bool per_jurisdiction = !s.cuts.empty();
    for (int e : m.active) {
      double terr = 0, sov = 0, pub = 0;
      for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c) {
        const double x = s.k[c] * s.avail[c];
        terr += x;
        if (m.cells[c].oj == e) sov += x;
        if (m.cells[c].pub) {
          pub += x;
          if (per_jurisdiction) s.pj[m.cells[c].oj] += x;
        }
      }
      o[e * 3 + 0] = terr;
      o[e * 3 + 1] = sov;
      s.sums[e] = pub;
      ptot += pub;
    }
    if (!per_jurisdiction) {  // the same values as below, in one pass
      for (int e = 0; e < ne; ++e)
        o[e * 3 + 2] = std::max(0.0, o[e * 3 + 0] + m.gamma[e] * (ptot - s.sums[e]));
      continue;
    }
    for (int e = 0; e < ne; ++e) o[e * 3 + 2] = o[e * 3 + 0] + m.gamma[e] * (ptot - s.sums[e]);
    for (const auto& cut : s.cuts) {
      const int e = cut.econ;
      double home = 0, home_pub = 0;
      for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c) {
        if (m.cells[c].oj != cut.jur) continue;
        const double x = s.k[c] * s.avail[c];
        home += x;
        if (m.cells[c].pub) home_pub += x;
      }
      o[e * 3 + 2] -= cut.f * (home + m.gamma[e] * (s.pj[cut.jur] - home_pub));
    }
    for (int e = 0; e < ne; ++e) o[e * 3 + 2] = std::max(0.0, o[e * 3 + 2]);
  }
}

}  // namespace aisov::scenario
