// apps/server/openapi.json against the component schemas generated from the result
// descriptions (src/api/describe.hpp). A field added to a description and not to the document
// (or edited in the document by hand) fails here; `cmake --build build --target update_openapi`
// rewrites the document's components from the descriptions.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "aisov/engine.hpp"
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

// The results that had no renderer (the Python binding built their dicts by hand): their JSON
// holds every field under the binding's former key, and their text is the line the CLI prints.
TEST(OpenApiComponents, ShardAndImportRenderings) {
  aisov::ScenarioShardInfo s;
  s.file = "shard-a.bin";
  s.scenario_hash = "abc";
  s.seed = 7;
  s.draws = 200;
  s.first = 50;
  s.last = 120;
  s.shocked_draws = 14;
  s.columns = 420;
  EXPECT_EQ(json::parse(aisov::render(s, aisov::Format::kJson)), json({{"file", "shard-a.bin"},
                                                                       {"scenario_hash", "abc"},
                                                                       {"seed", 7},
                                                                       {"draws", 200},
                                                                       {"first", 50},
                                                                       {"last", 120},
                                                                       {"shocked_draws", 14},
                                                                       {"columns", 420}}));
  EXPECT_EQ(aisov::render(s, aisov::Format::kTable),
            "wrote shard-a.bin: draws 50:120 of 200 (14 with a shock on, 420 series each); merge "
            "the shards with `aisov scenario merge`\n");
  EXPECT_EQ(aisov::render(s, aisov::Format::kCsv),
            "file,scenario_hash,seed,draws,first,last,shocked_draws,columns\n"
            "shard-a.bin,abc,7,200,50,120,14,420\n");

  aisov::ImportResult r;
  r.out_dir = "out";
  r.facilities_added = 3;
  r.organisations_added = 1;
  r.sources_added = 1;
  r.indicators_added = 2;
  r.skipped = {"in.csv:4: no country"};
  r.notes = {"n"};
  const json j = json::parse(aisov::render(r, aisov::Format::kJson));
  EXPECT_EQ(j, json({{"out_dir", "out"},
                     {"facilities_added", 3},
                     {"facilities_replaced", 0},
                     {"organisations_added", 1},
                     {"sources_added", 1},
                     {"indicators_added", 2},
                     {"skipped", {"in.csv:4: no country"}},
                     {"duplicates", json::array()},
                     {"corrections", json::array()},
                     {"notes", {"n"}}}));
  EXPECT_EQ(aisov::render(r, aisov::Format::kTable),
            "wrote out: 3 facilities, 1 organisations, 1 sources added; 0 facilities replaced; 1 "
            "input rows skipped; 0 duplicates and 0 corrections reported\n"
            "2 indicator rows added (electricity prices)\n");
  // Each rendering's fields are the generated component's properties, all required.
  for (const auto& [name, text] :
       {std::pair{"ScenarioShardInfo", aisov::render(s, aisov::Format::kJson)},
        std::pair{"ImportResult", aisov::render(r, aisov::Format::kJson)}}) {
    SCOPED_TRACE(name);
    const json& schema = generated()[name];
    const json value = json::parse(text);
    EXPECT_EQ(schema["required"].size(), value.size());
    for (const auto& [k, v] : value.items()) EXPECT_TRUE(schema["properties"].contains(k)) << k;
  }
}

}  // namespace
