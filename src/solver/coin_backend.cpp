// The COIN-OR backend: Clp solves LPs (and every MILP's relaxation first, which tells
// infeasible and unbounded models apart cleanly); Cbc solves MILPs over an OsiClp copy.
// COIN-OR types stay in this file.
#include <CbcModel.hpp>
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

// Loads the model as a minimisation (a maximisation's objective is negated).
void load(OsiClpSolverInterface& si, const LpModel& m) {
  const double sign = m.sense == Sense::kMaximise ? -1 : 1;
  const int nc = static_cast<int>(m.columns.size());
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, nc);
  std::vector<double> rlb, rub;
  for (const auto& r : m.rows) {
    matrix.appendRow(static_cast<int>(r.idx.size()), r.idx.data(), r.val.data());
    rlb.push_back(coin(r.lb));
    rub.push_back(coin(r.ub));
  }
  std::vector<double> clb, cub, obj;
  for (const auto& c : m.columns) {
    clb.push_back(coin(c.lb));
    cub.push_back(coin(c.ub));
    obj.push_back(sign * c.obj);
  }
  si.loadProblem(matrix, clb.data(), cub.data(), obj.data(), rlb.data(), rub.data());
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
