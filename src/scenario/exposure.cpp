#include "scenario/exposure.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/random.hpp"

namespace aisov::scenario {

namespace {
bool contains(const std::vector<int>& sorted, int x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}
}  // namespace

Exposure exposure(const model::Dataset& ds, const Model& m, const io::ScenarioSpec& spec,
                  const ExposureRequest& req) {
  Exposure x;
  x.years = m.horizon - m.y0;
  x.draws = req.draws;
  const int ny = x.years;
  const int e = req.econ;
  const size_t nd = req.designers.size(), no = req.operators.size();
  x.designers = nd;
  x.operators = no;

  // Share of each designer jurisdiction's training chips made in each fab location: from the
  // modelled installed base, or, for designers with none installed, from their accelerators.
  std::vector<std::vector<double>> fab(nd, std::vector<double>(m.n_econ + 1, 0));
  for (size_t k = 0; k < nd; ++k) {
    double tot = 0;
    for (const auto& c : m.cells)
      if (c.dj == req.designers[k]) fab[k][c.fab] += c.k0, tot += c.k0;
    if (tot <= 0) {
      for (const auto& a : ds.accelerators) {
        if (a.designer == model::kNone || ds.organisations[a.designer].hq != req.designers[k])
          continue;
        fab[k][a.fab == model::kNone ? m.n_econ : a.fab] += 1;
        tot += 1;
      }
    }
    if (tot > 0)
      for (double& f : fab[k]) f /= tot;
  }
  // The economy's no-shock new supply per designer per year, per unit of u (growth applied per
  // draw): Σ w over its cells with that designer.
  std::vector<double> wsum(nd, 0);
  for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1]; ++c)
    for (size_t k = 0; k < nd; ++k)
      if (m.cells[c].dj == req.designers[k]) wsum[k] += m.cells[c].w;

  // Per shock, resolved once: which export-control tiers include the economy, whether it hits
  // training chips, whether it names the economy, which designers and operators fall under its
  // jurisdictions, the share of each designer's chips made in its disrupted fab locations, and
  // whether it acts on each contract class (below).
  struct Hits {
    std::vector<char> in_tier, designer, op;
    std::vector<double> fab_hit;     // per designer
    std::vector<char> contract_cls;  // per contract class
    bool training = true, econ = false;
    bool caps = false;  // an export cap on a designer's training chips for the economy
  };
  std::vector<Hits> hits(m.shocks.size());
  // Per contract, per shock: does the shock act on it? A withdrawal needs the contract's operator
  // and location to fall under the shock; an export control's access bar and a cut-off need its
  // operator only.
  std::vector<std::vector<char>> acts(req.contracts.size());
  for (size_t s = 0; s < m.shocks.size(); ++s) {
    const auto& k = m.shocks[s];
    Hits& h = hits[s];
    const std::set<int> jur(k.jurisdictions.begin(), k.jurisdictions.end());
    for (const auto& t : k.tiers) h.in_tier.push_back(contains(t.economies, e));
    if (s < spec.shocks.size()) h.training = spec.shocks[s].chips != "inference";
    h.econ = contains(k.economies, e);
    for (int j : req.designers) h.designer.push_back(jur.count(j) > 0);
    for (int j : req.operators) h.op.push_back(jur.count(j) > 0);
    const bool designer_hit =
        std::find(h.designer.begin(), h.designer.end(), 1) != h.designer.end();
    for (size_t ti = 0; ti < k.tiers.size(); ++ti)
      h.caps |= k.kind == ShockKind::kExport && h.training && designer_hit && h.in_tier[ti] &&
                !k.tiers[ti].stop;
    for (size_t q = 0; q < nd; ++q) {
      double hit = 0;
      for (int l : k.jurisdictions) hit += fab[q][l];
      h.fab_hit.push_back(hit);
    }
    for (size_t q = 0; q < req.contracts.size(); ++q) {
      const auto [j, l] = req.contracts[q];
      acts[q].push_back(jur.count(j) > 0 &&
                        (k.kind != ShockKind::kWithdraw || contains(k.economies, l)));
    }
  }
  // Contract classes: contracts that every shock treats alike share their factors (the products
  // below are then the same operations on the same numbers: bit-identical).
  {
    std::map<std::vector<char>, int> class_of;
    for (const auto& key : acts) {
      const auto [it, added] = class_of.emplace(key, static_cast<int>(class_of.size()));
      x.contract_class.push_back(it->second);
      if (added)
        for (size_t si = 0; si < hits.size(); ++si) hits[si].contract_cls.push_back(key[si]);
    }
    x.contract_classes = static_cast<int>(class_of.size());
  }
  const size_t nk = static_cast<size_t>(x.contract_classes);
  x.supply.assign(static_cast<size_t>(req.draws) * ny * nd, 1.0);
  x.hosted.assign(static_cast<size_t>(req.draws) * ny * no, 1.0);
  x.contracted.assign(static_cast<size_t>(req.draws) * ny * nk, 1.0);

  const int threads = req.threads > 0 ? req.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<int64_t>(0, req.draws, 64), [&](const auto& r) {
      DrawParams p;
      for (int64_t d = r.begin(); d < r.end(); ++d) {
        core::Stream s(req.seed, static_cast<uint64_t>(d));
        draw_params(m, s, p, e, false);
        if (!p.any_on) continue;
        // The growth and retirement only size the demand an export cap meets: their quantiles
        // are computed in the draws where such a cap occurs.
        bool caps = false;
        for (size_t si = 0; si < m.shocks.size(); ++si) caps |= p.shocks[si].on && hits[si].caps;
        if (caps) draw_dynamics(m, p, e);
        double u = m.k0_econ[e], base_new = 0;
        for (int i = 0; i < ny; ++i) {
          const int t = m.y0 + 1 + i;
          if (caps) {
            const double g = std::max(p.growth[e], -p.retirement);
            base_new = u * (g + p.retirement);
            u *= 1 + g;
          }
          double* sup = x.supply.data() + (static_cast<size_t>(d) * ny + i) * nd;
          double* hos = x.hosted.data() + (static_cast<size_t>(d) * ny + i) * no;
          double* con = x.contracted.data() + (static_cast<size_t>(d) * ny + i) * nk;
          for (size_t si = 0; si < m.shocks.size(); ++si) {
            const auto& k = m.shocks[si];
            const auto& pd = p.shocks[si];
            if (!pd.on || t < pd.start) continue;
            const bool active = t < pd.end;
            const Hits& h = hits[si];
            switch (k.kind) {
              case ShockKind::kFoundry: {
                const double overlap = std::clamp(pd.end - t, 0.0, 1.0);
                for (size_t q = 0; q < nd; ++q) sup[q] *= 1 - pd.param * overlap * h.fab_hit[q];
                break;
              }
              case ShockKind::kExport: {
                if (!active) break;
                for (size_t ti = 0; ti < k.tiers.size(); ++ti) {
                  if (!h.in_tier[ti]) continue;
                  const auto& tier = k.tiers[ti];
                  for (size_t q = 0; q < nd; ++q) {
                    if (!h.designer[q] || !h.training) continue;
                    if (tier.stop) {
                      sup[q] = 0;
                    } else {
                      const double demand = base_new * wsum[q] + req.project_h100e;
                      if (demand > pd.caps[ti]) sup[q] *= pd.caps[ti] / demand;
                    }
                  }
                  if (tier.bar_access) {
                    for (size_t q = 0; q < no; ++q)
                      if (h.op[q]) hos[q] = 0;
                    for (size_t q = 0; q < nk; ++q)
                      if (h.contract_cls[q]) con[q] = 0;
                  }
                }
                break;
              }
              case ShockKind::kWithdraw: {
                if (!active) break;
                for (size_t q = 0; q < no; ++q)
                  if (h.op[q] && h.econ) hos[q] *= 1 - pd.param;
                for (size_t q = 0; q < nk; ++q)
                  if (h.contract_cls[q]) con[q] *= 1 - pd.param;
                break;
              }
              case ShockKind::kCutOff: {
                if (!active || !h.econ) break;
                for (size_t q = 0; q < no; ++q)
                  if (h.op[q]) hos[q] *= 1 - pd.param;
                for (size_t q = 0; q < nk; ++q)
                  if (h.contract_cls[q]) con[q] *= 1 - pd.param;
                break;
              }
              case ShockKind::kEnergy:
              case ShockKind::kGrowth:
                break;
            }
          }
          for (size_t q = 0; q < nd; ++q) sup[q] = std::clamp(sup[q], 0.0, 1.0);
        }
      }
    });
  });
  return x;
}

}  // namespace aisov::scenario
