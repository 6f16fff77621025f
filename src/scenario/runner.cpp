#include "scenario/runner.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>

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

void stat(std::vector<double>& v, ScenarioStat& out) {
  const core::Summary s = core::summarise(v);
  out = {s.mean, s.se, s.p5, s.p50, s.p95, s.es5};
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
  const size_t ns = nu * nyr * 3;  // series: (unit, year, measure)
  const int64_t max_draws = req.draws;
  if (max_draws < 1) throw core::Failure(ErrorCode::kInvalidArgument, "--draws must be ≥ 1");
  if (static_cast<double>(ns) * static_cast<double>(max_draws) * (m.random_baseline ? 2 : 1) >
      4e8) {
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "too many outputs to keep: " + std::to_string(ns) + " series × " +
                            std::to_string(max_draws) +
                            " draws; report fewer economies or years, or use fewer draws");
  }
  std::vector<float> vals(ns * static_cast<size_t>(max_draws));
  std::vector<float> refs(m.random_baseline ? vals.size() : 0);
  std::vector<double> ref_fixed(ns, 0);
  std::vector<size_t> year_index;
  for (int y : report.years) year_index.push_back(static_cast<size_t>(y - m.y0 - 1));

  // Gathers a draw's per-economy outputs into the reported series.
  auto gather = [&](const std::vector<double>& out, auto put) {
    for (size_t u = 0; u < nu; ++u) {
      for (size_t yi = 0; yi < nyr; ++yi) {
        const double* o = out.data() + year_index[yi] * ne * 3;
        for (int k = 0; k < 3; ++k) {
          double x = 0;
          for (int e : report.members[u]) x += o[e * 3 + k];
          put((u * nyr + yi) * 3 + k, x);
        }
      }
    }
  };
  const size_t out_size = static_cast<size_t>(ny) * ne * 3;
  if (!m.random_baseline) {
    Work w;
    core::Stream s(req.seed, 0);
    draw_params(m, s, w.params);
    w.ref.resize(out_size);
    simulate(m, w.params, false, w.scratch, w.ref.data());
    gather(w.ref, [&](size_t i, double x) { ref_fixed[i] = x; });
  }

  const int threads = req.threads > 0 ? req.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  tbb::enumerable_thread_specific<Work> work;
  int64_t done = 0;
  bool early = false;
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
              const auto nd = static_cast<size_t>(max_draws);
              const auto di = static_cast<size_t>(d);
              if (m.random_baseline) {
                simulate(m, w.params, false, w.scratch, w.ref.data());
                gather(w.ref,
                       [&](size_t i, double x) { refs[i * nd + di] = static_cast<float>(x); });
              }
              if (w.params.any_on || m.random_baseline) {
                if (w.params.any_on) simulate(m, w.params, true, w.scratch, w.shocked.data());
                const auto& src = w.params.any_on ? w.shocked : w.ref;
                gather(src, [&](size_t i, double x) { vals[i * nd + di] = static_cast<float>(x); });
              } else {
                for (size_t i = 0; i < ns; ++i)
                  vals[i * nd + di] = static_cast<float>(ref_fixed[i]);
              }
            }
          });
    });
    done = end;
    if (req.cancel && req.cancel->load()) {
      throw core::Failure(ErrorCode::kCancelled,
                          "scenario run cancelled after " + std::to_string(done) + " draws");
    }
    if (req.progress) req.progress(done, max_draws);
    if (req.target_rse > 0 && done < max_draws) {
      double worst = 0;
      for (size_t i = 0; i < ns; ++i) {
        std::vector<double> v(vals.begin() + static_cast<std::ptrdiff_t>(i * max_draws),
                              vals.begin() + static_cast<std::ptrdiff_t>(i * max_draws + done));
        const double mean = core::mean(v);
        if (mean <= 0) continue;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        const double se = std::sqrt(ss / static_cast<double>(done - 1) / static_cast<double>(done));
        worst = std::max(worst, se / mean);
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
  res.rows.resize(ns);
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, ns, [&](size_t i) {
      const size_t u = i / (nyr * 3), yi = (i / 3) % nyr, k = i % 3;
      ScenarioRow& row = res.rows[i];
      row.code = report.codes[u];
      row.name = report.names[u];
      row.year = report.years[yi];
      row.measure = kMeasures[k];
      const auto off = static_cast<std::ptrdiff_t>(i * static_cast<size_t>(max_draws));
      std::vector<double> h(vals.begin() + off, vals.begin() + off + done);
      std::vector<double> share(h.size());
      std::vector<double> base(h.size());
      for (size_t d = 0; d < h.size(); ++d) {
        base[d] = m.random_baseline ? refs[static_cast<size_t>(off) + d]
                                    : static_cast<float>(ref_fixed[i]);
        share[d] = base[d] > 0 ? std::min(1.0, h[d] / base[d]) : 1.0;
      }
      row.baseline = m.random_baseline ? core::mean(base) : ref_fixed[i];
      for (double th : thresholds) {
        size_t n = 0;
        for (double s : share) n += (1 - s) > th + 1e-9;
        row.p_loss.push_back(static_cast<double>(n) / static_cast<double>(share.size()));
      }
      stat(h, row.h100e);
      stat(share, row.share);
    });
  });
  return res;
}

}  // namespace aisov::scenario
