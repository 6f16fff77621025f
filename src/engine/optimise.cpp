// Engine::optimise / site / place: read the optimiser file, resolve defaults from the dataset,
// compile the scenario, and run the optimiser (optimise), siting or placement modules.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "aisov/build_config.hpp"
#include "aisov/engine.hpp"
#include "core/failure.hpp"
#include "core/strings.hpp"
#include "engine/guarded.hpp"
#include "io/csv.hpp"
#include "io/scenario_file.hpp"
#include "optimise/optimiser.hpp"
#include "placement/placement.hpp"
#include "scenario/model.hpp"

namespace aisov {

namespace {

namespace fs = std::filesystem;
using engine_detail::guarded;

// The optimiser's default scenario: a bundled file of uncertain supply and access shocks.
constexpr const char* kDefaultScenario = "strategy-stress";

}  // namespace

Result<OptimiseResult> Engine::optimise(const OptimiseRequest& request) const {
  return guarded<OptimiseResult>([&]() -> OptimiseResult {
    const model::Dataset& ds = *dataset_;
    // Parameters: compiled fallbacks, then the dataset's optimise_parameters table, then the file.
    optimise::Parameters base;
    std::set<std::string> parameter_sources;
    for (const auto& p : ds.optimise_parameters) {
      if (!optimise::set_parameter(base, p.name, p.value))
        throw core::Failure(ErrorCode::kInvalidInput,
                            p.origin.file + ":" + std::to_string(p.origin.line) +
                                ": unknown optimiser parameter '" + p.name + "'");
      if (p.source != model::kNone) parameter_sources.insert(ds.sources[p.source].source_id);
    }
    optimise::Spec spec;
    spec.params = base;
    if (!request.file.empty() || !request.text.empty()) {
      std::string text = request.text;
      const std::string file = request.file.empty() ? "<optimise.toml>" : request.file;
      if (!request.file.empty() && !io::read_file(request.file, text))
        throw core::Failure(ErrorCode::kNotFound, "cannot read optimiser file " + request.file);
      std::vector<io::Problem> problems;
      spec = optimise::parse_spec(text, file, problems, base);
      if (!problems.empty())
        throw core::Failure(ErrorCode::kInvalidInput, "invalid optimiser file " + file,
                            io::problem_lines(problems));
    }
    // Flags override the file.
    const std::string economy = !request.economy.empty() ? request.economy : spec.economy;
    if (economy.empty())
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "no economy: give --economy ISO3 or `economy = \"ISO3\"` in the file");
    const auto econ = ds.find_economy(economy);
    if (econ == model::kNone)
      throw core::Failure(ErrorCode::kNotFound, "unknown economy '" + economy + "'");
    optimise::Inputs in;
    in.econ = econ;
    const auto budget = request.budget_usd ? request.budget_usd : spec.budget_usd;
    if (!budget)
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "no budget: give --budget USD or `budget_usd = …` in the file");
    // The same ranges as the file form (optimise/spec_file.cpp): NaN, infinities and values the
    // solver cannot represent are refused here, for the flags and the HTTP query alike.
    auto in_range = [](const char* name, double v, double lo, double hi) {
      if (!(v >= lo && v <= hi)) {
        throw core::Failure(ErrorCode::kInvalidArgument,
                            std::string(name) + " must be a number from " +
                                core::format_number(lo) + " to " + core::format_number(hi) +
                                ", got " + core::format_number(v));
      }
    };
    in_range("--budget", *budget, 0, 1e18);
    in.budget_usd = *budget;
    const auto per_year =
        request.budget_per_year_usd ? request.budget_per_year_usd : spec.budget_per_year_usd;
    in.budget_per_year_usd = per_year ? *per_year : *budget;
    in_range("--budget-per-year", in.budget_per_year_usd, 0, 1e18);
    in.lambda = request.risk_aversion ? *request.risk_aversion : spec.risk_aversion.value_or(1.0);
    in.alpha = request.alpha ? *request.alpha : spec.alpha.value_or(0.95);
    in_range("--risk-aversion", in.lambda, 0, 1e6);
    if (!(in.alpha >= 0 && in.alpha < 1))
      throw core::Failure(ErrorCode::kInvalidArgument, "--alpha must be in [0, 1)");
    in.draws = request.draws ? *request.draws : spec.draws.value_or(1000);
    if (in.draws < 1 || in.draws > 1000000)
      throw core::Failure(ErrorCode::kInvalidArgument, "--draws must be between 1 and 1,000,000");
    in.seed = request.seed;
    in.threads = request.threads;
    in.target_h100e = spec.target_h100e.value_or(0);
    in.params = spec.params;
    in.lp_relaxation = request.lp_relaxation;
    in.cancel = request.cancel;
    in.progress = request.progress;
    if (!(request.time_limit_s > 0 && request.time_limit_s <= 1e7))
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "--time-limit must be a number of seconds > 0 and ≤ 10,000,000");

    const auto& E = ds.economies[econ];
    // The investment model's figures (docs/methodology.md §14.4), through its public results:
    // an element's current annual investment = the economy's share of the element's global
    // cumulative investment × the world's 2024 annual level; its benchmark scales that by
    // (cumulative + gap to the next archetype) / cumulative. Talent, and economies the model
    // cannot profile, keep the GDP-share assumption. They do not depend on the parameters:
    // computed once.
    std::map<std::string, ValueChainInput> from_invest;
    {
      InvestProfileRequest preq;
      preq.iso3 = E.iso3;
      auto prof = invest_profile(preq);
      InvestProjectRequest jreq;
      jreq.to = 2025;
      jreq.draws = 1;
      jreq.threads = 1;
      auto proj = invest_project(jreq);
      const std::map<std::string, std::string> invest_id = {
          {"data", "data"},
          {"models", "foundation_models"},
          {"applications", "applications_services"}};
      for (const auto& [element, id] : invest_id) {
        if (!prof.ok() || !proj.ok()) break;
        const InvestElementEstimate* est = nullptr;
        for (const auto& x : prof.value().profile.elements)
          if (x.element == id) est = &x;
        const InvestProjectElement* level = nullptr;
        for (const auto& x : proj.value().elements)
          if (x.element == id) level = &x;
        if (!est || !level) continue;
        const double share = 0.5 * (est->share_of_global_low + est->share_of_global_high);
        const double cumulative = 0.5 * (est->usd_low + est->usd_high);
        const double annual = share * 0.5 * (level->base_low + level->base_high);
        if (!(annual > 0) || !(cumulative > 0)) continue;
        ValueChainInput v;
        v.current_usd = annual;
        v.benchmark_usd = annual * (cumulative + std::max(0.0, est->gap_usd)) / cumulative;
        v.origin = "invest";
        v.basis = "investment model: " + id + " (" + prof.value().profile.estimate_kind +
                  "), share of global " + core::format_number(std::round(share * 1e5) / 1e3) +
                  " % x 2024 world level; benchmark: next archetype (" +
                  prof.value().profile.next_archetype + ")";
        from_invest[element] = v;
      }
    }
    // The local constraints and value-chain inputs, which depend on the parameters (resolved
    // again for each sensitivity run).
    auto resolve = [&](const optimise::Parameters& P, optimise::Inputs& target) {
      // Local constraints: file, else dataset, else documented default.
      target.limits.clear();
      auto add = [&](const std::string& name, const std::string& unit, std::optional<double> given,
                     std::optional<double> from_data, double fallback, const std::string& note) {
        OptimiseConstraint c;
        c.name = name;
        c.unit = unit;
        c.note = note;
        c.value = given ? *given : from_data ? *from_data : fallback;
        c.origin = given ? "file" : from_data ? "dataset" : "default";
        target.limits.push_back(c);
      };
      std::optional<double> grid, price, workforce;
      if (E.electricity_twh.year)
        grid = P.grid_share * E.electricity_twh.value * 1e6 / 8760;  // TWh/yr → average MW
      if (E.electricity_price_usd_per_kwh.year)
        price = E.electricity_price_usd_per_kwh.value * 1000;
      if (E.population.year) workforce = P.workforce_per_million * E.population.value / 1e6;
      add("grid_mw", "MW", spec.grid_mw, grid, 0,
          "grid_share × average generation (electricity_generation_twh)");
      add("power_price_usd_per_mwh", "USD/MWh", spec.power_price_usd_per_mwh, price,
          P.power_price_usd_per_mwh, "business electricity price (electricity_price_usd_per_kwh)");
      add("water_ml_per_year", "ML/yr", spec.water_ml_per_year, std::nullopt, P.water_ml_per_year,
          "documented default");
      add("land_ha", "ha", spec.land_ha, std::nullopt, P.land_ha, "documented default");
      add("workforce_fte", "FTE", spec.workforce_fte, workforce, 0,
          "workforce_per_million × population");
      add("permitting_years", "years", spec.permitting_years, std::nullopt, P.permitting_years,
          "added to build and hosting lead times");
      // Value chain: the investment model's figures, else GDP shares; replaced element by
      // element by the file.
      target.value_chain = optimise::default_value_chain(E.gdp_usd.year ? E.gdp_usd.value : 0, P);
      for (auto& d : target.value_chain) {
        const auto it = from_invest.find(d.element);
        if (it == from_invest.end()) continue;
        d.current_usd = it->second.current_usd;
        d.benchmark_usd = it->second.benchmark_usd;
        d.origin = it->second.origin;
        d.basis = it->second.basis;
      }
      for (const auto& v : spec.value_chain) {
        for (auto& d : target.value_chain) {
          if (d.element != v.element) continue;
          if (v.current_usd >= 0) d.current_usd = v.current_usd;
          if (v.benchmark_usd >= 0) d.benchmark_usd = v.benchmark_usd;
          if (v.coefficient >= 0) d.coefficient = v.coefficient;
          d.origin = "file";
          d.basis += "; overridden by the file";
        }
      }
    };
    resolve(in.params, in);

    // The scenario.
    std::string sfile = !request.scenario.empty() ? request.scenario
                        : !spec.scenario.empty()  ? spec.scenario
                                                  : kDefaultScenario;
    std::error_code ec;
    if (!fs::exists(sfile, ec) && sfile.find('/') == std::string::npos) {
      const std::string bundled =
          Engine::default_scenario_dir() + "/" + sfile +
          (sfile.size() > 5 && sfile.substr(sfile.size() - 5) == ".toml" ? "" : ".toml");
      if (fs::exists(bundled, ec)) sfile = bundled;
    }
    std::string stext;
    if (!io::read_file(sfile, stext))
      throw core::Failure(ErrorCode::kNotFound, "cannot read scenario file " + sfile);
    std::vector<io::Problem> problems;
    io::ScenarioSpec sspec = io::parse_scenario(stext, sfile, false, problems);
    if (!problems.empty())
      throw core::Failure(ErrorCode::kInvalidInput, "invalid scenario " + sfile,
                          io::problem_lines(problems));
    const auto horizon = request.horizon ? request.horizon : spec.horizon;
    if (horizon && (*horizon < 2000 || *horizon > 2100)) {
      throw core::Failure(
          ErrorCode::kInvalidArgument,
          "horizon must be a year from 2000 to 2100, got " + std::to_string(*horizon));
    }
    if (horizon) sspec.horizon = *horizon;
    scenario::Model m = scenario::compile(ds, sspec);

    std::vector<double> lambdas;
    if (request.frontier) {
      lambdas = !request.frontier_lambdas.empty() ? request.frontier_lambdas
                : !spec.frontier.empty()          ? spec.frontier
                                                  : std::vector<double>{0, 0.25, 0.5, 1, 2, 4, 8};
    }
    // Sensitivity rows: each estimated parameter with a range that the file did not set.
    std::vector<const model::OptimiseParameter*> varied;
    if (request.sensitivity) {
      for (const auto& p : ds.optimise_parameters) {
        if (!p.low || !p.high || !(*p.low < *p.high)) continue;
        if (optimise::parameter_value(spec.params, p.name) !=
            optimise::parameter_value(base, p.name))
          continue;  // the user's value, not an estimate
        varied.push_back(&p);
      }
    }
    // Progress counts the sensitivity solves (two per row) after the main call's own.
    const int64_t extra = 2 * static_cast<int64_t>(varied.size());
    int64_t main_planned = 0;
    if (in.progress && extra) {
      in.progress = [outer = in.progress, extra, &main_planned](int64_t k, int64_t n) {
        main_planned = n;
        outer(k, n + extra);
      };
    }
    auto backend = solver::make_coin_backend();
    solver::SolveOptions opts;
    opts.time_limit_s = request.time_limit_s;
    OptimiseResult r = optimise::optimise(ds, m, sspec, in, *backend, opts, lambdas, request.align,
                                          request.export_mps);
    r.meta.engine_version = build::kVersion;
    r.meta.dataset_version = ds.dataset_version;
    r.meta.scenario_name = sspec.name;
    r.meta.scenario_file = fs::path(sfile).filename().string();
    r.meta.scenario_hash = io::fnv1a_hex(sspec.canonical);
    r.meta.solver = backend->name();
    r.meta.economy = E.iso3;
    r.meta.economy_name = E.name;
    r.meta.seed = in.seed;
    r.meta.draws = in.draws;
    r.meta.start_year = m.y0;
    r.meta.horizon = m.horizon;
    r.meta.alpha = in.alpha;
    r.meta.lambda = in.lambda;
    r.meta.budget_usd = in.budget_usd;
    r.meta.budget_per_year_usd = in.budget_per_year_usd;
    r.warnings = m.warnings;
    r.parameter_sources.assign(parameter_sources.begin(), parameter_sources.end());
    int64_t sensitivity_done = 0;
    for (const model::OptimiseParameter* pp : varied) {
      // One parameter at a time at the low and the high end of its documented range.
      const auto& p = *pp;
      OptimiseSensitivity row;
      row.parameter = p.name;
      row.unit = p.unit;
      row.value = p.value;
      row.low = *p.low;
      row.high = *p.high;
      for (int end = 0; end < 2; ++end) {
        optimise::Inputs v = in;
        v.progress = nullptr;
        optimise::set_parameter(v.params, p.name, end ? row.high : row.low);
        resolve(v.params, v);
        const OptimiseResult o = optimise::optimise(ds, m, sspec, v, *backend, opts, {}, false, "");
        if (request.progress)
          request.progress(main_planned + ++sensitivity_done, main_planned + extra);
        OptimiseSensitivityEnd& e = end ? row.at_high : row.at_low;
        e.status = o.best.status;
        e.objective = o.best.objective;
        e.expected_h100e_years = o.best.expected_h100e_years;
        e.cvar_loss = o.best.cvar_loss;
        e.competitiveness = o.best.competitiveness;
        e.compute_share = o.compute_share;
        double top = -1;
        for (const auto& a : o.allocation) {
          if (a.cost_usd > top) {
            top = a.cost_usd;
            e.top_option = a.id;
          }
        }
      }
      row.swing = std::fabs(row.at_high.objective - row.at_low.objective);
      r.sensitivity.push_back(row);
    }
    std::stable_sort(r.sensitivity.begin(), r.sensitivity.end(),
                     [](const auto& a, const auto& b) { return a.swing > b.swing; });
    return r;
  });
}

Result<SiteResult> Engine::site(const SiteRequest& request) const {
  return guarded<SiteResult>([&] {
    SiteResult r = placement::site(*dataset_, request);
    r.engine_version = build::kVersion;
    r.dataset_version = dataset_->dataset_version;
    return r;
  });
}

Result<PlaceResult> Engine::place(const PlaceRequest& request) const {
  return guarded<PlaceResult>([&] {
    PlaceResult r = placement::place(*dataset_, request);
    r.engine_version = build::kVersion;
    r.dataset_version = dataset_->dataset_version;
    return r;
  });
}

}  // namespace aisov
