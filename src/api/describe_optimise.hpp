#pragma once
// Field descriptions of the siting and placement results (src/api/describe.hpp): the JSON of
// `aisov site|place --format json` and their OpenAPI components. The optimiser's result is still
// written by hand in render_optimise.cpp.
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

}  // namespace aisov::api
