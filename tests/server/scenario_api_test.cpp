// The scenario routes over a real loopback socket: the same bytes as `aisov scenario …`,
// problem documents with the right statuses, limits, background jobs with progress, events
// and cancel, and every reply valid against the OpenAPI schemas.
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "api_support.hpp"

using aisov::test::expect_problem;
using aisov::test::fixture;
using aisov::test::LiveServer;
using aisov::test::openapi;
using aisov::test::run_cli;
using aisov::test::schema_errors;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string tiny_cli() { return "--data " + fixture("tiny") + " "; }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// JSON pointer to an operation's response schema.
std::string op_schema(const std::string& path, const std::string& method, int status,
                      const std::string& media = "application/json") {
  auto esc = [](const std::string& s) {
    std::string out;
    for (char c : s) out += c == '/' ? std::string("~1") : std::string(1, c);
    return out;
  };
  return "/paths/" + esc(path) + "/" + method + "/responses/" + std::to_string(status) +
         "/content/" + esc(media) + "/schema";
}

using Errors = std::vector<std::string>;

class ScenarioApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    aisov::server::ServerOptions o;
    o.max_draws = 100000000;
    o.max_running_jobs = 1;
    o.max_kept_jobs = 8;
    server_ = new LiveServer(fixture("tiny"), o);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static httplib::Client client() { return server_->client(); }

  // Polls a job until it is no longer queued or running; returns its last status.
  static json wait_job(const std::string& location) {
    auto c = client();
    json s;
    for (int i = 0; i < 3000; ++i) {
      auto res = c.Get(location.c_str());
      if (!res || res->status != 200) return json();
      s = json::parse(res->body);
      EXPECT_EQ(schema_errors(op_schema("/api/v1/jobs/{id}", "get", 200), s), Errors{});
      if (s["state"] != "queued" && s["state"] != "running") return s;
      std::this_thread::sleep_for(10ms);
    }
    return s;
  }

  static LiveServer* server_;
};
LiveServer* ScenarioApi::server_ = nullptr;

TEST_F(ScenarioApi, ListIsTheCliBytes) {
  auto c = client();
  auto res = c.Get("/api/v1/scenarios");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, run_cli(tiny_cli() + "scenario list --format json").out);
  const json list = json::parse(res->body);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/scenarios", "get", 200), list), Errors{});
  EXPECT_GE(list["scenarios"].size(), 5u);
  auto csv = c.Get("/api/v1/scenarios?format=csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->body, run_cli(tiny_cli() + "scenario list --format csv").out);
}

TEST_F(ScenarioApi, SourceOfABundledScenario) {
  auto c = client();
  auto res = c.Get("/api/v1/scenarios/taiwan-foundry");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json s = json::parse(res->body);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/scenarios/{name}", "get", 200), s), Errors{});
  EXPECT_EQ(s["name"], "taiwan-foundry");
  EXPECT_EQ(s["file"], "taiwan-foundry.toml");
  EXPECT_EQ(s["format"], "toml");
  EXPECT_EQ(s["text"], read_text(std::string(AISOV_SOURCE_DIR) + "/scenarios/taiwan-foundry.toml"));
  // The JSON form carries the file's values (scenarios/taiwan-foundry.toml).
  EXPECT_EQ(s["scenario"]["name"], "Taiwan foundry disruption");
  ASSERT_EQ(s["scenario"]["shocks"].size(), 1u);
  EXPECT_EQ(s["scenario"]["shocks"][0]["kind"], "foundry_disruption");
  EXPECT_EQ(s["scenario"]["shocks"][0]["locations"], json::array({"TWN"}));
  // The check is `aisov scenario check --format json` of the same file.
  EXPECT_EQ(s["check"],
            json::parse(run_cli(tiny_cli() + "scenario check taiwan-foundry --format json").out));
  // The file name works too; anything not bundled is not found, paths included.
  auto by_file = c.Get("/api/v1/scenarios/taiwan-foundry.toml");
  ASSERT_TRUE(by_file);
  EXPECT_EQ(by_file->body, res->body);
  expect_problem(c.Get("/api/v1/scenarios/nosuch"), 404, "not-found");
  expect_problem(c.Get("/api/v1/scenarios/..%2FCMakeLists.txt"), 404, "not-found");
  expect_problem(c.Get("/api/v1/scenarios/CMakeLists.txt"), 404, "not-found");
  expect_problem(c.Get("/api/v1/scenarios/taiwan-foundry?format=csv"), 400, "invalid-argument");
  // A bundled scenario that names economies the tiny dataset lacks does not resolve.
  auto bad = expect_problem(c.Get("/api/v1/scenarios/idn-hedging"), 422, "invalid-input");
  EXPECT_FALSE(bad["errors"].empty());
}

TEST_F(ScenarioApi, RunIsTheCliBytes) {
  auto c = client();
  const std::string q = "draws=2000&seed=7&economies=USA,DEU,KEN&years=2026-2028";
  const auto cli = run_cli(tiny_cli() +
                           "scenario run taiwan-foundry --draws 2000 --seed 7 --economies "
                           "USA,DEU,KEN --years 2026-2028 --format json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto res = c.Post(("/api/v1/scenario/run?name=taiwan-foundry&" + q).c_str(), "", "text/plain");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->body, cli.out);
  const json r = json::parse(res->body);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/scenario/run", "post", 200), r), Errors{});
  EXPECT_EQ(r["meta"]["seed"], 7);
  EXPECT_EQ(r["meta"]["draws"], 2000);
  EXPECT_EQ(r["rows"].size(), 3u * 3u * 3u);  // economies × years × measures
  // CSV by ?format= and by Accept.
  const auto cli_csv = run_cli(tiny_cli() +
                               "scenario run taiwan-foundry --draws 2000 --seed 7 --economies "
                               "USA,DEU,KEN --years 2026-2028 --format csv");
  auto csv = c.Post(("/api/v1/scenario/run?name=taiwan-foundry&format=csv&" + q).c_str(), "",
                    "text/plain");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body, cli_csv.out);
  httplib::Headers accept{{"Accept", "text/csv"}};
  auto csv2 =
      c.Post(("/api/v1/scenario/run?name=taiwan-foundry&" + q).c_str(), accept, "", "text/plain");
  ASSERT_TRUE(csv2);
  EXPECT_EQ(csv2->body, cli_csv.out);
}

TEST_F(ScenarioApi, BodiesAsTomlOrJson) {
  auto c = client();
  // A TOML body runs like the file; only the file name in meta differs.
  const std::string file = fixture("scenarios/all-kinds.toml");
  const auto cli = run_cli(tiny_cli() + "scenario run " + file + " --draws 500 --format json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto res = c.Post("/api/v1/scenario/run?draws=500", read_text(file), "application/toml");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json api = json::parse(res->body), want = json::parse(cli.out);
  EXPECT_EQ(api["meta"]["scenario_file"], "<scenario.toml>");
  EXPECT_EQ(api["meta"]["scenario_hash"], want["meta"]["scenario_hash"]);  // same bytes
  api["meta"].erase("scenario_file");
  want["meta"].erase("scenario_file");
  EXPECT_EQ(api, want);
  // The JSON form of a bundled scenario, posted back, is the same scenario: the same rows.
  const json src = json::parse(c.Get("/api/v1/scenarios/taiwan-foundry")->body);
  auto by_json =
      c.Post("/api/v1/scenario/run?draws=1000&seed=3", src["scenario"].dump(), "application/json");
  auto by_name = c.Post("/api/v1/scenario/run?draws=1000&seed=3&name=taiwan-foundry", "", "");
  ASSERT_TRUE(by_json);
  ASSERT_TRUE(by_name);
  ASSERT_EQ(by_json->status, 200) << by_json->body;
  const json a = json::parse(by_json->body), b = json::parse(by_name->body);
  EXPECT_EQ(a["meta"]["scenario_file"], "<scenario.json>");
  EXPECT_EQ(a["rows"], b["rows"]);
  EXPECT_EQ(a["shocks"], b["shocks"]);
  // An edited shock probability changes the result: probability 0 means no loss at all.
  json edited = src["scenario"];
  edited["shocks"][0]["probability"] = 0;
  auto none = c.Post("/api/v1/scenario/run?draws=500&economies=USA&years=2030", edited.dump(),
                     "application/json");
  ASSERT_TRUE(none);
  ASSERT_EQ(none->status, 200) << none->body;
  const json none_result = json::parse(none->body);
  for (const auto& row : none_result["rows"]) {
    EXPECT_DOUBLE_EQ(row["share"]["p5"].get<double>(), 1.0) << row.dump();
  }
  // A JSON body is recognised by its first character as well.
  auto sniffed = c.Post("/api/v1/scenario/check", "  " + src["scenario"].dump(), "text/plain");
  ASSERT_TRUE(sniffed);
  EXPECT_EQ(sniffed->status, 200) << sniffed->body;
}

TEST_F(ScenarioApi, CheckIsTheCliBytesAndRefusesBadScenarios) {
  auto c = client();
  auto res = c.Post("/api/v1/scenario/check?name=eu-energy-cap", "", "text/plain");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body, run_cli(tiny_cli() + "scenario check eu-energy-cap --format json").out);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/scenario/check", "post", 200), json::parse(res->body)),
            Errors{});
  auto p =
      expect_problem(c.Post("/api/v1/scenario/check",
                            read_text(fixture("scenarios/bad-probability.toml")), "text/plain"),
                     422, "invalid-input");
  ASSERT_FALSE(p["errors"].empty());
  EXPECT_EQ(p["errors"][0].get<std::string>().rfind("<scenario.toml>:", 0), 0u) << p.dump();
  expect_problem(c.Post("/api/v1/scenario/check", read_text(fixture("scenarios/bad-syntax.toml")),
                        "text/plain"),
                 422, "invalid-input");
  expect_problem(c.Post("/api/v1/scenario/run", "{\"name\": 1", "application/json"), 422,
                 "invalid-input");
}

TEST_F(ScenarioApi, BadRequestsAreProblems) {
  auto c = client();
  auto post = [&](const std::string& target, const std::string& body = "") {
    return c.Post(target.c_str(), body, "text/plain");
  };
  expect_problem(post("/api/v1/scenario/run"), 400, "invalid-argument");  // no scenario
  expect_problem(post("/api/v1/scenario/run?name=taiwan-foundry", "name = \"x\""), 400,
                 "invalid-argument");
  expect_problem(post("/api/v1/scenario/run?name=nosuch"), 404, "not-found");
  expect_problem(post("/api/v1/scenario/run?name=../scenarios/taiwan-foundry"), 404, "not-found");
  for (const std::string q : {"draws=0", "draws=-5", "draws=abc", "draws=1e3", "seed=-1", "seed=x",
                              "target_rse=-0.1", "target_rse=nan", "years=2027-2025", "years=20x",
                              "bogus=1", "draws=5&draws=6", "format=xml"}) {
    SCOPED_TRACE(q);
    expect_problem(post("/api/v1/scenario/run?name=taiwan-foundry&" + q), 400, "invalid-argument");
  }
  expect_problem(post("/api/v1/scenario/run?name=taiwan-foundry&years=2031"), 400,
                 "invalid-argument");
  expect_problem(post("/api/v1/scenario/run?name=taiwan-foundry&economies=ATL"), 404, "not-found");
  auto big = expect_problem(post("/api/v1/scenario/run?name=taiwan-foundry&draws=100000001"), 413,
                            "payload-too-large");
  EXPECT_NE(big["detail"].get<std::string>().find("100000000"), std::string::npos);
  expect_problem(post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=0"), 400,
                 "invalid-argument");
  expect_problem(
      post("/api/v1/jobs/scenario", read_text(fixture("scenarios/bad-probability.toml"))), 422,
      "invalid-input");
  // Bodies over the limit (64 KiB by default) are refused before any routing.
  expect_problem(post("/api/v1/scenario/run", std::string(100 * 1024, '#')), 413,
                 "payload-too-large");
  // Methods.
  auto get_run = expect_problem(c.Get("/api/v1/scenario/run"), 405, "method-not-allowed");
  EXPECT_EQ(c.Get("/api/v1/scenario/run")->get_header_value("Allow"), "POST, OPTIONS");
  expect_problem(c.Put("/api/v1/jobs/1", "x", "text/plain"), 405, "method-not-allowed");
  expect_problem(c.Post("/api/v1/scenarios", "x", "text/plain"), 405, "method-not-allowed");
  expect_problem(c.Delete("/api/v1/scenarios/taiwan-foundry"), 405, "method-not-allowed");
  auto opts = c.Options("/api/v1/jobs/1");
  ASSERT_TRUE(opts);
  EXPECT_EQ(opts->status, 204);
  EXPECT_EQ(opts->get_header_value("Allow"), "GET, DELETE, HEAD, OPTIONS");
  // Unknown jobs.
  for (const std::string id : {"999999", "abc", "-1", "1x"}) {
    expect_problem(c.Get(("/api/v1/jobs/" + id).c_str()), 404, "not-found");
    expect_problem(c.Get(("/api/v1/jobs/" + id + "/result").c_str()), 404, "not-found");
    expect_problem(c.Get(("/api/v1/jobs/" + id + "/events").c_str()), 404, "not-found");
    expect_problem(c.Delete(("/api/v1/jobs/" + id).c_str()), 404, "not-found");
  }
}

TEST_F(ScenarioApi, JobRunsToTheSameResultAsTheSynchronousRun) {
  auto c = client();
  const std::string q = "name=taiwan-foundry&draws=3000&seed=11&economies=USA,CHN";
  auto sub = c.Post(("/api/v1/jobs/scenario?" + q).c_str(), "", "text/plain");
  ASSERT_TRUE(sub);
  ASSERT_EQ(sub->status, 202) << sub->body;
  const json job = json::parse(sub->body);
  EXPECT_EQ(schema_errors(op_schema("/api/v1/jobs/scenario", "post", 202), job), Errors{});
  EXPECT_EQ(job["draws_requested"], 3000);
  const std::string location = sub->get_header_value("Location");
  EXPECT_EQ(location, "/api/v1/jobs/" + job["id"].get<std::string>());
  const json end = wait_job(location);
  ASSERT_EQ(end["state"], "done") << end.dump();
  EXPECT_EQ(end["draws_done"], 3000);
  EXPECT_EQ(end["progress"], 1.0);
  EXPECT_EQ(end["links"]["result"], location + "/result");
  auto result = c.Get((location + "/result").c_str());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  auto sync = c.Post(("/api/v1/scenario/run?" + q).c_str(), "", "text/plain");
  ASSERT_TRUE(sync);
  EXPECT_EQ(result->body, sync->body);
  EXPECT_EQ(
      schema_errors(op_schema("/api/v1/jobs/{id}/result", "get", 200), json::parse(result->body)),
      Errors{});
  auto csv = c.Get((location + "/result?format=csv").c_str());
  auto sync_csv = c.Post(("/api/v1/scenario/run?format=csv&" + q).c_str(), "", "text/plain");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->body, sync_csv->body);
  // DELETE forgets a finished job.
  auto del = c.Delete(location.c_str());
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 204);
  expect_problem(c.Get(location.c_str()), 404, "not-found");
}

TEST_F(ScenarioApi, CancelARunningAndAQueuedJob) {
  auto c = client();
  // One worker: the first (long) job runs, the second waits.
  auto a =
      c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=5000000&economies=USA&years=2030", "",
             "text/plain");
  auto b = c.Post("/api/v1/jobs/scenario?name=eu-energy-cap&draws=1000", "", "text/plain");
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  ASSERT_EQ(a->status, 202);
  ASSERT_EQ(b->status, 202);
  const std::string la = a->get_header_value("Location"), lb = b->get_header_value("Location");
  auto pending = c.Get((la + "/result").c_str());
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->status, 202);
  EXPECT_EQ(pending->get_header_value("Retry-After"), "1");
  EXPECT_EQ(
      schema_errors(op_schema("/api/v1/jobs/{id}/result", "get", 202), json::parse(pending->body)),
      Errors{});
  auto cb = c.Delete(lb.c_str());
  ASSERT_TRUE(cb);
  EXPECT_EQ(cb->status, 202);
  EXPECT_EQ(json::parse(cb->body)["state"], "cancelled");  // never started
  auto ca = c.Delete(la.c_str());
  ASSERT_TRUE(ca);
  EXPECT_EQ(ca->status, 202);
  const json end = wait_job(la);
  EXPECT_EQ(end["state"], "cancelled") << end.dump();
  EXPECT_LT(end["draws_done"].get<int64_t>(), 5000000);
  EXPECT_EQ(end["error"]["title"], "cancelled");
  expect_problem(c.Get((la + "/result").c_str()), 499, "cancelled");
}

TEST_F(ScenarioApi, EventsStreamProgressToTheEnd) {
  auto c = client();
  auto sub = c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=20000", "", "text/plain");
  ASSERT_TRUE(sub);
  ASSERT_EQ(sub->status, 202);
  const std::string location = sub->get_header_value("Location");
  std::string stream;
  auto res = c.Get((location + "/events").c_str(), [&](const char* data, size_t n) {
    stream.append(data, n);
    return true;
  });
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/event-stream");
  // Events are "event: NAME\ndata: JSON\n\n"; the last one names the end state.
  std::vector<std::pair<std::string, json>> events;
  std::istringstream in(stream);
  std::string line, name;
  while (std::getline(in, line)) {
    if (line.rfind("event: ", 0) == 0) name = line.substr(7);
    if (line.rfind("data: ", 0) == 0) events.emplace_back(name, json::parse(line.substr(6)));
  }
  ASSERT_FALSE(events.empty()) << stream;
  EXPECT_EQ(events.back().first, "done") << stream;
  EXPECT_EQ(events.back().second["draws_done"], 20000);
  int64_t last = -1;
  for (const auto& [n, j] : events) {
    EXPECT_EQ(schema_errors("/components/schemas/Job", j), Errors{});
    EXPECT_GE(j["draws_done"].get<int64_t>(), last);  // progress never goes back
    last = j["draws_done"].get<int64_t>();
  }
}

TEST(ScenarioApiLimits, FullJobStoreIsBusyAndRunTimeLimitsHold) {
  aisov::server::ServerOptions o;
  o.max_draws = 100000000;
  o.max_running_jobs = 1;
  o.max_kept_jobs = 1;
  o.max_job_run_ms = 60000;
  o.max_run_ms = 50;  // synchronous runs
  LiveServer s(fixture("tiny"), o);
  auto c = s.client();
  auto a =
      c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=5000000&economies=USA&years=2030", "",
             "text/plain");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->status, 202);
  auto busy = c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=10", "", "text/plain");
  expect_problem(busy, 503, "busy");
  // The synchronous run passes its 50 ms limit.
  expect_problem(
      c.Post("/api/v1/scenario/run?name=taiwan-foundry&draws=5000000&economies=USA&years=2030", "",
             "text/plain"),
      503, "timeout");
  const std::string la = a->get_header_value("Location");
  ASSERT_TRUE(c.Delete(la.c_str()));
  for (int i = 0; i < 3000; ++i) {
    auto st = c.Get(la.c_str());
    if (st && json::parse(st->body)["state"] == "cancelled") break;
    std::this_thread::sleep_for(10ms);
  }
  // Now the finished job is evicted to make room.
  auto b = c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=10", "", "text/plain");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, 202) << b->body;
  expect_problem(c.Get(la.c_str()), 404, "not-found");
}

TEST(ScenarioApiLimits, JobRunTimeLimitFailsWithTimeout) {
  aisov::server::ServerOptions o;
  o.max_draws = 100000000;
  o.max_job_run_ms = 50;
  LiveServer s(fixture("tiny"), o);
  auto c = s.client();
  auto a =
      c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=5000000&economies=USA&years=2030", "",
             "text/plain");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->status, 202);
  const std::string la = a->get_header_value("Location");
  json st;
  for (int i = 0; i < 3000; ++i) {
    st = json::parse(c.Get(la.c_str())->body);
    if (st["state"] != "queued" && st["state"] != "running") break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(st["state"], "failed");
  EXPECT_EQ(st["error"]["title"], "timeout");
  expect_problem(c.Get((la + "/result").c_str()), 503, "timeout");
}

}  // namespace

namespace {

// Brotli is never chosen (it costs about a second on a 1.5 MB result); gzip is, when accepted.
TEST_F(ScenarioApi, RepliesAreGzipNotBrotli) {
  auto c = client();
  c.set_decompress(true);
  const std::string target = "/api/v1/scenario/run?name=taiwan-foundry&draws=200";
  auto plain = c.Post(target.c_str(), "", "text/plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  auto br = c.Post(target.c_str(), {{"Accept-Encoding", "br"}}, "", "text/plain");
  ASSERT_TRUE(br);
  EXPECT_EQ(br->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(br->body, plain->body);
  auto both = c.Post(target.c_str(), {{"Accept-Encoding", "gzip, deflate, br"}}, "", "text/plain");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(both->body, plain->body);  // decompressed by the client
}

}  // namespace
