#pragma once
// A real aisov server on a loopback port for API tests, and OpenAPI schema checks (valijson).
#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "aisov/engine.hpp"
#include "server.hpp"
#include "test_support.hpp"

namespace aisov::test {

/// An Engine on a dataset and a Server on 127.0.0.1:<free port>, listening on a thread.
class LiveServer {
 public:
  explicit LiveServer(const std::string& data_dir, server::ServerOptions options = {}) {
    auto e = Engine::open(EngineOptions{data_dir});
    if (!e) throw std::runtime_error(e.error().message);
    engine_ = std::make_unique<Engine>(std::move(e).value());
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<server::Server>(*engine_, options);
    auto port = server_->bind();
    if (!port) throw std::runtime_error(port.error().message);
    port_ = port.value();
    thread_ = std::thread([this] { server_->listen(); });
  }
  ~LiveServer() { stop(); }
  /// Stops the server as SIGTERM does and waits for its threads; later calls do nothing.
  void stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
  }
  LiveServer(const LiveServer&) = delete;
  LiveServer& operator=(const LiveServer&) = delete;

  int port() const { return port_; }
  const server::Server& server() const { return *server_; }
  server::Server& server() { return *server_; }
  /// A client with short timeouts (tests never wait long).
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5, 0);
    c.set_read_timeout(20, 0);
    c.set_write_timeout(5, 0);
    return c;
  }

 private:
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

/// The served OpenAPI document, parsed.
inline const nlohmann::json& openapi() {
  static const nlohmann::json doc = nlohmann::json::parse(server::openapi_document());
  return doc;
}

/// Validates `instance` against the schema at `pointer` (a JSON pointer into the OpenAPI
/// document, e.g. "/components/schemas/Problem"); returns the problems, empty when valid.
/// The schema is wrapped in a document that carries `components`, so its $refs resolve.
inline std::vector<std::string> schema_errors(const std::string& pointer,
                                              const nlohmann::json& instance) {
  const nlohmann::json wrapper = {{"$ref", "#" + pointer},
                                  {"paths", openapi()["paths"]},
                                  {"components", openapi()["components"]}};
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(wrapper);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(instance);
  std::vector<std::string> out;
  if (!validator.validate(schema, target, &results)) {
    valijson::ValidationResults::Error e;
    while (results.popError(e)) {
      std::string ctx;
      for (const auto& c : e.context) ctx += c;
      out.push_back(ctx + ": " + e.description);
    }
  }
  return out;
}

/// JSON pointer to the schema of an operation's response, e.g. ("/api/v1/census", 200).
inline std::string response_schema(const std::string& path, int status,
                                   const std::string& media = "application/json") {
  auto esc = [](std::string s) {
    std::string out;
    for (char c : s)
      out += c == '/' ? std::string("~1") : c == '~' ? std::string("~0") : std::string(1, c);
    return out;
  };
  return "/paths/" + esc(path) + "/get/responses/" + std::to_string(status) + "/content/" +
         esc(media) + "/schema";
}

/// Expects an RFC 9457 problem+json reply with this status and title, valid against the
/// OpenAPI Problem schema; returns it.
inline nlohmann::json expect_problem(const httplib::Result& res, int status,
                                     const std::string& title) {
  EXPECT_TRUE(res);
  if (!res) return nlohmann::json();
  EXPECT_EQ(res->status, status) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  nlohmann::json p = nlohmann::json::parse(res->body, nullptr, false);
  EXPECT_FALSE(p.is_discarded()) << res->body;
  EXPECT_EQ(p["status"], status);
  EXPECT_EQ(p["title"], title) << res->body;
  EXPECT_EQ(p["type"], "https://aisov.dev/problems/" + title);
  EXPECT_EQ(schema_errors("/components/schemas/Problem", p), std::vector<std::string>{});
  return p;
}

/// Percent-encodes a query value (RFC 3986 unreserved characters and ',' stay as they are).
inline std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace aisov::test
