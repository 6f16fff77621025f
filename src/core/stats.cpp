#include "core/stats.hpp"

#include <algorithm>
#include <cmath>

namespace aisov::core {

namespace {
// Neumaier's compensated sum: the result depends only on the order of the terms.
struct Sum {
  double s = 0, c = 0;
  void add(double x) {
    const double t = s + x;
    c += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  }
  double value() const { return s + c; }
};
}  // namespace

double sorted_quantile(const std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const double h = p * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  Sum s;
  for (double x : values) s.add(x);
  return s.value() / static_cast<double>(values.size());
}

Summary summarise(std::vector<double>& v) {
  Summary out;
  if (v.empty()) return out;
  const auto n = static_cast<double>(v.size());
  out.mean = mean(v);
  Sum ss;
  for (double x : v) ss.add((x - out.mean) * (x - out.mean));
  out.sd = v.size() > 1 ? std::sqrt(std::max(0.0, ss.value()) / (n - 1)) : 0;
  out.se = out.sd / std::sqrt(n);
  std::sort(v.begin(), v.end());
  out.min = v.front();
  out.max = v.back();
  out.p5 = sorted_quantile(v, 0.05);
  out.p50 = sorted_quantile(v, 0.50);
  out.p95 = sorted_quantile(v, 0.95);
  const auto tail = std::max<size_t>(1, static_cast<size_t>(std::ceil(0.05 * n)));
  Sum t;
  for (size_t i = 0; i < tail; ++i) t.add(v[i]);
  out.es5 = t.value() / static_cast<double>(tail);
  return out;
}

double share_above(const std::vector<double>& values, double threshold) {
  if (values.empty()) return 0;
  size_t k = 0;
  for (double x : values) k += x > threshold;
  return static_cast<double>(k) / static_cast<double>(values.size());
}

}  // namespace aisov::core
