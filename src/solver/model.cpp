#include "solver/model.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace aisov::solver {

namespace {
std::string mps_name(const std::string& s) {
  std::string out = s.empty() ? "_" : s;
  for (char& c : out)
    if (c == ' ' || c == '\t') c = '_';
  return out;
}

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A row is binding when its activity is within this (relative) distance of a finite bound.
bool at(double activity, double bound) {
  return std::isfinite(bound) && std::abs(activity - bound) <= 1e-7 * (1 + std::abs(bound));
}
}  // namespace

double LpModel::activity(int row, const std::vector<double>& x) const {
  const Row& r = rows[row];
  double a = 0;
  for (size_t k = 0; k < r.idx.size(); ++k) a += r.val[k] * x[r.idx[k]];
  return a;
}

const char* status_name(ModelStatus s) {
  switch (s) {
    case ModelStatus::kOptimal:
      return "optimal";
    case ModelStatus::kInfeasible:
      return "infeasible";
    case ModelStatus::kUnbounded:
      return "unbounded";
    case ModelStatus::kTimeLimit:
      return "time-limit";
    case ModelStatus::kNotSolved:
      return "not-solved";
  }
  return "not-solved";
}

std::vector<int> binding_rows(const LpModel& model, const std::vector<double>& x) {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(model.rows.size()); ++i) {
    const double a = model.activity(i, x);
    if (at(a, model.rows[i].lb) || at(a, model.rows[i].ub)) out.push_back(i);
  }
  return out;
}

std::vector<std::string> explain_infeasible(const SolverBackend& backend, const LpModel& model,
                                            const SolveOptions& options) {
  LpModel e;
  e.sense = Sense::kMinimise;
  e.columns = model.columns;
  for (auto& c : e.columns) c.obj = 0;
  e.rows = model.rows;
  std::vector<std::pair<int, int>> viol(model.rows.size(), {-1, -1});
  for (size_t i = 0; i < e.rows.size(); ++i) {
    auto& r = e.rows[i];
    if (std::isfinite(r.lb)) {
      viol[i].first = e.add_column("short_" + r.name, 0, kInf, 1);
      e.rows[i].idx.push_back(viol[i].first);
      e.rows[i].val.push_back(1);
    }
    if (std::isfinite(e.rows[i].ub)) {
      viol[i].second = e.add_column("over_" + e.rows[i].name, 0, kInf, 1);
      e.rows[i].idx.push_back(viol[i].second);
      e.rows[i].val.push_back(-1);
    }
  }
  const Solution s = backend.solve(e, options);
  std::vector<std::string> out;
  if (!s.call_ok || !s.has_solution || s.objective <= 1e-7) return out;
  for (size_t i = 0; i < model.rows.size(); ++i) {
    const double shortv = viol[i].first >= 0 ? s.x[viol[i].first] : 0;
    const double over = viol[i].second >= 0 ? s.x[viol[i].second] : 0;
    if (shortv > 1e-7)
      out.push_back(model.rows[i].name + " (needs at least " + num(model.rows[i].lb) +
                    ", short by " + num(shortv) + ")");
    if (over > 1e-7)
      out.push_back(model.rows[i].name + " (allows at most " + num(model.rows[i].ub) +
                    ", over by " + num(over) + ")");
  }
  return out;
}

std::string to_mps(const LpModel& m, const std::string& name) {
  std::ostringstream o;
  // "FREE" after the name tells COIN-OR's reader (CoinMpsIO) that fields are blank-separated;
  // glpsol --freemps and HiGHS take the rest of the line as the name. No OBJSENSE section
  // (glpsol rejects it): a maximisation is written as the minimisation of the negated
  // objective, and a comment line says so.
  o << "NAME " << mps_name(name) << " FREE\n";
  const double sign = m.sense == Sense::kMaximise ? -1 : 1;
  if (m.sense == Sense::kMaximise)
    o << "* maximisation written as: minimise -(objective); optimum = -(this file's minimum)\n";
  o << "ROWS\n N  obj\n";
  std::vector<char> kind(m.rows.size(), 0);
  for (size_t i = 0; i < m.rows.size(); ++i) {
    const auto& r = m.rows[i];
    const bool lo = std::isfinite(r.lb), hi = std::isfinite(r.ub);
    kind[i] = lo && hi && r.lb == r.ub ? 'E' : lo ? 'G' : hi ? 'L' : 0;
    if (kind[i]) o << " " << kind[i] << "  " << mps_name(r.name) << "\n";
  }
  // Column-major coefficients.
  std::vector<std::vector<std::pair<size_t, double>>> cols(m.columns.size());
  for (size_t i = 0; i < m.rows.size(); ++i) {
    if (!kind[i]) continue;
    for (size_t k = 0; k < m.rows[i].idx.size(); ++k)
      cols[m.rows[i].idx[k]].push_back({i, m.rows[i].val[k]});
  }
  o << "COLUMNS\n";
  bool in_int = false;
  int marker = 0;
  for (size_t j = 0; j < m.columns.size(); ++j) {
    const auto& c = m.columns[j];
    if (c.integer != in_int) {
      o << "    MARKER" << marker++ << " 'MARKER' " << (c.integer ? "'INTORG'" : "'INTEND'")
        << "\n";
      in_int = c.integer;
    }
    const std::string cn = mps_name(c.name);
    bool any = false;
    if (c.obj != 0) {
      o << "    " << cn << " obj " << num(sign * c.obj) << "\n";
      any = true;
    }
    for (const auto& [i, v] : cols[j]) {
      o << "    " << cn << " " << mps_name(m.rows[i].name) << " " << num(v) << "\n";
      any = true;
    }
    if (!any) o << "    " << cn << " obj 0\n";
  }
  if (in_int) o << "    MARKER" << marker++ << " 'MARKER' 'INTEND'\n";
  o << "RHS\n";
  for (size_t i = 0; i < m.rows.size(); ++i) {
    if (!kind[i]) continue;
    const double rhs = kind[i] == 'L' ? m.rows[i].ub : m.rows[i].lb;
    if (rhs != 0) o << "    RHS " << mps_name(m.rows[i].name) << " " << num(rhs) << "\n";
  }
  bool ranges = false;
  for (size_t i = 0; i < m.rows.size(); ++i) {
    if (kind[i] != 'G' || !std::isfinite(m.rows[i].ub)) continue;
    if (!ranges) o << "RANGES\n";
    ranges = true;
    o << "    RNG " << mps_name(m.rows[i].name) << " " << num(m.rows[i].ub - m.rows[i].lb) << "\n";
  }
  o << "BOUNDS\n";
  for (const auto& c : m.columns) {
    const std::string cn = mps_name(c.name);
    const bool lo = std::isfinite(c.lb), hi = std::isfinite(c.ub);
    if (lo && hi && c.lb == c.ub) {
      o << " FX BND " << cn << " " << num(c.lb) << "\n";
      continue;
    }
    if (!lo && !hi) {
      o << " FR BND " << cn << "\n";
      continue;
    }
    if (!lo)
      o << " MI BND " << cn << "\n";
    else if (c.lb != 0 || c.integer)
      o << " LO BND " << cn << " " << num(c.lb) << "\n";
    if (hi)
      o << " UP BND " << cn << " " << num(c.ub) << "\n";
    else if (c.integer)
      o << " PL BND " << cn << "\n";
  }
  o << "ENDATA\n";
  return o.str();
}

}  // namespace aisov::solver
