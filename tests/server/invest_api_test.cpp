// The investment, optimiser, siting and placement routes over a real loopback socket: the same
// bytes as the CLI, problem documents with the right statuses for bad requests, optimiser jobs,
// and every reply valid against the OpenAPI schemas.
#include <chrono>
#include <thread>

#include "api_support.hpp"

using aisov::test::expect_problem;
using aisov::test::LiveServer;
using aisov::test::run_cli;
using aisov::test::schema_errors;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

using Errors = std::vector<std::string>;

std::string data_dir() { return std::string(AISOV_SOURCE_DIR) + "/data"; }
std::string cli(const std::string& args) {
  return run_cli("--data " + data_dir() + " " + args).out;
}

std::string op_schema(const std::string& path, const std::string& method, int status) {
  std::string esc;
  for (char c : path) esc += c == '/' ? std::string("~1") : std::string(1, c);
  return "/paths/" + esc + "/" + method + "/responses/" + std::to_string(status) +
         "/content/application~1json/schema";
}

// The optimiser's JSON without its solve times ("seconds"), which differ run to run.
json without_timing(json j) {
  if (j.is_object()) {
    j.erase("seconds");
    for (auto& [k, v] : j.items()) v = without_timing(v);
  } else if (j.is_array()) {
    for (auto& v : j) v = without_timing(v);
  }
  return j;
}

class InvestApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    aisov::server::ServerOptions o;
    o.max_draws = 50000;
    o.max_running_jobs = 1;
    o.max_kept_jobs = 8;
    server_ = new LiveServer(data_dir(), o);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static httplib::Client client() {
    auto c = server_->client();
    c.set_read_timeout(60, 0);
    return c;
  }
  // GET path: 200, valid against the operation's schema, the same bytes as the CLI's JSON
  // and CSV; returns the parsed JSON.
  static json get_same_as_cli(const std::string& path, const std::string& query,
                              const std::string& route, const std::string& args) {
    auto c = client();
    const std::string url = path + (query.empty() ? "" : "?" + query);
    auto res = c.Get(url.c_str());
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << url << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(res->body, cli(args + " --format json")) << url;
    const json j = json::parse(res->body);
    EXPECT_EQ(schema_errors(op_schema(route, "get", 200), j), Errors{}) << url;
    auto csv = c.Get((url + (query.empty() ? "?" : "&") + "format=csv").c_str());
    EXPECT_TRUE(csv);
    if (csv) {
      EXPECT_EQ(csv->status, 200);
      EXPECT_EQ(csv->body, cli(args + " --format csv")) << url;
    }
    return j;
  }
  static LiveServer* server_;
};
LiveServer* InvestApi::server_ = nullptr;

TEST_F(InvestApi, InvestEndpointsAreTheCliBytes) {
  const json p = get_same_as_cli("/api/v1/invest/profile/DEU", "", "/api/v1/invest/profile/{iso3}",
                                 "invest profile DEU");
  EXPECT_EQ(p["profile"]["code"], "DEU");
  // The elements split the economy's total: their low (high) ends add up to its low (high).
  double lo = 0, hi = 0;
  for (const auto& e : p["profile"]["elements"]) {
    lo += e["usd_low"].get<double>();
    hi += e["usd_high"].get<double>();
  }
  EXPECT_NEAR(lo, p["profile"]["total_usd_low"].get<double>(), 1e-6 * lo);
  EXPECT_NEAR(hi, p["profile"]["total_usd_high"].get<double>(), 1e-6 * hi);

  const json c = get_same_as_cli("/api/v1/invest/compare", "economies=DEU,FRA&economies=eu",
                                 "/api/v1/invest/compare", "invest compare DEU,FRA,eu");
  ASSERT_EQ(c["rows"].size(), 3u);
  EXPECT_EQ(c["rows"][2]["code"], "eu");

  const json pr = get_same_as_cli(
      "/api/v1/invest/project", "to=2028&draws=500&seed=3&economies=DEU", "/api/v1/invest/project",
      "invest project --to 2028 --draws 500 --seed 3 --economies DEU");
  EXPECT_EQ(pr["to"], 2028);
  EXPECT_EQ(pr["meta"]["draws"], 500);
  for (const auto& r : pr["rows"]) {
    EXPECT_LE(r["p5"].get<double>(), r["p50"].get<double>());
    EXPECT_LE(r["p50"].get<double>(), r["p95"].get<double>());
  }

  get_same_as_cli("/api/v1/invest/archetypes", "", "/api/v1/invest/archetypes",
                  "invest archetypes");
  get_same_as_cli("/api/v1/invest/programmes", "economy=DEU", "/api/v1/invest/programmes",
                  "invest programmes --economy DEU");
  get_same_as_cli("/api/v1/invest/programmes", "", "/api/v1/invest/programmes",
                  "invest programmes");
}

TEST_F(InvestApi, InvestBadRequests) {
  auto c = client();
  expect_problem(c.Get("/api/v1/invest/profile/ZZZ"), 404, "not-found");
  expect_problem(c.Get("/api/v1/invest/compare"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/invest/compare?economies=DEU,ZZZ"), 404, "not-found");
  expect_problem(c.Get("/api/v1/invest/project?draws=0"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/invest/project?draws=ten"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/invest/project?draws=50001"), 413, "payload-too-large");
  expect_problem(c.Get("/api/v1/invest/project?to=9999"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/invest/project?seed=-1"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/invest/archetypes?bogus=1"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/invest/programmes?economy=DEU&economy=FRA"), 400,
                 "invalid-argument");
  expect_problem(c.Get("/api/v1/invest/profile/DEU?format=xml"), 400, "invalid-argument");
  auto post = c.Post("/api/v1/invest/archetypes", "", "text/plain");
  expect_problem(post, 405, "method-not-allowed");
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD, OPTIONS");
}

// A small optimiser run: 200 draws, no frontier, no bloc comparison.
const char* kSmall = "economy=IDN&budget=2e9&draws=200&align=false";
const char* kSmallCli = "optimise --economy IDN --budget 2e9 --draws 200 --no-align";

TEST_F(InvestApi, OptimiseIsTheCliBytes) {
  auto c = client();
  auto res = c.Post((std::string("/api/v1/optimise?") + kSmall).c_str(), "", "text/plain");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json o = json::parse(res->body);
  // The CLI's bytes but for the solve times.
  EXPECT_EQ(without_timing(o),
            without_timing(json::parse(cli(std::string(kSmallCli) + " --format json"))));
  EXPECT_EQ(schema_errors(op_schema("/api/v1/optimise", "post", 200), o), Errors{});
  // The optimum spends no more than the budget.
  EXPECT_LE(o["result"]["cost_usd"].get<double>(), 2e9 * (1 + 1e-9));
  EXPECT_EQ(o["meta"]["draws"], 200);

  // The same problem as a TOML body and as a JSON body: the same result.
  const std::string toml = "economy = \"IDN\"\nbudget_usd = 2e9\ndraws = 200\n";
  auto t = c.Post("/api/v1/optimise?align=false", toml, "application/toml");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->status, 200) << t->body;
  auto j = c.Post("/api/v1/optimise?align=false",
                  R"({"economy": "IDN", "budget_usd": 2e9, "draws": 200})", "application/json");
  ASSERT_TRUE(j);
  ASSERT_EQ(j->status, 200) << j->body;
  const json a = json::parse(t->body), b = json::parse(j->body);
  EXPECT_EQ(a["allocation"], o["allocation"]);
  EXPECT_EQ(b["allocation"], o["allocation"]);
  EXPECT_EQ(a["result"]["objective"], o["result"]["objective"]);
  // Flags override the file.
  auto f = c.Post("/api/v1/optimise?align=false&budget=1e9", toml, "application/toml");
  ASSERT_TRUE(f);
  ASSERT_EQ(f->status, 200) << f->body;
  EXPECT_EQ(json::parse(f->body)["meta"]["budget_usd"], 1e9);

  // The frontier over a λ grid and the align-or-hedge answer.
  auto fr =
      c.Post("/api/v1/optimise?economy=IDN&budget=2e9&draws=100&lambdas=0,1,4", "", "text/plain");
  ASSERT_TRUE(fr);
  ASSERT_EQ(fr->status, 200) << fr->body;
  const json fj = json::parse(fr->body);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/optimise", "post", 200), fj), Errors{});
  ASSERT_EQ(fj["frontier"].size(), 3u);
  EXPECT_EQ(fj["frontier"][2]["lambda"], 4.0);
  EXPECT_FALSE(fj["aligned"].empty());
  const std::string answer = fj["answer"]["answer"];
  EXPECT_TRUE(answer == "hedge" || answer == "neutral" || answer.rfind("align:", 0) == 0) << answer;

  // The sensitivity table: one row per estimated parameter, valid against the schema, and the
  // CLI's bytes.
  auto se = c.Post("/api/v1/optimise?economy=IDN&budget=2e9&draws=100&align=false&sensitivity=true",
                   "", "text/plain");
  ASSERT_TRUE(se);
  ASSERT_EQ(se->status, 200) << se->body;
  const json sj = json::parse(se->body);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/optimise", "post", 200), sj), Errors{});
  EXPECT_EQ(sj["sensitivity"].size(), 26u);
  EXPECT_TRUE(json::parse(res->body)["sensitivity"].empty());
  EXPECT_EQ(
      without_timing(sj),
      without_timing(json::parse(cli("optimise --economy IDN --budget 2e9 --draws 100 --no-align "
                                     "--sensitivity --format json"))));
  expect_problem(
      c.Post("/api/v1/optimise?economy=IDN&budget=2e9&sensitivity=maybe", "", "text/plain"), 400,
      "invalid-argument");
}

TEST_F(InvestApi, OptimiseBadRequests) {
  auto c = client();
  expect_problem(c.Post("/api/v1/optimise", "", "text/plain"), 400, "invalid-argument");
  expect_problem(c.Post("/api/v1/optimise?economy=IDN", "", "text/plain"), 400,
                 "invalid-argument");  // no budget
  expect_problem(c.Post("/api/v1/optimise?economy=ZZZ&budget=1", "", "text/plain"), 404,
                 "not-found");
  expect_problem(c.Post("/api/v1/optimise?economy=IDN&budget=lots", "", "text/plain"), 400,
                 "invalid-argument");
  expect_problem(c.Post("/api/v1/optimise?economy=IDN&budget=1&draws=60000", "", "text/plain"), 413,
                 "payload-too-large");
  // The file's draws are held to the same limit.
  expect_problem(c.Post("/api/v1/optimise", "economy = \"IDN\"\nbudget_usd = 1\ndraws = 60000\n",
                        "application/toml"),
                 413, "payload-too-large");
  expect_problem(c.Post("/api/v1/optimise?economy=IDN&budget=1&align=maybe", "", "text/plain"), 400,
                 "invalid-argument");
  expect_problem(c.Post("/api/v1/optimise?economy=IDN&budget=1&export_mps=x", "", "text/plain"),
                 400, "invalid-argument");
  // Scenarios are bundled names, never paths (as a flag or in the file).
  expect_problem(
      c.Post("/api/v1/optimise?economy=IDN&budget=1&scenario=../CMakeLists.txt", "", "text/plain"),
      400, "invalid-argument");
  expect_problem(c.Post("/api/v1/optimise",
                        "economy = \"IDN\"\nbudget_usd = 1\nscenario = \"/etc/hostname\"\n",
                        "application/toml"),
                 400, "invalid-argument");
  // A malformed file: 422 with file:line:column problems.
  auto p = expect_problem(
      c.Post("/api/v1/optimise", "economy = \"IDN\"\nbudget_usd = [1\n", "application/toml"), 422,
      "invalid-input");
  ASSERT_FALSE(p["errors"].empty());
  EXPECT_EQ(p["errors"][0].get<std::string>().rfind("<optimise.toml>:2:", 0), 0u) << p.dump();
  auto pj = expect_problem(
      c.Post("/api/v1/optimise", "{\"economy\": \"IDN\",\n \"budget_usd\": }", "application/json"),
      422, "invalid-input");
  ASSERT_FALSE(pj["errors"].empty());
  EXPECT_EQ(pj["errors"][0].get<std::string>().rfind("<optimise.json>:2:", 0), 0u) << pj.dump();
  expect_problem(c.Post("/api/v1/optimise", R"({"economy": null})", "application/json"), 422,
                 "invalid-input");
  // Found by tests/fuzz (fuzz_server): file draws too large for int64_t were converted
  // unchecked (undefined behaviour) for the draws limit; the Engine refuses them.
  expect_problem(c.Post("/api/v1/optimise", "economy = \"IDN\"\nbudget_usd = 1\ndraws = 1e92\n",
                        "application/toml"),
                 422, "invalid-input");
  // A number too large for a double is a bad file, not a server error.
  expect_problem(
      c.Post("/api/v1/optimise", R"({"economy": "IDN", "budget_usd": 1e3080})", "application/json"),
      422, "invalid-input");
  auto get = c.Get("/api/v1/optimise");
  expect_problem(get, 405, "method-not-allowed");
  EXPECT_EQ(get->get_header_value("Allow"), "POST, OPTIONS");
}

TEST_F(InvestApi, OptimiseJobGivesTheSyncResult) {
  auto c = client();
  auto sync = c.Post((std::string("/api/v1/optimise?") + kSmall).c_str(), "", "text/plain");
  ASSERT_TRUE(sync);
  ASSERT_EQ(sync->status, 200);
  auto sub = c.Post((std::string("/api/v1/jobs/optimise?") + kSmall).c_str(), "", "text/plain");
  ASSERT_TRUE(sub);
  ASSERT_EQ(sub->status, 202) << sub->body;
  const json job = json::parse(sub->body);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/jobs/optimise", "post", 202), job), Errors{});
  EXPECT_EQ(job["kind"], "optimise");
  EXPECT_EQ(job["draws_requested"], 200);
  const std::string location = sub->get_header_value("Location");
  ASSERT_EQ(location, "/api/v1/jobs/" + job["id"].get<std::string>());
  json s;
  for (int i = 0; i < 3000; ++i) {
    auto r = c.Get(location.c_str());
    ASSERT_TRUE(r);
    s = json::parse(r->body);
    if (s["state"] != "queued" && s["state"] != "running") break;
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_EQ(s["state"], "done") << s.dump();
  EXPECT_EQ(s["draws_done"], 200);
  auto result = c.Get((location + "/result").c_str());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  // Deterministic: the job's bytes are the synchronous run's bytes, except the solve times.
  EXPECT_EQ(without_timing(json::parse(result->body)), without_timing(json::parse(sync->body)));
  auto del = c.Delete(location.c_str());
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 204);
  // Malformed requests are refused at once; an unknown economy fails the job with its problem.
  expect_problem(c.Post("/api/v1/jobs/optimise?economy=IDN&budget=1&format=csv", "", "text/plain"),
                 400, "invalid-argument");
  expect_problem(c.Post("/api/v1/jobs/optimise?economy=IDN&budget=1&draws=60000", "", "text/plain"),
                 413, "payload-too-large");
  auto bad = c.Post("/api/v1/jobs/optimise?economy=ZZZ&budget=1", "", "text/plain");
  ASSERT_TRUE(bad);
  ASSERT_EQ(bad->status, 202) << bad->body;
  const std::string bad_location = bad->get_header_value("Location");
  for (int i = 0; i < 3000; ++i) {
    auto r = c.Get(bad_location.c_str());
    ASSERT_TRUE(r);
    s = json::parse(r->body);
    if (s["state"] != "queued" && s["state"] != "running") break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(s["state"], "failed") << s.dump();
  EXPECT_EQ(s["error"]["status"], 404) << s.dump();
  expect_problem(c.Get((bad_location + "/result").c_str()), 404, "not-found");
}

TEST_F(InvestApi, OptimiseJobCancelDiscardsTheResult) {
  auto c = client();
  auto wait = [&c](const std::string& l) {
    json s;
    for (int i = 0; i < 6000; ++i) {
      auto r = c.Get(l.c_str());
      if (!r || r->status != 200) return json();
      s = json::parse(r->body);
      if (s["state"] != "queued" && s["state"] != "running") break;
      std::this_thread::sleep_for(10ms);
    }
    return s;
  };
  // A longer run (5,000 draws, the frontier and the bloc comparison: about a second or more)
  // holds the only worker, so a second job stays queued.
  auto first = c.Post("/api/v1/jobs/optimise?economy=IDN&budget=2e10&draws=5000&frontier=true", "",
                      "text/plain");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 202) << first->body;
  const std::string l1 = first->get_header_value("Location");
  json s1;
  for (int i = 0; i < 3000; ++i) {
    s1 = json::parse(c.Get(l1.c_str())->body);
    if (s1["state"] != "queued") break;
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_EQ(s1["state"], "running") << s1.dump();
  auto second = c.Post((std::string("/api/v1/jobs/optimise?") + kSmall).c_str(), "", "text/plain");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 202);
  const std::string l2 = second->get_header_value("Location");
  // The queued job is cancelled at once and never runs.
  auto d2 = c.Delete(l2.c_str());
  ASSERT_TRUE(d2);
  EXPECT_EQ(d2->status, 202);
  const json s2 = json::parse(c.Get(l2.c_str())->body);
  EXPECT_EQ(s2["state"], "cancelled") << s2.dump();
  EXPECT_EQ(s2["draws_done"], 0);
  expect_problem(c.Get((l2 + "/result").c_str()), 499, "cancelled");
  // The running job stops before its next solve.
  auto d1 = c.Delete(l1.c_str());
  ASSERT_TRUE(d1);
  if (d1->status == 204)
    GTEST_SKIP() << "the first job finished before the DELETE (a fast machine)";
  EXPECT_EQ(d1->status, 202);
  const json end = wait(l1);
  EXPECT_EQ(end.value("state", ""), "cancelled") << end.dump();
  EXPECT_EQ(end.value("error", json::object()).value("title", ""), "cancelled") << end.dump();
  expect_problem(c.Get((l1 + "/result").c_str()), 499, "cancelled");
}

TEST_F(InvestApi, SiteAndPlaceAreTheCliBytes) {
  const json s = get_same_as_cli(
      "/api/v1/site", "in=DEU,FRA&demand=Frankfurt%3B50,8&prefer=eu&w_water=0&limit=5",
      "/api/v1/site",
      "site --in DEU,FRA --demand 'Frankfurt;50,8' --prefer eu --w-water 0 --limit 5");
  ASSERT_LE(s["candidates"].size(), 5u);
  EXPECT_EQ(s["weights"]["water"], 0.0);
  for (const auto& cand : s["candidates"]) {
    EXPECT_TRUE(cand["iso3"] == "DEU" || cand["iso3"] == "FRA") << cand.dump();
  }
  // With a workload: the same bytes, the headroom weight and each candidate's energy.
  const json w =
      get_same_as_cli("/api/v1/site", "in=DEU,FRA&mw=50&w_headroom=2&limit=5", "/api/v1/site",
                      "site --in DEU,FRA --mw 50 --w-headroom 2 --limit 5");
  EXPECT_EQ(w["workload"]["it_mw"], 50.0);
  EXPECT_GT(w["weights"]["headroom"].get<double>(), 0.0);
  for (const auto& cand : w["candidates"]) {
    EXPECT_TRUE(cand["energy"].is_object()) << cand.dump();
    EXPECT_NEAR(cand["energy"]["twh"].get<double>(), 50 * 8760 * 0.7 * 1.2 / 1e6, 1e-12);
  }
  const json p = get_same_as_cli(
      "/api/v1/place", "accelerator=training&count=8&hours=10&territory=eu&sort=price",
      "/api/v1/place", "place --accelerator training --count 8 --hours 10 --territory eu");
  for (const auto& row : p["eligible"]) EXPECT_EQ(row["excluded_by"], "");
  auto only = client().Get("/api/v1/place?territory=eu&eligible_only=true");
  ASSERT_TRUE(only);
  ASSERT_EQ(only->status, 200);
  EXPECT_TRUE(json::parse(only->body)["excluded"].empty());
}

TEST_F(InvestApi, SiteAndPlaceBadRequests) {
  auto c = client();
  expect_problem(c.Get("/api/v1/site?w_power=-1"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/site?w_power=heavy"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/site?limit=-2"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/site?in=ZZZ"), 404, "not-found");
  expect_problem(c.Get("/api/v1/site?weights=1"), 400, "invalid-argument");
  // The workload (mw) and its headroom weight: non-finite or negative numbers are refused.
  for (const char* q : {"mw=nan", "mw=inf", "mw=-1", "mw=-inf", "mw=ten", "mw=2e6",
                        "mw=10&w_headroom=nan", "mw=10&w_headroom=inf", "mw=10&w_headroom=-1"})
    expect_problem(c.Get(std::string("/api/v1/site?") + q), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/place?count=many"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/place?eligible_only=perhaps"), 400, "invalid-argument");
  expect_problem(c.Post("/api/v1/site", "", "text/plain"), 405, "method-not-allowed");
}

}  // namespace
