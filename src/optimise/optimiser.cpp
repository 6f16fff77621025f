#include "optimise/optimiser.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "census/census.hpp"
#include "census/energy.hpp"
#include "core/failure.hpp"
#include "core/stats.hpp"
#include "core/strings.hpp"
#include "scenario/exposure.hpp"

namespace aisov::optimise {

namespace {

// Dense BF16 peak of the H100 SXM, TFLOP/s (NVIDIA datasheet): the H100e unit, as in the
// scenario model.
constexpr double kH100Tflops = 989.4;
constexpr double kHoursPerYear = 8760;
constexpr double kMillion = 1e6;
// Accelerators of at least half an H100e count as current generation for the value of an
// H100e-year (older chips cost more per H100e-hour and would inflate it).
constexpr double kCurrentGeneration = 0.5;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

enum class Kind { kBuild, kHost, kContract, kInvest };

// One model column and what it means.
struct Col {
  int group = 0;  // index into groups
  int year = 0;   // year index of the decision
  Kind kind = Kind::kBuild;
  double a0 = 0;             // no-shock H100e-years delivered by one unit
  double mean_value = 0;     // expected H100e-years per unit
  double final_h100e = 0;    // expected H100e in the last year per unit
  std::vector<double> cost;  // per year index, USD per unit
  double mw = 0;             // facility MW per unit
  double comp = 0;           // competitiveness value per unit (invest)
  double terminal = 0;       // no-shock net H100e-years after the horizon per unit
  double terminal_mean = 0;  // the same, expected over the draws
};

struct Group {
  OptimiseOption info;
  Kind kind = Kind::kBuild;
  int jur = -1;     // designer or provider jurisdiction (economy id); -1 for invest
  int factor = -1;  // index into the exposure's factor arrays
  std::vector<int> cols;
};

}  // namespace

struct Built {
  solver::LpModel lp;
  std::vector<Col> cols;
  std::vector<Group> groups;
  // Per draw, the columns that can lose and their loss per unit: draw d's entries are
  // loss_col / loss_val [loss_start[d], loss_start[d + 1]), by ascending column.
  std::vector<size_t> loss_start;
  std::vector<int> loss_col;
  std::vector<double> loss_val;
  int eta = -1;
  std::vector<int> u;           // one per distinct loss vector of the draws with a possible loss
  std::vector<double> u_draws;  // how many draws share that loss vector
  int64_t draws = 0;
  std::vector<int> named_rows;  // rows reported as constraints
  std::vector<std::string> row_units, row_origins, row_notes;
};

namespace {

void set_lambda(Built& b, double lambda, double alpha) {
  b.lp.columns[b.eta].obj = -lambda;
  const double w = lambda / ((1 - alpha) * static_cast<double>(b.draws));
  for (size_t k = 0; k < b.u.size(); ++k) b.lp.columns[b.u[k]].obj = -w * b.u_draws[k];
}

// The optimum's allocation, value, CVaR and competitiveness.
OptimiseSolve summarise(const Built& b, const solver::Solution& s, const std::string& label,
                        double lambda, double alpha, double seconds) {
  OptimiseSolve o;
  o.label = label;
  o.lambda = lambda;
  o.call_ok = s.call_ok;
  o.call_message = s.call_message;
  o.status = solver::status_name(s.status);
  o.nodes = s.nodes;
  o.seconds = seconds;
  if (!s.has_solution) return o;
  o.objective = s.objective;
  o.best_bound = s.best_bound;
  o.gap = s.gap;
  std::vector<double> losses(static_cast<size_t>(b.draws), 0.0);
  for (size_t d = 0; d + 1 < b.loss_start.size(); ++d)
    for (size_t k = b.loss_start[d]; k < b.loss_start[d + 1]; ++k)
      losses[d] += b.loss_val[k] * s.x[b.loss_col[k]];
  o.cvar_loss = core::cvar_upper(losses, alpha);
  for (size_t j = 0; j < b.cols.size(); ++j) {
    const auto& c = b.cols[j];
    o.expected_h100e_years += c.mean_value * s.x[j];
    o.competitiveness += c.comp * s.x[j];
    o.terminal_h100e_years += c.terminal_mean * s.x[j];
    for (double y : c.cost) o.cost_usd += y * s.x[j];
  }
  return o;
}

void write_atomic(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    if (!f) throw core::Failure(ErrorCode::kIoError, "cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw core::Failure(ErrorCode::kIoError, "cannot write " + path + ": " + ec.message());
}

}  // namespace

solver::LpModel cvar_lp(const std::vector<double>& losses, double alpha) {
  solver::LpModel m;
  const int eta = m.add_column("eta", -solver::kInf, solver::kInf, 1);
  const double w = 1 / ((1 - alpha) * static_cast<double>(losses.size()));
  for (size_t s = 0; s < losses.size(); ++s) {
    const int u = m.add_column("u" + std::to_string(s), 0, solver::kInf, w);
    m.rows[m.add_row("tail" + std::to_string(s), losses[s], solver::kInf, {{u, 1}, {eta, 1}})]
        .lazy = true;
  }
  return m;
}

OptimiseResult optimise(const model::Dataset& ds, const scenario::Model& m,
                        const io::ScenarioSpec& spec, const Inputs& in,
                        const solver::SolverBackend& backend, const solver::SolveOptions& options,
                        const std::vector<double>& lambdas, bool align,
                        const std::string& mps_path) {
  const Parameters& P = in.params;
  const int T = m.horizon - m.y0;
  const int e = in.econ;
  const int day = ds.as_of.empty() ? core::days_from_civil(2024, 12, 31) : ds.as_of.last_day();
  auto limit = [&](const std::string& name) {
    for (const auto& l : in.limits)
      if (l.name == name) return l.value;
    return solver::kInf;
  };
  const double price_mwh = limit("power_price_usd_per_mwh");
  const double permitting = limit("permitting_years");
  auto hq = [&](model::Id org) {
    return org == model::kNone ? model::kNone : ds.organisations[org].hq;
  };
  auto per_chip = [&](const model::Accelerator& a) {
    return a.fp16_tflops ? *a.fp16_tflops / kH100Tflops : 0.0;
  };

  // Options from the dataset: designer jurisdictions of training chips; provider jurisdictions
  // and (provider, location) prices of active training offerings.
  std::set<int> designers;
  for (const auto& a : ds.accelerators)
    if (a.tier == model::Tier::kTraining && per_chip(a) > 0 && hq(a.designer) != model::kNone)
      designers.insert(hq(a.designer));
  std::map<int, std::vector<double>> host_prices;
  std::vector<double> current_prices;  // per H100e-hour, current-generation chips only
  std::map<std::pair<int, int>, std::vector<double>> contract_prices;
  for (const auto& o : ds.offerings) {
    if (!o.active_on(day) || !o.price_usd_per_accel_hour) continue;
    const auto& a = ds.accelerators[o.accel];
    const auto& site = ds.sites[o.site];
    if (a.tier != model::Tier::kTraining || per_chip(a) <= 0 || site.economy == model::kNone ||
        site.kind != model::SiteKind::kPublic)
      continue;
    const auto j = hq(site.op != model::kNone ? site.op : site.provider);
    if (j == model::kNone) continue;
    const double p = *o.price_usd_per_accel_hour / per_chip(a);
    if (per_chip(a) >= kCurrentGeneration) current_prices.push_back(p);
    host_prices[j].push_back(p);
    contract_prices[{j, site.economy}].push_back(p);
  }
  // The USD value of an H100e-year (docs/methodology.md §14.4): the parameter, else the median
  // on-demand price per H100e-hour over the active priced current-generation training
  // offerings of public sites × 8760.
  OptimiseResult res;
  {
    const std::vector<double>& all = current_prices;
    if (P.usd_per_h100e_year > 0) {
      res.usd_per_h100e_year = P.usd_per_h100e_year;
      res.usd_per_h100e_year_basis = "parameter usd_per_h100e_year";
    } else if (!all.empty()) {
      res.usd_per_h100e_year = median(all) * kHoursPerYear;
      res.usd_per_h100e_year_basis =
          "median on-demand USD per H100e-hour of " + std::to_string(all.size()) +
          " active priced current-generation (>= 0.5 H100e per chip) training offerings x 8760";
    } else {
      res.usd_per_h100e_year = 20000;
      res.usd_per_h100e_year_basis =
          "no priced current-generation offerings: 20,000 USD (assumption)";
    }
  }
  const double usd_per_h100e_year = res.usd_per_h100e_year;
  std::vector<ValueChainInput> value_chain = in.value_chain;
  for (auto& v : value_chain)
    if (v.coefficient <= 0)
      v.coefficient = P.competitiveness_usd_per_usd * v.benchmark_usd / usd_per_h100e_year;
  res.value_chain = value_chain;
  // Terminal value: capacity lasts `life` years from delivery; years after the horizon count
  // discounted and net of their running costs (never below 0: an operator would stop).
  const int life = std::max(1, static_cast<int>(std::lround(P.useful_life_years)));
  auto discount = [&](int t) { return std::pow(1 + P.discount_rate, -(t - (T - 1))); };

  // Capacity a buyer may reserve: a share of the provider's modelled public capacity there.
  std::map<std::pair<int, int>, double> public_h100e;
  for (const auto& c : m.cells)
    if (c.pub) public_h100e[{c.oj, c.econ}] += c.k0;

  Built b;
  const double project_h100e = P.project_mw / m.defaults.mw_per_h100e;
  const double region_h100e = P.region_mw / m.defaults.mw_per_h100e;
  const int lead_build = static_cast<int>(std::lround(P.build_years + permitting));
  const int lead_host = static_cast<int>(std::lround(P.host_years + permitting));
  scenario::ExposureRequest xr;
  xr.econ = e;
  xr.project_h100e = project_h100e;
  xr.draws = in.draws;
  xr.seed = in.seed;
  xr.threads = in.threads;
  auto code = [&](int j) { return ds.economies[j].iso3; };

  for (int j : designers) {
    Group g;
    g.kind = Kind::kBuild;
    g.jur = j;
    g.factor = static_cast<int>(xr.designers.size());
    xr.designers.push_back(j);
    auto it = P.chip_usd_per_h100e.find(code(j));
    const double chip = it != P.chip_usd_per_h100e.end() ? it->second : P.chip_usd_per_h100e_other;
    g.info.id = "build:" + code(j);
    g.info.kind = "build";
    g.info.label = "domestic data centre, " + code(j) + "-designed accelerators";
    g.info.jurisdiction = code(j);
    g.info.lead_years = lead_build;
    g.info.unit_cost_usd = P.project_mw * P.facility_capex_usd_per_mw + project_h100e * chip;
    g.info.unit_h100e = project_h100e;
    b.groups.push_back(g);
  }
  for (const auto& [j, prices] : host_prices) {
    if (j == e) continue;  // a domestic provider's region is not a foreign region
    Group g;
    g.kind = Kind::kHost;
    g.jur = j;
    g.factor = static_cast<int>(xr.operators.size());
    xr.operators.push_back(j);
    g.info.id = "host:" + code(j);
    g.info.kind = "host";
    g.info.label = "host a region of a " + code(j) + " provider";
    g.info.jurisdiction = code(j);
    g.info.lead_years = lead_host;
    g.info.unit_cost_usd = P.host_incentive_share * P.region_mw * P.facility_capex_usd_per_mw;
    g.info.unit_h100e = region_h100e;
    b.groups.push_back(g);
  }
  for (const auto& [key, prices] : contract_prices) {
    const auto [j, l] = key;
    const double cap = P.contract_share * public_h100e[key];
    if (cap <= 0) continue;
    Group g;
    g.kind = Kind::kContract;
    g.jur = j;
    g.factor = static_cast<int>(xr.contracts.size());
    xr.contracts.push_back({j, l});
    g.info.id = "contract:" + code(j) + "@" + code(l);
    g.info.kind = "contract";
    g.info.label = "contracted capacity of " + code(j) + " providers in " + ds.economies[l].name;
    g.info.jurisdiction = code(j);
    g.info.location = code(l);
    g.info.unit_cost_usd = median(prices) * kHoursPerYear;
    g.info.unit_h100e = cap;  // the most that can be reserved per year
    b.groups.push_back(g);
  }
  for (const auto& v : value_chain) {
    Group g;
    g.kind = Kind::kInvest;
    g.info.id = "invest:" + v.element;
    g.info.kind = "invest";
    g.info.label = "investment in " + v.element;
    g.info.unit_cost_usd = kMillion;
    b.groups.push_back(g);
  }

  const scenario::Exposure x = scenario::exposure(ds, m, spec, xr);

  // Columns first, then their per-draw values in one pass over the draws (each draw's factors
  // are read together, and its losses come out by ascending column).
  b.draws = in.draws;
  const auto n_draws = static_cast<size_t>(in.draws);
  // A column's value under a draw depends only on its profile: the kind, the factor series it
  // reads (a contract: its contract class), its first year, yearly capacity and terminal value.
  // Contracts of one class and year share one, so each profile is valued once per draw.
  struct Profile {
    Kind kind = Kind::kBuild;
    int factor = 0, first = 0;
    std::vector<double> cap;  // no-shock H100e per year per unit
    double terminal = 0;
    bool operator==(const Profile&) const = default;
  };
  struct Valued {
    int id = 0;       // the column
    int profile = 0;  // index into profiles
  };
  std::vector<Profile> profiles;
  std::vector<Valued> valued;
  auto& lp = b.lp;
  lp.sense = solver::Sense::kMaximise;
  const double N = static_cast<double>(in.draws);
  for (size_t gi = 0; gi < b.groups.size(); ++gi) {
    Group& g = b.groups[gi];
    g.info.amount.assign(T, 0.0);
    if (g.kind == Kind::kInvest) {
      const auto& v = value_chain[gi - (b.groups.size() - value_chain.size())];
      if (v.benchmark_usd <= 0 || v.coefficient <= 0) continue;
      const double x0 = v.current_usd / v.benchmark_usd;
      for (int i = 0; i < T; ++i) {
        for (size_t q = 0; q + 1 < P.breakpoints.size(); ++q) {
          const double lo = x0 + P.breakpoints[q], hi = x0 + P.breakpoints[q + 1];
          const double width_musd = v.benchmark_usd * (hi - lo) / kMillion;
          const double gain = v.coefficient * (std::log1p(hi) - std::log1p(lo));
          Col c;
          c.group = static_cast<int>(gi);
          c.year = i;
          c.kind = g.kind;
          c.cost.assign(T, 0.0);
          c.cost[i] = kMillion;
          c.comp = gain / width_musd;
          const int id = lp.add_column(
              g.info.id + "_" + std::to_string(m.y0 + 1 + i) + "_s" + std::to_string(q), 0,
              width_musd, c.comp);
          b.cols.push_back(c);
          g.cols.push_back(id);
        }
      }
      continue;
    }
    for (int i = 0; i < T; ++i) {
      Col c;
      c.group = static_cast<int>(gi);
      c.year = i;
      c.kind = g.kind;
      c.cost.assign(T, 0.0);
      std::vector<double> cap(T, 0.0);  // no-shock H100e per year per unit
      double ub = solver::kInf;
      bool integer = true;
      int first = i;
      if (g.kind == Kind::kBuild) {
        first = i + lead_build;
        if (first >= T) continue;
        c.cost[i] = g.info.unit_cost_usd;
        const double running = P.project_mw * kHoursPerYear * P.load_factor * price_mwh;
        for (int t = first; t < std::min(T, first + life); ++t) {
          cap[t] = project_h100e;
          c.cost[t] += running;
        }
        for (int t = T; t < first + life; ++t)
          c.terminal += discount(t) * (project_h100e - running / usd_per_h100e_year);
        c.mw = P.project_mw;
      } else if (g.kind == Kind::kHost) {
        first = i + lead_host;
        if (first >= T) continue;
        c.cost[i] = g.info.unit_cost_usd;
        const double price = median(host_prices[g.jur]) * (1 - P.host_discount);
        const double running = region_h100e * kHoursPerYear * price;
        for (int t = first; t < std::min(T, first + life); ++t) {
          cap[t] = region_h100e;
          c.cost[t] += running;
        }
        for (int t = T; t < first + life; ++t)
          c.terminal += discount(t) * (region_h100e - running / usd_per_h100e_year);
        c.mw = P.region_mw;
      } else {
        cap[i] = 1;
        c.cost[i] = g.info.unit_cost_usd;
        ub = g.info.unit_h100e;
        integer = false;
      }
      if (in.lp_relaxation) integer = false;
      c.terminal = std::max(0.0, c.terminal);
      for (double v : cap) c.a0 += v;
      c.a0 += c.terminal;
      const int id = lp.add_column(g.info.id + "_" + std::to_string(m.y0 + 1 + i), 0, ub, 0,
                                   integer);  // objective: the mean value, below
      Profile pr{g.kind, g.kind == Kind::kContract ? x.contract_class[g.factor] : g.factor, first,
                 std::move(cap), c.terminal};
      const auto at = std::find(profiles.begin(), profiles.end(), pr);
      valued.push_back({id, static_cast<int>(at - profiles.begin())});
      if (at == profiles.end()) profiles.push_back(std::move(pr));
      b.cols.push_back(c);
      g.cols.push_back(id);
    }
  }
  {
    const size_t np = profiles.size();
    std::vector<double> value(np), total(np, 0.0), final_total(np, 0.0), terminal_total(np, 0.0);
    b.loss_start.assign(1, 0);
    b.loss_start.reserve(n_draws + 1);
    for (int64_t d = 0; d < in.draws; ++d) {
      for (size_t q = 0; q < np; ++q) {
        const Profile& w = profiles[q];
        double a = 0;
        for (int t = w.first; t < T; ++t) {
          const double f = w.kind == Kind::kBuild  ? x.supply_of(d, w.first, w.factor)
                           : w.kind == Kind::kHost ? x.hosted_of(d, t, w.factor)
                                                   : x.class_contracted_of(d, t, w.factor);
          a += w.cap[t] * f;
          if (t == T - 1) final_total[q] += w.cap[t] * f;
        }
        // After the horizon the last modelled factor holds (a build's chips: its delivery year).
        if (w.terminal > 0) {
          const double tv = w.terminal * (w.kind == Kind::kBuild ? x.supply_of(d, w.first, w.factor)
                                                                 : x.hosted_of(d, T - 1, w.factor));
          a += tv;
          terminal_total[q] += tv;
        }
        total[q] += a;
        value[q] = a;
      }
      for (const Valued& v : valued) {
        const double loss = b.cols[static_cast<size_t>(v.id)].a0 - value[v.profile];
        if (loss > 1e-12) {
          b.loss_col.push_back(v.id);
          b.loss_val.push_back(loss);
        }
      }
      b.loss_start.push_back(b.loss_col.size());
    }
    for (const Valued& v : valued) {
      Col& c = b.cols[static_cast<size_t>(v.id)];
      const auto q = static_cast<size_t>(v.profile);
      c.mean_value = total[q] / N;
      c.final_h100e = final_total[q] / N;
      c.terminal_mean = terminal_total[q] / N;
      lp.columns[static_cast<size_t>(v.id)].obj = c.mean_value;
    }
  }
  const int n_decisions = static_cast<int>(lp.columns.size());

  // CVaR (Rockafellar–Uryasev): losses are ≥ 0, so the optimal η (the VaR) is ≥ 0 and draws
  // without any possible loss need no row. Draws with the same loss vector (the same options
  // losing the same amounts, as when the same shocks hit in the same year) have the same
  // u = max(0, L − η) at every point, so they share one row and one u whose weight counts them:
  // the same program with fewer rows (methodology §14.5).
  b.eta = lp.add_column("cvar_eta", 0, solver::kInf, 0);
  {
    // Loss vectors compared as (column, loss) sequences.
    auto less = [&b](size_t d1, size_t d2) {
      const size_t a0 = b.loss_start[d1], a1 = b.loss_start[d1 + 1];
      const size_t c0 = b.loss_start[d2], c1 = b.loss_start[d2 + 1];
      for (size_t i = a0, j = c0; j < c1; ++i, ++j) {
        if (i == a1) return true;
        if (b.loss_col[i] != b.loss_col[j]) return b.loss_col[i] < b.loss_col[j];
        if (b.loss_val[i] != b.loss_val[j]) return b.loss_val[i] < b.loss_val[j];
      }
      return false;
    };
    std::map<size_t, size_t, decltype(less)> row_of(less);  // a draw's loss vector → b.u index
    for (size_t d = 0; d < n_draws; ++d) {
      const size_t k0 = b.loss_start[d], k1 = b.loss_start[d + 1];
      if (k0 == k1) continue;
      const auto [it, added] = row_of.emplace(d, b.u.size());
      if (!added) {
        b.u_draws[it->second] += 1;
        continue;
      }
      const int u = lp.add_column("cvar_u" + std::to_string(d), 0, solver::kInf, 0);
      b.u.push_back(u);
      b.u_draws.push_back(1);
      solver::Row r{"cvar_tail" + std::to_string(d), 0, solver::kInf, {u, b.eta}, {1, 1}, true};
      r.idx.reserve(k1 - k0 + 2);
      r.val.reserve(k1 - k0 + 2);
      for (size_t k = k0; k < k1; ++k) {
        r.idx.push_back(b.loss_col[k]);
        r.val.push_back(-b.loss_val[k]);
      }
      lp.rows.push_back(std::move(r));
    }
  }
  set_lambda(b, in.lambda, in.alpha);

  // Named constraints.
  auto named = [&](const std::string& name, double lo, double hi,
                   const std::vector<std::pair<int, double>>& terms, const std::string& unit,
                   const std::string& origin, const std::string& note) {
    b.named_rows.push_back(lp.add_row(name, lo, hi, terms));
    b.row_units.push_back(unit);
    b.row_origins.push_back(origin);
    b.row_notes.push_back(note);
  };
  auto origin_of = [&](const std::string& name) {
    for (const auto& l : in.limits)
      if (l.name == name) return l.origin;
    return std::string("request");
  };
  {
    std::vector<std::pair<int, double>> total;
    for (int j = 0; j < n_decisions; ++j) {
      double c = 0;
      for (double y : b.cols[j].cost) c += y;
      total.push_back({j, c / kMillion});
    }
    named("budget_usd", -solver::kInf, in.budget_usd / kMillion, total, "million USD", "request",
          "total spending over the horizon");
    for (int i = 0; i < T; ++i) {
      std::vector<std::pair<int, double>> year;
      for (int j = 0; j < n_decisions; ++j) year.push_back({j, b.cols[j].cost[i] / kMillion});
      named("budget_" + std::to_string(m.y0 + 1 + i), -solver::kInf,
            in.budget_per_year_usd / kMillion, year, "million USD", "request",
            "spending in the year");
    }
    struct Res {
      const char* name;
      double per_mw;
      const char* unit;
    };
    const double ml_per_mw = kHoursPerYear * P.load_factor * P.water_m3_per_mwh / 1000;
    for (const Res& r :
         {Res{"grid_mw", 1, "MW"}, Res{"water_ml_per_year", ml_per_mw, "ML/yr"},
          Res{"land_ha", P.land_ha_per_mw, "ha"}, Res{"workforce_fte", P.fte_per_mw, "FTE"}}) {
      std::vector<std::pair<int, double>> terms;
      for (int j = 0; j < n_decisions; ++j)
        if (b.cols[j].mw > 0) terms.push_back({j, b.cols[j].mw * r.per_mw});
      named(r.name, -solver::kInf, limit(r.name), terms, r.unit, origin_of(r.name),
            "new facilities (domestic builds and hosted regions) by the horizon");
    }
    if (in.target_h100e > 0) {
      std::vector<std::pair<int, double>> terms;
      for (int j = 0; j < n_decisions; ++j) terms.push_back({j, b.cols[j].final_h100e});
      named("target_h100e", in.target_h100e, solver::kInf, terms, "H100e", "request",
            "expected accessible H100e from the options in the horizon year");
    }
  }

  for (int i = 0; i < T; ++i) res.years.push_back(m.y0 + 1 + i);
  if (!mps_path.empty()) write_atomic(mps_path, solver::to_mps(lp, "aisov-optimise"));

  // Solves planned: the main one, the frontier, one per power bloc.
  int64_t planned = 1 + static_cast<int64_t>(lambdas.size()), solved = 0;
  if (align)
    for (const auto& bl : ds.blocs) planned += bl.kind == model::BlocKind::kPowerBloc;
  auto timed_solve = [&](const solver::LpModel& model, double& seconds) {
    if (in.cancel && in.cancel->load()) {
      throw core::Failure(ErrorCode::kCancelled, "optimiser cancelled after " +
                                                     std::to_string(solved) + " of " +
                                                     std::to_string(planned) + " solves");
    }
    const auto t0 = std::chrono::steady_clock::now();
    solver::Solution s = backend.solve(model, options);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (in.progress) in.progress(++solved, planned);
    return s;
  };
  double secs = 0;
  const solver::Solution best = timed_solve(lp, secs);
  res.best = summarise(b, best, "unrestricted", in.lambda, in.alpha, secs);
  if (best.call_ok && best.status == solver::ModelStatus::kInfeasible)
    res.best.infeasible_rows = solver::explain_infeasible(backend, lp, options);

  // Constraints with their shadow prices.
  std::vector<char> binding(lp.rows.size(), 0);
  if (best.has_solution)
    for (int r : solver::binding_rows(lp, best.x)) binding[r] = 1;
  for (size_t k = 0; k < b.named_rows.size(); ++k) {
    const int r = b.named_rows[k];
    OptimiseConstraint c;
    c.name = lp.rows[r].name;
    c.unit = b.row_units[k];
    c.origin = b.row_origins[k];
    c.note = b.row_notes[k];
    c.value = std::isfinite(lp.rows[r].ub) ? lp.rows[r].ub : lp.rows[r].lb;
    c.binding = binding[r];
    c.shadow_price = best.duals.empty() ? 0 : best.duals[r];
    res.constraints.push_back(c);
  }
  for (const auto& l : in.limits) {
    if (l.name == "power_price_usd_per_mwh" || l.name == "permitting_years")
      res.constraints.push_back(l);
  }
  // Allocation.
  if (best.has_solution) {
    for (auto& g : b.groups) {
      double any = 0;
      for (int c : g.cols) {
        const double v = best.x[c];
        if (std::abs(v) < 1e-9) continue;
        any += std::abs(v);
        g.info.amount[b.cols[c].year] += v;
        g.info.expected_h100e_years += b.cols[c].mean_value * v;
        for (double y : b.cols[c].cost) g.info.cost_usd += y * v;
        // New facility power in the economy: builds and hosted regions (the grid_mw row).
        if (g.kind == Kind::kBuild) res.energy.build_facility_mw += b.cols[c].mw * v;
        if (g.kind == Kind::kHost) res.energy.host_facility_mw += b.cols[c].mw * v;
      }
      if (g.kind == Kind::kInvest)
        for (double& a : g.info.amount) a *= kMillion;  // columns are million USD
      if (any > 0) res.allocation.push_back(g.info);
    }
  }
  // The new load in the energy layer's terms (§14.5, §15): facility power → IT load by the
  // layer's facility_power_pue, then its TWh, share of generation, headroom over the AI load the
  // economy already hosts, and emissions, with the layer's parameters. Reported only: the
  // grid_mw row and the running costs keep the optimiser's own figures.
  {
    auto& en = res.energy;
    en.facility_mw = en.build_facility_mw + en.host_facility_mw;
    const EnergyParams ep = census::resolve_energy_params(ds);
    const EnergyEstimate hosted = census::hosted_energy(ds, e, day);
    en.load = census::new_load_energy(hosted, en.facility_mw / ep.facility_power_pue, ep);
    const double grid = limit("grid_mw");
    if (en.load.generation_twh && std::isfinite(grid)) {
      en.grid_limit_share =
          census::twh_per_year(grid / ep.facility_power_pue, ep.utilisation, ep.pue) /
          *en.load.generation_twh;
    }
  }
  // Share of the spend on compute options (the rest is value-chain investment).
  if (res.best.cost_usd > 0) {
    double compute = 0;
    for (const auto& o : res.allocation)
      if (o.kind != "invest") compute += o.cost_usd;
    res.compute_share = compute / res.best.cost_usd;
  }

  // Frontier over λ.
  for (double lam : lambdas) {
    Built f = b;
    set_lambda(f, lam, in.alpha);
    const solver::Solution s = timed_solve(f.lp, secs);
    res.frontier.push_back(
        summarise(f, s, "lambda=" + core::format_number(lam), lam, in.alpha, secs));
  }

  // Align or hedge: the optimum restricted to one power bloc's providers and chip designers.
  if (align) {
    for (size_t bi = 0; bi < ds.blocs.size(); ++bi) {
      if (ds.blocs[bi].kind != model::BlocKind::kPowerBloc) continue;
      std::set<int> members;
      for (auto r : ds.members_by_bloc[bi])
        if (ds.bloc_members[r].active_on(day)) members.insert(ds.bloc_members[r].economy);
      Built a = b;
      for (const auto& g : a.groups) {
        if (g.kind == Kind::kInvest || members.count(g.jur)) continue;
        for (int c : g.cols) a.lp.columns[c].ub = 0;
      }
      const solver::Solution s = timed_solve(a.lp, secs);
      res.aligned.push_back(summarise(a, s, ds.blocs[bi].bloc_id, in.lambda, in.alpha, secs));
      if (s.call_ok && s.status == solver::ModelStatus::kInfeasible)
        res.aligned.back().infeasible_rows = solver::explain_infeasible(backend, a.lp, options);
    }
    const OptimiseSolve* top = nullptr;
    for (const auto& a : res.aligned)
      if (a.status == "optimal" && (!top || a.objective > top->objective)) top = &a;
    if (res.best.status != "optimal") {
      res.answer = "none";
      res.answer_text = "no answer: the unrestricted model is " + res.best.status;
    } else if (!top) {
      res.answer = "hedge";
      res.answer_text = "hedge: no single-bloc strategy is feasible";
    } else if (std::all_of(res.aligned.begin(), res.aligned.end(), [&](const OptimiseSolve& a) {
                 return a.status == "optimal" && res.best.objective - a.objective <=
                                                     0.01 * std::max(1.0, std::abs(a.objective));
               })) {
      res.answer = "neutral";
      res.answer_text =
          "neutral: every single-bloc strategy is within 1 % of the unrestricted optimum (the "
          "optimum hardly depends on foreign compute)";
    } else {
      const double edge = res.best.objective - top->objective;
      const double rel = edge / std::max(1.0, std::abs(top->objective));
      if (rel > 0.01) {
        res.answer = "hedge";
        res.answer_text = "hedge: mixing blocs beats the best single bloc (" + top->label +
                          ") by " + core::format_number(std::round(rel * 1000) / 10) +
                          " % of its objective";
      } else {
        res.answer = "align:" + top->label;
        res.answer_text = "align with " + top->label + ": within 1 % of the unrestricted optimum";
      }
    }
  }
  return res;
}

}  // namespace aisov::optimise
