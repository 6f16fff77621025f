// apps/server/openapi.json against the component schemas generated from the result
// descriptions (src/api/describe.hpp). A field added to a description and not to the document
// (or edited in the document by hand) fails here; `cmake --build build --target update_openapi`
// rewrites the document's components from the descriptions.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api/schema.hpp"
#include "server.hpp"

using nlohmann::json;

namespace {

const json& served() {
  static const json d = json::parse(aisov::server::openapi_document());
  return d;
}

const json& generated() {
  static const json g = json::parse(aisov::api::openapi_components_json());
  return g;
}

TEST(OpenApiComponents, GeneratedComponentsEqualTheDocument) {
  const json& schemas = served()["components"]["schemas"];
  ASSERT_FALSE(generated().empty());
  for (const auto& [name, schema] : generated().items()) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(schemas.contains(name)) << "component missing from apps/server/openapi.json";
    // Objects compare without regard to key order; arrays (required, enum) in order.
    EXPECT_EQ(schemas[name], schema)
        << "differs from the description; patch to apply to the document:\n"
        << json::diff(schemas[name], schema).dump(2)
        << "\nrun `cmake --build build --target update_openapi`";
  }
}

// Every $ref a generated schema makes resolves in the document, and every required property
// is a declared property (the generator's own consistency, read from its output).
TEST(OpenApiComponents, GeneratedSchemasAreClosed) {
  const json& schemas = served()["components"]["schemas"];
  for (const auto& [name, schema] : generated().items()) {
    SCOPED_TRACE(name);
    EXPECT_EQ(schema.at("type"), "object");
    EXPECT_EQ(schema.at("additionalProperties"), false);
    std::set<std::string> props;
    for (const auto& [p, s] : schema.at("properties").items()) props.insert(p);
    for (const auto& r : schema.at("required")) EXPECT_TRUE(props.count(r.get<std::string>())) << r;
    const std::string text = schema.dump();
    const std::string prefix = "#/components/schemas/";
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
      const auto end = text.find('"', at);
      const std::string target = text.substr(at + prefix.size(), end - at - prefix.size());
      EXPECT_TRUE(schemas.contains(target)) << target;
    }
  }
}

// Facts the descriptions must carry, checked against the engine's documented behaviour rather
// than against the generator: nullable where the renderers write null for "no data", integer
// counts, and the census weight values the CLI accepts (docs/api.md).
TEST(OpenApiComponents, DescriptionsCarryNullabilityAndEnums) {
  const json& g = generated();
  EXPECT_EQ(g["Site"]["properties"]["lat"]["type"], json({"number", "null"}));
  EXPECT_EQ(g["Site"]["properties"]["launched"]["type"], json({"string", "null"}));
  EXPECT_EQ(g["TerritorialRow"]["properties"]["aligned_to"]["type"], json({"string", "null"}));
  EXPECT_EQ(g["EnergyEstimate"]["properties"]["generation_year"]["type"],
            json({"integer", "null"}));
  EXPECT_EQ(g["TerritorialRow"]["properties"]["regions"]["type"], "integer");
  // members is written for blocs only; twh_without_* for the world only.
  const auto& req = g["TerritorialRow"]["required"];
  EXPECT_EQ(std::find(req.begin(), req.end(), "members"), req.end());
  EXPECT_TRUE(g["TerritorialRow"]["properties"].contains("members"));
  const auto& ereq = g["EnergyEstimate"]["required"];
  EXPECT_EQ(std::find(ereq.begin(), ereq.end(), "twh_without_generation"), ereq.end());
  EXPECT_EQ(g["Meta"]["properties"]["weight"]["enum"],
            json({"regions", "h100e", "mw", "investment", "energy"}));
}

}  // namespace
