#pragma once
// Field descriptions of the scenario results (src/api/describe.hpp): the JSON of `aisov scenario
// run|check|list --format json` and the OpenAPI components of the same names.
#include <string>
#include <vector>

#include "aisov/scenario.hpp"
#include "aisov/scenario_source.hpp"
#include "api/describe.hpp"
#include "api/text.hpp"

namespace aisov::api {

inline const Doc kScenarioHash{.pattern = "^[0-9a-f]{16}$"};

inline SchemaInfo schema_info(Tag<ScenarioStat>) { return {"ScenarioStat"}; }
template <class V>
void describe(V& v, const ScenarioStat& s) {
  v.field("mean", s.mean);
  v.field("se", s.se);
  v.field("p5", s.p5);
  v.field("p50", s.p50);
  v.field("p95", s.p95);
  v.field("es5", s.es5);
}

inline SchemaInfo schema_info(Tag<ScenarioShockInfo>) { return {"ScenarioShock"}; }
template <class V>
void describe(V& v, const ScenarioShockInfo& s) {
  v.field("id", s.id);
  v.field("kind", s.kind,
          {.enums = {"export_control", "provider_withdrawal", "foundry_disruption", "energy_cap",
                     "growth"}});
  v.field("description", s.description);
  v.field("probability", s.probability,
          {.text = "The distribution as text, e.g. 0.2 or uniform(0.1, 0.3)."});
  v.field("start", s.start);
  v.field("duration", s.duration, {.text = "null: to the horizon.", .null_if_empty = true});
  v.field("affects", s.affects);
}

inline SchemaInfo schema_info(Tag<ScenarioEnergy>) {
  return {"ScenarioEnergy",
          "Electricity of a territorial or sovereign row's compute (docs/methodology.md §15.5): "
          "every statistic is the H100e statistic times twh_per_h100e; low and high apply the low "
          "and high assumptions to the mean. Null figures: the dataset has no generation or "
          "carbon figure."};
}
template <class V>
void describe(V& v, const ScenarioEnergy& e) {
  v.field("it_kw_per_h100e_start", e.it_kw_per_h100e_start);
  v.field("it_mw_per_h100e", e.it_mw_per_h100e);
  v.field("twh_per_h100e", e.twh_per_h100e);
  v.field("twh_per_h100e_low", e.twh_per_h100e_low);
  v.field("twh_per_h100e_high", e.twh_per_h100e_high);
  v.field("it_mw", e.it_mw);
  v.field("baseline_twh", e.baseline_twh);
  v.field("twh", e.twh);
  v.field("twh_low", e.twh_low);
  v.field("twh_high", e.twh_high);
  v.field("generation_twh", e.generation_twh);
  v.field("generation_year", e.generation_year, {.null_if_empty = true});
  v.field("share_of_generation", e.share_of_generation);
  v.field("share_of_generation_low", e.share_of_generation_low);
  v.field("share_of_generation_high", e.share_of_generation_high);
  v.field("carbon_gco2_per_kwh", e.carbon_gco2_per_kwh);
  v.field("carbon_year", e.carbon_year, {.null_if_empty = true});
  v.field("baseline_co2_t", e.baseline_co2_t);
  v.field("co2_t", e.co2_t);
  v.field("co2_t_low", e.co2_t_low);
  v.field("co2_t_high", e.co2_t_high);
}

inline SchemaInfo schema_info(Tag<ScenarioReference>) {
  return {"ScenarioReference",
          "A published electricity figure ([[references]] of the scenario file) and the "
          "scenario's territorial TWh summed over the same economies; the scenario figures are "
          "null (with `missing` saying why) when the run does not report the year or every "
          "economy with compute in the region."};
}
template <class V>
void describe(V& v, const ScenarioReference& r) {
  v.field("case", r.case_name);
  v.field("region", r.region);
  v.field("year", r.year);
  v.field("published_twh_low", r.published_twh_low);
  v.field("published_twh_high", r.published_twh_high);
  v.field("approximate", r.approximate);
  v.field("source", r.source);
  v.field("note", r.note);
  v.field("economies", r.economies);
  v.field("baseline_twh", r.baseline_twh);
  v.field("mean_twh", r.mean_twh);
  v.field("mean_twh_low", r.mean_twh_low);
  v.field("mean_twh_high", r.mean_twh_high);
  v.field("ratio", r.ratio);
  v.field("missing", r.missing, {.null_if_empty = true});
}

/// P(loss > threshold) of a row, keyed by the threshold's text.
struct LossProbabilities {
  const std::vector<double>& p_loss;
  const std::vector<double>& thresholds;
};
inline ojson custom_json(const LossProbabilities& l) {
  ojson p = ojson::object();
  for (size_t i = 0; i < l.thresholds.size(); ++i)
    p[num(l.thresholds[i])] = i < l.p_loss.size() ? l.p_loss[i] : 0.0;
  return p;
}
inline ojson custom_schema(Tag<LossProbabilities>) {
  return {{"type", "object"},
          {"additionalProperties", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}};
}

/// A row with the result's thresholds (its p_loss_gt keys).
struct ScenarioRowView {
  const ScenarioRow& row;
  const std::vector<double>& thresholds;
};
inline SchemaInfo schema_info(Tag<ScenarioRowView>) { return {"ScenarioRow"}; }
template <class V>
void describe(V& v, const ScenarioRowView& x) {
  const ScenarioRow& r = x.row;
  v.field("code", r.code);
  v.field("name", r.name);
  v.field("year", r.year);
  v.field("measure", r.measure, {.enums = {"territorial", "sovereign", "accessible"}});
  v.field("baseline_h100e", r.baseline);
  v.field("h100e", r.h100e);
  v.field("share", r.share);
  v.field("p_loss_gt", LossProbabilities{r.p_loss, x.thresholds},
          {.text = "P(loss > threshold) by threshold."});
  v.field("energy", r.energy,
          {.text = "Null for accessible rows (their foreign part draws on grids the model does "
                   "not follow)."});
}

/// The rows of a result.
struct ScenarioRows {
  const std::vector<ScenarioRow>& rows;
  const std::vector<double>& thresholds;
};
inline ojson custom_json(const ScenarioRows& s) {
  ojson a = ojson::array();
  for (const auto& r : s.rows) a.push_back(to_json(ScenarioRowView{r, s.thresholds}));
  return a;
}
inline ojson custom_schema(Tag<ScenarioRows>) {
  return {{"type", "array"}, {"items", schema_of<ScenarioRowView>(Doc{})}};
}

inline SchemaInfo schema_info(Tag<ScenarioMeta>) { return {"ScenarioMeta"}; }
template <class V>
void describe(V& v, const ScenarioMeta& m) {
  v.field("engine_version", m.engine_version);
  v.field("dataset_version", m.dataset_version);
  v.field("as_of", m.as_of);
  v.field("scenario", m.scenario_name);
  v.field("scenario_file", m.scenario_file);
  v.field("scenario_hash", m.scenario_hash, kScenarioHash);
  v.field("seed", m.seed, {.minimum = 0});
  v.field("draws", m.draws, {.minimum = 0});
  v.field("draws_requested", m.draws_requested, {.minimum = 1});
  v.field("stopped_early", m.stopped_early);
  v.field("random_scheme", m.random_scheme);
  v.field("start_year", m.start_year);
  v.field("horizon", m.horizon);
}

/// The energy assumptions of a result's rows.
struct ScenarioEnergyAssumptions {
  const ScenarioResult& r;
};
inline SchemaInfo schema_info(Tag<ScenarioEnergyAssumptions>) {
  return {"ScenarioEnergyAssumptions", "The assumptions of the rows' energy (§15.2, §15.5)."};
}
template <class V>
void describe(V& v, const ScenarioEnergyAssumptions& a) {
  v.field("it_kw_per_h100e", a.r.it_kw_per_h100e);
  v.field("efficiency_gain", a.r.efficiency_gain);
  v.field("pue", a.r.pue);
  v.field("pue_low", a.r.pue_low);
  v.field("pue_high", a.r.pue_high);
  v.field("utilisation", a.r.utilisation);
  v.field("utilisation_low", a.r.utilisation_low);
  v.field("utilisation_high", a.r.utilisation_high);
}

inline SchemaInfo schema_info(Tag<ScenarioResult>) {
  return {"ScenarioResult", "Same as `aisov scenario run --format json`."};
}
template <class V>
void describe(V& v, const ScenarioResult& r) {
  v.field("meta", r.meta);
  v.field("thresholds", r.thresholds);
  v.field("shocks", r.shocks);
  v.field("rows", ScenarioRows{r.rows, r.thresholds});
  v.field("energy_assumptions", ScenarioEnergyAssumptions{r});
  v.field("references", r.references);
}

inline SchemaInfo schema_info(Tag<ScenarioCheck>) {
  return {"ScenarioCheck", "Same as `aisov scenario check --format json`."};
}
template <class V>
void describe(V& v, const ScenarioCheck& c) {
  v.field("file", c.file);
  v.field("name", c.name);
  v.field("description", c.description);
  v.field("basis", c.basis);
  v.field("scenario_hash", c.scenario_hash, kScenarioHash);
  v.field("start_year", c.start_year);
  v.field("horizon", c.horizon);
  v.field("capacity_cells", c.capacity_cells, {.minimum = 0});
  v.field("world_h100e", c.world_h100e, {.minimum = 0});
  v.field("shocks", c.shocks);
  v.field("warnings", c.warnings);
}

inline SchemaInfo schema_info(Tag<ScenarioListEntry>) { return {"ScenarioListEntry"}; }
template <class V>
void describe(V& v, const ScenarioListEntry& s) {
  v.field("file", s.file);
  v.field("name", s.name);
  v.field("description", s.description);
  v.field("basis", s.basis);
  v.field("shocks", s.shocks, {.minimum = 0});
}

inline SchemaInfo schema_info(Tag<ScenarioList>) {
  return {"ScenarioList", "Same as `aisov scenario list --format json`."};
}
template <class V>
void describe(V& v, const ScenarioList& l) {
  v.field("dir", l.dir);
  v.field("scenarios", l.scenarios);
}

/// A JSON document held as text (a scenario converted to JSON), written as the parsed value.
struct ScenarioDocument {
  const std::string& text;
};
inline ojson custom_json(const ScenarioDocument& d) { return ojson::parse(d.text); }
inline ojson custom_schema(Tag<ScenarioDocument>) {
  return {{"type", "object"},
          {"description", "The scenario file as JSON (docs/scenarios.md)."},
          {"properties",
           {{"name", {{"type", "string"}}},
            {"shocks", {{"type", "array"}, {"items", {{"type", "object"}}}}}}},
          {"required", {"name"}}};
}

inline SchemaInfo schema_info(Tag<ScenarioSource>) {
  return {"ScenarioSource",
          "A bundled scenario for editors: its text, the same document as JSON (POST it back, "
          "edited, as the body of /api/v1/scenario/run) and its check."};
}
template <class V>
void describe(V& v, const ScenarioSource& s) {
  v.field("name", s.name);
  v.field("file", s.file);
  v.field("format", s.format, {.enums = {"toml", "json"}});
  v.field("text", s.text);
  v.field("scenario", ScenarioDocument{s.scenario_json});
  v.field("check", s.check);
}

inline SchemaInfo schema_info(Tag<ScenarioShardInfo>) {
  return {"ScenarioShardInfo",
          "A shard written by `aisov scenario run … --draw-range START:END --samples-out FILE`."};
}
template <class V>
void describe(V& v, const ScenarioShardInfo& s) {
  v.field("file", s.file);
  v.field("scenario_hash", s.scenario_hash);
  v.field("seed", s.seed);
  v.field("draws", s.draws, {.text = "draws of the whole run", .minimum = 1});
  v.field("first", s.first, {.text = "the shard's first draw (inclusive)", .minimum = 0});
  v.field("last", s.last, {.text = "the shard's end draw (exclusive)", .minimum = 1});
  v.field("shocked_draws", s.shocked_draws,
          {.text = "draws of the shard in which any shock was on", .minimum = 0});
  v.field("columns", s.columns, {.text = "stored series per draw", .minimum = 0});
}

}  // namespace aisov::api
