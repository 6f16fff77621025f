#pragma once
// A small LP/MILP model builder and the solver-backend interface (docs/methodology.md §14).
// Solver types never leave src/solver/coin_backend.cpp. Thread-safety: an LpModel is a plain
// value; a SolverBackend is stateless and may be shared between threads.
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace aisov::solver {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

enum class Sense : int { kMinimise = 0, kMaximise = 1 };

struct Column {
  std::string name;
  double lb = 0, ub = kInf, obj = 0;
  bool integer = false;
};

/// lb ≤ Σ val[k]·x[idx[k]] ≤ ub (lb = ub for an equality; −∞ / +∞ for one-sided rows).
/// A `lazy` row is one of many of which few are expected to bind (the CVaR tail rows): a backend
/// may leave it out of an LP until a solution violates it (row generation). The program, its
/// optimum and its duals are the same; a row left out has dual 0.
struct Row {
  std::string name;
  double lb = -kInf, ub = kInf;
  std::vector<int> idx;
  std::vector<double> val;
  bool lazy = false;
};

/// A linear (mixed-integer) program: max or min c·x subject to row and column bounds.
class LpModel {
 public:
  Sense sense = Sense::kMinimise;
  std::vector<Column> columns;
  std::vector<Row> rows;

  int add_column(std::string name, double lb, double ub, double obj, bool integer = false) {
    columns.push_back({std::move(name), lb, ub, obj, integer});
    return static_cast<int>(columns.size()) - 1;
  }
  int add_row(std::string name, double lb, double ub,
              const std::vector<std::pair<int, double>>& terms) {
    Row r{std::move(name), lb, ub, {}, {}, false};
    for (const auto& [i, v] : terms) {
      if (v == 0) continue;
      r.idx.push_back(i);
      r.val.push_back(v);
    }
    rows.push_back(std::move(r));
    return static_cast<int>(rows.size()) - 1;
  }
  bool has_integers() const {
    for (const auto& c : columns)
      if (c.integer) return true;
    return false;
  }
  /// Σ val·x of a row at a point.
  double activity(int row, const std::vector<double>& x) const;
};

/// The model's status, kept apart from whether the solver call itself worked.
enum class ModelStatus : int {
  kOptimal = 0,
  kInfeasible = 1,
  kUnbounded = 2,
  kTimeLimit = 3,  ///< stopped at the time limit; `has_solution` says if an incumbent exists
  kNotSolved = 4,  ///< the call failed before a status was known
};

const char* status_name(ModelStatus s);

struct SolveOptions {
  double time_limit_s = 60;
  double relative_gap = 1e-9;  ///< MILP: stop when (|best − bound|) / max(1, |best|) ≤ this
};

/// What a solve produced. `call_ok` false means the backend failed (exception, bad model); the
/// model status is then kNotSolved.
struct Solution {
  bool call_ok = false;
  std::string call_message;
  std::string backend;
  ModelStatus status = ModelStatus::kNotSolved;
  bool has_solution = false;
  double objective = 0;
  double best_bound = 0;  ///< MILP: best bound on the optimum; LP: = objective
  double gap = 0;         ///< |objective − best_bound| / max(1, |objective|)
  std::vector<double> x;
  std::vector<double> activity;  ///< per row
  /// Per row: change of the optimal objective per unit increase of the row's binding bound
  /// (in the model's own sense). For a MILP, from the LP with the integers fixed at the optimum.
  std::vector<double> duals;
  long nodes = 0, iterations = 0;
  int rounds = 0;  ///< LP re-solves after taking in violated lazy rows
};

/// A solver backend. Implementations must be deterministic for a given model.
class SolverBackend {
 public:
  virtual ~SolverBackend() = default;
  virtual std::string name() const = 0;
  virtual Solution solve(const LpModel& model, const SolveOptions& options) const = 0;
};

/// COIN-OR: Clp for LPs, Cbc (over OsiClp) for MILPs.
std::unique_ptr<SolverBackend> make_coin_backend();

/// Names of the rows that cannot all hold: the elastic program (each row gets non-negative
/// violation variables; minimise their sum) is solved and every row with a positive violation is
/// returned with its amount, as "name (short by X)". Empty when the elastic optimum is zero.
std::vector<std::string> explain_infeasible(const SolverBackend& backend, const LpModel& model,
                                            const SolveOptions& options);

/// Rows whose activity is at a finite bound (within a tolerance) at x.
std::vector<int> binding_rows(const LpModel& model, const std::vector<double>& x);

/// The model as free-format MPS (`NAME name FREE`), always a minimisation: a maximisation is
/// written with its objective negated (and a `*` comment line saying so), since glpsol has no
/// OBJSENSE section. Integer markers; RANGES for two-sided rows; bounds UP/LO/FX/FR/MI/PL as
/// needed.
std::string to_mps(const LpModel& model, const std::string& name);

}  // namespace aisov::solver
