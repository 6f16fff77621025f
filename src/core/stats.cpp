#include "core/stats.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>

namespace aisov::core {

namespace {
// Compensated (Kahan–Babuška–Neumaier) sum: the result depends only on the order of the terms.
// The rounding error of each addition is taken with Knuth's branch-free TwoSum, which yields
// exactly the error Neumaier's branch computes.
struct Sum {
  double s = 0, c = 0;
  void add(double x) {
    const double t = s + x;
    const double z = t - s;
    c += (s - (t - z)) + (x - z);
    s = t;
  }
  double value() const { return s + c; }
};

// Compensated sum of f(x) over v in four interleaved lanes (value i goes to lane i mod 4),
// combined in lane order: the result depends only on the order of the values, and four
// independent dependency chains run several times faster than one. The four lanes are two
// SSE2 registers of two doubles (GCC vector extensions: element-wise IEEE operations, the same
// operations per lane as the scalar Sum::add, so the same bits; never contracted into FMAs,
// which the baseline x86-64 target does not have). `f` takes a double or a vector of them.
using V2 = double __attribute__((vector_size(16)));  // one SSE2 register: lanes 0–1 or 2–3
using V2f = float __attribute__((vector_size(8)));

template <class T>
inline V2 load2(const T* p) {
  if constexpr (sizeof(T) == 4) {
    V2f x;
    __builtin_memcpy(&x, p, sizeof x);
    return __builtin_convertvector(x, V2);
  } else {
    V2 x;
    __builtin_memcpy(&x, p, sizeof x);
    return x;
  }
}

inline void add2(V2& s, V2& c, V2 x) {  // Sum::add on two lanes at once
  const V2 t = s + x;
  const V2 z = t - s;
  c += (s - (t - z)) + (x - z);
  s = t;
}

template <class T, class F>
double lane_sum(const T* v, size_t n, F f) {
  V2 s01 = {0, 0}, c01 = {0, 0}, s23 = {0, 0}, c23 = {0, 0};
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    add2(s01, c01, f(load2(v + i)));
    add2(s23, c23, f(load2(v + i + 2)));
  }
  Sum lane[4] = {{s01[0], c01[0]}, {s01[1], c01[1]}, {s23[0], c23[0]}, {s23[1], c23[1]}};
  for (; i < n; ++i) lane[i % 4].add(f(static_cast<double>(v[i])));
  Sum total;
  for (const Sum& l : lane) {
    total.add(l.s);
    total.add(l.c);
  }
  return total.value();
}
template <class T, class F>
double lane_sum(const std::vector<T>& v, F f) {
  return lane_sum(v.data(), v.size(), f);
}

}  // namespace

double sorted_quantile(const std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const double h = p * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

namespace {
template <class T>
double mean_of(const std::vector<T>& values) {
  if (values.empty()) return 0;
  return lane_sum(values, [](auto x) { return x; }) / static_cast<double>(values.size());
}

// Order-preserving unsigned keys of floating-point values (IEEE 754: flip the sign bit of
// positives, every bit of negatives). NaN never reaches here.
inline uint32_t key_of(float x) {
  const auto u = std::bit_cast<uint32_t>(x);
  return (u & 0x80000000U) ? ~u : (u | 0x80000000U);
}
inline uint64_t key_of(double x) {
  const auto u = std::bit_cast<uint64_t>(x);
  return (u & 0x8000000000000000ULL) ? ~u : (u | 0x8000000000000000ULL);
}
inline float value_of(uint32_t k) {
  return std::bit_cast<float>((k & 0x80000000U) ? (k & 0x7fffffffU) : ~k);
}
inline double value_of(uint64_t k) {
  return std::bit_cast<double>((k & 0x8000000000000000ULL) ? (k & 0x7fffffffffffffffULL) : ~k);
}

// Exact order statistics by radix selection: the keys' range is cut into at most 2^11 buckets,
// one counting pass finds the bucket of each wanted rank, one pass gathers those buckets, and
// each gathered bucket (a range 2^11 times narrower) is resolved the same way. `ranks` (at most
// kMaxRanks) are 0-based, ascending and < n; out[i] receives the ranks[i]-th smallest key.
// Linear time and branch-light, unlike comparison-based selection; the result does not depend
// on the order of the keys. The buffers come from `sc` (reused between calls: no fresh pages).
constexpr size_t kMaxRanks = 8;

template <class K>
std::vector<K>& keys_of(StatScratch& sc) {
  if constexpr (sizeof(K) == 4)
    return sc.keys32;
  else
    return sc.keys64;
}
template <class K>
std::vector<std::vector<K>>& parts_of(StatScratch& sc) {
  if constexpr (sizeof(K) == 4)
    return sc.parts32;
  else
    return sc.parts64;
}

template <class K>
void select_ranks(const K* keys, size_t n, const size_t* ranks, size_t nr, K* out, StatScratch& sc,
                  K* min_key = nullptr, K* max_key = nullptr) {
  if (n <= 32) {
    K sorted[32];
    std::copy(keys, keys + n, sorted);
    std::sort(sorted, sorted + n);
    for (size_t i = 0; i < nr; ++i) out[i] = sorted[ranks[i]];
    if (min_key) *min_key = sorted[0];
    if (max_key) *max_key = sorted[n - 1];
    return;
  }
  K lo = keys[0], hi = keys[0];
  for (size_t i = 0; i < n; ++i) {  // branch-free
    const K k = keys[i];
    lo = k < lo ? k : lo;
    hi = k > hi ? k : hi;
  }
  if (min_key) *min_key = lo;
  if (max_key) *max_key = hi;
  const auto range = static_cast<K>(hi - lo);
  if (range == 0) {
    std::fill(out, out + nr, lo);
    return;
  }
  constexpr int kBits = 11;
  const int width = static_cast<int>(std::bit_width(range));
  const int shift = width > kBits ? width - kBits : 0;
  const size_t nb = static_cast<size_t>(range >> shift) + 1;
  auto& count = sc.count;
  count.assign(nb, 0);
  for (size_t i = 0; i < n; ++i) ++count[static_cast<size_t>((keys[i] - lo) >> shift)];
  // Bucket of each rank, and the rank within it.
  size_t bucket_of[kMaxRanks], within[kMaxRanks];
  size_t b = 0, below = 0;
  for (size_t i = 0; i < nr; ++i) {
    while (below + count[b] <= ranks[i]) below += count[b++];
    bucket_of[i] = b;
    within[i] = ranks[i] - below;
  }
  // Gather each distinct wanted bucket in one pass; slot[b] = its part, or −1.
  size_t wanted[kMaxRanks], nw = 0;
  for (size_t i = 0; i < nr; ++i)
    if (nw == 0 || wanted[nw - 1] != bucket_of[i]) wanted[nw++] = bucket_of[i];
  auto& parts = parts_of<K>(sc);
  if (parts.size() < nw) parts.resize(nw);
  auto& slot = sc.slot;
  slot.assign(nb, -1);
  for (size_t j = 0; j < nw; ++j) {
    parts[j].clear();
    parts[j].reserve(count[wanted[j]]);
    slot[wanted[j]] = static_cast<int8_t>(j);
  }
  for (size_t i = 0; i < n; ++i) {
    const K k = keys[i];
    const int8_t j = slot[static_cast<size_t>((k - lo) >> shift)];
    if (j >= 0) parts[static_cast<size_t>(j)].push_back(k);
  }
  if (!sc.next) sc.next = std::make_unique<StatScratch>();
  StatScratch& sub = *sc.next;  // the parts' own level of buffers
  size_t sub_ranks[kMaxRanks];
  K sub_out[kMaxRanks];
  for (size_t j = 0, i = 0; j < nw; ++j) {
    size_t ns = 0;
    const size_t first = i;
    for (; i < nr && bucket_of[i] == wanted[j]; ++i) sub_ranks[ns++] = within[i];
    if (shift == 0) {  // a bucket holds a single key
      for (size_t r = first; r < i; ++r) out[r] = parts[j][0];
    } else {
      select_ranks(parts[j].data(), parts[j].size(), sub_ranks, ns, sub_out, sub);
      for (size_t r = first; r < i; ++r) out[r] = sub_out[r - first];
    }
  }
}

// Min, max, P5, P50 and P95 (type 7) and ES5 of a non-empty sample.
// Values equal to `common` (when given) are counted, not selected among.
template <class T>
void add_quantiles(const T* v, size_t n, Summary& out, const double* common, StatScratch& sc) {
  const auto nd = static_cast<double>(n);
  using K = decltype(key_of(T{}));
  auto& key_buffer = keys_of<K>(sc);
  if (key_buffer.size() < n) key_buffer.resize(n);
  K* keys = key_buffer.data();
  size_t nkeys = n;
  size_t nless = 0;  // values below common
  if (common) {
    const double c = *common;
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {  // branch-free compaction of the values other than c
      const T x = v[i];
      keys[m] = key_of(x);
      m += x != c;
      nless += x < c;
    }
    nkeys = m;
  } else {
    for (size_t i = 0; i < n; ++i) keys[i] = key_of(v[i]);
  }
  const size_t eq = n - nkeys;
  auto index = [&](double p) { return static_cast<size_t>(std::floor(p * (nd - 1))); };
  const size_t i5 = index(0.05), i50 = index(0.5), i95 = index(0.95);
  const auto tail = std::max<size_t>(1, static_cast<size_t>(std::ceil(0.05 * nd)));
  const size_t last = n - 1;
  size_t ranks[7] = {i5,  std::min(i5 + 1, last),  i50,     std::min(i50 + 1, last),
                     i95, std::min(i95 + 1, last), tail - 1};
  std::sort(ranks, ranks + 7);
  const size_t nr = static_cast<size_t>(std::unique(ranks, ranks + 7) - ranks);
  // Ranks among the keys (the values other than common: nless below it, the rest above).
  size_t key_ranks[kMaxRanks], nk = 0;
  for (size_t i = 0; i < nr; ++i) {
    const size_t r = ranks[i];
    if (r < nless || r >= nless + eq) key_ranks[nk++] = r < nless ? r : r - eq;
  }
  if (nkeys == 0) {  // every value equals common
    out.min = out.max = out.p5 = out.p50 = out.p95 = out.es5 = *common;
    return;
  }
  K got[kMaxRanks];
  K min_key{}, max_key{};
  select_ranks(keys, nkeys, key_ranks, nk, got, sc, &min_key, &max_key);
  out.min = value_of(min_key);
  out.max = value_of(max_key);
  if (eq) {
    out.min = std::min(out.min, *common);
    out.max = std::max(out.max, *common);
  }
  double value[7];
  for (size_t i = 0, j = 0; i < nr; ++i)
    value[i] = ranks[i] >= nless && ranks[i] < nless + eq ? *common : value_of(got[j++]);
  auto os = [&](size_t r) -> double {
    return value[static_cast<size_t>(std::lower_bound(ranks, ranks + nr, r) - ranks)];
  };
  auto quantile = [&](double p, size_t k) {
    const double a = os(k), b = os(std::min(k + 1, last));
    return a + (p * (nd - 1) - static_cast<double>(k)) * (b - a);
  };
  out.p5 = quantile(0.05, i5);
  out.p50 = quantile(0.5, i50);
  out.p95 = quantile(0.95, i95);
  // ES5: the lowest `tail` values are those below t (the tail-th smallest) and enough copies
  // of t; summed in sample order.
  const double t = os(tail - 1);
  size_t nbelow = 0;
  for (size_t i = 0; i < n; ++i) nbelow += v[i] < t;
  Sum es;
  es.add(lane_sum(v, n, [t](auto x) { return x < t ? x : decltype(x){}; }));
  es.add(static_cast<double>(tail - nbelow) * t);
  out.es5 = es.value() / static_cast<double>(tail);
}

// The statistics are computed in double whatever T is; a float sample gives the same results
// as the same values widened to double (the widening is exact). `common` (optional) only
// speeds up the selection; the results do not depend on it.
template <class T>
Summary summarise_sample(const T* v, size_t n, const double* common, StatScratch& sc) {
  Summary out;
  if (n == 0) return out;
  const auto nd = static_cast<double>(n);
  add_quantiles(v, n, out, common, sc);
  if (out.min == out.max) {  // a constant sample: exact, whatever the rounding of the sums
    out.mean = out.es5 = out.min;
    return out;
  }
  out.mean = lane_sum(v, n, [](auto x) { return x; }) / nd;
  const double mu = out.mean;
  const double ss = lane_sum(v, n, [mu](auto x) { return (x - mu) * (x - mu); });
  out.sd = n > 1 ? std::sqrt(std::max(0.0, ss) / (nd - 1)) : 0;
  out.se = out.sd / std::sqrt(nd);
  return out;
}
}  // namespace

double mean(const std::vector<double>& values) { return mean_of(values); }
double mean(const std::vector<float>& values) { return mean_of(values); }
Summary summarise(const std::vector<double>& values) {
  StatScratch sc;
  return summarise_sample(values.data(), values.size(), nullptr, sc);
}
Summary summarise(const std::vector<float>& values) {
  StatScratch sc;
  return summarise_sample(values.data(), values.size(), nullptr, sc);
}
Summary summarise(const std::vector<float>& values, StatScratch& scratch) {
  return summarise_sample(values.data(), values.size(), nullptr, scratch);
}
Summary summarise_common(const std::vector<double>& values, double common) {
  StatScratch sc;
  return summarise_sample(values.data(), values.size(), &common, sc);
}
Summary summarise_common(const std::vector<float>& values, double common) {
  StatScratch sc;
  return summarise_sample(values.data(), values.size(), &common, sc);
}
Summary summarise_common(const std::vector<double>& values, double common, StatScratch& scratch) {
  return summarise_sample(values.data(), values.size(), &common, scratch);
}
Summary summarise_common(const std::vector<float>& values, double common, StatScratch& scratch) {
  return summarise_sample(values.data(), values.size(), &common, scratch);
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
