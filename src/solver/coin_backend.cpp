// The COIN-OR backend: Clp solves LPs (and every MILP's relaxation first, which tells
// infeasible and unbounded models apart cleanly); Cbc solves MILPs over an OsiClp copy.
// COIN-OR types stay in this file.
#include <CbcModel.hpp>
#include <ClpSolve.hpp>
#include <CoinMessageHandler.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <iterator>
#include <memory>

#include "solver/model.hpp"

namespace aisov::solver {

namespace {

// Row generation (lazy rows): a row is taken in when violated by more than this, relative to the
// size of its terms (Clp's own primal tolerance is 1e-7); round r takes in at most
// kLazyBatch × 2^r of the most violated rows. IDN's 10,000-draw CVaR LP: 4,326 tail rows, of
// which about 600 bind at the optimum; 2–3 rounds (bench/optimise-bench.md).
constexpr double kLazyTolerance = 1e-9;
constexpr size_t kLazyBatch = 256;

// COIN-OR's infinity.
double coin(double v) { return std::isfinite(v) ? v : (v > 0 ? COIN_DBL_MAX : -COIN_DBL_MAX); }

// Loads the model as a minimisation (a maximisation's objective is negated), with the rows
// `rows` (model row indices) in that order. The matrix is assembled in one pass from
// arrays sized up front (appending row by row reallocates the whole matrix per row: quadratic in
// the number of rows).
void load(OsiClpSolverInterface& si, const LpModel& m, const std::vector<int>& rows) {
  const double sign = m.sense == Sense::kMaximise ? -1 : 1;
  const int nc = static_cast<int>(m.columns.size());
  const int nr = static_cast<int>(rows.size());
  // The model keeps rows; Clp works on columns. Transpose here in one counting pass (rows are
  // visited in order, so each column's entries come out by ascending row), which is cheaper than
  // handing Clp a row-ordered matrix to reverse.
  std::vector<CoinBigIndex> starts(static_cast<size_t>(nc) + 1, 0);
  std::vector<double> rlb(nr), rub(nr);
  for (int i = 0; i < nr; ++i) {
    const auto& r = m.rows[rows[i]];
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
    const auto& r = m.rows[rows[i]];
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

// Appends model rows to the solver (row-ordered, in the order given).
void add_rows(OsiClpSolverInterface& si, const LpModel& m, const std::vector<int>& rows) {
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> idx;
  std::vector<double> val, lb, ub;
  for (int r : rows) {
    const Row& row = m.rows[r];
    idx.insert(idx.end(), row.idx.begin(), row.idx.end());
    val.insert(val.end(), row.val.begin(), row.val.end());
    starts.push_back(static_cast<CoinBigIndex>(idx.size()));
    lb.push_back(coin(row.lb));
    ub.push_back(coin(row.ub));
  }
  si.addRows(static_cast<int>(rows.size()), starts.data(), idx.data(), val.data(), lb.data(),
             ub.data());
}

// How far a row is outside its bounds at x (0 when it holds), relative to the size of its terms
// (so that a row of large coefficients is not judged more strictly than the solver judges it).
double violation(const Row& r, const double* x) {
  double a = 0, size = 1;
  for (size_t k = 0; k < r.idx.size(); ++k) {
    const double t = r.val[k] * x[r.idx[k]];
    a += t;
    size += std::abs(t);
  }
  const double v = std::max(r.lb - a, a - r.ub);
  return v > 0 ? v / size : 0;
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

// Row duals in the model's sense; `rows` names the model row of each solver row (a model row
// the solver never had has dual 0).
void fill_duals(const LpModel& m, const OsiClpSolverInterface& si, const std::vector<int>& rows,
                Solution& s) {
  const double sign = m.sense == Sense::kMaximise ? -1 : 1;
  const double* y = si.getRowPrice();
  s.duals.assign(m.rows.size(), 0);
  for (size_t i = 0; i < rows.size(); ++i) s.duals[rows[i]] = y ? sign * y[i] : 0;
}

// The model rows a solver holds (`loaded`, in solver row order) and the lazy rows it does not
// hold yet (`waiting`, ascending).
struct Rows {
  std::vector<int> loaded, waiting;
};

// The waiting rows that x violates, the most violated first, at most `limit`; returned ascending.
std::vector<int> violated(const LpModel& m, const std::vector<int>& waiting, const double* x,
                          size_t limit) {
  std::vector<std::pair<double, int>> viol;
  for (int r : waiting) {
    const double v = violation(m.rows[r], x);
    if (v > kLazyTolerance) viol.push_back({-v, r});
  }
  const size_t k = std::min(viol.size(), limit);
  std::partial_sort(viol.begin(), viol.begin() + static_cast<std::ptrdiff_t>(k), viol.end());
  std::vector<int> add;
  for (size_t i = 0; i < k; ++i) add.push_back(viol[i].second);
  std::sort(add.begin(), add.end());
  return add;
}

// Moves `add` (ascending, all waiting) into the solver.
void take_in(OsiClpSolverInterface& si, const LpModel& m, Rows& r, const std::vector<int>& add) {
  std::vector<int> rest;
  std::set_difference(r.waiting.begin(), r.waiting.end(), add.begin(), add.end(),
                      std::back_inserter(rest));
  r.waiting.swap(rest);
  add_rows(si, m, add);
  r.loaded.insert(r.loaded.end(), add.begin(), add.end());
}

// Row generation on a solved LP: while its solution violates waiting rows, takes in the most
// violated (a batch that doubles each round: a solution that ignores the CVaR tail violates most
// tail rows, of which only the worst will bind) and re-solves from the previous basis. Unbounded
// without them, it takes in all. Stops when none is violated, or the LP is infeasible (with
// more rows it stays so) or stopped. Returns the rounds; adds the re-solves' iterations.
template <class Left>
int generate_rows(OsiClpSolverInterface& si, const LpModel& m, Rows& r, const Left& left,
                  long& iterations) {
  int rounds = 0;
  while (!r.waiting.empty()) {
    std::vector<int> add;
    if (si.isProvenDualInfeasible()) {
      add = r.waiting;
    } else if (si.isProvenOptimal()) {
      add = violated(m, r.waiting, si.getColSolution(), kLazyBatch << std::min(rounds, 20));
      if (add.empty()) break;
    } else {
      break;
    }
    take_in(si, m, r, add);
    si.getModelPtr()->setMaximumSeconds(left());
    si.resolve();
    iterations += si.getIterationCount();
    ++rounds;
  }
  return rounds;
}

// A clock started now: the seconds left of `limit` (at least 0.01, so that a solver is never
// handed a limit of zero).
auto time_left(double limit) {
  const auto t0 = std::chrono::steady_clock::now();
  return [t0, limit] {
    const double used =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::max(0.01, limit - used);
  };
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
    const auto left = time_left(o.time_limit_s);
    // The program starts without its lazy rows and takes them in as its solutions violate them
    // (row generation, docs/methodology.md §14.5).
    Rows r;
    for (int i = 0; i < static_cast<int>(m.rows.size()); ++i)
      (m.rows[i].lazy ? r.waiting : r.loaded).push_back(i);
    OsiClpSolverInterface si;
    load(si, m, r.loaded);
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
    s.rounds = generate_rows(si, m, r, left, s.iterations);
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
      fill_duals(m, si, r.loaded, s);
      s.best_bound = s.objective;
      s.status = ModelStatus::kOptimal;
      return;
    }
    // Branch and bound on the rows taken in so far; while its optimum violates a lazy row, take
    // in every violated one and branch again. The loaded program is a relaxation of the whole,
    // so its bound holds for the whole, and an optimum that violates no lazy row is optimal.
    std::unique_ptr<CbcModel> cbc;
    for (;;) {
      cbc = std::make_unique<CbcModel>(si);
      cbc->setLogLevel(0);
      cbc->messageHandler()->setLogLevel(0);
      cbc->solver()->messageHandler()->setLogLevel(0);
      cbc->setMaximumSeconds(left());
      cbc->setAllowableFractionGap(o.relative_gap);
      cbc->setAllowableGap(1e-9);
      cbc->branchAndBound();
      s.nodes += cbc->getNodeCount();
      s.iterations += cbc->getIterationCount();
      const double* best = cbc->bestSolution();
      if (!best || !cbc->isProvenOptimal()) break;
      const std::vector<int> add = violated(m, r.waiting, best, r.waiting.size());
      if (add.empty()) break;
      take_in(si, m, r, add);
      si.getModelPtr()->setMaximumSeconds(left());
      si.resolve();
      ++s.rounds;
    }
    const double sign = m.sense == Sense::kMaximise ? -1 : 1;
    if (cbc->isProvenInfeasible()) {
      s.status = ModelStatus::kInfeasible;
      return;
    }
    if (cbc->isContinuousUnbounded()) {
      s.status = ModelStatus::kUnbounded;
      return;
    }
    const double* best = cbc->bestSolution();
    if (best) fill_point(m, best, s);
    s.best_bound = sign * cbc->getBestPossibleObjValue();
    if (cbc->isProvenOptimal()) {
      s.status = ModelStatus::kOptimal;
    } else if (cbc->isSecondsLimitReached() || cbc->status() == 1) {
      s.status = ModelStatus::kTimeLimit;
    } else {
      s.call_ok = false;
      s.call_message = "Cbc stopped with status " + std::to_string(cbc->status()) + "/" +
                       std::to_string(cbc->secondaryStatus());
      return;
    }
    if (!s.has_solution) return;
    // Shadow prices of the MILP: the LP with every integer fixed at its optimal value (with the
    // lazy rows it violates taken in). An incumbent found before the time limit may violate lazy
    // rows: this LP's solution is then the best completion of its integers that holds them all.
    const bool complete = violated(m, r.waiting, s.x.data(), 1).empty();
    OsiClpSolverInterface fixed;
    load(fixed, m, r.loaded);
    for (size_t j = 0; j < m.columns.size(); ++j) {
      if (!m.columns[j].integer) continue;
      fixed.setColBounds(static_cast<int>(j), s.x[j], s.x[j]);
      fixed.setContinuous(static_cast<int>(j));
    }
    // A small LP after the branch and bound: it gets the time limit afresh (before row
    // generation it had no limit), so that a MILP stopped at the limit still gets its prices.
    const auto fixed_left = time_left(o.time_limit_s);
    fixed.getModelPtr()->setMaximumSeconds(o.time_limit_s);
    fixed.initialSolve();
    long fixed_iterations = 0;
    generate_rows(fixed, m, r, fixed_left, fixed_iterations);
    if (fixed.isProvenOptimal()) {
      fill_duals(m, fixed, r.loaded, s);
      if (!complete) fill_point(m, fixed.getColSolution(), s);
    } else if (!complete) {
      s.has_solution = false;  // no completion of the incumbent holds every row
      s.x.clear();
      s.activity.clear();
      return;
    }
    if (s.status == ModelStatus::kOptimal) s.best_bound = s.objective;
    s.gap = std::abs(s.objective - s.best_bound) / std::max(1.0, std::abs(s.objective));
  }
};

}  // namespace

std::unique_ptr<SolverBackend> make_coin_backend() { return std::make_unique<CoinBackend>(); }

}  // namespace aisov::solver
