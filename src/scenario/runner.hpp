#pragma once
// The Monte Carlo runner: draws in fixed-size batches, each draw on its own random stream
// (seed, draw index), in parallel with oneTBB; results are bit-identical for any thread count.
// A run's draws may also be simulated in ranges (shards) and summarised once all are back.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "aisov/scenario.hpp"
#include "scenario/model.hpp"

namespace aisov::scenario {

/// What to report: units (economies or blocs, each a list of economy ids) and years.
struct ReportSpec {
  std::vector<std::string> codes, names;
  std::vector<std::vector<int>> members;
  std::vector<int> years;
};

/// Draws per batch: the unit of progress, cancellation and early stopping. Fixed, so that an
/// early-stopped run uses the same draws whatever the thread count.
inline constexpr int64_t kBatchDraws = 1000;

/// The default report: every economy with modelled compute or foreign access, every year.
ReportSpec default_report(const model::Dataset& ds, const Model& m);

/// How a run keeps each draw's no-shock baseline (docs/methodology.md §12.5).
enum class BaselineStore : int {
  kFixed = 0,      ///< certain growth: one baseline for every draw (draw 0's, shocks off)
  kGrowth = 1,     ///< closed form: per draw the growth factors f^0 … f^(horizon − y0)
  kSimulated = 2,  ///< per draw the simulated baseline of every stored column
};

/// The draws of one run (model, report, seed, number of draws). It simulates all of them or a
/// range [first, last), hands out each draw's outputs (for a shard file), takes them back (from
/// shard files) and summarises them. A draw's outputs depend only on the seed and its index,
/// never on the range, the thread count or the order in which draws come back; so the summary
/// of draws gathered from shards is bit-identical to that of one run.
///
/// The stored columns are the series (unit, year, measure) that can vary; every other reported
/// row is zero in every draw or an exact rescaling of a column (see summarise()).
/// Not thread-safe (simulate() and summarise() are parallel inside). Keeps references to the
/// model and the report: they must outlive it.
class Runner {
 public:
  /// Plans the run: stored columns and draw-independent baselines (from draw 0's stream).
  /// Throws core::Failure(kInvalidArgument) when draws < 1.
  Runner(const Model& m, const ReportSpec& report, uint64_t seed, int64_t draws);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  int64_t draws() const;
  /// Stored columns.
  size_t columns() const;
  /// Column j's report unit (index into ReportSpec::codes), year and measure (0 territorial,
  /// 1 sovereign, 2 accessible).
  size_t column_unit(size_t j) const;
  int column_year(size_t j) const;
  int column_measure(size_t j) const;
  BaselineStore baseline_store() const;
  /// kGrowth: horizon − y0 + 1 growth factors per draw; otherwise 0.
  size_t growth_powers() const;
  /// kFixed: column j's baseline (H100e, every draw; stored as float32 per draw it is
  /// float(this)). kGrowth: its baseline at growth factor 1, so that draw d's baseline is
  /// float(this × f_d^(year − y0)). kSimulated: 0.
  double column_baseline(size_t j) const;

  /// Simulates draws [first, last) (replacing any stored draws). Early stopping
  /// (request.target_rse) needs the whole run: first = 0, last = draws(). Uses request.seed
  /// only through the constructor's seed; request.threads, cancel and progress (draws done in
  /// this range, draws in it) as scenario_run does. Throws kCancelled, kInvalidArgument.
  void simulate(const ScenarioRequest& request, int64_t first, int64_t last);
  /// Draws stored: [first(), done()).
  int64_t first() const;
  int64_t done() const;
  /// Draw d's outputs (first() ≤ d < done()): whether any shock was on; its values, one float
  /// per column (the baseline's where no shock was on); kSimulated: its baselines, one float per
  /// column; kGrowth: its growth_powers() factors.
  bool shocked(int64_t d) const;
  void values(int64_t d, float* out) const;
  void baselines(int64_t d, float* out) const;
  void growth(int64_t d, double* out) const;

  /// Drops any stored draws and makes room for every draw [0, draws()), to be set one by one by
  /// import_draw() (each exactly once) before summarise(). Throws kInvalidArgument when they do
  /// not fit in memory.
  void begin_import();
  /// Sets draw d from the arrays values() and baselines() or growth() hand out (`baselines` and
  /// `growth` may be null where the store has none). Returns what is wrong ("" when nothing):
  /// a value that is not finite, or a draw without a shock whose values are not its baseline.
  std::string import_draw(int64_t d, bool shocked, const float* values, const float* baselines,
                          const double* growth);

  /// Statistics of every reported row over the stored draws, which must start at draw 0 (all
  /// draws, or those before an early stop). Deterministic: the same for any thread count.
  ScenarioResult summarise(const std::vector<double>& thresholds, int threads) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Runs the Monte Carlo. Throws core::Failure(kCancelled) when the request's cancel flag is set.
ScenarioResult run(const Model& m, const ReportSpec& report, const ScenarioRequest& request,
                   const std::vector<double>& thresholds);

}  // namespace aisov::scenario
