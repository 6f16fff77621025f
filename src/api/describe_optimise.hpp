#pragma once
// Field descriptions of the siting and placement results (src/api/describe.hpp): the JSON of
// `aisov optimise|site|place --format json` and their OpenAPI components.
#include <string>
#include <vector>

#include "aisov/optimise.hpp"
#include "api/describe.hpp"
#include "api/describe_census.hpp"

namespace aisov::api {

/// Engine and dataset versions of a siting or placement result.
struct EngineMeta {
  const std::string& engine_version;
  const std::string& dataset_version;
};
inline SchemaInfo schema_info(Tag<EngineMeta>) {
  return {"EngineMeta", "Engine and dataset versions of the result."};
}
template <class V>
void describe(V& v, const EngineMeta& m) {
  v.field("engine_version", m.engine_version);
  v.field("dataset_version", m.dataset_version);
}

inline SchemaInfo schema_info(Tag<NewLoadEnergy>) {
  return {"NewLoadEnergy",
          "A new IT load in one economy in the energy layer's terms (methodology §14.5–14.6, "
          "§15)."};
}
template <class V>
void describe(V& v, const NewLoadEnergy& e) {
  v.field("it_mw", e.it_mw);
  v.field("twh", e.twh);
  v.field("twh_low", e.twh_low);
  v.field("twh_high", e.twh_high);
  v.field("hosted_twh", e.hosted_twh);
  v.field("hosted_twh_low", e.hosted_twh_low);
  v.field("hosted_twh_high", e.hosted_twh_high);
  v.field("generation_twh", e.generation_twh);
  v.field("generation_year", e.generation_year);
  v.field("share_of_generation", e.share_of_generation);
  v.field("share_of_generation_low", e.share_of_generation_low);
  v.field("share_of_generation_high", e.share_of_generation_high);
  v.field("headroom_share", e.headroom_share,
          {.text = "(hosted AI load + new load) TWh ÷ national generation; null without a "
                   "generation figure"});
  v.field("headroom_share_low", e.headroom_share_low);
  v.field("headroom_share_high", e.headroom_share_high);
  v.field("carbon_gco2_per_kwh", e.carbon_gco2_per_kwh);
  v.field("carbon_year", e.carbon_year);
  v.field("co2_t", e.co2_t,
          {.text = "the new load's emissions, tonnes CO2e per year at the grid's carbon "
                   "intensity; null without a carbon figure"});
  v.field("co2_t_low", e.co2_t_low);
  v.field("co2_t_high", e.co2_t_high);
}

/// Siting criterion values in SiteCandidate::parts order, written as an object by criterion.
struct CriterionValues {
  const std::vector<double>& values;
};
inline constexpr const char* kSiteCriteria[7] = {"power",   "price",        "carbon",  "water",
                                                 "latency", "jurisdiction", "headroom"};
inline ojson custom_json(const CriterionValues& c) {
  ojson j;  // null when there are no values (as the hand-written renderer wrote it)
  for (size_t k = 0; k < c.values.size() && k < 7; ++k) j[kSiteCriteria[k]] = c.values[k];
  return j;
}
inline ojson custom_schema(Tag<CriterionValues>) {
  ojson props = ojson::object();
  for (const char* k : kSiteCriteria) props[k] = {{"type", "number"}};
  props["headroom"]["description"] = "present only with a workload (`mw`)";
  ojson required = ojson::array();
  for (int k = 0; k < 6; ++k) required.push_back(kSiteCriteria[k]);
  return {{"type", "object"},
          {"properties", props},
          {"required", required},
          {"additionalProperties", false}};
}

inline SchemaInfo schema_info(Tag<SiteCandidate>) {
  return {"SiteCandidate", "A candidate city for new compute, with its criteria and score."};
}
template <class V>
void describe(V& v, const SiteCandidate& c) {
  v.field("rank", c.rank);
  v.field("city", c.city);
  v.field("iso3", c.iso3);
  v.field("economy", c.economy_name);
  v.field("lat", c.lat);
  v.field("lon", c.lon);
  v.field("regions", c.regions);
  v.field("grid_twh", c.grid_twh, {.null_if_empty = true});
  v.field("price_usd_per_mwh", c.price_usd_per_mwh, {.null_if_empty = true});
  v.field("carbon_g_per_kwh", c.carbon_g_per_kwh, {.null_if_empty = true});
  v.field("water_stress_pct", c.water_stress_pct,
          {.text = "SDG 6.4.2 level of water stress: freshwater withdrawal as a share of "
                   "available freshwater resources, per cent (FAO AQUASTAT)",
           .null_if_empty = true});
  v.field("water_stress_level", c.water_stress_level,
          {.text = "FAO class of water_stress_pct; empty when unknown",
           .enums = {"", "none", "low", "medium", "high", "critical"}});
  v.field("latency_ms", c.latency_ms, {.null_if_empty = true});
  v.field("preferred", c.preferred);
  v.field("score", c.score);
  v.field("parts", CriterionValues{c.parts});
  v.field("missing", c.missing);
  v.optional("energy", c.energy, c.energy.has_value(),
             {.text = "present only with a workload (`mw`)"});
}

/// The workload of a siting request and the energy layer's assumptions for it.
struct SiteWorkload {
  const SiteResult& r;
};
inline SchemaInfo schema_info(Tag<SiteWorkload>) {
  return {"SiteWorkload", "present only with `mw`"};
}
template <class V>
void describe(V& v, const SiteWorkload& w) {
  const SiteResult& r = w.r;
  const NewLoadEnergy* e0 =
      r.candidates.empty() || !r.candidates[0].energy ? nullptr : &*r.candidates[0].energy;
  const auto& ep = r.energy_params;
  v.field("it_mw", r.it_mw.value_or(0.0));
  v.field("twh", e0 ? std::optional(e0->twh) : std::nullopt);
  v.field("twh_low", e0 ? std::optional(e0->twh_low) : std::nullopt);
  v.field("twh_high", e0 ? std::optional(e0->twh_high) : std::nullopt);
  v.field("utilisation",
          std::vector<double>{ep.utilisation_low, ep.utilisation, ep.utilisation_high},
          {.text = "low, mid, high"});
  v.field("pue", std::vector<double>{ep.pue_low, ep.pue, ep.pue_high}, {.text = "low, mid, high"});
  v.field("sources", ep.sources);
}

inline SchemaInfo schema_info(Tag<SiteResult>) { return {"SiteResult"}; }
template <class V>
void describe(V& v, const SiteResult& r) {
  v.field("meta", EngineMeta{r.engine_version, r.dataset_version});
  v.optional("workload", SiteWorkload{r}, r.it_mw.has_value());
  v.field("weights", CriterionValues{r.weights});
  v.field("candidates", r.candidates);
}

inline SchemaInfo schema_info(Tag<PlaceRow>) {
  return {"PlaceRow", "A site offering the accelerator, with its price, latency and carbon."};
}
template <class V>
void describe(V& v, const PlaceRow& p) {
  v.field("site_id", p.site_id);
  v.field("provider", p.provider);
  v.field("city", p.city);
  v.field("iso3", p.iso3);
  v.field("operator_jurisdiction", p.operator_jurisdiction);
  v.field("accel_id", p.accel_id);
  v.field("designer_jurisdiction", p.designer_jurisdiction);
  v.field("price_usd_per_accel_hour", p.price_usd_per_accel_hour);
  v.field("cost_usd", p.cost_usd);
  v.field("latency_ms", p.latency_ms);
  v.field("carbon_g_per_kwh", p.carbon_g_per_kwh);
  v.field("excluded_by", p.excluded_by,
          {.text = "Empty for eligible sites; else the first rule that excludes the site."});
}

inline SchemaInfo schema_info(Tag<PlaceResult>) { return {"PlaceResult"}; }
template <class V>
void describe(V& v, const PlaceResult& r) {
  v.field("meta", EngineMeta{r.engine_version, r.dataset_version});
  v.field("eligible", r.eligible);
  v.field("excluded", r.excluded);
}

// ---- optimise ----

inline SchemaInfo schema_info(Tag<OptimiseMeta>) {
  return {"OptimiseMeta",
          "The optimiser's request as solved: scenario, draws, horizon, λ, α, "
          "budget, and the engine, dataset and solver versions."};
}
template <class V>
void describe(V& v, const OptimiseMeta& m) {
  v.field("engine_version", m.engine_version);
  v.field("dataset_version", m.dataset_version);
  v.field("solver", m.solver);
  v.field("scenario", m.scenario_name);
  v.field("scenario_file", m.scenario_file);
  v.field("scenario_hash", m.scenario_hash);
  v.field("seed", m.seed);
  v.field("draws", m.draws);
  v.field("economy", m.economy);
  v.field("economy_name", m.economy_name);
  v.field("start_year", m.start_year);
  v.field("horizon", m.horizon);
  v.field("alpha", m.alpha);
  v.field("lambda", m.lambda);
  v.field("budget_usd", m.budget_usd);
  v.field("budget_per_year_usd", m.budget_per_year_usd);
}

inline SchemaInfo schema_info(Tag<OptimiseSolve>) {
  return {"OptimiseSolve",
          "One solve of the optimiser's model (the optimum, a frontier point "
          "or a bloc-restricted optimum)."};
}
template <class V>
void describe(V& v, const OptimiseSolve& s) {
  v.field("label", s.label);
  v.field("call_ok", s.call_ok);
  v.field("call_message", s.call_message);
  v.field("status", s.status,
          {.enums = {"optimal", "infeasible", "unbounded", "time-limit", "not-solved"}});
  v.field("lambda", s.lambda);
  v.field("objective", s.objective);
  v.field("best_bound", s.best_bound);
  v.field("gap", s.gap);
  v.field("expected_h100e_years", s.expected_h100e_years);
  v.field("cvar_loss_h100e_years", s.cvar_loss);
  v.field("competitiveness_h100e_years", s.competitiveness);
  v.field("cost_usd", s.cost_usd);
  v.field("infeasible_constraints", s.infeasible_rows);
  v.field("nodes", s.nodes);
  v.field("seconds", s.seconds);
  v.field("terminal_h100e_years", s.terminal_h100e_years);
}

inline SchemaInfo schema_info(Tag<OptimiseOption>) {
  return {"OptimiseOption", "An option with a non-zero amount in the optimum."};
}
template <class V>
void describe(V& v, const OptimiseOption& o) {
  v.field("id", o.id);
  v.field("kind", o.kind);
  v.field("label", o.label);
  v.field("jurisdiction", o.jurisdiction);
  v.field("location", o.location);
  v.field("lead_years", o.lead_years);
  v.field("unit_cost_usd", o.unit_cost_usd);
  v.field("unit_h100e", o.unit_h100e);
  v.field("amount", o.amount);
  v.field("expected_h100e_years", o.expected_h100e_years);
  v.field("cost_usd", o.cost_usd);
}

inline SchemaInfo schema_info(Tag<OptimiseConstraint>) {
  return {"OptimiseConstraint", "A constraint of the model, its limit and shadow price."};
}
template <class V>
void describe(V& v, const OptimiseConstraint& c) {
  v.field("name", c.name);
  v.field("value", c.value);
  v.field("unit", c.unit);
  v.field("origin", c.origin);
  v.field("binding", c.binding);
  v.field("shadow_price", c.shadow_price);
  v.field("note", c.note);
}

/// The align-or-hedge answer of an optimiser result.
struct OptimiseAnswer {
  const OptimiseResult& r;
};
inline SchemaInfo schema_info(Tag<OptimiseAnswer>) { return {"OptimiseAnswer"}; }
template <class V>
void describe(V& v, const OptimiseAnswer& a) {
  v.field("answer", a.r.answer);
  v.field("text", a.r.answer_text);
}

inline SchemaInfo schema_info(Tag<ValueChainInput>) {
  return {"OptimiseValueChain", "A value-chain element's current and benchmark investment."};
}
template <class V>
void describe(V& v, const ValueChainInput& x) {
  v.field("element", x.element);
  v.field("current_usd", x.current_usd);
  v.field("benchmark_usd", x.benchmark_usd);
  v.field("coefficient", x.coefficient);
  v.field("origin", x.origin);
  v.field("basis", x.basis);
}

/// The USD value of one H100e-year used by an optimiser result.
struct OptimiseValuation {
  const OptimiseResult& r;
};
inline SchemaInfo schema_info(Tag<OptimiseValuation>) { return {"OptimiseValuation"}; }
template <class V>
void describe(V& v, const OptimiseValuation& x) {
  v.field("usd_per_h100e_year", x.r.usd_per_h100e_year);
  v.field("basis", x.r.usd_per_h100e_year_basis);
  v.field("parameter_sources", x.r.parameter_sources);
}

inline SchemaInfo schema_info(Tag<OptimiseEnergy>) {
  return {"OptimiseEnergy",
          "The optimum's new in-country load (domestic builds and hosted regions) in TWh and "
          "tCO2e (methodology §14.5): the fields of NewLoadEnergy and the facility power."};
}
template <class V>
void describe(V& v, const OptimiseEnergy& e) {
  describe(v, e.load);  // NewLoadEnergy's fields, then the optimiser's own
  v.field("facility_mw", e.facility_mw,
          {.text = "new facility power: builds × project_mw + hosted regions × region_mw (the "
                   "grid_mw row's activity)"});
  v.field("build_facility_mw", e.build_facility_mw);
  v.field("host_facility_mw", e.host_facility_mw);
  v.field("grid_limit_share", e.grid_limit_share,
          {.text = "the grid_mw limit as a share of generation in the energy layer's terms"});
}

inline SchemaInfo schema_info(Tag<OptimiseSensitivityEnd>) {
  return {"OptimiseSensitivityEnd", "The optimum with one parameter at its low or high value."};
}
template <class V>
void describe(V& v, const OptimiseSensitivityEnd& e) {
  v.field("status", e.status);
  v.field("objective", e.objective);
  v.field("expected_h100e_years", e.expected_h100e_years);
  v.field("cvar_loss", e.cvar_loss);
  v.field("competitiveness", e.competitiveness);
  v.field("compute_share", e.compute_share, {.minimum = 0, .maximum = 1});
  v.field("top_option", e.top_option);
}

inline SchemaInfo schema_info(Tag<OptimiseSensitivity>) {
  return {"OptimiseSensitivity", "One estimated parameter at its low and high value."};
}
template <class V>
void describe(V& v, const OptimiseSensitivity& x) {
  v.field("parameter", x.parameter);
  v.field("unit", x.unit);
  v.field("value", x.value);
  v.field("low", x.low);
  v.field("high", x.high);
  v.field("swing", x.swing, {.minimum = 0});
  v.field("at_low", x.at_low);
  v.field("at_high", x.at_high);
}

inline SchemaInfo schema_info(Tag<OptimiseResult>) { return {"OptimiseResult"}; }
template <class V>
void describe(V& v, const OptimiseResult& r) {
  v.field("meta", r.meta);
  v.field("years", r.years);
  v.field("result", r.best);
  v.field("allocation", r.allocation);
  v.field("constraints", r.constraints);
  v.field("frontier", r.frontier);
  v.field("aligned", r.aligned);
  v.field("answer", OptimiseAnswer{r});
  v.field("value_chain", r.value_chain);
  v.field("warnings", r.warnings);
  v.field("valuation", OptimiseValuation{r});
  v.field("compute_share", r.compute_share,
          {.text = "Share of the optimum's spend on compute options (build, host, contract).",
           .minimum = 0,
           .maximum = 1});
  v.field("energy", r.energy);
  v.field("sensitivity", r.sensitivity,
          {.text = "With sensitivity=true: the optimum with each estimated parameter of the "
                   "parameters table at its low and at its high value, one at a time, largest "
                   "swing of the objective first (empty otherwise)."});
}

}  // namespace aisov::api
