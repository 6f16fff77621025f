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
#include <cstring>
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

// The plan of a run (what is stored, how the other rows follow, the draw-independent
// baselines) and the stored draws.
struct Runner::Impl {
  static constexpr size_t npos = static_cast<size_t>(-1);
  const Model& m;
  const ReportSpec& report;
  uint64_t seed = 0;
  int64_t max_draws = 0;
  int ny = 0, ne = 0;
  size_t nu = 0, nyr = 0, nall = 0, ns = 0;
  // Series: (unit, year, measure). slot[i] = stored column of series i, or npos.
  std::vector<size_t> slot, series;
  std::vector<size_t> alias;
  std::vector<double> factor;
  bool analytic_ref = false;
  std::vector<size_t> src;
  std::vector<std::vector<size_t>> src_bloc;
  std::vector<char> single;
  size_t out_size = 0;
  std::vector<float> ref_row;
  std::vector<double> ref_fixed;
  size_t npow = 0;
  std::vector<double> unit_ref;
  std::vector<int> years_in;

  // Stored draws [first, done): rows of shocked draws (row_of: local draw → row, or −1), the
  // simulated baselines (refs) or the growth factors (powers[k × stride + local draw]).
  int64_t first = 0, done = 0;
  size_t stride = 0;
  bool early = false;
  RowBuffer vals, refs;
  std::vector<int64_t> row_of;
  std::atomic<int64_t> rows_used{0};
  std::vector<double> powers;
  int64_t imported = 0;

  Impl(const Model& model, const ReportSpec& rep) : m(model), report(rep) {}

  BaselineStore store() const {
    if (!m.random_baseline) return BaselineStore::kFixed;
    return analytic_ref ? BaselineStore::kGrowth : BaselineStore::kSimulated;
  }

  void gather(const std::vector<double>& out, float* row) const {
    for (size_t i = 0; i < ns; ++i) {
      if (single[i]) {
        row[i] = static_cast<float>(out[src[i]]);
      } else {
        double x = 0;
        for (size_t j : src_bloc[i]) x += out[j];
        row[i] = static_cast<float>(x);
      }
    }
  }

  // Series i's baseline in local draw d, exactly as the draw loop would have stored it.
  float baseline_of(size_t d, size_t i) const {
    if (analytic_ref) {
      return static_cast<float>(unit_ref[i] *
                                powers[static_cast<size_t>(years_in[i]) * stride + d]);
    }
    if (m.random_baseline) return refs[d * ns + i];
    return ref_row[i];
  }

  // Throws when `count` draws' rows would not fit; then allocates them.
  void allocate(int64_t from, int64_t count) {
    // Memory kept per draw (at most): a row of floats (and one of baselines when they are
    // simulated), the powers of the closed form, the row index. At most 1.6 GB in all.
    const int copies = m.random_baseline && !analytic_ref ? 2 : 1;
    const double per_draw = 4.0 * static_cast<double>(ns) * copies +
                            (analytic_ref ? 8.0 * (ny + 1) : 0.0) + sizeof(int64_t);
    if (per_draw * static_cast<double>(count) > 1.6e9) {
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "too many outputs to keep: " + std::to_string(ns) + " series × " +
                              std::to_string(count) +
                              " draws; report fewer economies or years, or use fewer draws");
    }
    vals.reset();
    refs.reset();
    first = done = from;
    early = false;
    imported = 0;
    stride = static_cast<size_t>(count);
    // Draw-major storage: each draw in which a shock is on writes one contiguous row of ns
    // floats (rows handed out in completion order; row_of maps a draw to its row, or −1 when
    // no shock was on: its outputs are the baseline's). Pages of rows never written are never
    // touched.
    const auto cells = ns * stride;
    vals = row_buffer(cells);
    row_of.assign(stride, -1);
    rows_used.store(0);
    refs = m.random_baseline && !analytic_ref ? row_buffer(cells) : RowBuffer();
    powers.assign(analytic_ref ? npow * stride : 0, 0.0);
  }
};

Runner::Runner(const Model& m, const ReportSpec& report, uint64_t seed, int64_t draws)
    : impl_(std::make_unique<Impl>(m, report)) {
  Impl& p = *impl_;
  p.seed = seed;
  p.max_draws = draws;
  const int ny = p.ny = m.horizon - m.y0;
  const int ne = p.ne = m.n_econ;
  const size_t nu = p.nu = report.codes.size();
  const size_t nyr = p.nyr = report.years.size();
  const size_t nall = p.nall = nu * nyr * 3;  // series: (unit, year, measure)
  constexpr size_t npos = Impl::npos;
  // Territorial and sovereign series of units without any (domestic) capacity are zero in every
  // draw by construction: they are not stored. slot[i] = stored index, or npos.
  auto& slot = p.slot;
  auto& series = p.series;
  slot.assign(nall, npos);
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
  auto& alias = p.alias;
  auto& factor = p.factor;
  alias.assign(nall, npos);
  std::vector<size_t> canon(nyr, npos);
  factor.assign(nall, 1.0);
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
  const size_t ns = p.ns = series.size();
  if (draws < 1) throw core::Failure(ErrorCode::kInvalidArgument, "--draws must be ≥ 1");
  // Without growth_by or mix, the no-shock path is K₀ × (1 + g)^(t − y₀) in every cell (d
  // cancels), so every baseline output is linear in that factor: every draw takes its no-shock
  // baseline from one growth-free simulation instead of simulating it (shocks change only the
  // shocked path).
  p.analytic_ref = m.random_baseline && !m.mixed && m.growth_by.empty() && ny <= 200;

  // Where each stored series reads a draw's per-economy output; blocs sum their members.
  p.src.assign(ns, 0);
  p.src_bloc.assign(ns, {});
  p.single.assign(ns, 0);
  for (size_t j = 0; j < ns; ++j) {
    const size_t i = series[j];
    const size_t u = i / (nyr * 3), yi = (i / 3) % nyr, k = i % 3;
    const size_t base = static_cast<size_t>(report.years[yi] - m.y0 - 1) * ne * 3;
    p.single[j] = report.members[u].size() == 1;
    for (int e : report.members[u]) p.src_bloc[j].push_back(base + static_cast<size_t>(e) * 3 + k);
    if (p.single[j]) p.src[j] = p.src_bloc[j][0];
  }
  p.out_size = static_cast<size_t>(ny) * ne * 3;
  p.ref_row.assign(ns, 0);
  p.ref_fixed.assign(ns, 0);
  if (!m.random_baseline) {
    Work w;
    core::Stream s(seed, 0);
    draw_params(m, s, w.params);
    w.ref.resize(p.out_size);
    scenario::simulate(m, w.params, false, w.scratch, w.ref.data());
    p.gather(w.ref, p.ref_row.data());
    for (size_t i = 0; i < ns; ++i) {
      double x = 0;
      for (size_t j : p.src_bloc[i]) x += w.ref[j];
      p.ref_fixed[i] = x;
    }
  }
  // With the closed form, a draw's baseline is unit_ref × f^k: f^0 … f^ny are kept per draw,
  // year by year (powers[k × draws + d]), so that a series' baselines read one contiguous run.
  p.npow = static_cast<size_t>(ny) + 1;
  p.unit_ref.assign(ns, 0);
  p.years_in.assign(ns, 0);
  if (p.analytic_ref) {
    Work w;
    core::Stream s(seed, 0);
    draw_params(m, s, w.params);
    std::fill(w.params.growth.begin(), w.params.growth.end(), 0.0);
    w.ref.resize(p.out_size);
    scenario::simulate(m, w.params, false, w.scratch, w.ref.data());
    for (size_t j = 0; j < ns; ++j) {
      for (size_t x : p.src_bloc[j]) p.unit_ref[j] += w.ref[x];
      p.years_in[j] = report.years[(series[j] / 3) % nyr] - m.y0;
    }
  }
}

Runner::~Runner() = default;

int64_t Runner::draws() const { return impl_->max_draws; }
size_t Runner::columns() const { return impl_->ns; }
size_t Runner::column_unit(size_t j) const { return impl_->series[j] / (impl_->nyr * 3); }
int Runner::column_year(size_t j) const {
  return impl_->report.years[(impl_->series[j] / 3) % impl_->nyr];
}
int Runner::column_measure(size_t j) const { return static_cast<int>(impl_->series[j] % 3); }
BaselineStore Runner::baseline_store() const { return impl_->store(); }
size_t Runner::growth_powers() const { return impl_->analytic_ref ? impl_->npow : 0; }
double Runner::column_baseline(size_t j) const {
  switch (impl_->store()) {
    case BaselineStore::kFixed:
      return impl_->ref_fixed[j];
    case BaselineStore::kGrowth:
      return impl_->unit_ref[j];
    case BaselineStore::kSimulated:
      break;
  }
  return 0;
}
int64_t Runner::first() const { return impl_->first; }
int64_t Runner::done() const { return impl_->done; }

bool Runner::shocked(int64_t d) const {
  return impl_->row_of[static_cast<size_t>(d - impl_->first)] >= 0;
}

void Runner::values(int64_t d, float* out) const {
  const Impl& p = *impl_;
  const auto ld = static_cast<size_t>(d - p.first);
  const int64_t r = p.row_of[ld];
  if (r >= 0) {
    std::memcpy(out, p.vals.get() + static_cast<size_t>(r) * p.ns, p.ns * sizeof(float));
  } else {
    for (size_t i = 0; i < p.ns; ++i) out[i] = p.baseline_of(ld, i);
  }
}

void Runner::baselines(int64_t d, float* out) const {
  const Impl& p = *impl_;
  const auto ld = static_cast<size_t>(d - p.first);
  for (size_t i = 0; i < p.ns; ++i) out[i] = p.baseline_of(ld, i);
}

void Runner::growth(int64_t d, double* out) const {
  const Impl& p = *impl_;
  const auto ld = static_cast<size_t>(d - p.first);
  for (size_t k = 0; k < p.npow; ++k) out[k] = p.powers[k * p.stride + ld];
}

void Runner::simulate(const ScenarioRequest& req, int64_t first, int64_t last) {
  Impl& p = *impl_;
  const Model& m = p.m;
  const int64_t max_draws = p.max_draws;
  if (first < 0 || last > max_draws || first >= last) {
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "draw range " + std::to_string(first) + ":" + std::to_string(last) +
                            " is not a non-empty part of 0:" + std::to_string(max_draws));
  }
  const bool whole = first == 0 && last == max_draws;
  if (req.target_rse > 0 && !whole) {
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "--target-rse needs every draw of the run in one go, not a draw range");
  }
  p.allocate(first, last - first);
  const size_t ns = p.ns;
  const size_t npow = p.npow;
  const size_t stride = p.stride;
  const size_t out_size = p.out_size;
  const bool analytic_ref = p.analytic_ref;
  auto& vals = p.vals;
  auto& refs = p.refs;
  auto& row_of = p.row_of;
  auto& rows_used = p.rows_used;
  auto& powers = p.powers;
  const int threads = req.threads > 0 ? req.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  tbb::enumerable_thread_specific<Work> work;
  int64_t done = first;
  bool early = false;
  std::vector<double> sum(ns, 0), sum2(ns, 0);  // for early stopping, in draw order
  while (done < last) {
    const int64_t end = std::min(last, done + kBatchDraws);
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<int64_t>(done, end, 16), [&](const tbb::blocked_range<int64_t>& r) {
            Work& w = work.local();
            w.ref.resize(out_size);
            w.shocked.resize(out_size);
            for (int64_t d = r.begin(); d < r.end(); ++d) {
              const auto ld = static_cast<size_t>(d - first);
              core::Stream s(p.seed, static_cast<uint64_t>(d));
              draw_params(m, s, w.params);
              if (analytic_ref) {  // the same closed form holds in draws with shocks
                const double f = 1 + std::max(w.params.growth[0], -w.params.retirement);
                double* pw = powers.data() + ld;
                double x = 1;
                pw[0] = x;
                for (size_t k = 1; k < npow; ++k) pw[k * stride] = x = x * f;
              } else if (m.random_baseline) {
                scenario::simulate(m, w.params, false, w.scratch, w.ref.data());
                p.gather(w.ref, refs.get() + ld * ns);
              }
              if (w.params.any_on) {
                const int64_t at = rows_used.fetch_add(1, std::memory_order_relaxed);
                scenario::simulate(m, w.params, true, w.scratch, w.shocked.data());
                p.gather(w.shocked, vals.get() + static_cast<size_t>(at) * ns);
                row_of[ld] = at;
              }
            }
          });
    });
    if (req.cancel && req.cancel->load()) {
      throw core::Failure(ErrorCode::kCancelled,
                          "scenario run cancelled after " + std::to_string(end - first) + " draws");
    }
    if (req.target_rse > 0 && end < last) {
      for (int64_t d = done; d < end; ++d) {
        const int64_t r = row_of[static_cast<size_t>(d)];
        for (size_t i = 0; i < ns; ++i) {
          const double x = r >= 0 ? vals[static_cast<size_t>(r) * ns + i]
                                  : p.baseline_of(static_cast<size_t>(d), i);
          sum[i] += x;
          sum2[i] += x * x;
        }
      }
    }
    done = end;
    if (req.progress) req.progress(done - first, last - first);
    if (req.target_rse > 0 && done < last) {
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
  p.done = done;
  p.early = early;
}

void Runner::begin_import() {
  impl_->allocate(0, impl_->max_draws);
  impl_->done = impl_->max_draws;
}

std::string Runner::import_draw(int64_t d, bool shocked, const float* values,
                                const float* baselines, const double* growth) {
  Impl& p = *impl_;
  const auto ld = static_cast<size_t>(d);
  const size_t ns = p.ns;
  for (size_t i = 0; i < ns; ++i)
    if (!std::isfinite(values[i])) return "column " + std::to_string(i) + " is not a finite number";
  if (p.analytic_ref) {
    for (size_t k = 0; k < p.npow; ++k) {
      if (!std::isfinite(growth[k]))
        return "growth factor " + std::to_string(k) + " is not a finite number";
      p.powers[k * p.stride + ld] = growth[k];
    }
  } else if (p.m.random_baseline) {
    for (size_t i = 0; i < ns; ++i)
      if (!std::isfinite(baselines[i]))
        return "baseline of column " + std::to_string(i) + " is not a finite number";
    std::memcpy(p.refs.get() + ld * ns, baselines, ns * sizeof(float));
  }
  if (shocked) {
    const int64_t at = p.rows_used.fetch_add(1, std::memory_order_relaxed);
    std::memcpy(p.vals.get() + static_cast<size_t>(at) * ns, values, ns * sizeof(float));
    p.row_of[ld] = at;
  } else {
    // A draw without a shock on has its baseline's outputs: anything else is a damaged file.
    for (size_t i = 0; i < ns; ++i) {
      const float b = p.baseline_of(ld, i);
      if (std::memcmp(&b, values + i, sizeof b) != 0)
        return "no shock was on, yet column " + std::to_string(i) + " differs from its baseline";
    }
    p.row_of[ld] = -1;
  }
  ++p.imported;
  return {};
}

ScenarioResult Runner::summarise(const std::vector<double>& thresholds, int threads_req) const {
  const Impl& p = *impl_;
  const Model& m = p.m;
  const ReportSpec& report = p.report;
  if (p.first != 0 || (p.imported > 0 && p.imported != p.max_draws)) {
    throw core::Failure(ErrorCode::kInternal, "summarise() needs every draw from draw 0");
  }
  const size_t nyr = p.nyr, nall = p.nall, ns = p.ns;
  constexpr size_t npos = Impl::npos;
  const auto& slot = p.slot;
  const auto& series = p.series;
  const auto& alias = p.alias;
  const auto& factor = p.factor;
  const auto& row_of = p.row_of;
  const auto& vals = p.vals;
  const auto& ref_row = p.ref_row;
  const auto& ref_fixed = p.ref_fixed;
  const int64_t done = p.done;

  ScenarioResult res;
  res.meta.draws = done;
  res.meta.draws_requested = p.max_draws;
  res.meta.stopped_early = p.early;
  res.meta.seed = p.seed;
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
  const int threads = threads_req > 0 ? threads_req : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
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
          for (size_t d = 0; d < nd; ++d) bv[d] = p.baseline_of(d, i);
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

ScenarioResult run(const Model& m, const ReportSpec& report, const ScenarioRequest& request,
                   const std::vector<double>& thresholds) {
  Runner runner(m, report, request.seed, request.draws);
  runner.simulate(request, 0, request.draws);
  return runner.summarise(thresholds, request.threads);
}

}  // namespace aisov::scenario
