// Invariants as property tests: restrictive shocks never add compute, losses are monotone in
// severity; and checks of the shared random-number, distribution and statistics code.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/random.hpp"
#include "core/stats.hpp"
#include "scenario_support.hpp"

namespace aisov::test {
namespace {

const char* kCodes[] = {"USA", "DEU", "KEN", "CHN", "FRA", "BRA", "TWN"};

std::string code_list(const std::vector<int>& picks) {
  std::string s = "[";
  for (size_t i = 0; i < picks.size(); ++i)
    s += std::string(i ? "," : "") + "\"" + kCodes[picks[i] % 7] + "\"";
  return s + "]";
}

// A random restrictive shock (export control, withdrawal, cut-off, foundry, energy cap).
std::string random_shock(int kind, const std::vector<int>& econs, const std::vector<int>& jur,
                         double x, int start) {
  const std::string head = "\n[[shocks]]\nstart = " + std::to_string(start) + "\n";
  switch (kind % 5) {
    case 0:
      return head + "kind = \"export_control\"\ndesigners = " + code_list(jur) +
             "\neconomies = " + code_list(econs) +
             "\ncap_h100e_per_year = " + std::to_string(x * 3000) +
             "\nbar_access = " + (econs[0] % 2 ? "true" : "false") + "\n";
    case 1:
      return head + "kind = \"provider_withdrawal\"\noperators = " + code_list(jur) +
             "\neconomies = " + code_list(econs) + "\nfraction = " + std::to_string(x) + "\n";
    case 2:
      return head +
             "kind = \"provider_withdrawal\"\nmode = \"cut_off\"\noperators = " + code_list(jur) +
             "\neconomies = " + code_list(econs) + "\nfraction = " + std::to_string(x) + "\n";
    case 3:
      return head + "kind = \"foundry_disruption\"\nlocations = " + code_list(jur) +
             "\nloss = " + std::to_string(x) + "\nduration = " + std::to_string(1 + 2 * x) + "\n";
    default:
      return head + "kind = \"energy_cap\"\neconomies = " + code_list(econs) +
             "\npooled = " + (econs[1] % 2 ? "true" : "false") +
             "\nmax_growth = " + std::to_string(x - 0.2) + "\n";
  }
}

RC_GTEST_PROP(ScenarioProperty, RestrictiveShocksNeverAddCompute, ()) {
  const int n = *rc::gen::inRange(1, 4);
  std::string body;
  for (int i = 0; i < n; ++i) {
    const int kind = *rc::gen::inRange(0, 5);
    const auto econs = *rc::gen::container<std::vector<int>>(2, rc::gen::inRange(0, 7));
    const auto jur = *rc::gen::container<std::vector<int>>(1, rc::gen::inRange(0, 7));
    const double x = *rc::gen::inRange(0, 1001) / 1000.0;
    const int start = *rc::gen::inRange(2025, 2027);
    body += random_shock(kind, econs, jur, x, start);
  }
  auto m = compile_text(body);
  const auto base = simulate_draw(m, false);
  const auto shocked = simulate_draw(m, true);
  for (size_t i = 0; i < base.v.size(); ++i)
    RC_ASSERT(shocked.v[i] <= base.v[i] * (1 + 1e-12) + 1e-9);
}

RC_GTEST_PROP(ScenarioProperty, LossesAreMonotoneInSeverity, ()) {
  const int kind = *rc::gen::inRange(0, 5);
  const auto econs = *rc::gen::container<std::vector<int>>(2, rc::gen::inRange(0, 7));
  const auto jur = *rc::gen::container<std::vector<int>>(1, rc::gen::inRange(0, 7));
  const double a = *rc::gen::inRange(0, 1001) / 1000.0;
  const double b = *rc::gen::inRange(0, 1001) / 1000.0;
  // Severity rises with x for withdrawal, cut-off and foundry loss, and falls with x for an
  // export cap or an energy growth cap.
  auto small = compile_text(random_shock(kind, econs, jur, std::min(a, b), 2025));
  auto large = compile_text(random_shock(kind, econs, jur, std::max(a, b), 2025));
  const bool rising = kind % 5 == 1 || kind % 5 == 2 || kind % 5 == 3;
  const auto o_lo = simulate_draw(small, true);
  const auto o_hi = simulate_draw(large, true);
  // rising: larger x = more severe → o_hi ≤ o_lo; falling: larger x = milder → o_lo ≤ o_hi.
  for (size_t i = 0; i < o_lo.v.size(); ++i) {
    if (rising)
      RC_ASSERT(o_hi.v[i] <= o_lo.v[i] * (1 + 1e-12) + 1e-9);
    else
      RC_ASSERT(o_lo.v[i] <= o_hi.v[i] * (1 + 1e-12) + 1e-9);
  }
}

TEST(Random, StreamsDependOnlyOnSeedAndIndex) {
  core::Stream a(7, 3), b(7, 3), c(7, 4), d(8, 3);
  for (int i = 0; i < 100; ++i) {
    const double x = a.uniform();
    EXPECT_EQ(x, b.uniform());
    EXPECT_GT(x, 0.0);
    EXPECT_LT(x, 1.0);
    EXPECT_NE(x, c.uniform());
    EXPECT_NE(x, d.uniform());
  }
}

TEST(Random, StreamUniformMoments) {
  core::Stream s(1, 0);
  std::vector<double> v(200000);
  for (auto& x : v) x = s.uniform();
  const auto sum = core::summarise(v);
  EXPECT_NEAR(sum.mean, 0.5, 0.003);
  EXPECT_NEAR(sum.p5, 0.05, 0.003);
  EXPECT_NEAR(sum.p95, 0.95, 0.003);
}

TEST(Random, DistributionQuantiles) {
  using D = core::Distribution;
  EXPECT_EQ(D::fixed(3).quantile(0.9), 3);
  EXPECT_DOUBLE_EQ(D::uniform(2, 4).quantile(0.25), 2.5);
  // Triangular(0, 1, 2) is symmetric: median 1; P(X ≤ 0.5) = 0.125.
  EXPECT_NEAR(D::triangular(0, 1, 2).quantile(0.5), 1, 1e-12);
  EXPECT_NEAR(D::triangular(0, 1, 2).quantile(0.125), 0.5, 1e-12);
  // Symmetric PERT: median = mode; PERT(0, 0.5, 1) = Beta(3, 3), whose P5 is 0.18926.
  EXPECT_NEAR(D::pert(0, 0.5, 1).quantile(0.5), 0.5, 1e-9);
  EXPECT_NEAR(D::pert(0, 0.5, 1).quantile(0.05), 0.189265, 1e-5);
  // Lognormal from a 90 % interval reproduces the interval and has the geometric mean as median.
  const auto ln = D::lognormal90(10, 1000);
  EXPECT_NEAR(ln.quantile(0.05), 10, 1e-6);
  EXPECT_NEAR(ln.quantile(0.95), 1000, 1e-4);
  EXPECT_NEAR(ln.quantile(0.5), 100, 1e-9);
  const auto ch = D::choice({1, 2, 3}, {1, 1, 2});
  EXPECT_EQ(ch.quantile(0.2), 1);
  EXPECT_EQ(ch.quantile(0.3), 2);
  EXPECT_EQ(ch.quantile(0.6), 3);
  EXPECT_FALSE(D::uniform(3, 1).check().empty());
  EXPECT_FALSE(D::lognormal90(0, 1).check().empty());
  EXPECT_FALSE(D::pert(0, 5, 1).check().empty());
  EXPECT_TRUE(D::pert(0, 0.5, 1).check().empty());
}

// A draw's parameters come from its stream in a fixed order (methodology §12.5): global growth,
// retirement, one uniform per growth group, then per shock: probability, on/off, start,
// duration, parameter, one cap per tier. The order is spelled out here from the uniforms
// themselves, so a change in what is consumed (for example, skipping the uniforms of a shock
// that is off) shows up as a mismatch. A shock that is off keeps neutral values (nothing reads
// them), and `only_econ` leaves the growth of other groups at the global draw.
TEST(DrawParams, FollowTheDocumentedOrderOfUniformsWhetherShocksAreOnOrOff) {
  const auto m = compile_text(R"(
[[baseline.growth_by]]
economies = ["CHN"]
growth = { pert = [0.1, 0.3, 0.9] }
[[baseline.growth_by]]
economies = ["DEU", "FRA"]
growth = { uniform = [0.2, 0.4] }
[[shocks]]
kind = "export_control"
probability = 0.5
start = { uniform = [2025, 2026] }
designers = ["USA"]
[[shocks.tiers]]
economies = ["DEU"]
cap_h100e_per_year = { pert = [100, 400, 900] }
[[shocks.tiers]]
economies = ["KEN"]
cap_h100e_per_year = { uniform = [10, 50] }
[[shocks]]
kind = "foundry_disruption"
probability = 0.3
start = { uniform = [2025, 2026] }
duration = { lognormal90 = [0.5, 2] }
locations = ["TWN"]
loss = { pert = [0.2, 0.5, 1.0] }
)");
  using D = core::Distribution;
  const D growth_chn = D::pert(0.1, 0.3, 0.9), growth_eu = D::uniform(0.2, 0.4);
  const D cap_deu = D::pert(100, 400, 900), cap_ken = D::uniform(10, 50);
  const D duration = D::lognormal90(0.5, 2), loss = D::pert(0.2, 0.5, 1.0);
  const int chn = tiny_engine().dataset().find_economy("CHN");
  const int deu = tiny_engine().dataset().find_economy("DEU");
  const int usa = tiny_engine().dataset().find_economy("USA");
  int seen_on = 0, seen_off = 0;
  for (uint64_t d = 0; d < 400; ++d) {
    core::Stream ref(3, d);
    ref.uniform();  // global growth (fixed at 0.5)
    ref.uniform();  // retirement (fixed at 0.2)
    const double u_chn = ref.uniform(), u_eu = ref.uniform();
    struct Want {
      bool on;
      int start;
      double end, param;
      std::vector<double> caps;
    } want[2];
    // Export control: probability (fixed 0.5), on, start, duration (none), cap per tier.
    ref.uniform();
    want[0].on = ref.uniform() < 0.5;
    const double s0 = ref.uniform();
    ref.uniform();
    ref.uniform();
    const double c0 = ref.uniform(), c1 = ref.uniform();
    want[0].start = s0 < 0.5 ? 2025 : 2026;
    want[0].end = 1e9;
    want[0].param = 0;
    want[0].caps = {cap_deu.quantile(c0), cap_ken.quantile(c1)};
    // Foundry disruption: probability (fixed 0.3), on, start, duration, loss.
    ref.uniform();
    want[1].on = ref.uniform() < 0.3;
    const double s1 = ref.uniform(), du = ref.uniform(), lo = ref.uniform();
    want[1].start = s1 < 0.5 ? 2025 : 2026;
    want[1].end = want[1].start + duration.quantile(du);
    want[1].param = loss.quantile(lo);
    const double next = ref.uniform();

    // Also with the growth and retirement quantiles deferred (the optimiser's exposure computes
    // them in some draws only): the same uniforms consumed, the same values once computed.
    for (const auto& [only, deferred] :
         {std::pair{-1, false}, {usa, false}, {-1, true}, {usa, true}}) {
      core::Stream s(3, d);
      scenario::DrawParams p;
      scenario::draw_params(m, s, p, only, !deferred);
      EXPECT_EQ(s.uniform(), next) << "draw " << d << ": uniforms consumed differ";
      if (deferred) {
        EXPECT_TRUE(p.growth.empty());
        scenario::draw_dynamics(m, p, only);
      }
      EXPECT_EQ(p.growth[usa], 0.5);
      EXPECT_EQ(p.growth[chn], only < 0 ? growth_chn.quantile(u_chn) : 0.5);
      EXPECT_EQ(p.growth[deu], only < 0 ? growth_eu.quantile(u_eu) : 0.5);
      ASSERT_EQ(p.shocks.size(), 2u);
      bool any = false;
      for (int k = 0; k < 2; ++k) {
        const auto& got = p.shocks[k];
        EXPECT_EQ(got.on, want[k].on);
        any = any || got.on;
        if (got.on) {
          EXPECT_EQ(got.start, want[k].start);
          EXPECT_EQ(got.end, want[k].end);
          EXPECT_EQ(got.param, want[k].param);
          if (k == 0) {
            EXPECT_EQ(got.caps, want[k].caps);
          }
        } else {
          EXPECT_EQ(got.start, 0);
          EXPECT_EQ(got.end, 1e9);
          EXPECT_EQ(got.param, 0);
          for (double c : got.caps) EXPECT_EQ(c, 0);
        }
      }
      EXPECT_EQ(p.any_on, any);
    }
    (want[0].on ? seen_on : seen_off)++;
  }
  EXPECT_GT(seen_on, 100);  // both branches exercised
  EXPECT_GT(seen_off, 100);
  {
    // With only_econ = CHN, CHN's group is drawn and the others are not.
    core::Stream s(3, 0), t(3, 0);
    scenario::DrawParams a, b;
    scenario::draw_params(m, s, a);
    scenario::draw_params(m, t, b, chn);
    EXPECT_EQ(a.growth[chn], b.growth[chn]);
    EXPECT_EQ(b.growth[deu], 0.5);
  }
}

TEST(Stats, SummaryOfAKnownSample) {
  std::vector<double> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i);
  const auto s = core::summarise(v);
  EXPECT_DOUBLE_EQ(s.mean, 50.5);
  EXPECT_NEAR(s.sd, 29.011491975882016, 1e-12);
  EXPECT_NEAR(s.se, 2.9011491975882016, 1e-12);
  EXPECT_DOUBLE_EQ(s.p5, 5.95);  // type 7: 1 + 0.05·99
  EXPECT_DOUBLE_EQ(s.p50, 50.5);
  EXPECT_DOUBLE_EQ(s.p95, 95.05);
  EXPECT_DOUBLE_EQ(s.es5, 3);  // mean of 1..5
  EXPECT_DOUBLE_EQ(core::share_above(v, 90), 0.1);
}

}  // namespace
}  // namespace aisov::test

namespace aisov::test {
namespace {
// The radix selection against a full sort: exact order statistics (type 7 quantiles, min, max)
// and ES5 = the mean of the lowest ⌈5 %⌉ sorted values, on samples with ties, negative values,
// signed zeros and ranges from 1e-300 to 1e300; a float sample gives what its widened copy
// gives.
RC_GTEST_PROP(Stats, SummariseMatchesASortedReference, ()) {
  const auto size = static_cast<size_t>(*rc::gen::inRange(1, 20000));  // past the sort cutoff
  const auto picks = *rc::gen::container<std::vector<int>>(size, rc::gen::inRange(0, 4000));
  const int scale = *rc::gen::inRange(0, 4);
  std::vector<double> v;
  for (int p : picks) {
    const double x = scale == 0   ? p % 7                        // many ties
                     : scale == 1 ? (p - 2000) * 1e-3            // signs, zeros
                     : scale == 2 ? std::ldexp(1.0 + p, p % 40)  // wide range
                                  : (p % 2 ? 1e300 : -1e-300) * (p % 5);
    v.push_back(x == 0 && p % 3 == 0 ? -0.0 : x);
  }
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  const auto s = core::summarise(v);
  RC_ASSERT(s.min == sorted.front());
  RC_ASSERT(s.max == sorted.back());
  for (auto [p, got] : {std::pair{0.05, s.p5}, {0.5, s.p50}, {0.95, s.p95}}) {
    const double want = core::sorted_quantile(sorted, p);
    RC_ASSERT(got == want || std::fabs(got - want) <= 1e-12 * std::fabs(want));
  }
  const size_t tail =
      std::max<size_t>(1, static_cast<size_t>(std::ceil(0.05 * static_cast<double>(v.size()))));
  long double es = 0;
  for (size_t i = 0; i < tail; ++i) es += sorted[i];
  es /= static_cast<long double>(tail);
  RC_ASSERT(std::fabs(s.es5 - static_cast<double>(es)) <=
            1e-12 * std::max(1.0, std::fabs(static_cast<double>(es))));
  if (scale < 2) {  // values that floats hold exactly
    std::vector<float> f;
    std::vector<double> widened;
    for (double x : v) {
      f.push_back(static_cast<float>(x));
      widened.push_back(static_cast<float>(x));
    }
    const auto a = core::summarise(f), b = core::summarise(widened);
    RC_ASSERT(a.mean == b.mean);
    RC_ASSERT(a.sd == b.sd);
    RC_ASSERT(a.p5 == b.p5);
    RC_ASSERT(a.p50 == b.p50);
    RC_ASSERT(a.p95 == b.p95);
    RC_ASSERT(a.es5 == b.es5);
  }
}

RC_GTEST_PROP(Stats, SummariseCommonMatchesSummarise, ()) {
  const auto size = static_cast<size_t>(*rc::gen::inRange(1, 5000));
  const auto picks = *rc::gen::container<std::vector<int>>(size, rc::gen::inRange(0, 20));
  std::vector<double> a;
  for (int p : picks) a.push_back(p % 4 == 0 ? 7.0 : p * 0.5);
  auto b = a;
  const auto s = core::summarise(a);
  const auto t = core::summarise_common(b, 7.0);
  // `common` only changes how the order statistics are found: bit-identical results.
  RC_ASSERT(s.mean == t.mean);
  RC_ASSERT(s.sd == t.sd);
  RC_ASSERT(s.p5 == t.p5);
  RC_ASSERT(s.p50 == t.p50);
  RC_ASSERT(s.p95 == t.p95);
  RC_ASSERT(s.es5 == t.es5);
  RC_ASSERT(s.min == t.min);
  RC_ASSERT(s.max == t.max);
}

// The documented sum (methodology §12.5): Kahan–Babuška–Neumaier compensation in draw order over
// four lanes (value i in lane i mod 4), lanes added in lane order — written here the textbook
// way (Neumaier's branch, one value at a time), independently of the vectorised code.
struct NeumaierSum {
  double s = 0, c = 0;
  void add(double x) {
    const double t = s + x;
    if (std::fabs(s) >= std::fabs(x))
      c += (s - t) + x;
    else
      c += (x - t) + s;
    s = t;
  }
};
template <class T, class F>
double four_lane_sum(const std::vector<T>& v, F f) {
  NeumaierSum lane[4], total;
  for (size_t i = 0; i < v.size(); ++i) lane[i % 4].add(f(static_cast<double>(v[i])));
  for (const auto& l : lane) {
    total.add(l.s);
    total.add(l.c);
  }
  return total.s + total.c;
}

RC_GTEST_PROP(Stats, MeanAndSdAreTheDocumentedFourLaneSums, ()) {
  const auto size = static_cast<size_t>(*rc::gen::inRange(2, 3000));
  const auto mant =
      *rc::gen::container<std::vector<int>>(size, rc::gen::inRange(-1000000, 1000000));
  const auto expo = *rc::gen::container<std::vector<int>>(size, rc::gen::inRange(-30, 30));
  std::vector<double> v;
  std::vector<float> f;
  for (size_t i = 0; i < size; ++i) {
    v.push_back(std::ldexp(mant[i] * 1.000001, expo[i]));  // wide magnitudes: cancellation
    f.push_back(static_cast<float>(v.back()));
  }
  const auto n = static_cast<double>(size);
  auto check = [&](const auto& x) {
    const double mean = four_lane_sum(x, [](double y) { return y; }) / n;
    RC_ASSERT(core::mean(x) == mean);
    const auto s = core::summarise(x);
    if (s.min == s.max) return;
    RC_ASSERT(s.mean == mean);
    const double ss = four_lane_sum(x, [mean](double y) { return (y - mean) * (y - mean); });
    RC_ASSERT(s.sd == std::sqrt(std::max(0.0, ss) / (n - 1)));
  };
  check(v);
  check(f);
}

RC_GTEST_PROP(Stats, ReusedScratchGivesTheSameSummaries, ()) {
  // One scratch carried across samples of different sizes and common values (as a thread does
  // across series) gives the same bits as a fresh one for each.
  core::StatScratch scratch;
  for (int round = 0; round < 4; ++round) {
    const auto size = static_cast<size_t>(*rc::gen::inRange(1, 4000));
    const auto picks = *rc::gen::container<std::vector<int>>(size, rc::gen::inRange(0, 50));
    std::vector<float> x;
    std::vector<double> y;
    for (int p : picks) {
      x.push_back(p % 3 == 0 ? 1.0F : static_cast<float>(p) * 0.37F);
      y.push_back(p % 3 == 0 ? 1.0 : p * 0.37);
    }
    const core::Summary got[4] = {core::summarise(x), core::summarise(x, scratch),
                                  core::summarise_common(y, 1.0),
                                  core::summarise_common(y, 1.0, scratch)};
    for (int k = 0; k < 4; k += 2) {
      const auto &u = got[k], &w = got[k + 1];
      RC_ASSERT(u.mean == w.mean);
      RC_ASSERT(u.sd == w.sd);
      RC_ASSERT(u.p5 == w.p5);
      RC_ASSERT(u.p50 == w.p50);
      RC_ASSERT(u.p95 == w.p95);
      RC_ASSERT(u.es5 == w.es5);
      RC_ASSERT(u.min == w.min);
      RC_ASSERT(u.max == w.max);
    }
  }
}
}  // namespace
}  // namespace aisov::test
