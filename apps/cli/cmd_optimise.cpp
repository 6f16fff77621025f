// `aisov optimise`, `aisov site`, `aisov place`: parse flags, call one Engine method, render.
#include <memory>

#include "common.hpp"

namespace aisov::cli {

namespace {

struct OptimiseArgs {
  std::string file, economy, scenario, frontier_list, export_mps;
  std::optional<double> budget, budget_per_year, risk_aversion, alpha;
  std::optional<int> horizon;
  std::optional<int64_t> draws;
  uint64_t seed = 1;
  int threads = 0;
  bool frontier = false, no_align = false, lp_relaxation = false, sensitivity = false;
  double time_limit = 60;
};

struct SiteArgs {
  std::string scope, demand, prefer;
  double w_power = 1, w_price = 1, w_carbon = 1, w_water = 1, w_latency = 1, w_jurisdiction = 1;
  int limit = 20;
};

struct PlaceArgs {
  std::string accel = "any", territory, operators, designers, residency, from, sort = "price";
  int count = 1;
  double hours = 1;
  bool eligible_only = false;
};

template <typename R>
void print(const Result<R>& res, const GlobalOptions& g, Outcome& out) {
  if (!res) {
    out.exit_code = fail(res.error(), g);
    return;
  }
  std::cout << render(res.value(), parse_format(g.format).value());
}

}  // namespace

void add_optimise_commands(CLI::App& app, GlobalOptions& g, Outcome& out) {
  auto a = std::make_shared<OptimiseArgs>();
  auto* op = app.add_subcommand(
      "optimise", "Strategy optimiser: allocate a budget over build, host, contract and invest");
  op->add_option("FILE", a->file, "Optimiser file (TOML); flags override it");
  op->add_option("--economy", a->economy, "ISO3 code of the economy");
  op->add_option("--budget", a->budget, "Total budget over the horizon, USD");
  op->add_option("--budget-per-year", a->budget_per_year, "Budget per year, USD");
  op->add_option("--horizon", a->horizon, "Last year (default: the scenario's)");
  op->add_option("--risk-aversion", a->risk_aversion, "λ, weight of the CVaR (default 1)");
  op->add_option("--alpha", a->alpha, "CVaR level (default 0.95)");
  op->add_option("--scenario", a->scenario,
                 "Scenario file or bundled name (default strategy-stress)");
  op->add_option("--draws", a->draws, "Scenario draws (default 1000)");
  op->add_option("--seed", a->seed, "Random seed (default 1)");
  op->add_option("--threads", a->threads, "Worker threads (default: all)");
  op->add_flag("--frontier", a->frontier, "Also solve over a grid of λ (the efficient frontier)");
  op->add_option("--lambdas", a->frontier_list, "λ grid for --frontier, e.g. 0,0.5,1,2");
  op->add_flag("--no-align", a->no_align, "Skip the align-or-hedge comparison");
  op->add_flag("--sensitivity", a->sensitivity,
               "Also re-solve with each estimated parameter at its low and high value");
  op->add_option("--time-limit", a->time_limit, "Solver time limit per solve, seconds");
  op->add_option("--export-mps", a->export_mps, "Write the main model as MPS to this file");
  op->add_flag("--lp-relaxation", a->lp_relaxation, "Drop integrality (benchmark)");
  add_format(op, g);
  op->callback([a, &g, &out] {
    OptimiseRequest req;
    req.file = a->file;
    req.economy = a->economy;
    req.budget_usd = a->budget;
    req.budget_per_year_usd = a->budget_per_year;
    req.horizon = a->horizon;
    req.risk_aversion = a->risk_aversion;
    req.alpha = a->alpha;
    req.scenario = a->scenario;
    req.draws = a->draws;
    req.seed = a->seed;
    req.threads = a->threads;
    req.frontier = a->frontier || !a->frontier_list.empty();
    for (const auto& s : core::split_list(a->frontier_list, ',')) {
      try {
        req.frontier_lambdas.push_back(std::stod(s));
      } catch (const std::exception&) {
        out.exit_code =
            fail(Error{ErrorCode::kInvalidArgument, "malformed --lambdas '" + s + "'", {}}, g);
        return;
      }
    }
    req.align = !a->no_align;
    req.sensitivity = a->sensitivity;
    req.time_limit_s = a->time_limit;
    req.export_mps = a->export_mps;
    req.lp_relaxation = a->lp_relaxation;
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    print(engine->optimise(req), g, out);
  });

  auto s = std::make_shared<SiteArgs>();
  auto* si = app.add_subcommand("site", "Rank candidate cities for a new AI data centre");
  si->add_option("--in", s->scope, "ISO3 codes or bloc ids to search (default: everywhere)");
  si->add_option("--demand", s->demand, "Demand centres: city names or lat,lon, separated by ';'");
  si->add_option("--prefer", s->prefer, "Preferred jurisdictions (ISO3 or bloc ids)");
  si->add_option("--w-power", s->w_power, "Weight of grid size (default 1)");
  si->add_option("--w-price", s->w_price, "Weight of power price (default 1)");
  si->add_option("--w-carbon", s->w_carbon, "Weight of grid carbon intensity (default 1)");
  si->add_option("--w-water", s->w_water, "Weight of water stress (default 1)");
  si->add_option("--w-latency", s->w_latency, "Weight of latency to demand (default 1)");
  si->add_option("--w-jurisdiction", s->w_jurisdiction, "Weight of preferred jurisdiction");
  si->add_option("--limit", s->limit, "Candidates to list (default 20; 0 = all)");
  add_format(si, g);
  si->callback([s, &g, &out] {
    SiteRequest req;
    req.scope = parse_list(s->scope);
    for (const auto& d : core::split_list(s->demand, ';')) req.demand.push_back(d);
    req.preferred = parse_list(s->prefer);
    req.w_power = s->w_power;
    req.w_price = s->w_price;
    req.w_carbon = s->w_carbon;
    req.w_water = s->w_water;
    req.w_latency = s->w_latency;
    req.w_jurisdiction = s->w_jurisdiction;
    req.limit = s->limit;
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    print(engine->site(req), g, out);
  });

  auto p = std::make_shared<PlaceArgs>();
  auto* pl =
      app.add_subcommand("place", "Sites that may run a workload under a sovereignty policy");
  pl->add_option("--accelerator", p->accel, "accel_id, or training | inference | any");
  pl->add_option("--count", p->count, "Accelerators (default 1)");
  pl->add_option("--hours", p->hours, "Hours (default 1)");
  pl->add_option("--territory", p->territory, "Allowed territory jurisdictions (ISO3/bloc)");
  pl->add_option("--operators", p->operators, "Allowed operator jurisdictions (ISO3/bloc)");
  pl->add_option("--designers", p->designers, "Allowed chip-designer jurisdictions (ISO3/bloc)");
  pl->add_option("--residency", p->residency, "Data must stay in this ISO3 or bloc");
  pl->add_option("--from", p->from, "The user's city (a site city) or lat,lon");
  pl->add_option("--sort", p->sort, "price | latency | carbon (default price)");
  pl->add_flag("--eligible-only", p->eligible_only, "Do not list excluded sites");
  add_format(pl, g);
  pl->callback([p, &g, &out] {
    PlaceRequest req;
    req.accelerator = p->accel;
    req.count = p->count;
    req.hours = p->hours;
    req.territory = parse_list(p->territory);
    req.operators = parse_list(p->operators);
    req.designers = parse_list(p->designers);
    req.residency = p->residency;
    req.from = p->from;
    req.sort = p->sort;
    req.show_excluded = !p->eligible_only;
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    print(engine->place(req), g, out);
  });
}

}  // namespace aisov::cli
