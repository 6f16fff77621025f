// The COIN-OR backend: Clp solves LPs (and every MILP's relaxation first, which tells
// infeasible and unbounded models apart cleanly); Cbc solves MILPs over an OsiClp copy.
// COIN-OR types stay in this file.
#include <CbcModel.hpp>
#include <ClpSolve.hpp>
#include <CoinMessageHandler.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include <chrono>
#include <cmath>
#include <exception>

#include "solver/model.hpp"

namespace aisov::solver {

namespace {

// COIN-OR's infinity.
double coin(double v) { return std::isfinite(v) ? v : (v > 0 ? COIN_DBL_MAX : -COIN_DBL_MAX); }

// Loads the model as a minimisation (a maximisation's objective is negated). The matrix is
// assembled in one pass from arrays sized up front (appending row by row reallocates the whole
// matrix per row: quadratic in the number of rows).
void load(OsiClpSolverInterface& si, const LpModel& m) {
  const double sign = m.sense == Sense::kMaximise ? -1 : 1;
  const int nc = static_cast<int>(m.columns.size());
  const int nr = static_cast<int>(m.rows.size());
  // The model keeps rows; Clp works on columns. Transpose here in one counting pass (rows are
  // visited in order, so each column's entries come out by ascending row), which is cheaper than
  // handing Clp a row-ordered matrix to reverse.
  std::vector<CoinBigIndex> starts(static_cast<size_t>(nc) + 1, 0);
  std::vector<double> rlb(nr), rub(nr);
  for (int i = 0; i < nr; ++i) {
    const auto& r = m.rows[i];
    for (int j : r.idx) ++starts[static_cast<size_t>(j) + 1];
    rlb[i] = coin(r.lb);
    rub[i] = coin(r.ub);
  }
  for (int j = 0; j < nc; ++j) starts[j + 1] += starts[j];
  const auto nnz = static_cast<size_t>(starts[nc]);
  std::vector<int> indices(nnz);
  std::vector<double> values(nnz);
  std::vector<CoinBigIndex> next(starts.begin(), starts.end() - 1);
  for (int i = 0; i < nr; ++i) {
    const auto& r = m.rows[i];
    for (size_t k = 0; k < r.idx.size(); ++k) {
      const auto at = static_cast<size_t>(next[r.idx[k]]++);
      indices[at] = i;
      values[at] = r.val[k];
    }
  }
  std::vector<double> clb(nc), cub(nc), obj(nc);
  for (int j = 0; j < nc; ++j) {
    const auto& c = m.columns[j];
    clb[j] = coin(c.lb);
    cub[j] = coin(c.ub);
    obj[j] = sign * c.obj;
  }
  si.loadProblem(nc, nr, starts.data(), indices.data(), values.data(), clb.data(), cub.data(),
                 obj.data(), rlb.data(), rub.data());
  for (int j = 0; j < nc; ++j)
    if (m.columns[j].integer) si.setInteger(j);
  si.setObjSense(1);
  si.messageHandler()->setLogLevel(0);
}

void fill_point(const LpModel& m, const double* x, Solution& s) {
  s.x.assign(x, x + m.columns.size());
  for (size_t j = 0; j < m.columns.size(); ++j)
    if (m.columns[j].integer) s.x[j] = std::round(s.x[j]);
  s.objective = 0;
  for (size_t j = 0; j < m.columns.size(); ++j) s.objective += m.columns[j].obj * s.x[j];
  s.activity.resize(m.rows.size());
  for (size_t i = 0; i < m.rows.size(); ++i) s.activity[i] = m.activity(static_cast<int>(i), s.x);
  s.has_solution = true;
}

void fill_duals(const LpModel& m, const OsiClpSolverInterface& si, Solution& s) {
  const double sign = m.sense == Sense::kMaximise ? -1 : 1;
  const double* y = si.getRowPrice();
  s.duals.assign(m.rows.size(), 0);
  for (size_t i = 0; i < m.rows.size(); ++i) s.duals[i] = y ? sign * y[i] : 0;
}

class CoinBackend final : public SolverBackend {
 public:
  std::string name() const override { return "coin-or clp/cbc"; }

  Solution solve(const LpModel& m, const SolveOptions& o) const override {
    Solution s;
    s.backend = name();
    try {
      solve_impl(m, o, s);
    } catch (const CoinError& e) {
      s = Solution{};
      s.backend = name();
      s.call_message =
          "COIN-OR error in " + e.className() + "::" + e.methodName() + ": " + e.message();
    } catch (const std::exception& e) {
      s = Solution{};
      s.backend = name();
      s.call_message = std::string("solver failure: ") + e.what();
    }
    return s;
  }

 private:
  static void solve_impl(const LpModel& m, const SolveOptions& o, Solution& s) {
    const auto t0 = std::chrono::steady_clock::now();
    OsiClpSolverInterface si;
    load(si, m);
    si.getModelPtr()->setMaximumSeconds(o.time_limit_s);
    // Clp's presolve finds nothing to remove in the models aisov builds (every row and column is
    // generated with a purpose) and cost about 8 % of the solve: the optimiser's 10,000-draw CVaR
    // LP, median of 7 runs, 0.114 s without it and 0.123 s with it, the same optimum
    // (bench/optimise-bench.md). The dual simplex is Clp's default either way.
    ClpSolve how;
    how.setSolveType(ClpSolve::useDual);
    how.setPresolveType(ClpSolve::presolveOff);
    si.setSolveOptions(how);
    si.initialSolve();
    s.iterations = si.getIterationCount();
    s.call_ok = true;
    if (si.isProvenPrimalInfeasible()) {
      s.status = ModelStatus::kInfeasible;
      return;
    }
    if (si.isProvenDualInfeasible()) {
      s.status = ModelStatus::kUnbounded;
      return;
    }
    if (!si.isProvenOptimal()) {
      if (si.isIterationLimitReached() || si.getModelPtr()->hitMaximumIterations()) {
        s.status = ModelStatus::kTimeLimit;
        return;
      }
      s.call_ok = false;
      s.call_message = "Clp stopped with status " + std::to_string(si.getModelPtr()->status());
      return;
    }
    if (!m.has_integers()) {
      fill_point(m, si.getColSolution(), s);
      fill_duals(m, si, s);
      s.best_bound = s.objective;
      s.status = ModelStatus::kOptimal;
      return;
    }
    const double used =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CbcModel cbc(si);
    cbc.setLogLevel(0);
    cbc.messageHandler()->setLogLevel(0);
    cbc.solver()->messageHandler()->setLogLevel(0);
    cbc.setMaximumSeconds(std::max(0.01, o.time_limit_s - used));
    cbc.setAllowableFractionGap(o.relative_gap);
    cbc.setAllowableGap(1e-9);
    cbc.branchAndBound();
    s.nodes = cbc.getNodeCount();
    s.iterations += cbc.getIterationCount();
    const double sign = m.sense == Sense::kMaximise ? -1 : 1;
    if (cbc.isProvenInfeasible()) {
      s.status = ModelStatus::kInfeasible;
      return;
    }
    if (cbc.isContinuousUnbounded()) {
      s.status = ModelStatus::kUnbounded;
      return;
    }
    const double* best = cbc.bestSolution();
    if (best) fill_point(m, best, s);
    s.best_bound = sign * cbc.getBestPossibleObjValue();
    if (cbc.isProvenOptimal()) {
      s.status = ModelStatus::kOptimal;
    } else if (cbc.isSecondsLimitReached() || cbc.status() == 1) {
      s.status = ModelStatus::kTimeLimit;
    } else {
      s.call_ok = false;
      s.call_message = "Cbc stopped with status " + std::to_string(cbc.status()) + "/" +
                       std::to_string(cbc.secondaryStatus());
      return;
    }
    if (!s.has_solution) return;
    if (s.status == ModelStatus::kOptimal) s.best_bound = s.objective;
    s.gap = std::abs(s.objective - s.best_bound) / std::max(1.0, std::abs(s.objective));
    // Shadow prices of the MILP: the LP with every integer fixed at its optimal value.
    OsiClpSolverInterface fixed;
    load(fixed, m);
    for (size_t j = 0; j < m.columns.size(); ++j) {
      if (!m.columns[j].integer) continue;
      fixed.setColBounds(static_cast<int>(j), s.x[j], s.x[j]);
      fixed.setContinuous(static_cast<int>(j));
    }
    fixed.initialSolve();
    if (fixed.isProvenOptimal()) fill_duals(m, fixed, s);
  }
};

}  // namespace

std::unique_ptr<SolverBackend> make_coin_backend() { return std::make_unique<CoinBackend>(); }

}  // namespace aisov::solver
