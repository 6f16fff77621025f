// Investment, optimiser, siting and placement routes over Engine::invest_* / optimise / site /
// place, rendered with the same render() as the CLI. No domain logic: parse the query, make the
// Engine call, reply.
#include "invest_routes.hpp"

#include "io/toml_json.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace aisov::server {

namespace {

using namespace http;  // NOLINT(google-build-using-namespace)

constexpr Route kInvestProfile{"/api/v1/invest/profile/{iso3}",
                               R"(/api/v1/invest/profile/([^/]+))"};
constexpr Route kInvestCompare{"/api/v1/invest/compare", R"(/api/v1/invest/compare)"};
constexpr Route kInvestProject{"/api/v1/invest/project", R"(/api/v1/invest/project)"};
constexpr Route kInvestArchetypes{"/api/v1/invest/archetypes", R"(/api/v1/invest/archetypes)"};
constexpr Route kInvestProgrammes{"/api/v1/invest/programmes", R"(/api/v1/invest/programmes)"};
constexpr Route kOptimise{"/api/v1/optimise", R"(/api/v1/optimise)", "POST, OPTIONS"};
constexpr Route kOptimiseJob{"/api/v1/jobs/optimise", R"(/api/v1/jobs/optimise)", "POST, OPTIONS"};
constexpr Route kSite{"/api/v1/site", R"(/api/v1/site)"};
constexpr Route kPlace{"/api/v1/place", R"(/api/v1/place)"};

// The optimiser's default scenario draws (OptimiseRequest::draws, docs/methodology.md §14).
constexpr int64_t kDefaultOptimiseDraws = 1000;

// Longest horizon of an investment projection over HTTP (the CLI takes any).
constexpr int kMaxProjectTo = 2100;

template <typename T>
bool parse_number(const std::string& text, T& out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  if constexpr (std::is_floating_point_v<T>) {
    if (ec == std::errc() && !std::isfinite(out)) return false;
  }
  return ec == std::errc() && ptr == end;
}

// An optional query number: absent → nullopt; malformed → kInvalidArgument naming `what`.
template <typename T>
Result<std::optional<T>> number(const Query& q, const std::string& name, const std::string& what) {
  auto s = scalar(q, name);
  if (!s) return s.error();
  if (s.value().empty()) return std::optional<T>();
  T v{};
  if (!parse_number(s.value(), v))
    return bad(name + " must be " + what + ", not '" + s.value() + "'");
  return std::optional<T>(v);
}

Result<std::optional<bool>> flag(const Query& q, const std::string& name) {
  auto s = scalar(q, name);
  if (!s) return s.error();
  const std::string& v = s.value();
  if (v.empty()) return std::optional<bool>();
  if (v == "true" || v == "1") return std::optional<bool>(true);
  if (v == "false" || v == "0") return std::optional<bool>(false);
  return bad(name + " must be true or false, not '" + v + "'");
}

// Sends the rendering of an Engine result (or its problem) through the bounded runner.
template <typename Call>
Reply computed(const ScenarioContext& cx, Format f, Call call) {
  auto r = cx.runner.run([call, f] {
    auto res = call();
    return res ? Reply{200, content_type(f), render(res.value(), f), {}} : problem(res.error());
  });
  return r ? std::move(r).value() : problem(r.error());
}

// ---- optimiser input: a TOML or JSON body and/or query flags (flags override the body).

// JSON → the TOML document the optimiser's file parser reads (objects → tables, arrays →
// arrays, numbers, strings and booleans as themselves).
std::unique_ptr<toml::node> toml_value(const nlohmann::json& j, const std::string& path,
                                       std::string& err) {
  if (j.is_boolean()) return std::make_unique<toml::value<bool>>(j.get<bool>());
  if (j.is_number_unsigned() && j.get<uint64_t>() > uint64_t(INT64_MAX)) {
    return std::make_unique<toml::value<double>>(j.get<double>());  // beyond TOML's integers
  }
  if (j.is_number_integer()) return std::make_unique<toml::value<int64_t>>(j.get<int64_t>());
  if (j.is_number()) return std::make_unique<toml::value<double>>(j.get<double>());
  if (j.is_string()) return std::make_unique<toml::value<std::string>>(j.get<std::string>());
  if (j.is_array()) {
    auto a = std::make_unique<toml::array>();
    for (size_t i = 0; i < j.size(); ++i) {
      auto v = toml_value(j[i], path + "[" + std::to_string(i) + "]", err);
      if (!v) return nullptr;
      a->push_back(std::move(*v));
    }
    return a;
  }
  if (j.is_object()) {
    auto t = std::make_unique<toml::table>();
    for (const auto& [k, v] : j.items()) {
      auto n = toml_value(v, path.empty() ? k : path + "." + k, err);
      if (!n) return nullptr;
      t->insert(k, std::move(*n));
    }
    return t;
  }
  err = (path.empty() ? std::string("the document") : path) + ": null is not allowed";
  return nullptr;
}

// The body as TOML text: JSON (by content type or a leading '{') is converted.
Result<std::string> optimiser_text(const httplib::Request& req) {
  const auto first = req.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::string();
  const bool json = req.get_header_value("Content-Type").find("json") != std::string::npos ||
                    req.body[first] == '{';
  if (!json) return req.body;
  if (io::Problem p = io::json_limits_problem(req.body); !p.message.empty()) {
    p.file = "<optimise.json>";
    return Error{ErrorCode::kInvalidInput, "invalid optimiser file <optimise.json>", {p.str()}};
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    // Byte offset → line:column of the body.
    const size_t at = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, req.body.size());
    const size_t line =
        1 + static_cast<size_t>(std::count(req.body.begin(), req.body.begin() + at, '\n'));
    const size_t nl = req.body.rfind('\n', at == 0 ? 0 : at - 1);
    const size_t col = nl == std::string::npos || at == 0 ? at + 1 : at - nl;
    return Error{ErrorCode::kInvalidInput,
                 "invalid optimiser file <optimise.json>",
                 {"<optimise.json>:" + std::to_string(line) + ":" + std::to_string(col) +
                  ": malformed JSON"}};
  } catch (const nlohmann::json::exception& e) {
    // e.g. a number too large for a double: nlohmann gives no position.
    std::string what = e.what();
    if (auto k = what.find("] "); k != std::string::npos) what = what.substr(k + 2);
    return Error{ErrorCode::kInvalidInput,
                 "invalid optimiser file <optimise.json>",
                 {"<optimise.json>:1:1: malformed JSON: " + what}};
  }
  if (!doc.is_object()) {
    return Error{ErrorCode::kInvalidInput,
                 "invalid optimiser file <optimise.json>",
                 {"<optimise.json>:1:1: expected a JSON object"}};
  }
  std::string err;
  auto t = toml_value(doc, "", err);
  if (!t) {
    return Error{ErrorCode::kInvalidInput,
                 "invalid optimiser file <optimise.json>",
                 {"<optimise.json>: " + err}};
  }
  std::ostringstream os;
  os << *t->as_table();
  return os.str();
}

// The optimiser request of POST /optimise and /jobs/optimise.
Result<OptimiseRequest> optimise_input(const ScenarioContext& cx, const httplib::Request& req,
                                       const Query& q) {
  OptimiseRequest r;
  auto text = optimiser_text(req);
  if (!text) return text.error();
  r.text = std::move(text).value();
  auto economy = scalar(q, "economy");
  if (!economy) return economy.error();
  r.economy = economy.value();
  auto scenario = scalar(q, "scenario");
  if (!scenario) return scenario.error();
  r.scenario = scenario.value();
  if (r.text.empty() && r.economy.empty()) {
    return bad(
        "no optimiser input: send the optimiser file (TOML or JSON) as the body, or give at "
        "least ?economy=ISO3&budget=USD");
  }
  // Scenarios over HTTP are bundled ones, named: never a path on the server.
  std::string file_scenario;
  std::optional<int64_t> file_draws;
  if (!r.text.empty()) {
    try {
      const toml::table t = toml::parse(r.text);
      file_scenario = t["scenario"].value_or(std::string());
      // toml++ converts a float to int64_t unchecked (UB past 2^63): only floats in range.
      const auto d = t["draws"];
      if (d.is_integer() || (d.is_floating_point() && std::abs(d.value_or(0.0)) < 9e18)) {
        file_draws = d.value<int64_t>();
      }
    } catch (const toml::parse_error&) {
      // The Engine reports it with line and column.
    }
  }
  for (const std::string* s : {&r.scenario, &file_scenario}) {
    if (s->find_first_of("/\\") != std::string::npos || s->find("..") != std::string::npos) {
      return bad("scenario must be a bundled scenario's name (GET /api/v1/scenarios), not a path");
    }
  }
  auto draws = number<int64_t>(q, "draws", "a whole number ≥ 1");
  if (!draws) return draws.error();
  r.draws = draws.value();
  if (r.draws && *r.draws < 1) return bad("draws must be a whole number ≥ 1");
  // The draws limit holds for the file's draws too (flags override the file).
  const int64_t effective = r.draws ? *r.draws : file_draws.value_or(kDefaultOptimiseDraws);
  if (effective > cx.options.max_draws) {
    return Error{ErrorCode::kPayloadTooLarge,
                 std::to_string(effective) + " draws exceed this server's limit of " +
                     std::to_string(cx.options.max_draws) + " per request",
                 {}};
  }
  const std::string usd = "a number of USD";
  auto budget = number<double>(q, "budget", usd);
  if (!budget) return budget.error();
  r.budget_usd = budget.value();
  auto per_year = number<double>(q, "budget_per_year", usd);
  if (!per_year) return per_year.error();
  r.budget_per_year_usd = per_year.value();
  auto horizon = number<int>(q, "horizon", "a year");
  if (!horizon) return horizon.error();
  r.horizon = horizon.value();
  auto lambda = number<double>(q, "risk_aversion", "a number ≥ 0");
  if (!lambda) return lambda.error();
  r.risk_aversion = lambda.value();
  auto alpha = number<double>(q, "alpha", "a number between 0 and 1");
  if (!alpha) return alpha.error();
  r.alpha = alpha.value();
  auto seed = number<uint64_t>(q, "seed", "a whole number from 0 to 2^64−1");
  if (!seed) return seed.error();
  if (seed.value()) r.seed = *seed.value();
  auto frontier = flag(q, "frontier");
  if (!frontier) return frontier.error();
  for (const auto& s : list(q, "lambdas")) {
    double v = 0;
    if (!parse_number(s, v)) return bad("malformed lambdas '" + s + "' (expected e.g. 0,0.5,1,2)");
    r.frontier_lambdas.push_back(v);
  }
  r.frontier = frontier.value().value_or(false) || !r.frontier_lambdas.empty();
  auto align = flag(q, "align");
  if (!align) return align.error();
  r.align = align.value().value_or(true);
  auto sensitivity = flag(q, "sensitivity");
  if (!sensitivity) return sensitivity.error();
  r.sensitivity = sensitivity.value().value_or(false);
  auto limit = number<double>(q, "time_limit", "a number of seconds > 0");
  if (!limit) return limit.error();
  if (limit.value()) {
    if (!(*limit.value() > 0)) return bad("time_limit must be a number of seconds > 0");
    r.time_limit_s = *limit.value();
  }
  r.threads = cx.options.scenario_threads;
  return r;
}

// Number parameters of GET /site.
constexpr const char* kSiteWeights[] = {"w_power",   "w_price",        "w_carbon",  "w_water",
                                        "w_latency", "w_jurisdiction", "w_headroom"};

}  // namespace

const std::vector<Route>& invest_routes() {
  static const std::vector<Route> routes = {kInvestProfile,
                                            kInvestCompare,
                                            kInvestProject,
                                            kInvestArchetypes,
                                            kInvestProgrammes,
                                            kOptimise,
                                            kOptimiseJob,
                                            kSite,
                                            kPlace};
  return routes;
}

void add_invest_routes(httplib::Server& svr, const ScenarioContext& cx) {
  using httplib::Request;
  using httplib::Response;
  auto on = [](auto fn) {
    return httplib::Server::Handler(
        [fn](const Request& req, Response& res) { send(res, fn(req)); });
  };
  // The GET routes are functions of the immutable dataset: answered from the response cache.
  auto on_cached = [&cx](auto fn) {
    return cached(cx.cache, std::function<Reply(const Request&)>(fn));
  };
  // The reply format of a query that takes `names` besides ?format=.
  struct Parsed {
    Query q;
    Format f = Format::kJson;
  };
  auto parse = [](const Request& req,
                  std::initializer_list<std::string_view> names) -> Result<Parsed> {
    auto q = read_query(req, names);
    if (!q) return q.error();
    auto f = reply_format(req, q.value());
    if (!f) return f.error();
    return Parsed{std::move(q).value(), f.value()};
  };

  svr.Get(kInvestProfile.pattern, on_cached([cx, parse](const Request& req) {
            auto p = parse(req, {"format"});
            if (!p) return problem(p.error());
            InvestProfileRequest r;
            r.iso3 = req.matches[1].str();
            return computed(cx, p.value().f,
                            [&eng = cx.engine, r] { return eng.invest_profile(r); });
          }));

  svr.Get(kInvestCompare.pattern, on_cached([cx, parse](const Request& req) {
            auto p = parse(req, {"economies", "format"});
            if (!p) return problem(p.error());
            InvestCompareRequest r;
            r.codes = list(p.value().q, "economies");
            if (r.codes.empty()) {
              return problem(bad("give the economies to compare: ?economies=DEU,FRA,EU27"));
            }
            return computed(cx, p.value().f,
                            [&eng = cx.engine, r] { return eng.invest_compare(r); });
          }));

  svr.Get(
      kInvestProject.pattern, on_cached([cx, parse](const Request& req) {
        auto p = parse(req, {"to", "draws", "seed", "economies", "format"});
        if (!p) return problem(p.error());
        const Query& q = p.value().q;
        InvestProjectRequest r;
        auto to = number<int>(q, "to", "a year");
        if (!to) return problem(to.error());
        if (to.value()) r.to = *to.value();
        if (r.to > kMaxProjectTo) {
          return problem(bad("to must be a year up to " + std::to_string(kMaxProjectTo)));
        }
        auto draws = number<int64_t>(q, "draws", "a whole number ≥ 1");
        if (!draws) return problem(draws.error());
        if (draws.value()) r.draws = *draws.value();
        if (r.draws < 1) return problem(bad("draws must be a whole number ≥ 1"));
        if (r.draws > cx.options.max_draws) {
          return problem(Error{ErrorCode::kPayloadTooLarge,
                               std::to_string(r.draws) + " draws exceed this server's limit of " +
                                   std::to_string(cx.options.max_draws) + " per request",
                               {}});
        }
        auto seed = number<uint64_t>(q, "seed", "a whole number from 0 to 2^64−1");
        if (!seed) return problem(seed.error());
        if (seed.value()) r.seed = *seed.value();
        r.economies = list(q, "economies");
        r.threads = cx.options.scenario_threads;
        return computed(cx, p.value().f, [&eng = cx.engine, r] { return eng.invest_project(r); });
      }));

  svr.Get(kInvestArchetypes.pattern, on_cached([cx, parse](const Request& req) {
            auto p = parse(req, {"format"});
            if (!p) return problem(p.error());
            return computed(cx, p.value().f, [&eng = cx.engine] {
              return eng.invest_archetypes(InvestArchetypesRequest{});
            });
          }));

  svr.Get(kInvestProgrammes.pattern, on_cached([cx, parse](const Request& req) {
            auto p = parse(req, {"economy", "format"});
            if (!p) return problem(p.error());
            auto economy = scalar(p.value().q, "economy");
            if (!economy) return problem(economy.error());
            InvestProgrammesRequest r;
            r.economy = economy.value();
            return computed(cx, p.value().f,
                            [&eng = cx.engine, r] { return eng.invest_programmes(r); });
          }));

  svr.Post(kOptimise.pattern, on([cx](const Request& req) {
             auto q =
                 read_query(req, {"economy", "budget", "budget_per_year", "horizon",
                                  "risk_aversion", "alpha", "scenario", "draws", "seed", "frontier",
                                  "lambdas", "align", "sensitivity", "time_limit", "format"});
             if (!q) return problem(q.error());
             auto f = reply_format(req, q.value());
             if (!f) return problem(f.error());
             auto r = optimise_input(cx, req, q.value());
             if (!r) return problem(r.error());
             // Each solve stops at the server's run-time limit at the latest.
             OptimiseRequest o = std::move(r).value();
             o.time_limit_s = std::min(o.time_limit_s, cx.options.max_run_ms / 1000.0);
             o.cancel = &cx.stopping;  // a stopping server cancels before the next solve
             return computed(cx, f.value(), [&eng = cx.engine, o] { return eng.optimise(o); });
           }));

  svr.Post(kOptimiseJob.pattern, on([cx](const Request& req) {
             auto q =
                 read_query(req, {"economy", "budget", "budget_per_year", "horizon",
                                  "risk_aversion", "alpha", "scenario", "draws", "seed", "frontier",
                                  "lambdas", "align", "sensitivity", "time_limit"});
             if (!q) return problem(q.error());
             auto r = optimise_input(cx, req, q.value());
             if (!r) return problem(r.error());
             OptimiseRequest o = std::move(r).value();
             o.time_limit_s = std::min(o.time_limit_s, cx.options.max_job_run_ms / 1000.0);
             int64_t draws = o.draws.value_or(kDefaultOptimiseDraws);
             if (!o.draws && !o.text.empty()) {
               try {
                 draws = toml::parse(o.text)["draws"].value_or(draws);
               } catch (const toml::parse_error&) {
               }
             }
             // Cancel is checked before each solve; progress advances by solves, reported in
             // draws (k of n solves done → k/n of the draws) (docs/api.md).
             auto id = cx.store.submit(
                 "optimise", draws,
                 [&eng = cx.engine, o, draws](JobControl& control) mutable -> Result<JobOutput> {
                   o.cancel = &control.cancel;
                   o.progress = [&control, draws](int64_t solved, int64_t planned) {
                     control.done = planned > 0 ? draws * solved / planned : 0;
                     control.total = draws;
                   };
                   auto res = eng.optimise(o);
                   o.progress = nullptr;
                   o.cancel = nullptr;
                   if (control.cancel) {
                     return Error{ErrorCode::kCancelled, "optimiser job cancelled", {}};
                   }
                   if (!res) return res.error();
                   control.done = res.value().meta.draws;
                   control.total = res.value().meta.draws;
                   auto shared = std::make_shared<const OptimiseResult>(std::move(res).value());
                   return JobOutput([shared](Format f) { return render(*shared, f); });
                 });
             if (!id) return problem(id.error());
             auto s = cx.store.status(id.value());
             if (!s) return job_not_found(id.value());
             Reply reply = job_status_reply(202, *s);
             reply.headers.emplace_back("Location", job_location(id.value()));
             return reply;
           }));

  svr.Get(kSite.pattern, on_cached([cx, parse](const Request& req) {
            auto p =
                parse(req, {"in", "demand", "prefer", "w_power", "w_price", "w_carbon", "w_water",
                            "w_latency", "w_jurisdiction", "w_headroom", "mw", "limit", "format"});
            if (!p) return problem(p.error());
            const Query& q = p.value().q;
            SiteRequest r;
            r.scope = list(q, "in");
            // Demand centres are separated by ';' ("lat,lon" holds a comma); may repeat.
            if (auto it = q.find("demand"); it != q.end()) {
              for (const auto& v : it->second) {
                size_t start = 0;
                while (start <= v.size()) {
                  const size_t end = std::min(v.find(';', start), v.size());
                  std::string item = v.substr(start, end - start);
                  item.erase(0, item.find_first_not_of(' '));
                  item.erase(item.find_last_not_of(' ') + 1);
                  if (!item.empty()) r.demand.push_back(item);
                  start = end + 1;
                }
              }
            }
            r.preferred = list(q, "prefer");
            double* weights[] = {&r.w_power,   &r.w_price,        &r.w_carbon,  &r.w_water,
                                 &r.w_latency, &r.w_jurisdiction, &r.w_headroom};
            for (size_t i = 0; i < 7; ++i) {
              auto w = number<double>(q, kSiteWeights[i], "a number ≥ 0");
              if (!w) return problem(w.error());
              if (w.value()) {
                if (*w.value() < 0) {
                  return problem(bad(std::string(kSiteWeights[i]) + " must be a number ≥ 0"));
                }
                *weights[i] = *w.value();
              }
            }
            // The workload's IT load, MW (§14.6): finite and ≥ 0 (the engine also caps it).
            auto mw = number<double>(q, "mw", "a number of MW ≥ 0");
            if (!mw) return problem(mw.error());
            if (mw.value()) {
              if (*mw.value() < 0) return problem(bad("mw must be a number of MW ≥ 0"));
              r.it_mw = *mw.value();
            }
            auto limit = number<int>(q, "limit", "a whole number ≥ 0");
            if (!limit) return problem(limit.error());
            if (limit.value()) {
              if (*limit.value() < 0) return problem(bad("limit must be a whole number ≥ 0"));
              r.limit = *limit.value();
            }
            return computed(cx, p.value().f, [&eng = cx.engine, r] { return eng.site(r); });
          }));

  svr.Get(kPlace.pattern, on_cached([cx, parse](const Request& req) {
            auto p =
                parse(req, {"accelerator", "count", "hours", "territory", "operators", "designers",
                            "residency", "from", "sort", "eligible_only", "format"});
            if (!p) return problem(p.error());
            const Query& q = p.value().q;
            PlaceRequest r;
            auto accel = scalar(q, "accelerator");
            if (!accel) return problem(accel.error());
            if (!accel.value().empty()) r.accelerator = accel.value();
            auto count = number<int>(q, "count", "a whole number ≥ 1");
            if (!count) return problem(count.error());
            if (count.value()) r.count = *count.value();
            auto hours = number<double>(q, "hours", "a number of hours");
            if (!hours) return problem(hours.error());
            if (hours.value()) r.hours = *hours.value();
            r.territory = list(q, "territory");
            r.operators = list(q, "operators");
            r.designers = list(q, "designers");
            for (auto [name, out] : {std::pair{"residency", &r.residency}, {"from", &r.from}}) {
              auto v = scalar(q, name);
              if (!v) return problem(v.error());
              *out = v.value();
            }
            auto sort = scalar(q, "sort");
            if (!sort) return problem(sort.error());
            if (!sort.value().empty()) r.sort = sort.value();
            auto only = flag(q, "eligible_only");
            if (!only) return problem(only.error());
            r.show_excluded = !only.value().value_or(false);
            return computed(cx, p.value().f, [&eng = cx.engine, r] { return eng.place(r); });
          }));
}

}  // namespace aisov::server
