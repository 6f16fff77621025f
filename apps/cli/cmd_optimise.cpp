// `aisov optimise`, `aisov site`, `aisov place`: parse flags, call one Engine method, render.
// Flags bind straight into the request structs; only lists and negated flags are converted.
#include <memory>

#include "common.hpp"

namespace aisov::cli {

namespace {

struct OptimiseArgs {
  OptimiseRequest req;
  std::string frontier_list;
  bool no_align = false;
};

struct SiteArgs {
  SiteRequest req;
  std::string scope, demand, prefer;
};

struct PlaceArgs {
  PlaceRequest req;
  std::string territory, operators, designers;
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
  OptimiseRequest& o = a->req;
  auto* op = app.add_subcommand(
      "optimise", "Strategy optimiser: allocate a budget over build, host, contract and invest");
  op->add_option("FILE", o.file, "Optimiser file (TOML); flags override it");
  op->add_option("--economy", o.economy, "ISO3 code of the economy");
  op->add_option("--budget", o.budget_usd, "Total budget over the horizon, USD");
  op->add_option("--budget-per-year", o.budget_per_year_usd, "Budget per year, USD");
  op->add_option("--horizon", o.horizon, "Last year (default: the scenario's)");
  op->add_option("--risk-aversion", o.risk_aversion, "λ, weight of the CVaR (default 1)");
  op->add_option("--alpha", o.alpha, "CVaR level (default 0.95)");
  op->add_option("--scenario", o.scenario,
                 "Scenario file or bundled name (default strategy-stress)");
  op->add_option("--draws", o.draws, "Scenario draws (default 1000)");
  add_seed(op, o.seed);
  op->add_option("--threads", o.threads, "Worker threads (default: all)");
  op->add_flag("--frontier", o.frontier, "Also solve over a grid of λ (the efficient frontier)");
  op->add_option("--lambdas", a->frontier_list, "λ grid for --frontier, e.g. 0,0.5,1,2");
  op->add_flag("--no-align", a->no_align, "Skip the align-or-hedge comparison");
  op->add_flag("--sensitivity", o.sensitivity,
               "Also re-solve with each estimated parameter at its low and high value");
  op->add_option("--time-limit", o.time_limit_s, "Solver time limit per solve, seconds");
  op->add_option("--export-mps", o.export_mps, "Write the main model as MPS to this file");
  op->add_flag("--lp-relaxation", o.lp_relaxation, "Drop integrality (benchmark)");
  add_format(op, g);
  op->callback([a, &g, &out] {
    OptimiseRequest req = a->req;
    for (const auto& s : core::split_list(a->frontier_list, ',')) {
      try {
        req.frontier_lambdas.push_back(std::stod(s));
      } catch (const std::exception&) {
        out.exit_code =
            fail(Error{ErrorCode::kInvalidArgument, "malformed --lambdas '" + s + "'", {}}, g);
        return;
      }
    }
    req.frontier = req.frontier || !req.frontier_lambdas.empty();
    req.align = !a->no_align;
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    print(engine->optimise(req), g, out);
  });

  auto s = std::make_shared<SiteArgs>();
  SiteRequest& sr = s->req;
  auto* si = app.add_subcommand("site", "Rank candidate cities for a new AI data centre");
  si->add_option("--in", s->scope, "ISO3 codes or bloc ids to search (default: everywhere)");
  si->add_option("--demand", s->demand, "Demand centres: city names or lat,lon, separated by ';'");
  si->add_option("--prefer", s->prefer, "Preferred jurisdictions (ISO3 or bloc ids)");
  si->add_option("--w-power", sr.w_power, "Weight of grid size (default 1)");
  si->add_option("--w-price", sr.w_price, "Weight of power price (default 1)");
  si->add_option("--w-carbon", sr.w_carbon, "Weight of grid carbon intensity (default 1)");
  si->add_option("--w-water", sr.w_water, "Weight of water stress (default 1)");
  si->add_option("--w-latency", sr.w_latency, "Weight of latency to demand (default 1)");
  si->add_option("--w-jurisdiction", sr.w_jurisdiction, "Weight of preferred jurisdiction");
  si->add_option("--mw", sr.it_mw,
                 "Workload: IT load of the new data centre, MW; adds its TWh/yr, grid headroom "
                 "and tCO2e/yr per candidate (H100e x 1.275 kW / 1000 gives MW)");
  si->add_option("--w-headroom", sr.w_headroom,
                 "Weight of grid headroom, (hosted AI + new load) / generation (default 1; "
                 "needs --mw)");
  si->add_option("--limit", sr.limit, "Candidates to list (default 20; 0 = all)");
  add_format(si, g);
  si->callback([s, &g, &out] {
    SiteRequest req = s->req;
    req.scope = parse_list(s->scope);
    for (const auto& d : core::split_list(s->demand, ';')) req.demand.push_back(d);
    req.preferred = parse_list(s->prefer);
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    print(engine->site(req), g, out);
  });

  auto p = std::make_shared<PlaceArgs>();
  PlaceRequest& pr = p->req;
  pr.accelerator = "any";
  auto* pl =
      app.add_subcommand("place", "Sites that may run a workload under a sovereignty policy");
  pl->add_option("--accelerator", pr.accelerator, "accel_id, or training | inference | any");
  pl->add_option("--count", pr.count, "Accelerators (default 1)");
  pl->add_option("--hours", pr.hours, "Hours (default 1)");
  pl->add_option("--territory", p->territory, "Allowed territory jurisdictions (ISO3/bloc)");
  pl->add_option("--operators", p->operators, "Allowed operator jurisdictions (ISO3/bloc)");
  pl->add_option("--designers", p->designers, "Allowed chip-designer jurisdictions (ISO3/bloc)");
  pl->add_option("--residency", pr.residency, "Data must stay in this ISO3 or bloc");
  pl->add_option("--from", pr.from, "The user's city (a site city) or lat,lon");
  pl->add_option("--sort", pr.sort, "price | latency | carbon (default price)");
  pl->add_flag("--eligible-only", p->eligible_only, "Do not list excluded sites");
  add_format(pl, g);
  pl->callback([p, &g, &out] {
    PlaceRequest req = p->req;
    req.territory = parse_list(p->territory);
    req.operators = parse_list(p->operators);
    req.designers = parse_list(p->designers);
    req.show_excluded = !p->eligible_only;
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    print(engine->place(req), g, out);
  });
}

}  // namespace aisov::cli
