#pragma once
// Field descriptions of the dataset results (src/api/describe.hpp): `aisov data info|validate
// --format json` (DatasetSummary, ValidationReport) and the import and scenario-shard outcomes
// the Python binding returns (ImportResult, ScenarioShardInfo), with their OpenAPI components.
#include <string>
#include <utility>
#include <vector>

#include "aisov/engine.hpp"
#include "api/describe.hpp"

namespace aisov::api {

/// Table name → row count, written as an object; its schema is the hand-written `TableRows`
/// component (an object of any keys, which a generated component is not).
struct TableRows {
  const std::vector<std::pair<std::string, int>>& rows;
};
inline ojson custom_json(const TableRows& t) {
  ojson j = ojson::object();
  for (const auto& [k, v] : t.rows) j[k] = v;
  return j;
}
inline ojson custom_schema(Tag<TableRows>) { return {{"$ref", "#/components/schemas/TableRows"}}; }

inline SchemaInfo schema_info(Tag<DatasetSummary>) { return {"DatasetInfo"}; }
template <class V>
void describe(V& v, const DatasetSummary& s) {
  v.field("data_dir", s.data_dir);
  v.field("schema_version", s.schema_version);
  v.field("dataset_version", s.dataset_version);
  v.field("as_of", s.as_of);
  v.field("title", s.title);
  v.field("licence", s.licence);
  v.field("tables", TableRows{s.table_rows});
}

inline SchemaInfo schema_info(Tag<ValidationReport>) { return {"ValidationReport"}; }
template <class V>
void describe(V& v, const ValidationReport& r) {
  v.field("ok", r.ok);
  v.field("data_dir", r.data_dir);
  v.field("errors", r.errors);
  v.field("warnings", r.warnings);
  v.field("tables", TableRows{r.table_rows});
}

inline SchemaInfo schema_info(Tag<ImportResult>) {
  return {"ImportResult", "The outcome of `aisov data import` (the new dataset directory)."};
}
template <class V>
void describe(V& v, const ImportResult& r) {
  v.field("out_dir", r.out_dir);
  v.field("facilities_added", r.facilities_added, {.minimum = 0});
  v.field("facilities_replaced", r.facilities_replaced,
          {.text = "dataset rows replaced by the same upstream row, re-imported", .minimum = 0});
  v.field("organisations_added", r.organisations_added, {.minimum = 0});
  v.field("sources_added", r.sources_added, {.minimum = 0});
  v.field("indicators_added", r.indicators_added,
          {.text = "electricity-prices: indicator rows written", .minimum = 0});
  v.field("skipped", r.skipped, {.text = "`file:line: reason` for input rows not imported"});
  v.field("duplicates", r.duplicates,
          {.text = "`file:line: …` for input rows sharing an upstream key"});
  v.field("corrections", r.corrections, {.text = "upstream errors corrected"});
  v.field("notes", r.notes, {.text = "other findings (e.g. jurisdictions the input lacks)"});
}

}  // namespace aisov::api
