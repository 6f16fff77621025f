// Small LP/MILP instances whose optima are worked out by hand (vertex enumeration or a short
// integer search written out in the comments).
#include <gtest/gtest.h>
#include <ClpSimplex.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>

#include "solver/model.hpp"

namespace aisov::solver {
namespace {

// max 3x + 2y  s.t.  a: x + y ≤ 4,  b: x + 3y ≤ 9,  c: x ≤ 3,  x, y ≥ 0.
// Vertices: (0,0)=0, (3,0)=9, a∩c (3,1)=11, a∩b (1.5,2.5)=9.5, (0,3)=6.
// Optimum (3,1) = 11 with b slack (6 < 9). Duals: 3 = ya + yc, 2 = ya → ya = 2, yc = 1, yb = 0.
LpModel lp1() {
  LpModel m;
  m.sense = Sense::kMaximise;
  const int x = m.add_column("x", 0, kInf, 3);
  const int y = m.add_column("y", 0, kInf, 2);
  m.add_row("a", -kInf, 4, {{x, 1}, {y, 1}});
  m.add_row("b", -kInf, 9, {{x, 1}, {y, 3}});
  m.add_row("c", -kInf, 3, {{x, 1}});
  return m;
}

TEST(Solver, LpOptimumAndShadowPrices) {
  auto be = make_coin_backend();
  const Solution s = be->solve(lp1(), {});
  ASSERT_TRUE(s.call_ok) << s.call_message;
  EXPECT_EQ(s.status, ModelStatus::kOptimal);
  EXPECT_NEAR(s.objective, 11, 1e-9);
  EXPECT_NEAR(s.x[0], 3, 1e-9);
  EXPECT_NEAR(s.x[1], 1, 1e-9);
  EXPECT_NEAR(s.duals[0], 2, 1e-9);
  EXPECT_NEAR(s.duals[1], 0, 1e-9);
  EXPECT_NEAR(s.duals[2], 1, 1e-9);
  EXPECT_EQ(binding_rows(lp1(), s.x), (std::vector<int>{0, 2}));
  EXPECT_DOUBLE_EQ(s.gap, 0);
}

TEST(Solver, MinimisationShadowPriceSign) {
  // min x + 2y s.t. x + y ≥ 3, x ≤ 1: optimum x=1, y=2 → 5; raising the ≥ bound by 1 costs 2.
  LpModel m;
  const int x = m.add_column("x", 0, kInf, 1);
  const int y = m.add_column("y", 0, kInf, 2);
  m.add_row("need", 3, kInf, {{x, 1}, {y, 1}});
  m.add_row("capx", -kInf, 1, {{x, 1}});
  const Solution s = make_coin_backend()->solve(m, {});
  ASSERT_EQ(s.status, ModelStatus::kOptimal);
  EXPECT_NEAR(s.objective, 5, 1e-9);
  EXPECT_NEAR(s.duals[0], 2, 1e-9);
  EXPECT_NEAR(s.duals[1], -1, 1e-9);  // one more unit of cheap x saves 1
}

// max 5x + 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6, x, y ∈ ℤ≥0. LP optimum (3, 1.5) = 21.
// Integer points near it: (4,0)=20, (3,1)=19, (2,2)=18, (0,3)=12; (3,2), (2,3) violate a row.
TEST(Solver, MilpOptimum) {
  LpModel m;
  m.sense = Sense::kMaximise;
  const int x = m.add_column("x", 0, kInf, 5, true);
  const int y = m.add_column("y", 0, kInf, 4, true);
  m.add_row("r1", -kInf, 24, {{x, 6}, {y, 4}});
  m.add_row("r2", -kInf, 6, {{x, 1}, {y, 2}});
  const Solution s = make_coin_backend()->solve(m, {});
  ASSERT_TRUE(s.call_ok) << s.call_message;
  ASSERT_EQ(s.status, ModelStatus::kOptimal);
  EXPECT_NEAR(s.objective, 20, 1e-9);
  EXPECT_EQ(s.x[0], 4);
  EXPECT_EQ(s.x[1], 0);
  EXPECT_NEAR(s.best_bound, 20, 1e-6);
  EXPECT_NEAR(s.gap, 0, 1e-9);
  // With x, y fixed, r1 is the only binding row; its price is 0 since nothing continuous moves.
  ASSERT_EQ(s.duals.size(), 2u);
}

TEST(Solver, MilpWithContinuousPart) {
  // max 2n + z s.t. 10n + z ≤ 25, z ≤ 4, n ∈ ℤ≥0, z ≥ 0.
  // n=2 → z ≤ 4 → 8; n=1 → z ≤ 4 → 6; n=2 is best with value 8. Fixed LP: z ≤ min(5, 4) → the
  // z ≤ 4 row binds with price 1; the capacity row has slack 1 → price 0.
  LpModel m;
  m.sense = Sense::kMaximise;
  const int n = m.add_column("n", 0, kInf, 2, true);
  const int z = m.add_column("z", 0, kInf, 1);
  m.add_row("cap", -kInf, 25, {{n, 10}, {z, 1}});
  m.add_row("zmax", -kInf, 4, {{z, 1}});
  const Solution s = make_coin_backend()->solve(m, {});
  ASSERT_EQ(s.status, ModelStatus::kOptimal);
  EXPECT_NEAR(s.objective, 8, 1e-9);
  EXPECT_NEAR(s.duals[0], 0, 1e-9);
  EXPECT_NEAR(s.duals[1], 1, 1e-9);
}

TEST(Solver, InfeasibleLpNamesItsConstraints) {
  // x + y ≥ 5 with x ≤ 2 and y ≤ 2: at best 4, so one unit short.
  LpModel m;
  m.sense = Sense::kMaximise;
  const int x = m.add_column("x", 0, kInf, 1);
  const int y = m.add_column("y", 0, kInf, 1);
  m.add_row("demand", 5, kInf, {{x, 1}, {y, 1}});
  m.add_row("xcap", -kInf, 2, {{x, 1}});
  m.add_row("ycap", -kInf, 2, {{y, 1}});
  auto be = make_coin_backend();
  const Solution s = be->solve(m, {});
  ASSERT_TRUE(s.call_ok);
  EXPECT_EQ(s.status, ModelStatus::kInfeasible);
  EXPECT_FALSE(s.has_solution);
  const auto why = explain_infeasible(*be, m, {});
  ASSERT_FALSE(why.empty());
  const std::set<std::string> names = {"demand", "xcap", "ycap"};
  for (const auto& w : why) EXPECT_TRUE(names.count(w.substr(0, w.find(' ')))) << w;
  EXPECT_NE(why[0].find("by 1"), std::string::npos) << why[0];
}

TEST(Solver, InfeasibleMilp) {
  // 2x = 3 has the LP solution x = 1.5 but no integer one.
  LpModel m;
  const int x = m.add_column("x", 0, 10, 1, true);
  m.add_row("odd", 3, 3, {{x, 2}});
  const Solution s = make_coin_backend()->solve(m, {});
  ASSERT_TRUE(s.call_ok);
  EXPECT_EQ(s.status, ModelStatus::kInfeasible);
}

TEST(Solver, UnboundedLpAndMilp) {
  for (bool integer : {false, true}) {
    LpModel m;
    m.sense = Sense::kMaximise;
    const int x = m.add_column("x", 0, kInf, 1, integer);
    const int y = m.add_column("y", 0, kInf, 1);
    m.add_row("diff", -kInf, 1, {{x, 1}, {y, -1}});
    const Solution s = make_coin_backend()->solve(m, {});
    ASSERT_TRUE(s.call_ok);
    EXPECT_EQ(s.status, ModelStatus::kUnbounded) << integer;
  }
}

TEST(Solver, MpsExport) {
  LpModel m = lp1();
  m.columns[1].integer = true;
  m.add_row("band", 1, 5, {{0, 1}, {1, 1}});
  const std::string mps = to_mps(m, "lp one");
  EXPECT_NE(mps.find("NAME lp_one FREE\n"), std::string::npos);
  EXPECT_EQ(mps.find("OBJSENSE"), std::string::npos);  // glpsol has no such section
  EXPECT_NE(mps.find(" L  a\n"), std::string::npos);
  EXPECT_NE(mps.find(" G  band\n"), std::string::npos);
  EXPECT_NE(mps.find("    RNG band 4\n"), std::string::npos);
  EXPECT_NE(mps.find("'INTORG'"), std::string::npos);
  EXPECT_NE(mps.find(" PL BND y\n"), std::string::npos);
  EXPECT_NE(mps.find("    x obj -3\n"), std::string::npos);  // max 3x + 2y as min -3x - 2y
  EXPECT_NE(mps.find("    RHS b 9\n"), std::string::npos);
  EXPECT_EQ(mps.substr(mps.size() - 7), "ENDATA\n");
}

// The export read back by COIN-OR's own MPS reader (CoinMpsIO inside Clp), not by ours: the
// maximisation lp1 comes back as min -3x - 2y, whose optimum is -11 at (3, 1); the two-sided
// row, the integer marker and the bounds keep their meaning.
TEST(Solver, MpsReadBackByCoinMpsIO) {
  LpModel m = lp1();
  m.columns[1].integer = true;
  m.add_row("band", 1, 5, {{0, 1}, {1, 1}});
  const std::string path = testing::TempDir() + "aisov_lp_one.mps";
  {
    std::ofstream f(path);
    f << to_mps(m, "lp one");
  }
  ClpSimplex clp;
  clp.setLogLevel(0);
  ASSERT_EQ(clp.readMps(path.c_str(), true, false), 0);
  ASSERT_EQ(clp.numberColumns(), 2);
  ASSERT_EQ(clp.numberRows(), 4);
  EXPECT_EQ(clp.optimizationDirection(), 1);  // minimise
  EXPECT_DOUBLE_EQ(clp.objective()[0], -3);
  EXPECT_DOUBLE_EQ(clp.objective()[1], -2);
  EXPECT_FALSE(clp.isInteger(0));
  EXPECT_TRUE(clp.isInteger(1));
  EXPECT_DOUBLE_EQ(clp.columnLower()[1], 0);
  EXPECT_GE(clp.columnUpper()[1], 1e30);
  EXPECT_DOUBLE_EQ(clp.rowLower()[3], 1);  // band: 1 <= x + y <= 5
  EXPECT_DOUBLE_EQ(clp.rowUpper()[3], 5);
  EXPECT_LE(clp.rowLower()[0], -1e30);  // a: x + y <= 4
  EXPECT_DOUBLE_EQ(clp.rowUpper()[0], 4);
  clp.primal();
  ASSERT_TRUE(clp.isProvenOptimal());
  EXPECT_NEAR(clp.objectiveValue(), -11, 1e-9);
  EXPECT_NEAR(clp.primalColumnSolution()[0], 3, 1e-9);
  EXPECT_NEAR(clp.primalColumnSolution()[1], 1, 1e-9);
  std::remove(path.c_str());
}

// glpsol (GLPK) reads the export and finds the same optimum: -11 for min -3x - 2y with y
// integer. Skipped where GLPK is not installed (scripts/packages.txt lists glpk-utils).
TEST(Solver, MpsReadByGlpsol) {
  if (std::system("command -v glpsol > /dev/null 2>&1") != 0) GTEST_SKIP() << "no glpsol";
  LpModel m = lp1();
  m.columns[1].integer = true;
  m.add_row("band", 1, 5, {{0, 1}, {1, 1}});
  const std::string path = testing::TempDir() + "aisov_glpsol.mps";
  const std::string out = testing::TempDir() + "aisov_glpsol.txt";
  {
    std::ofstream f(path);
    f << to_mps(m, "lp one");
  }
  const std::string cmd = "glpsol --freemps " + path + " -o " + out + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream f(out);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Status:     INTEGER OPTIMAL"), std::string::npos) << text;
  EXPECT_NE(text.find("Objective:  obj = -11 (MINimum)"), std::string::npos) << text;
  std::remove(path.c_str());
  std::remove(out.c_str());
}

// Mean–CVaR over three assets and N = 2,000 equally likely draws (Rockafellar–Uryasev):
// max r·w − λ(η + Σ u_s / ((1 − α)N)), Σ w = 1, u_s + η − L_s(w) ≥ 0 (the tail rows),
// w, u, η ≥ 0, with losses from a fixed integer sequence; rows 1..N are the tail rows. With
// `lots` > 0 the weights are whole lots: n_j integer in [0, lots], Σ n = lots, w_j = n_j / lots.
constexpr int kDraws = 2000, kAssets = 3;
constexpr double kAlpha = 0.9, kLambda = 1;
constexpr double kReturn[kAssets] = {0.30, 0.22, 0.15}, kScale[kAssets] = {1.6, 1.0, 0.5};

double asset_loss(int s, int j) {  // per unit of w_j, in [0, kScale[j])
  const long q = (static_cast<long>(s) * (7919 + 104 * j) + 31 * j) % 1000;
  return kScale[j] * static_cast<double>(q) / 1000;
}

LpModel mean_cvar(bool lazy, int lots = 0) {
  const double unit = lots > 0 ? 1.0 / lots : 1;  // w per column unit
  LpModel m;
  m.sense = Sense::kMaximise;
  for (int j = 0; j < kAssets; ++j)
    m.add_column("w" + std::to_string(j), 0, lots > 0 ? lots : 1, kReturn[j] * unit, lots > 0);
  const int eta = m.add_column("eta", 0, kInf, -kLambda);
  const double total = lots > 0 ? lots : 1;
  m.add_row("budget", total, total, {{0, 1}, {1, 1}, {2, 1}});
  for (int s = 0; s < kDraws; ++s) {
    const int u =
        m.add_column("u" + std::to_string(s), 0, kInf, -kLambda / ((1 - kAlpha) * kDraws));
    std::vector<std::pair<int, double>> t = {{u, 1}, {eta, 1}};
    for (int j = 0; j < kAssets; ++j) t.push_back({j, -asset_loss(s, j) * unit});
    m.rows[m.add_row("tail" + std::to_string(s), 0, kInf, t)].lazy = lazy;
  }
  return m;
}

// Without its tail rows the LP puts everything in the best-return asset at η = 0, which violates
// most tail rows, so the row generation needs several rounds. Checked against the same program
// with every row loaded, and against the sample CVaR of the optimum's losses: the mean of the
// worst (1 − α)N = 200.
TEST(Solver, LazyRowsGiveTheWholeProgramsOptimum) {
  auto be = make_coin_backend();
  const Solution a = be->solve(mean_cvar(true), {}), b = be->solve(mean_cvar(false), {});
  ASSERT_EQ(a.status, ModelStatus::kOptimal) << a.call_message;
  ASSERT_EQ(b.status, ModelStatus::kOptimal) << b.call_message;
  EXPECT_GE(a.rounds, 2);
  EXPECT_EQ(b.rounds, 0);
  EXPECT_NEAR(a.objective, b.objective, 1e-9 * std::abs(b.objective));
  // A mix: the risk term moves weight away from the best-return asset.
  EXPECT_LT(a.x[0], 0.99);
  EXPECT_NEAR(a.duals[0], b.duals[0], 1e-7);  // the budget's shadow price
  std::vector<double> losses;
  double mean = 0;
  for (int s = 0; s < kDraws; ++s) {
    double l = 0;
    for (int j = 0; j < kAssets; ++j) l += asset_loss(s, j) * a.x[j];
    losses.push_back(l);
    const int row = 1 + s;
    // Every tail row holds at the optimum; one with slack has dual 0 (loaded or not).
    EXPECT_GE(a.activity[row], -1e-9) << s;
    if (a.activity[row] > 1e-6) {
      EXPECT_EQ(a.duals[row], 0) << s;
    }
  }
  for (int j = 0; j < kAssets; ++j) mean += kReturn[j] * a.x[j];
  std::sort(losses.begin(), losses.end(), std::greater<>());
  double cvar = 0;
  for (int s = 0; s < 200; ++s) cvar += losses[s] / 200;
  EXPECT_NEAR(a.objective, mean - kLambda * cvar, 1e-7);
}

// The same program in whole tenths: branch and bound over the tail rows the LP relaxation took
// in gives the whole program's optimum.
TEST(Solver, LazyRowsInAMilp) {
  auto be = make_coin_backend();
  const Solution a = be->solve(mean_cvar(true, 10), {}), b = be->solve(mean_cvar(false, 10), {});
  ASSERT_EQ(a.status, ModelStatus::kOptimal) << a.call_message;
  ASSERT_EQ(b.status, ModelStatus::kOptimal) << b.call_message;
  EXPECT_GE(a.rounds, 2);
  EXPECT_NEAR(a.objective, b.objective, 1e-9 * std::abs(b.objective));
  for (int j = 0; j < kAssets; ++j) EXPECT_EQ(a.x[j], b.x[j]) << j;
  EXPECT_LT(a.x[0], 10);  // a mix
  for (int s = 0; s < kDraws; ++s) EXPECT_GE(a.activity[1 + s], -1e-9) << s;
}

// A lazy row that the LP relaxation's optimum satisfies and the integer optimum without it does
// not: max x + 0.9y, x + y ≤ 1.5, x, y ∈ {0, 1}, lazy L: x − y ≤ 0.5.
// LP relaxation: the vertex (1, 0.5) = 1.45, where L holds (0.5 ≤ 0.5), so L is not taken in.
// Integer points with x + y ≤ 1.5: (0,0) = 0, (1,0) = 1, (0,1) = 0.9; without L the optimum is
// (1, 0), which violates L (1 > 0.5); with L it is (0, 1) = 0.9, the whole program's optimum.
TEST(Solver, LazyRowViolatedOnlyByTheIntegerOptimum) {
  LpModel m;
  m.sense = Sense::kMaximise;
  const int x = m.add_column("x", 0, 1, 1, true);
  const int y = m.add_column("y", 0, 1, 0.9, true);
  m.add_row("a", -kInf, 1.5, {{x, 1}, {y, 1}});
  m.rows[m.add_row("L", -kInf, 0.5, {{x, 1}, {y, -1}})].lazy = true;
  const Solution s = make_coin_backend()->solve(m, {});
  ASSERT_EQ(s.status, ModelStatus::kOptimal) << s.call_message;
  EXPECT_NEAR(s.objective, 0.9, 1e-9);
  EXPECT_EQ(s.x[x], 0);
  EXPECT_EQ(s.x[y], 1);
  EXPECT_EQ(s.rounds, 1);  // one more branch and bound, with L
}

TEST(Solver, Deterministic) {
  auto be = make_coin_backend();
  const Solution a = be->solve(lp1(), {}), b = be->solve(lp1(), {});
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.duals, b.duals);
}

}  // namespace
}  // namespace aisov::solver
