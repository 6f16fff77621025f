#include "core/stats.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

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
  const size_t n = v.size();
  const auto nd = static_cast<double>(n);
  out.mean = mean(v);
  Sum ss;
  double lo = v[0], hi = v[0];
  for (double x : v) {
    ss.add((x - out.mean) * (x - out.mean));
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  out.sd = n > 1 ? std::sqrt(std::max(0.0, ss.value()) / (nd - 1)) : 0;
  out.se = out.sd / std::sqrt(nd);
  out.min = lo;
  out.max = hi;
  if (lo == hi) {
    out.p5 = out.p50 = out.p95 = out.es5 = lo;
    return out;
  }
  // Selection instead of a full sort: the order statistics each quantile needs (type 7 uses
  // the k-th and (k+1)-th smallest) and the lowest ⌈5 %⌉ for ES5. Deterministic for a given
  // input order.
  auto index = [&](double p) { return static_cast<size_t>(std::floor(p * (nd - 1))); };
  auto min_of = [&](size_t a, size_t b) {  // min of v[a, b), b > a
    return *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(a),
                             v.begin() + static_cast<std::ptrdiff_t>(b));
  };
  auto interp = [&](double p, size_t k, double vk, double next) {
    return vk + (p * (nd - 1) - static_cast<double>(k)) * (next - vk);
  };
  auto it = [&](size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
  const size_t i50 = index(0.5), i5 = index(0.05), i95 = index(0.95);
  std::nth_element(v.begin(), it(i50), v.end());
  const double v50 = v[i50];
  const double next50 = i50 + 1 < n ? min_of(i50 + 1, n) : v50;
  out.p50 = interp(0.5, i50, v50, next50);
  if (i5 < i50) std::nth_element(v.begin(), it(i5), it(i50));
  const double v5 = v[i5];
  const double next5 = i5 < i50 ? min_of(i5 + 1, i50 + 1) : next50;
  out.p5 = interp(0.05, i5, v5, next5);
  const auto tail = std::max<size_t>(1, static_cast<size_t>(std::ceil(0.05 * nd)));
  Sum t;
  for (size_t i = 0; i <= i5; ++i) t.add(v[i]);
  if (tail == i5 + 2) t.add(next5);  // tail − 1 is i5 or i5 + 1
  out.es5 = t.value() / static_cast<double>(tail);
  if (i95 == i50) {
    out.p95 = interp(0.95, i95, v50, next50);
  } else {
    std::nth_element(it(i50 + 1), it(i95), v.end());
    const double v95 = v[i95];
    out.p95 = interp(0.95, i95, v95, i95 + 1 < n ? min_of(i95 + 1, n) : v95);
  }
  return out;
}

Summary summarise_common(std::vector<double>& v, double common) {
  Summary out;
  if (v.empty()) return out;
  const size_t n = v.size();
  const auto nd = static_cast<double>(n);
  // Three-way split: below common at the front, above at the back.
  size_t nb = 0, na = 0;
  for (size_t i = 0; i < n - na;) {
    if (v[i] < common) {
      std::swap(v[i++], v[nb++]);
    } else if (v[i] > common) {
      std::swap(v[i], v[n - 1 - na++]);
    } else {
      ++i;
    }
  }
  const size_t eq = n - nb - na;
  if (eq == n) {
    out.mean = out.p5 = out.p50 = out.p95 = out.es5 = out.min = out.max = common;
    return out;
  }
  Sum s;
  for (size_t i = 0; i < nb; ++i) s.add(v[i]);
  for (size_t i = n - na; i < n; ++i) s.add(v[i]);
  s.add(static_cast<double>(eq) * common);
  out.mean = s.value() / nd;
  Sum ss;
  for (size_t i = 0; i < nb; ++i) ss.add((v[i] - out.mean) * (v[i] - out.mean));
  for (size_t i = n - na; i < n; ++i) ss.add((v[i] - out.mean) * (v[i] - out.mean));
  ss.add(static_cast<double>(eq) * (common - out.mean) * (common - out.mean));
  out.sd = n > 1 ? std::sqrt(std::max(0.0, ss.value()) / (nd - 1)) : 0;
  out.se = out.sd / std::sqrt(nd);
  auto it = [&](size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
  // k-th smallest overall (0-based), selecting inside the below or above part.
  auto os = [&](size_t k) {
    if (k < nb) {
      std::nth_element(v.begin(), it(k), it(nb));
      return v[k];
    }
    if (k < nb + eq) return common;
    const size_t j = n - na + (k - nb - eq);
    std::nth_element(it(n - na), it(j), v.end());
    return v[j];
  };
  out.min = nb   ? *std::min_element(v.begin(), it(nb))
            : eq ? common
                 : *std::min_element(it(n - na), v.end());
  out.max = na   ? *std::max_element(it(n - na), v.end())
            : eq ? common
                 : *std::max_element(v.begin(), it(nb));
  auto quantile = [&](double p) {
    const double h = p * (nd - 1);
    const auto k = static_cast<size_t>(std::floor(h));
    const double a = os(k);
    const double b = k + 1 < n ? os(k + 1) : a;
    return a + (h - static_cast<double>(k)) * (b - a);
  };
  out.p5 = quantile(0.05);
  out.p50 = quantile(0.5);
  out.p95 = quantile(0.95);
  const auto tail = std::max<size_t>(1, static_cast<size_t>(std::ceil(0.05 * nd)));
  Sum t;
  const size_t t1 = std::min(tail, nb);
  if (t1) {
    std::nth_element(v.begin(), it(t1 - 1), it(nb));
    for (size_t i = 0; i < t1; ++i) t.add(v[i]);
  }
  const size_t t2 = std::min(tail - t1, eq);
  t.add(static_cast<double>(t2) * common);
  const size_t t3 = tail - t1 - t2;
  if (t3) {
    std::nth_element(it(n - na), it(n - na + t3 - 1), v.end());
    for (size_t i = n - na; i < n - na + t3; ++i) t.add(v[i]);
  }
  out.es5 = t.value() / static_cast<double>(tail);
  return out;
}

double share_above(const std::vector<double>& values, double threshold) {
  if (values.empty()) return 0;
  size_t k = 0;
  for (double x : values) k += x > threshold;
  return static_cast<double>(k) / static_cast<double>(values.size());
}

// --- optimiser (issue #5)

double cvar_upper(std::vector<double>& losses, double alpha) {
  const size_t n = losses.size();
  if (n == 0) return 0;
  std::sort(losses.begin(), losses.end(), std::greater<double>());
  const double tail = (1 - alpha) * static_cast<double>(n);  // draws in the tail, fractional
  double sum = 0, taken = 0;
  for (size_t i = 0; i < n && taken < tail; ++i) {
    const double w = std::min(1.0, tail - taken);
    sum += w * losses[i];
    taken += w;
  }
  return taken > 0 ? sum / taken : losses.front();
}

}  // namespace aisov::core
