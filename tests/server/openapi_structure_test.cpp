// apps/server/openapi.json checked as an OpenAPI 3.1 document, structurally. No official
// OpenAPI 3.1 meta-schema file is available offline (it is published at spec.openapis.org), so
// the rules below restate the parts of the specification that tools rely on: required
// top-level fields, operations with responses, parameters with name/in/schema, path templates
// declared as path parameters, every $ref resolving.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "server.hpp"

using nlohmann::json;

namespace {

const json& doc() {
  static const json d = json::parse(aisov::server::openapi_document());
  return d;
}

// Follows a local $ref ("#/components/…").
const json& deref(const json& j) {
  if (j.is_object() && j.contains("$ref")) {
    return doc().at(json::json_pointer(j["$ref"].get<std::string>().substr(1)));
  }
  return j;
}

TEST(OpenApiStructure, TopLevel) {
  const json& d = doc();
  ASSERT_TRUE(d.is_object());
  EXPECT_TRUE(std::regex_match(d.value("openapi", ""), std::regex(R"(3\.1\.\d+)")));
  ASSERT_TRUE(d["info"].is_object());
  EXPECT_TRUE(d["info"]["title"].is_string());
  EXPECT_TRUE(d["info"]["version"].is_string());
  // 3.1: at least one of paths, components, webhooks.
  EXPECT_TRUE(d.contains("paths") || d.contains("components") || d.contains("webhooks"));
  const std::set<std::string> top = {"openapi", "info",        "jsonSchemaDialect", "servers",
                                     "paths",   "webhooks",    "components",        "security",
                                     "tags",    "externalDocs"};
  for (const auto& [k, v] : d.items()) EXPECT_TRUE(top.count(k) || k.rfind("x-", 0) == 0) << k;
  const std::set<std::string> parts = {"schemas",       "responses", "parameters",      "examples",
                                       "requestBodies", "headers",   "securitySchemes", "links",
                                       "callbacks",     "pathItems"};
  for (const auto& [k, v] : d["components"].items()) {
    EXPECT_TRUE(parts.count(k)) << k;
    for (const auto& [name, item] : v.items()) {
      EXPECT_TRUE(std::regex_match(name, std::regex(R"([a-zA-Z0-9._-]+)"))) << name;
    }
  }
}

TEST(OpenApiStructure, PathsOperationsParametersResponses) {
  const std::set<std::string> methods = {"get",     "put",  "post",  "delete",
                                         "options", "head", "patch", "trace"};
  const std::set<std::string> in = {"query", "header", "path", "cookie"};
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : doc()["paths"].items()) {
    SCOPED_TRACE(path);
    ASSERT_EQ(path.rfind('/', 0), 0u);
    // Template names in the path, e.g. {iso3}.
    std::set<std::string> templated;
    const std::regex var(R"(\{([^}/]+)\})");
    for (auto it = std::sregex_iterator(path.begin(), path.end(), var);
         it != std::sregex_iterator(); ++it)
      templated.insert((*it)[1].str());
    int operations = 0;
    for (const auto& [key, op] : item.items()) {
      if (!methods.count(key)) {
        EXPECT_TRUE(key == "summary" || key == "description" || key == "parameters" ||
                    key == "servers" || key.rfind("x-", 0) == 0)
            << key;
        continue;
      }
      ++operations;
      SCOPED_TRACE(key);
      ASSERT_TRUE(op.contains("responses"));
      ASSERT_FALSE(op["responses"].empty());
      EXPECT_TRUE(operation_ids.insert(op.value("operationId", key + path)).second);
      for (const auto& [status, r] : op["responses"].items()) {
        EXPECT_TRUE(std::regex_match(status, std::regex(R"(default|[1-5](\d\d|XX))"))) << status;
        const json& resp = deref(r);
        EXPECT_TRUE(resp["description"].is_string()) << status;
        if (resp.contains("content")) {
          for (const auto& [media, m] : resp["content"].items()) {
            EXPECT_TRUE(m.contains("schema")) << status << " " << media;
          }
        }
      }
      std::set<std::string> declared;
      for (const auto& p : op.value("parameters", json::array())) {
        const json& param = deref(p);
        ASSERT_TRUE(param["name"].is_string());
        ASSERT_TRUE(in.count(param.value("in", ""))) << param.dump();
        EXPECT_TRUE(param.contains("schema") || param.contains("content")) << param.dump();
        if (param["in"] == "path") {
          EXPECT_EQ(param.value("required", false), true) << param.dump();
          declared.insert(param["name"].get<std::string>());
        }
      }
      EXPECT_EQ(declared, templated);
      if (op.contains("requestBody")) {
        EXPECT_TRUE(deref(op["requestBody"]).contains("content"));
      }
    }
    EXPECT_GT(operations, 0);
  }
}

TEST(OpenApiStructure, EveryRefResolves) {
  int refs = 0;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      for (const auto& [k, v] : j.items()) {
        if (k == "$ref") {
          ASSERT_TRUE(v.is_string());
          const std::string r = v.get<std::string>();
          ASSERT_EQ(r.rfind("#/", 0), 0u) << r;
          EXPECT_TRUE(doc().contains(json::json_pointer(r.substr(1)))) << "unresolved " << r;
          ++refs;
        }
        walk(v);
      }
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(doc());
  EXPECT_GT(refs, 50);
}

}  // namespace
