#pragma once
// Monte Carlo summary statistics shared by every engine. Deterministic: the same sample in the
// same order gives bit-identical results.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace aisov::core {

/// Summary of a sample of one output (e.g. one economy's compute in one year).
struct Summary {
  double mean = 0;
  double se = 0;  ///< standard error of the mean = sd / √n
  double sd = 0;
  double p5 = 0, p50 = 0, p95 = 0;
  /// Expected shortfall at 5 %: the mean of the worst (lowest) 5 % of draws (CVaR₅).
  double es5 = 0;
  double min = 0, max = 0;
};

/// Quantile of a sorted sample with linear interpolation between order statistics
/// (Hyndman & Fan 1996 type 7, the default of R and NumPy). `p` ∈ [0, 1].
double sorted_quantile(const std::vector<double>& sorted, double p);

/// Buffers of the order-statistic selection, reused between calls (one per thread): a run that
/// summarises many series faults in their pages once, not once per series.
struct StatScratch {
  std::vector<uint32_t> keys32, count;
  std::vector<uint64_t> keys64;
  std::vector<std::vector<uint32_t>> parts32;
  std::vector<std::vector<uint64_t>> parts64;
  std::vector<int8_t> slot;
  std::unique_ptr<StatScratch> next;  ///< for the next level of the selection
};

/// Summarises a sample. Quantiles by exact radix selection (linear time, no sort); sums in
/// sample order, so the same sample in the same order gives bit-identical results.
Summary summarise(const std::vector<double>& values);
/// The same for a float sample: identical to summarise() of the values widened to double.
Summary summarise(const std::vector<float>& values);
Summary summarise(const std::vector<float>& values, StatScratch& scratch);

/// The same statistics as summarise() (bit-identical), computed faster when many values equal
/// `common` (in a scenario run: the draws in which no shock touched the output, equal to the
/// baseline): those are counted, not selected among.
Summary summarise_common(const std::vector<double>& values, double common);
Summary summarise_common(const std::vector<float>& values, double common);
Summary summarise_common(const std::vector<double>& values, double common, StatScratch& scratch);
Summary summarise_common(const std::vector<float>& values, double common, StatScratch& scratch);

/// Share of draws strictly above a threshold.
double share_above(const std::vector<double>& values, double threshold);

/// Mean with compensated (Kahan–Babuška–Neumaier) summation over four interleaved lanes
/// (value i in lane i mod 4, lanes added in order): depends only on the order of the values.
double mean(const std::vector<double>& values);
double mean(const std::vector<float>& values);

// --- optimiser (issue #5)

/// Conditional value at risk of a loss sample at level α ∈ [0, 1): the mean of the worst
/// (largest) (1 − α) share of equally likely draws, splitting the draw at the boundary
/// (Rockafellar & Uryasev 2002): min over η of η + E[(L − η)⁺] / (1 − α). Reorders `losses`.
double cvar_upper(std::vector<double>& losses, double alpha);

}  // namespace aisov::core
