#include "core/random.hpp"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <numeric>

#include "core/strings.hpp"

namespace aisov::core {

uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

Stream::Stream(uint64_t seed, uint64_t index) : rng_(mix64(seed) ^ mix64(~index), index) {}

uint32_t Stream::next_u32() { return rng_(); }

double Stream::uniform() {
  const uint64_t hi = next_u32() >> 5;  // 27 bits
  const uint64_t lo = next_u32() >> 6;  // 26 bits
  return (static_cast<double>((hi << 26) | lo) + 0.5) * 0x1.0p-53;
}

namespace {
// Evaluate in double (Boost promotes to long double by default: slower, and platform-dependent).
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
}  // namespace

double normal_quantile(double u) {
  return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * u, Policy());
}

Distribution Distribution::fixed(double v) { return Distribution{Kind::kFixed, v, v, v, {}, {}}; }
Distribution Distribution::uniform(double lo, double hi) {
  return Distribution{Kind::kUniform, lo, hi, 0, {}, {}};
}
Distribution Distribution::triangular(double lo, double mode, double hi) {
  return Distribution{Kind::kTriangular, lo, hi, mode, {}, {}};
}
Distribution Distribution::pert(double lo, double mode, double hi) {
  return Distribution{Kind::kPert, lo, hi, mode, {}, {}};
}
Distribution Distribution::lognormal90(double p5, double p95) {
  return Distribution{Kind::kLognormal, p5, p95, 0, {}, {}};
}
Distribution Distribution::choice(std::vector<double> v, std::vector<double> w) {
  if (w.empty()) w.assign(v.size(), 1.0);
  return Distribution{Kind::kChoice, 0, 0, 0, std::move(v), std::move(w)};
}

std::string Distribution::check() const {
  auto finite = [](double x) { return std::isfinite(x); };
  switch (kind) {
    case Kind::kFixed:
      return finite(a) ? "" : "value is not finite";
    case Kind::kUniform:
      if (!finite(a) || !finite(b)) return "bounds are not finite";
      return a <= b ? ""
                    : "inverted interval: low " + format_number(a) + " > high " + format_number(b);
    case Kind::kTriangular:
    case Kind::kPert:
      if (!finite(a) || !finite(b) || !finite(c)) return "parameters are not finite";
      if (a > b)
        return "inverted interval: low " + format_number(a) + " > high " + format_number(b);
      if (c < a || c > b) return "mode " + format_number(c) + " lies outside [low, high]";
      return "";
    case Kind::kLognormal:
      if (!finite(a) || !finite(b)) return "bounds are not finite";
      if (a <= 0) return "lognormal bounds must be > 0";
      return a <= b ? ""
                    : "inverted interval: low " + format_number(a) + " > high " + format_number(b);
    case Kind::kChoice: {
      if (values.empty()) return "choice needs at least one value";
      if (weights.size() != values.size()) return "choice needs one weight per value";
      double sum = 0;
      for (double w : weights) {
        if (!finite(w) || w < 0) return "choice weights must be ≥ 0";
        sum += w;
      }
      for (double v : values)
        if (!finite(v)) return "choice values must be finite";
      return sum > 0 ? "" : "choice weights sum to 0";
    }
  }
  return "unknown distribution";
}

double Distribution::quantile(double u) const {
  switch (kind) {
    case Kind::kFixed:
      return a;
    case Kind::kUniform:
      return a + u * (b - a);
    case Kind::kTriangular: {
      if (b == a) return a;
      const double fc = (c - a) / (b - a);
      if (u < fc) return a + std::sqrt(u * (b - a) * (c - a));
      return b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
    case Kind::kPert: {
      if (b == a) return a;
      const double alpha = 1 + 4 * (c - a) / (b - a);
      const double beta = 1 + 4 * (b - c) / (b - a);
      return a + (b - a) * boost::math::ibeta_inv(alpha, beta, u, Policy());
    }
    case Kind::kLognormal: {
      const double mu = 0.5 * (std::log(a) + std::log(b));
      const double sigma = (std::log(b) - std::log(a)) / (2 * 1.6448536269514722);
      return std::exp(mu + sigma * normal_quantile(u));
    }
    case Kind::kChoice: {
      const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
      double cum = 0;
      for (size_t i = 0; i < values.size(); ++i) {
        cum += weights[i] / total;
        if (u < cum) return values[i];
      }
      return values.back();
    }
  }
  return a;
}

double Distribution::lowest() const {
  if (kind == Kind::kChoice) return *std::min_element(values.begin(), values.end());
  return a;
}

double Distribution::highest() const {
  switch (kind) {
    case Kind::kFixed:
      return a;
    case Kind::kChoice:
      return *std::max_element(values.begin(), values.end());
    default:
      return b;
  }
}

std::string Distribution::str() const {
  auto n = [](double x) { return format_number(x); };
  switch (kind) {
    case Kind::kFixed:
      return n(a);
    case Kind::kUniform:
      return "uniform(" + n(a) + ", " + n(b) + ")";
    case Kind::kTriangular:
      return "triangular(" + n(a) + ", " + n(c) + ", " + n(b) + ")";
    case Kind::kPert:
      return "pert(" + n(a) + ", " + n(c) + ", " + n(b) + ")";
    case Kind::kLognormal:
      return "lognormal90(" + n(a) + ", " + n(b) + ")";
    case Kind::kChoice: {
      std::string s = "choice(";
      for (size_t i = 0; i < values.size(); ++i)
        s += (i ? ", " : "") + n(values[i]) + ":" + n(weights[i]);
      return s + ")";
    }
  }
  return "?";
}

}  // namespace aisov::core
