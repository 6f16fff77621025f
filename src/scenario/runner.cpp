#include "scenario/runner.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <memory>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "core/failure.hpp"
#include "core/stats.hpp"

namespace aisov::scenario {

namespace {
const char* const kMeasures[] = {"territorial", "sovereign", "accessible"};

struct Work {
  Scratch scratch;
  DrawParams params;
  std::vector<double> ref, shocked;
};

void stat(const std::vector<float>& v, ScenarioStat& out, core::StatScratch& scratch) {
  const core::Summary s = core::summarise(v, scratch);
  out = {s.mean, s.se, s.p5, s.p50, s.p95, s.es5};
}

// The per-draw rows: a large buffer written once, row by row. Its pages are asked for as
// transparent huge pages (2 MiB), so that filling 100 MB takes about 50 page faults instead of
// about 25,000 of 4 KiB (each costs microseconds, more in a virtual machine). Pages never
// written are never backed, as before; the contents are the same either way.
struct FreeDeleter {
  void operator()(float* p) const { std::free(p); }
};
using RowBuffer = std::unique_ptr<float[], FreeDeleter>;

RowBuffer row_buffer(size_t floats) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t bytes =
      std::max<size_t>(kHuge, (floats * sizeof(float) + kHuge - 1) / kHuge * kHuge);
  void* p = std::aligned_alloc(kHuge, bytes);
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  ::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: without it, 4 KiB pages as before
#endif
  return RowBuffer(static_cast<float*>(p));
}
}  // namespace

ReportSpec default_report(const model::Dataset& ds, const Model& m) {
  ReportSpec r;
  DrawParams p;
  core::Stream s(0, 0);
  draw_params(m, s, p);
  Scratch scratch;
  const int ny = m.horizon - m.y0;
  std::vector<double> out(static_cast<size_t>(ny) * m.n_econ * 3);
  simulate(m, p, false, scratch, out.data());
  for (int e = 0; e < m.n_econ; ++e) {
    bool any = m.k0_econ[e] > 0;
    for (int i = 0; i < ny && !any; ++i)
      any = out[(static_cast<size_t>(i) * m.n_econ + e) * 3 + 2] > 0;
    if (!any) continue;
    r.codes.push_back(ds.economies[e].iso3);
    r.names.push_back(ds.economies[e].name);
    r.members.push_back({e});
  }
  for (int y = m.y0 + 1; y <= m.horizon; ++y) r.years.push_back(y);
  return r;
}

ScenarioResult run(const Model& m, const ReportSpec& report, const ScenarioRequest& req,
                   const std::vector<double>& thresholds) {
  const int ny = m.horizon - m.y0;
  const int ne = m.n_econ;
  const size_t nu = report.codes.size();
  const size_t nyr = report.years.size();
  const size_t nall = nu * nyr * 3;  // series: (unit, year, measure)
  // Territorial and sovereign series of units without any (domestic) capacity are zero in every
  // draw by construction: they are not stored. slot[i] = stored index, or npos.
  constexpr size_t npos = static_cast<size_t>(-1);
  std::vector<size_t> slot(nall, npos), series;
  // The accessible compute of an economy with no capacity of its own that no shock can cut off
  // is γ(e) × (world public capacity) in every draw: one such series per year is stored and the
  // others are exact rescalings of it (alias, factor).
  std::vector<char> cuttable(ne, 0);
  for (const auto& k : m.shocks) {
    if (k.kind == ShockKind::kCutOff)
      for (int e : k.economies) cuttable[e] = 1;
    for (const auto& t : k.tiers)
      if (t.bar_access)
        for (int e : t.economies) cuttable[e] = 1;
  }
  std::vector<size_t> alias(nall, npos), canon(nyr, npos);
  std::vector<double> factor(nall, 1.0);
  for (size_t i = 0; i < nall; ++i) {
    const size_t u = i / (nyr * 3), yi = (i / 3) % nyr, k = i % 3;
    if (k != 2 || report.members[u].size() != 1) continue;
    const int e = report.members[u][0];
    if (m.econ_begin[e] != m.econ_begin[e + 1] || cuttable[e] || m.gamma[e] <= 0) continue;
    if (canon[yi] == npos) {
      canon[yi] = i;
    } else {
      alias[i] = canon[yi];
      factor[i] = m.gamma[e] / m.gamma[report.members[canon[yi] / (nyr * 3)][0]];
    }
  }
  for (size_t i = 0; i < nall; ++i) {
    const size_t u = i / (nyr * 3), k = i % 3;
    if (alias[i] != npos) continue;
    bool possible = k == 2;
    for (int e : report.members[u]) {
      for (int c = m.econ_begin[e]; c < m.econ_begin[e + 1] && !possible; ++c)
        possible = k == 0 || m.cells[c].oj == e;
    }
    if (possible) {
      slot[i] = series.size();
      series.push_back(i);
    }
  }
  const size_t ns = series.size();
  const int64_t max_draws = req.draws;
  if (max_draws < 1) throw core::Failure(ErrorCode::kInvalidArgument, "--draws must be ≥ 1");
  // Without growth_by or mix, the no-shock path is K₀ × (1 + g)^(t − y₀) in every cell (d
  // cancels), so every baseline output is linear in that factor: every draw takes its no-shock
  // baseline from one growth-free simulation instead of simulating it (shocks change only the
  // shocked path).
  const bool analytic_ref = m.random_baseline && !m.mixed && m.growth_by.empty() && ny <= 200;
  // Memory kept per draw (at most): a row of floats (and one of baselines when they are
  // simulated), the powers of the closed form, the row index. At most 1.6 GB in all.
  const int copies = m.random_baseline && !analytic_ref ? 2 : 1;
  const double per_draw = 4.0 * static_cast<double>(ns) * copies +
                          (analytic_ref ? 8.0 * (ny + 1) : 0.0) + sizeof(int64_t);
  if (per_draw * static_cast<double>(max_draws) > 1.6e9) {
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "too many outputs to keep: " + std::to_string(ns) + " series × " +
                            std::to_string(max_draws) +
                            " draws; report fewer economies or years, or use fewer draws");
  }
  // Draw-major storage: each draw in which a shock is on writes one contiguous row of ns floats
  // (rows handed out in completion order; row_of maps a draw to its row, or −1 when no shock
  // was on: its outputs are the baseline's). Pages of rows never written are never touched.
  const auto cells = ns * static_cast<size_t>(max_draws);
  RowBuffer vals = row_buffer(cells);
  std::vector<int64_t> row_of(static_cast<size_t>(max_draws), -1);
  std::atomic<int64_t> rows_used{0};
  std::vector<double> ref_fixed(ns, 0);

  // Where each stored series reads a draw's per-economy output; blocs sum their members.
  std::vector<size_t> src(ns, 0);
  std::vector<std::vector<size_t>> src_bloc(ns);
  std::vector<char> single(ns, 0);
  for (size_t j = 0; j < ns; ++j) {
    const size_t i = series[j];
    const size_t u = i / (nyr * 3), yi = (i / 3) % nyr, k = i % 3;
    const size_t base = static_cast<size_t>(report.years[yi] - m.y0 - 1) * ne * 3;
    single[j] = report.members[u].size() == 1;
    for (int e : report.members[u]) src_bloc[j].push_back(base + static_cast<size_t>(e) * 3 + k);
    if (single[j]) src[j] = src_bloc[j][0];
  }
  auto gather = [&](const std::vector<double>& out, float* row) {
    for (size_t i = 0; i < ns; ++i) {
      if (single[i]) {
        row[i] = static_cast<float>(out[src[i]]);
      } else {
        double x = 0;
        for (size_t j : src_bloc[i]) x += out[j];
        row[i] = static_cast<float>(x);
      }
    }
  };
  const size_t out_size = static_cast<size_t>(ny) * ne * 3;
  std::vector<float> ref_row(ns);
  if (!m.random_baseline) {
    Work w;
    core::Stream s(req.seed, 0);
    draw_params(m, s, w.params);
    w.ref.resize(out_size);
    simulate(m, w.params, false, w.scratch, w.ref.data());
    gather(w.ref, ref_row.data());
    for (size_t i = 0; i < ns; ++i) {
      double x = 0;
      for (size_t j : src_bloc[i]) x += w.ref[j];
      ref_fixed[i] = x;
    }
  }

  // Otherwise a random baseline is simulated and kept per draw.
  RowBuffer refs = m.random_baseline && !analytic_ref ? row_buffer(cells) : RowBuffer();
  // With the closed form, a draw's baseline is unit_ref × f^k: keep f^0 … f^ny per draw, year
  // by year (powers[k × draws + d]), so that a series' baselines read one contiguous run.
  const size_t npow = static_cast<size_t>(ny) + 1;
  std::vector<double> powers(analytic_ref ? npow * static_cast<size_t>(max_draws) : 0);
  std::vector<double> unit_ref(ns, 0);
  std::vector<int> years_in(ns, 0);
  if (analytic_ref) {
    Work w;
    core::Stream s(req.seed, 0);
    draw_params(m, s, w.params);
    std::fill(w.params.growth.begin(), w.params.growth.end(), 0.0);
    w.ref.resize(out_size);
    simulate(m, w.params, false, w.scratch, w.ref.data());
    for (size_t j = 0; j < ns; ++j) {
      for (size_t x : src_bloc[j]) unit_ref[j] += w.ref[x];
      years_in[j] = report.years[(series[j] / 3) % nyr] - m.y0;
    }
  }

  // Series i's baseline in draw d, exactly as the draw loop would have stored it.
  auto baseline_of = [&](size_t d, size_t i) -> float {
    if (analytic_ref) {
      return static_cast<float>(
          unit_ref[i] *
          powers[static_cast<size_t>(years_in[i]) * static_cast<size_t>(max_draws) + d]);
    }
    if (m.random_baseline) return refs[d * ns + i];
    return ref_row[i];
  };
  const int threads = req.threads > 0 ? req.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  tbb::enumerable_thread_specific<Work> work;
  int64_t done = 0;
  bool early = false;
  std::vector<double> sum(ns, 0), sum2(ns, 0);  // for early stopping, in draw order
  while (done < max_draws) {
    const int64_t end = std::min(max_draws, done + kBatchDraws);
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<int64_t>(done, end, 16), [&](const tbb::blocked_range<int64_t>& r) {
            Work& w = work.local();
            w.ref.resize(out_size);
            w.shocked.resize(out_size);
            for (int64_t d = r.begin(); d < r.end(); ++d) {
              core::Stream s(req.seed, static_cast<uint64_t>(d));
              draw_params(m, s, w.params);
              if (analytic_ref) {  // the same closed form holds in draws with shocks
                const double f = 1 + std::max(w.params.growth[0], -w.params.retirement);
                const auto stride = static_cast<size_t>(max_draws);
                double* pw = powers.data() + static_cast<size_t>(d);
                double x = 1;
                pw[0] = x;
                for (size_t k = 1; k < npow; ++k) pw[k * stride] = x = x * f;
              } else if (m.random_baseline) {
                simulate(m, w.params, false, w.scratch, w.ref.data());
                gather(w.ref, refs.get() + static_cast<size_t>(d) * ns);
              }
              if (w.params.any_on) {
                const int64_t at = rows_used.fetch_add(1, std::memory_order_relaxed);
                simulate(m, w.params, true, w.scratch, w.shocked.data());
                gather(w.shocked, vals.get() + static_cast<size_t>(at) * ns);
                row_of[static_cast<size_t>(d)] = at;
              }
            }
          });
    });
    if (req.cancel && req.cancel->load()) {
      throw core::Failure(ErrorCode::kCancelled,
                          "scenario run cancelled after " + std::to_string(end) + " draws");
    }
    if (req.target_rse > 0 && end < max_draws) {
      for (int64_t d = done; d < end; ++d) {
        const int64_t r = row_of[static_cast<size_t>(d)];
        for (size_t i = 0; i < ns; ++i) {
          const double x = r >= 0 ? vals[static_cast<size_t>(r) * ns + i]
                                  : baseline_of(static_cast<size_t>(d), i);
          sum[i] += x;
          sum2[i] += x * x;
        }
      }
    }
    done = end;
    if (req.progress) req.progress(done, max_draws);
    if (req.target_rse > 0 && done < max_draws) {
      double worst = 0;
      const auto n = static_cast<double>(done);
      for (size_t i = 0; i < ns; ++i) {
        const double mean = sum[i] / n;
        if (mean <= 0) continue;
        const double var = std::max(0.0, (sum2[i] - n * mean * mean) / (n - 1));
        worst = std::max(worst, std::sqrt(var / n) / mean);
      }
      if (worst <= req.target_rse) {
        early = true;
        break;
      }
    }
  }

  ScenarioResult res;
  res.meta.draws = done;
  res.meta.draws_requested = max_draws;
  res.meta.stopped_early = early;
  res.meta.seed = req.seed;
  res.meta.random_scheme = core::kRandomSchemeVersion;
  res.meta.start_year = m.y0;
  res.meta.horizon = m.horizon;
  res.meta.scenario_hash = m.hash;
  res.thresholds = thresholds;
  res.rows.resize(nall);
  for (size_t i = 0; i < nall; ++i) {
    const size_t u = i / (nyr * 3), yi = (i / 3) % nyr, k = i % 3;
    ScenarioRow& row = res.rows[i];
    row.code = report.codes[u];
    row.name = report.names[u];
    row.year = report.years[yi];
    row.measure = kMeasures[k];
    if (slot[i] == npos) {
      row.share = {1, 0, 1, 1, 1, 1};
      row.p_loss.assign(thresholds.size(), 0.0);
    }
  }
  // Statistics per series, in blocks of series so that reading the draw-major rows stays
  // cache-friendly. Each series is summarised from its values in draw order: deterministic.
  constexpr size_t kBlock = 16;
  struct StatBuffers {
    std::vector<std::vector<float>> first, second;  // values and baselines of a block
    std::vector<double> share;
    core::StatScratch scratch;  // selection buffers
  };
  tbb::enumerable_thread_specific<StatBuffers> stat_buffers;
  const auto nd = static_cast<size_t>(done);
  std::vector<size_t> shocked_draws;  // in draw order
  for (size_t d = 0; d < nd; ++d)
    if (row_of[d] >= 0) shocked_draws.push_back(d);
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, (ns + kBlock - 1) / kBlock, [&](size_t b) {
      const size_t first = b * kBlock, last = std::min(ns, first + kBlock);
      auto& buffers = stat_buffers.local();  // reused: large allocations fault in pages
      auto& h = buffers.first;
      auto& base = buffers.second;
      h.resize(last - first);
      for (auto& x : h) x.resize(nd);
      base.resize(m.random_baseline ? last - first : 0);
      for (auto& x : base) x.resize(nd);
      // Baselines first (series by series); a draw without a shock on takes its baseline, the
      // others read their row (draw by draw, so that a row's block of series shares cache lines).
      for (size_t i = first; i < last; ++i) {
        auto& hv = h[i - first];
        if (m.random_baseline) {
          auto& bv = base[i - first];
          for (size_t d = 0; d < nd; ++d) bv[d] = baseline_of(d, i);
          std::copy(bv.begin(), bv.end(), hv.begin());
        } else {
          std::fill(hv.begin(), hv.end(), ref_row[i]);
        }
      }
      constexpr size_t kAhead = 16;  // rows are ~ns × 4 bytes apart: too far for the hardware
      const size_t nsh = shocked_draws.size();
      for (size_t j = 0; j < nsh; ++j) {
        if (j + kAhead < nsh) {
          const size_t ahead = static_cast<size_t>(row_of[shocked_draws[j + kAhead]]) * ns + first;
          __builtin_prefetch(vals.get() + ahead);
          __builtin_prefetch(vals.get() + ahead + (last - first) - 1);
        }
        const size_t d = shocked_draws[j];
        const float* row = vals.get() + static_cast<size_t>(row_of[d]) * ns;
        for (size_t i = first; i < last; ++i) h[i - first][d] = row[i];
      }
      for (size_t i = first; i < last; ++i) {
        ScenarioRow& row = res.rows[series[i]];
        auto& hv = h[i - first];
        if (m.random_baseline) {
          auto& bv = base[i - first];
          auto& share = buffers.share;
          // A draw without a shock on has h = b: share 1, and no loss at any threshold ≥ 0.
          share.assign(nd, 1.0);
          for (size_t d : shocked_draws)
            if (bv[d] > 0) share[d] = static_cast<double>(hv[d]) / bv[d];
          row.baseline = core::mean(bv);
          for (double th : thresholds) {
            size_t n = 0;
            for (size_t d : shocked_draws) n += hv[d] < (1 - th) * bv[d];
            row.p_loss.push_back(static_cast<double>(n) / static_cast<double>(nd));
          }
          const core::Summary ss = core::summarise_common(share, 1.0, buffers.scratch);
          row.share = {ss.mean, ss.se, ss.p5, ss.p50, ss.p95, ss.es5};
          stat(hv, row.h100e, buffers.scratch);
        } else {
          // A fixed baseline b: share = h / b is a linear map, so its statistics follow from
          // those of h.
          const double b0 = static_cast<float>(ref_fixed[i]);
          row.baseline = ref_fixed[i];
          for (double th : thresholds) {
            size_t n = 0;  // a draw without a shock on has h = b0: no loss
            for (size_t d : shocked_draws) n += hv[d] < (1 - th) * b0;
            row.p_loss.push_back(static_cast<double>(n) / static_cast<double>(nd));
          }
          const core::Summary sm = core::summarise_common(hv, b0, buffers.scratch);
          row.h100e = {sm.mean, sm.se, sm.p5, sm.p50, sm.p95, sm.es5};
          if (b0 > 0) {
            const auto& s = row.h100e;
            row.share = {s.mean / b0, s.se / b0, s.p5 / b0, s.p50 / b0, s.p95 / b0, s.es5 / b0};
          } else {
            row.share = {1, 0, 1, 1, 1, 1};
          }
        }
      }
    });
  });
  for (size_t i = 0; i < nall; ++i) {
    if (alias[i] == npos) continue;
    const ScenarioRow& src_row = res.rows[alias[i]];
    ScenarioRow& row = res.rows[i];
    const double f = factor[i];
    const auto& s = src_row.h100e;
    row.baseline = src_row.baseline * f;
    row.h100e = {s.mean * f, s.se * f, s.p5 * f, s.p50 * f, s.p95 * f, s.es5 * f};
    row.share = src_row.share;
    row.p_loss = src_row.p_loss;
  }
  return res;
}

}  // namespace aisov::scenario
