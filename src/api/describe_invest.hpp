#pragma once
// Field descriptions of the investment model's results (src/api/describe.hpp): the JSON of
// `aisov invest profile|compare|project|archetypes|programmes --format json` and the OpenAPI
// components of the same names.
#include "aisov/invest.hpp"
#include "api/describe.hpp"

namespace aisov::api {

inline SchemaInfo schema_info(Tag<InvestMeta>) {
  return {"InvestMeta",
          "Provenance of an investment result (seed, draws and random_scheme are set for "
          "projections only)."};
}
template <class V>
void describe(V& v, const InvestMeta& m) {
  v.field("engine_version", m.engine_version);
  v.field("dataset_version", m.dataset_version);
  v.field("as_of", m.as_of);
  v.field("seed", m.seed);
  v.field("draws", m.draws);
  v.field("random_scheme", m.random_scheme);
  v.field("fx_year", m.fx_year);
  v.field("sources", m.sources);
}

inline SchemaInfo schema_info(Tag<InvestParams>) {
  return {"InvestParameters",
          "Named thresholds of the archetype rule (docs/methodology.md §13.4)."};
}
template <class V>
void describe(V& v, const InvestParams& p) {
  v.field("builder_min_element_share", p.builder_min_element_share);
  v.field("builder_min_elements", p.builder_min_elements);
  v.field("builder_min_total_share", p.builder_min_total_share);
}

inline SchemaInfo schema_info(Tag<InvestProgrammeRow>) { return {"InvestProgramme"}; }
template <class V>
void describe(V& v, const InvestProgrammeRow& p) {
  v.field("programme_id", p.programme_id);
  v.field("name", p.name);
  v.field("sponsor", p.sponsor);
  v.field("economy", p.economy);
  v.field("kind", p.kind);
  v.field("amount_low", p.amount_low);
  v.field("amount_high", p.amount_high);
  v.field("currency", p.currency);
  v.field("amount_usd_low", p.amount_usd_low);
  v.field("amount_usd_high", p.amount_usd_high);
  v.field("year_from", p.year_from, {.null_if_empty = true});
  v.field("year_to", p.year_to, {.null_if_empty = true});
  v.field("elements", p.elements);
  v.field("part_of", p.part_of, {.null_if_empty = true});
  v.field("notes", p.notes);
  v.field("source_id", p.source_id);
}

inline SchemaInfo schema_info(Tag<InvestElementEstimate>) {
  return {"InvestElement",
          "One value-chain element's estimate for an economy (USD, cumulative 2010–2024)."};
}
template <class V>
void describe(V& v, const InvestElementEstimate& e) {
  v.field("element", e.element);
  v.field("name", e.name);
  v.field("usd_low", e.usd_low);
  v.field("usd_high", e.usd_high);
  v.field("pct_gdp_low", e.pct_gdp_low);
  v.field("pct_gdp_high", e.pct_gdp_high);
  v.field("share_of_global_low", e.share_of_global_low);
  v.field("share_of_global_high", e.share_of_global_high);
  v.field("gap_usd", e.gap_usd);
  v.field("gap_pct_gdp", e.gap_pct_gdp);
  v.field("estimate_kind", e.estimate_kind);
  v.field("evidence_source", e.evidence_source);
  v.field("split", e.split);
  v.field("peer_median_pct_gdp", e.peer_median_pct_gdp);
  v.field("strength", e.strength);
}

inline SchemaInfo schema_info(Tag<InvestEconomyProfile>) { return {"InvestEconomyProfile"}; }
template <class V>
void describe(V& v, const InvestEconomyProfile& p) {
  v.field("code", p.code);
  v.field("name", p.name);
  v.field("estimate_kind", p.estimate_kind);
  v.field("basis", p.basis);
  v.field("source_id", p.source_id);
  v.field("gdp_usd", p.gdp_usd);
  v.field("gdp_year", p.gdp_year);
  v.field("pct_gdp_low", p.pct_gdp_low);
  v.field("pct_gdp_high", p.pct_gdp_high);
  v.field("total_usd_low", p.total_usd_low);
  v.field("total_usd_high", p.total_usd_high);
  v.field("share_of_global_low", p.share_of_global_low);
  v.field("share_of_global_high", p.share_of_global_high);
  v.field("breadth", p.breadth);
  v.field("strengths", p.strengths);
  v.field("lead_element", p.lead_element, {.null_if_empty = true});
  v.field("lead_ratio", p.lead_ratio);
  v.field("programme_elements", p.programme_elements);
  v.field("hosted_h100e", p.hosted_h100e);
  v.field("compute_class", p.compute_class);
  v.field("facility_investment_usd", p.facility_investment_usd);
  v.field("infra_usd_per_h100e_low", p.infra_usd_per_h100e_low);
  v.field("infra_usd_per_h100e_high", p.infra_usd_per_h100e_high);
  v.field("facility_usd_per_h100e", p.facility_usd_per_h100e);
  v.field("archetype", p.archetype, {.null_if_empty = true});
  v.field("next_archetype", p.next_archetype, {.null_if_empty = true});
  v.field("unmet", p.unmet);
  v.field("elements", p.elements);
  v.field("programmes", p.programmes);
}

inline SchemaInfo schema_info(Tag<InvestProfileResult>) { return {"InvestProfileResult"}; }
template <class V>
void describe(V& v, const InvestProfileResult& r) {
  v.field("meta", r.meta);
  v.field("params", r.params);
  v.field("world_usd_per_h100e", r.world_usd_per_h100e);
  v.field("profile", r.profile);
}

inline SchemaInfo schema_info(Tag<InvestCompareResult>) { return {"InvestCompareResult"}; }
template <class V>
void describe(V& v, const InvestCompareResult& r) {
  v.field("meta", r.meta);
  v.field("rows", r.rows);
}

inline SchemaInfo schema_info(Tag<InvestProjectElement>) {
  return {"InvestProjectElement",
          "The projection's inputs for one element and the published 2030 level it is checked "
          "against (docs/methodology.md §13.3)."};
}
template <class V>
void describe(V& v, const InvestProjectElement& e) {
  v.field("element", e.element);
  v.field("name", e.name);
  v.field("base_method", e.base_method);
  v.field("base_low", e.base_low);
  v.field("base_high", e.base_high);
  v.field("growth_low", e.growth_low);
  v.field("growth_high", e.growth_high);
  v.field("published_2030", e.published_2030);
  v.field("published_qualifier", e.published_qualifier);
  v.field("median_2030", e.median_2030);
  v.field("lands", e.lands);
}

inline SchemaInfo schema_info(Tag<InvestProjectRow>) {
  return {"InvestProjectRow", "Distribution of one projected value over the draws (USD per year)."};
}
template <class V>
void describe(V& v, const InvestProjectRow& x) {
  v.field("code", x.code);
  v.field("element", x.element);
  v.field("year", x.year);
  v.field("mean", x.mean);
  v.field("p5", x.p5);
  v.field("p50", x.p50);
  v.field("p95", x.p95);
}

inline SchemaInfo schema_info(Tag<InvestProjectResult>) { return {"InvestProjectResult"}; }
template <class V>
void describe(V& v, const InvestProjectResult& r) {
  v.field("meta", r.meta);
  v.field("base_year", r.base_year);
  v.field("to", r.to);
  v.field("elements", r.elements);
  v.field("rows", r.rows);
}

inline SchemaInfo schema_info(Tag<InvestArchetypeRow>) {
  return {"InvestArchetypeRow", "One classified economy."};
}
template <class V>
void describe(V& v, const InvestArchetypeRow& x) {
  v.field("iso3", x.iso3);
  v.field("name", x.name);
  v.field("archetype", x.archetype);
  v.field("next_archetype", x.next_archetype, {.null_if_empty = true});
  v.field("estimate_kind", x.estimate_kind);
  v.field("compute_class", x.compute_class);
  v.field("pct_gdp_mid", x.pct_gdp_mid);
  v.field("share_of_global_mid", x.share_of_global_mid);
  v.field("total_usd_mid", x.total_usd_mid);
  v.field("breadth", x.breadth);
  v.field("gap_usd", x.gap_usd);
  v.field("unmet", x.unmet);
  v.field("strengths", x.strengths);
  v.field("lead_element", x.lead_element, {.null_if_empty = true});
  v.field("lead_ratio", x.lead_ratio);
}

inline SchemaInfo schema_info(Tag<InvestArchetypesResult>) { return {"InvestArchetypesResult"}; }
template <class V>
void describe(V& v, const InvestArchetypesResult& r) {
  v.field("meta", r.meta);
  v.field("params", r.params);
  v.field("selective_threshold_pct", r.selective_threshold_pct);
  v.field("counts", pair_map(r.counts),
          {.keys = {"ecosystem_builder", "selective_player", "adoption_accelerator",
                    "emerging_collaborator"}});
  v.field("rows", r.rows);
  v.field("peers", r.peers);
  v.field("peer_median_pct_gdp", pair_map(r.peer_median_pct_gdp),
          {.keys = {"foundational_inputs", "hardware_inputs", "infrastructure", "data",
                    "foundation_models", "applications_services"}});
}

inline SchemaInfo schema_info(Tag<InvestProgrammesResult>) { return {"InvestProgrammesResult"}; }
template <class V>
void describe(V& v, const InvestProgrammesResult& r) {
  v.field("meta", r.meta);
  v.field("total_usd_low", r.total_usd_low);
  v.field("total_usd_high", r.total_usd_high);
  v.field("programmes", r.programmes);
}

}  // namespace aisov::api
