// Property test of the investment, optimiser, siting and placement routes: any query (known and
// unknown names, odd values) and any body gets a success whose JSON is valid against the
// operation's OpenAPI schema, or an RFC 9457 problem with a 4xx status (503 only for a full job
// store) — never a 5xx, a crash or a hang.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cctype>
#include <memory>

#include "api_support.hpp"

namespace {

using aisov::test::LiveServer;
using aisov::test::percent_encode;
using aisov::test::schema_errors;
using nlohmann::json;

LiveServer& server() {
  static const std::unique_ptr<LiveServer> s = [] {
    aisov::server::ServerOptions o;
    o.max_draws = 200;  // larger runs (and the defaults) are refused with 413: every run is short
    o.max_kept_jobs = 64;
    return std::make_unique<LiveServer>(std::string(AISOV_SOURCE_DIR) + "/data", o);
  }();
  return *s;
}

rc::Gen<std::string> gen_value() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>(
          "", "0", "1", "-1", "2", "50", "200", "201", "1e9", "2e10", "0.5", "0.95", "1.5", "nan",
          "inf", "-0", "1e400", "18446744073709551616", "2030", "9999", "true", "false", "IDN",
          "DEU", "USA,DEU", "eu", "ZZZ", "json", "csv", "table", "xml", "training", "inference",
          "any", "price", "latency", "carbon", "Frankfurt", "Frankfurt;50,8", "0,1,4",
          "strategy-stress", "../etc/passwd", "%00", "a,b,,c", " "),
      rc::gen::container<std::string>(rc::gen::inRange<char>(1, 127)));
}

rc::Gen<std::string> gen_name() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>(
          "economies", "economy", "to", "draws", "seed", "format", "budget", "budget_per_year",
          "horizon", "risk_aversion", "alpha", "scenario", "frontier", "lambdas", "align",
          "time_limit", "in", "demand", "prefer", "w_power", "w_carbon", "limit", "accelerator",
          "count", "hours", "territory", "operators", "designers", "residency", "from", "sort",
          "eligible_only"),
      rc::gen::container<std::string>(rc::gen::inRange<char>('a', 'z' + 1)));
}

rc::Gen<std::string> gen_body() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>(
          "", "economy = \"IDN\"\nbudget_usd = 1e9\ndraws = 100\n",
          "economy = \"IDN\"\nbudget_usd = 1e9\n", "economy = \"IDN\"\nbudget_usd = [1\n",
          "{\"economy\": \"IDN\", \"budget_usd\": 1e9, \"draws\": 50}", "{\"economy\": null}",
          "{\"draws\": 1e3080}", "[1, 2]", "{\"constraints\": {\"grid_mw\": \"lots\"}}"),
      rc::gen::container<std::string>(rc::gen::inRange<char>(1, 127)));
}

std::string op_schema(const std::string& route, const std::string& method, int status) {
  std::string esc;
  for (char c : route) esc += c == '/' ? std::string("~1") : std::string(1, c);
  return "/paths/" + esc + "/" + method + "/responses/" + std::to_string(status) +
         "/content/application~1json/schema";
}

RC_GTEST_PROP(InvestRequestFuzz, EveryReplyIsValidOrAProblem, ()) {
  struct Target {
    const char* method;
    const char* path;
    const char* route;
  };
  static const std::vector<Target> targets = {
      {"GET", "/api/v1/invest/profile/DEU", "/api/v1/invest/profile/{iso3}"},
      {"GET", "/api/v1/invest/compare", "/api/v1/invest/compare"},
      {"GET", "/api/v1/invest/project", "/api/v1/invest/project"},
      {"GET", "/api/v1/invest/archetypes", "/api/v1/invest/archetypes"},
      {"GET", "/api/v1/invest/programmes", "/api/v1/invest/programmes"},
      {"GET", "/api/v1/site", "/api/v1/site"},
      {"GET", "/api/v1/place", "/api/v1/place"},
      {"POST", "/api/v1/optimise", "/api/v1/optimise"},
      {"POST", "/api/v1/jobs/optimise", "/api/v1/jobs/optimise"}};
  const auto target = *rc::gen::elementOf(targets);
  const auto n = *rc::gen::inRange(0, 5);
  std::string query;
  for (int i = 0; i < n; ++i) {
    query += (i ? "&" : "?") + percent_encode(*gen_name()) + "=" + percent_encode(*gen_value());
  }
  const std::string url = std::string(target.path) + query;
  auto c = server().client();
  httplib::Result res = std::string(target.method) == "GET"
                            ? c.Get(url.c_str())
                            : c.Post(url.c_str(), *gen_body(), "application/toml");
  RC_ASSERT(static_cast<bool>(res));
  const int status = res->status;
  RC_LOG() << target.method << " " << url << " → " << status << "\n" << res->body << "\n";
  if (status == 200 || status == 202) {
    const std::string type = res->get_header_value("Content-Type");
    if (type == "application/json") {
      const json j = json::parse(res->body, nullptr, false);
      RC_ASSERT(!j.is_discarded());
      const std::string method = std::string(target.method) == "GET" ? "get" : "post";
      RC_ASSERT(schema_errors(op_schema(target.route, method, status), j).empty());
    }
    return;
  }
  RC_ASSERT(res->get_header_value("Content-Type") == "application/problem+json");
  const json p = json::parse(res->body, nullptr, false);
  RC_ASSERT(!p.is_discarded());
  RC_ASSERT(schema_errors("/components/schemas/Problem", p).empty());
  RC_ASSERT(p["status"] == status);
  RC_ASSERT((status >= 400 && status < 500) || (status == 503 && p["title"] == "busy"));
}

}  // namespace
