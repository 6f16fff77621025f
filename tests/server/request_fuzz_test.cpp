// Property test of the server's query-string and body parsing: random queries and bodies sent
// to the live server never crash it and never get a 5xx; every 4xx is a valid problem document.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cctype>
#include <memory>

#include "api_support.hpp"

using aisov::test::fixture;
using aisov::test::LiveServer;
using aisov::test::percent_encode;
using aisov::test::schema_errors;
using nlohmann::json;

namespace {

// The live server, started on first use and stopped (its threads joined) at exit.
LiveServer& server() {
  static const std::unique_ptr<LiveServer> s = [] {
    aisov::server::ServerOptions o;
    o.max_draws = 20000;  // keeps every accepted run short
    return std::make_unique<LiveServer>(fixture("tiny"), o);
  }();
  return *s;
}

rc::Gen<std::string> gen_value() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>("", "0", "1", "-1", "7", "2000", "2001", "1e3", "0.5", "nan",
                                    "inf", "-0", "18446744073709551616", "20000", "20001", "2027",
                                    "2027-2030", "2030-2027", "USA,DEU", "eu", "ATL", "json", "csv",
                                    "table", "xml", "taiwan-foundry", "eu-energy-cap",
                                    "../etc/passwd", "%00", "a,b,,c", " "),
      rc::gen::container<std::string>(rc::gen::inRange<char>(1, 127)),
      rc::gen::map(rc::gen::inRange<int64_t>(-100000, 100000),
                   [](int64_t v) { return std::to_string(v); }));
}

rc::Gen<std::string> gen_name() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>("name", "draws", "seed", "economies", "years", "target_rse",
                                    "format", "as_of", "by", "weight", "providers"),
      rc::gen::container<std::string>(rc::gen::inRange<char>('a', 'z' + 1)));
}

rc::Gen<std::string> gen_body() {
  return rc::gen::oneOf(
      rc::gen::just(std::string()),
      rc::gen::element<std::string>(
          "name = \"x\"\n", "{}", "{\"name\": \"x\"}", "{\"name\": 1", "[[shocks]]\nkind = 1\n",
          "name = \"t\"\n[[shocks]]\nkind = \"growth\"\neconomies = [\"USA\"]\ngrowth = 2\n",
          "name = \"t\"\nhorizon = 999999\n", "name = \"t\"\nhorizon = -5\n",
          "name = \"t\"\n[[shocks]]\nkind = \"foundry_disruption\"\nlocations = [\"TWN\"]\n"
          "loss = { pert = [0.9, 0.5, 0.1] }\n",
          "{\"name\":\"t\",\"shocks\":[{\"kind\":\"energy_cap\",\"economies\":\"all\","
          "\"max_growth\":{\"uniform\":[0.1,0.2]},\"probability\":2}]}"),
      rc::gen::container<std::string>(rc::gen::arbitrary<char>()));
}

RC_GTEST_PROP(RequestFuzz, EveryReplyIsSuccessOrAProblem, ()) {
  static const std::vector<std::pair<std::string, std::string>> targets = {
      {"POST", "/api/v1/scenario/run"}, {"POST", "/api/v1/scenario/check"},
      {"GET", "/api/v1/scenarios"},     {"GET", "/api/v1/scenarios/taiwan-foundry"},
      {"GET", "/api/v1/census"},        {"GET", "/api/v1/profile/DEU"},
      {"GET", "/api/v1/jobs/1"},        {"DELETE", "/api/v1/jobs/2"},
      {"GET", "/api/v1/jobs/1/result"}, {"GET", "/api/v1/sites"}};
  const auto [method, path] = *rc::gen::elementOf(targets);
  const auto params = *rc::gen::container<std::vector<std::pair<std::string, std::string>>>(
      rc::gen::pair(gen_name(), gen_value()));
  std::string query;
  for (const auto& [k, v] : params)
    query += (query.empty() ? "?" : "&") + percent_encode(k) + "=" + percent_encode(v);
  const std::string body = method == "POST" ? *gen_body() : std::string();
  const std::string type =
      *rc::gen::element<std::string>("text/plain", "application/json", "application/toml", "");
  auto c = server().client();
  c.set_url_encode(false);
  const std::string target = path + query;
  httplib::Result res = method == "POST"  ? c.Post(target.c_str(), body, type.c_str())
                        : method == "GET" ? c.Get(target.c_str())
                                          : c.Delete(target.c_str());
  RC_ASSERT(static_cast<bool>(res));
  RC_LOG() << method << " " << target << " → " << res->status << "\n" << res->body;
  RC_ASSERT(res->status < 500);
  if (res->status >= 400) {
    RC_ASSERT(res->get_header_value("Content-Type") == "application/problem+json");
    const json p = json::parse(res->body, nullptr, false);
    RC_ASSERT(!p.is_discarded());
    RC_ASSERT(p["status"] == res->status);
    RC_ASSERT(schema_errors("/components/schemas/Problem", p).empty());
  }
  // The server is still alive.
  auto health = c.Get("/api/v1/health");
  RC_ASSERT(static_cast<bool>(health));
  RC_ASSERT(health->status == 200);
}

}  // namespace
