// The HTTP API over a real loopback socket: every endpoint, the same bytes as the CLI, problem
// documents with the right statuses, limits, and responses valid against the OpenAPI schemas.
#include <atomic>
#include <fstream>
#include <set>

#include "api_support.hpp"

using aisov::test::expect_problem;
using aisov::test::fixture;
using aisov::test::LiveServer;
using aisov::test::openapi;
using aisov::test::response_schema;
using aisov::test::run_cli;
using aisov::test::schema_errors;
using nlohmann::json;

namespace {

std::string tiny_cli() { return "--data " + fixture("tiny") + " "; }

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new LiveServer(fixture("tiny")); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static httplib::Client client() { return server_->client(); }

  // GET, expecting 200 and the data-version header; returns the body.
  static std::string get_ok(const std::string& target, const httplib::Headers& headers = {}) {
    auto c = client();
    auto res = c.Get(target.c_str(), headers);
    EXPECT_TRUE(res) << target;
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << target << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("X-Aisov-Data-Version"), "test.1") << target;
    return res->body;
  }

  static LiveServer* server_;
};
LiveServer* Api::server_ = nullptr;

// Each API request next to the CLI command that must print the same bytes.
struct Pair {
  std::string target, cli, path;  // path: OpenAPI template
};

const std::vector<Pair>& json_pairs() {
  static const std::vector<Pair> pairs = {
      {"/api/v1/census", "census --format json", "/api/v1/census"},
      {"/api/v1/census?as_of=2024-11-30", "census --as-of 2024-11-30 --format json",
       "/api/v1/census"},
      {"/api/v1/census?by=bloc&weight=h100e", "census --by bloc --weight h100e --format json",
       "/api/v1/census"},
      {"/api/v1/census?by=provider", "census --by provider --format json", "/api/v1/census"},
      {"/api/v1/census?by=provider-jurisdiction&as_of=2023",
       "census --by provider-jurisdiction --as-of 2023 --format json", "/api/v1/census"},
      {"/api/v1/census?providers=usc,cnc&site_kinds=public",
       "census --providers usc,cnc --site-kinds public --format json", "/api/v1/census"},
      {"/api/v1/census?providers=usc&providers=cnc", "census --providers usc,cnc --format json",
       "/api/v1/census"},
      {"/api/v1/census?weight=mw&format=json", "census --weight mw --format json",
       "/api/v1/census"},
      {"/api/v1/profile/DEU", "profile DEU --format json", "/api/v1/profile/{iso3}"},
      {"/api/v1/profile/KEN?as_of=2024-11-30&weight=investment",
       "profile KEN --as-of 2024-11-30 --weight investment --format json",
       "/api/v1/profile/{iso3}"},
      {"/api/v1/profile/BRA?providers=dec", "profile BRA --providers dec --format json",
       "/api/v1/profile/{iso3}"},
      {"/api/v1/sites", "sites --format json", "/api/v1/sites"},
      {"/api/v1/sites?as_of=2024-11-30&providers=usc&site_kinds=public",
       "sites --as-of 2024-11-30 --providers usc --site-kinds public --format json",
       "/api/v1/sites"},
      {"/api/v1/data/sources", "data sources --format json", "/api/v1/data/sources"},
      {"/api/v1/data/info", "data info --format json", "/api/v1/data/info"},
      {"/api/v1/data/validate", "data validate --format json", "/api/v1/data/validate"},
  };
  return pairs;
}

TEST_F(Api, JsonIsTheCliBytesAndMatchesTheSchema) {
  for (const auto& p : json_pairs()) {
    SCOPED_TRACE(p.target);
    const auto cli = run_cli(tiny_cli() + p.cli);
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    auto c = client();
    auto res = c.Get(p.target.c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(res->get_header_value("X-Aisov-Data-Version"), "test.1");
    EXPECT_EQ(res->body, cli.out);
    const json body = json::parse(res->body);
    EXPECT_EQ(schema_errors(response_schema(p.path, 200), body), std::vector<std::string>{});
    if (body.contains("meta")) {
      EXPECT_EQ(body["meta"]["dataset_version"], "test.1");
    }
  }
}

TEST_F(Api, CsvOnRequestIsTheCliBytes) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"/api/v1/census?format=csv&as_of=2024-11-30", "census --as-of 2024-11-30 --format csv"},
      {"/api/v1/census?by=provider&format=csv", "census --by provider --format csv"},
      {"/api/v1/profile/DEU?format=csv", "profile DEU --format csv"},
      {"/api/v1/data/sources?format=csv", "data sources --format csv"},
      {"/api/v1/sites?format=csv&providers=usc,dec", "sites --providers usc,dec --format csv"},
      {"/api/v1/sites?format=table", "sites"},
      {"/api/v1/data/info?format=csv", "data info --format csv"},
      {"/api/v1/data/validate?format=csv", "data validate --format csv"},
      {"/api/v1/census?format=table", "census"},
  };
  for (const auto& [target, cmd] : pairs) {
    SCOPED_TRACE(target);
    const auto cli = run_cli(tiny_cli() + cmd);
    ASSERT_EQ(cli.exit_code, 0);
    EXPECT_EQ(get_ok(target), cli.out);
  }
  // Accept: text/csv selects CSV when ?format= is absent.
  auto c = client();
  auto res = c.Get("/api/v1/census?as_of=2024-11-30", {{"Accept", "text/csv"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res->body, run_cli(tiny_cli() + "census --as-of 2024-11-30 --format csv").out);
  // ?format= wins over Accept.
  auto j = c.Get("/api/v1/data/info?format=json", {{"Accept", "text/csv"}});
  ASSERT_TRUE(j);
  EXPECT_EQ(j->get_header_value("Content-Type"), "application/json");
}

TEST_F(Api, HealthAndOpenApi) {
  const json health = json::parse(get_ok("/api/v1/health"));
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["dataset_version"], "test.1");
  EXPECT_EQ(schema_errors(response_schema("/api/v1/health", 200), health),
            std::vector<std::string>{});
  EXPECT_EQ(get_ok("/api/v1/openapi.json"), aisov::server::openapi_document());
}

TEST_F(Api, BadQueriesAreProblems) {
  auto c = client();
  auto unknown = expect_problem(c.Get("/api/v1/census?bogus=1"), 400, "invalid-argument");
  EXPECT_NE(unknown["detail"].get<std::string>().find("'bogus'"), std::string::npos);
  expect_problem(c.Get("/api/v1/census?by=country"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/census?weight=gflops"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/census?as_of=2024-13-01"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/census?as_of=2024&as_of=2023"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/census?format=xml"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/profile/DEU?by=bloc"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/data/info?as_of=2024"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/health?x=1"), 400, "invalid-argument");
  auto atl = expect_problem(c.Get("/api/v1/profile/ATL"), 404, "not-found");
  // The same problem document as the CLI prints on stderr with --format json.
  EXPECT_EQ(atl.dump(), json::parse(run_cli(tiny_cli() + "profile ATL --format json").err).dump());
  expect_problem(c.Get("/api/v1/census?providers=nosuch"), 400, "invalid-argument");
}

TEST_F(Api, UnknownPathsMethodsAndBodies) {
  auto c = client();
  expect_problem(c.Get("/api/v1/nope"), 404, "not-found");
  expect_problem(c.Get("/api/v2/census"), 404, "not-found");
  expect_problem(c.Get("/api/v1/profile/DEU/extra"), 404, "not-found");
  expect_problem(c.Get("/"), 404, "not-found");  // no dashboard mounted here
  for (const std::string path : {"/api/v1/census", "/api/v1/profile/DEU", "/api/v1/health"}) {
    auto post = c.Post(path.c_str(), "{}", "application/json");
    auto p = expect_problem(post, 405, "method-not-allowed");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD, OPTIONS");
    expect_problem(c.Put(path.c_str(), "x", "text/plain"), 405, "method-not-allowed");
    expect_problem(c.Delete(path.c_str()), 405, "method-not-allowed");
    expect_problem(c.Patch(path.c_str(), "x", "text/plain"), 405, "method-not-allowed");
  }
  auto opts = c.Options("/api/v1/census");
  ASSERT_TRUE(opts);
  EXPECT_EQ(opts->status, 204);
  EXPECT_EQ(opts->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  // Bodies over the limit (64 KiB by default) are refused before any routing.
  const std::string big(256 * 1024, 'x');
  expect_problem(c.Post("/api/v1/census", big, "text/plain"), 413, "payload-too-large");
  expect_problem(c.Post("/api/v1/nope", big, "text/plain"), 413, "payload-too-large");
  // The connection is still usable afterwards.
  EXPECT_FALSE(get_ok("/api/v1/health").empty());
  auto head = c.Head("/api/v1/data/info");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
}

TEST_F(Api, ConcurrentRequestsAgree) {
  const std::string expected = get_ok("/api/v1/census?by=bloc");
  std::atomic<int> same{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      auto c = client();
      for (int i = 0; i < 10; ++i) {
        auto res = c.Get("/api/v1/census?by=bloc");
        if (res && res->status == 200 && res->body == expected) ++same;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(same.load(), 60);
}

TEST(ApiOptions, ServesTheDashboardDirectory) {
  aisov::test::TempDir web;
  std::ofstream(web / "index.html") << "<!doctype html><title>aisov</title>\n";
  aisov::server::ServerOptions o;
  o.web_dir = web.str();
  LiveServer s(fixture("tiny"), o);
  auto c = s.client();
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<!doctype html><title>aisov</title>\n");
  EXPECT_EQ(index->get_header_value("X-Aisov-Data-Version"), "test.1");
  auto api = c.Get("/api/v1/health");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 200);
  auto missing = c.Get("/missing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(ApiOptions, BodyLimitIsAnOption) {
  aisov::server::ServerOptions o;
  o.max_body_bytes = 16;
  LiveServer s(fixture("tiny"), o);
  auto c = s.client();
  auto small = c.Post("/api/v1/census", "0123456789", "text/plain");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 405);
  auto large = c.Post("/api/v1/census", std::string(17, 'x'), "text/plain");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 413);
}

TEST(OpenApi, DocumentIsConsistent) {
  const json& doc = openapi();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  ASSERT_TRUE(doc["info"].contains("title"));
  ASSERT_TRUE(doc["info"].contains("version"));
  // Exactly the routed paths are documented.
  std::set<std::string> documented, routed;
  for (const auto& [path, item] : doc["paths"].items()) documented.insert(path);
  for (const auto& p : aisov::server::api_paths()) routed.insert(p);
  EXPECT_EQ(documented, routed);
  // Every $ref resolves, operation ids are unique, every response schema compiles.
  std::vector<std::string> refs;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      for (const auto& [k, v] : j.items()) {
        if (k == "$ref" && v.is_string()) refs.push_back(v.get<std::string>());
        walk(v);
      }
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(doc);
  EXPECT_GT(refs.size(), 20u);
  for (const auto& r : refs) {
    ASSERT_EQ(r.rfind("#/", 0), 0u) << r;
    EXPECT_TRUE(doc.contains(json::json_pointer(r.substr(1)))) << "unresolved " << r;
  }
  std::set<std::string> ids;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(method == "get" || method == "post" || method == "delete") << path;
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << path;
      EXPECT_TRUE(op["responses"].contains("200") || op["responses"].contains("202")) << path;
      for (const auto& [status, resp] : op["responses"].items()) {
        const json& r = resp.contains("$ref")
                            ? doc.at(json::json_pointer(resp["$ref"].get<std::string>().substr(1)))
                            : resp;
        EXPECT_TRUE(r.contains("description")) << path << " " << status;
        EXPECT_TRUE(r["headers"].contains("X-Aisov-Data-Version")) << path << " " << status;
      }
    }
  }
  // A schema check that must fail does fail (the validator is live).
  EXPECT_FALSE(schema_errors("/components/schemas/Problem", json{{"type", 1}}).empty());
  EXPECT_FALSE(
      schema_errors("/components/schemas/Health", json{{"status", "ok"}, {"extra", 1}}).empty());
}

}  // namespace
