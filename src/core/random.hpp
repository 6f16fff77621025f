#pragma once
// Random streams and distributions shared by every Monte Carlo engine (scenario, investment,
// optimiser). One copy: a change here changes every engine's draws, so it is versioned by
// kRandomSchemeVersion and echoed in results.
#include <cstdint>
#include <pcg_random.hpp>
#include <string>
#include <vector>

namespace aisov::core {

/// Bumped whenever a stream or a distribution would draw different numbers for the same seed.
inline constexpr int kRandomSchemeVersion = 1;

/// SplitMix64 finaliser: a bijective 64-bit mixer (Steele, Lea, Flood 2014).
uint64_t mix64(uint64_t x);

/// An independent random stream for one Monte Carlo draw: pcg-cpp's pcg32 (O'Neill 2014) with
/// state seeded from mix64(seed) ^ mix64(index) and its own PCG stream (increment) = index,
/// so that draw k's numbers
/// depend on nothing but the seed and k — not on thread count or scheduling. Not thread-safe:
/// one stream per draw, used by one thread.
class Stream {
 public:
  Stream(uint64_t seed, uint64_t index);
  /// Next 32 random bits.
  uint32_t next_u32();
  /// Uniform on the open interval (0, 1), 53-bit resolution; never 0 or 1.
  double uniform();

 private:
  pcg32 rng_;
};

/// A univariate distribution of an uncertain input. Sampling is by inverse CDF from one
/// uniform, so draws are monotone in u (common random numbers across scenario variants).
/// Immutable; thread-safe.
struct Distribution {
  enum class Kind : int {
    kFixed = 0,
    kUniform = 1,     ///< a = low, b = high
    kTriangular = 2,  ///< a = low, c = mode, b = high
    kPert = 3,        ///< a = low, c = mode, b = high (Beta-PERT, λ = 4)
    kLognormal = 4,   ///< a, b = the 5th and 95th percentiles (a 90 % interval), 0 < a ≤ b
    kChoice = 5,      ///< values with weights (normalised)
  };
  Kind kind = Kind::kFixed;
  double a = 0, b = 0, c = 0;
  std::vector<double> values, weights;

  static Distribution fixed(double v);
  static Distribution uniform(double low, double high);
  static Distribution triangular(double low, double mode, double high);
  static Distribution pert(double low, double mode, double high);
  static Distribution lognormal90(double p5, double p95);
  static Distribution choice(std::vector<double> values, std::vector<double> weights);

  /// Why the parameters are invalid (inverted interval, non-positive lognormal bound, negative
  /// or all-zero weights …), or empty when valid.
  std::string check() const;
  /// The value at cumulative probability u ∈ (0, 1).
  double quantile(double u) const;
  double sample(Stream& s) const { return quantile(s.uniform()); }
  /// Smallest and largest possible values (P5/P95 for lognormal: its support is unbounded).
  double lowest() const;
  double highest() const;
  bool is_fixed() const { return kind == Kind::kFixed; }
  /// Short text, e.g. "pert(1, 2, 4)".
  std::string str() const;
};

/// Standard normal quantile Φ⁻¹(u).
double normal_quantile(double u);

}  // namespace aisov::core
