#pragma once
// Field descriptions of the census, profile, sites and sources results (src/api/describe.hpp).
// Output order is the order of the calls; the JSON of `aisov census|profile|sites|data sources
// --format json` and the OpenAPI components of the same names come from here.
#include <string>
#include <vector>

#include "aisov/census.hpp"
#include "aisov/engine.hpp"
#include "api/describe.hpp"

namespace aisov::api {

inline constexpr const char* kStrictCount =
    "Strict-dating count (docs/methodology.md §2.1): only what a source shows at or before the "
    "date; the unsuffixed count is the lenient bound.";
inline const Doc kStrict{.text = kStrictCount, .minimum = 0};

// ---- provenance and parameters ----

inline SchemaInfo schema_info(Tag<ResultMeta>) {
  return {"Meta",
          "Provenance echoed with every result; dataset_version equals the X-Aisov-Data-Version "
          "header."};
}
template <class V>
void describe(V& v, const ResultMeta& m) {
  v.field("engine_version", m.engine_version);
  v.field("dataset_version", m.dataset_version);
  v.field("as_of", m.as_of);
  v.optional("by", m.by, !m.by.empty(),
             {.enums = {"economy", "bloc", "provider", "provider-jurisdiction"}});
  v.optional("weight", m.weight, !m.weight.empty(),
             {.enums = {"regions", "h100e", "mw", "investment", "energy"}});
  v.field("providers", m.providers);
  v.field("site_kinds", m.site_kinds);
}

inline SchemaInfo schema_info(Tag<CensusParams>) {
  return {"CensusParameters", "Named thresholds of the census (docs/methodology.md)."};
}
template <class V>
void describe(V& v, const CensusParams& p) {
  v.field("north_min_training_regions", p.north_min_training_regions);
  v.field("south_min_ai_regions", p.south_min_ai_regions);
  v.field("domestic_min_share", p.domestic_min_share);
  v.field("aligning_min_bloc_share", p.aligning_min_bloc_share);
}

inline SchemaInfo schema_info(Tag<EnergyParams>) {
  return {"EnergyParameters",
          "The energy layer's assumptions (docs/methodology.md §15.2), from the dataset's "
          "energy_parameters table or the compiled defaults."};
}
template <class V>
void describe(V& v, const EnergyParams& p) {
  v.field("it_kw_per_h100e", p.it_kw_per_h100e);
  v.field("facility_power_pue", p.facility_power_pue);
  v.field("region_chips_training", p.region_chips_training);
  v.field("region_chips_inference", p.region_chips_inference);
  v.field("pue", p.pue);
  v.field("pue_low", p.pue_low);
  v.field("pue_high", p.pue_high);
  v.field("utilisation", p.utilisation);
  v.field("utilisation_low", p.utilisation_low);
  v.field("utilisation_high", p.utilisation_high);
  v.field("hours_per_year", 8760);
  v.field("origins", pair_map(p.origins), {.enums = {"dataset", "default"}});
  v.field("source_ids", p.sources);
}

// ---- energy layer (docs/methodology.md §15) ----

/// The world's energy: an EnergyEstimate plus how much load lacked each indicator.
struct WorldEnergy {
  const CensusTotals& t;
};

template <class V>
void describe_energy(V& v, const EnergyEstimate& e, const CensusTotals* world) {
  v.field("it_mw", e.it_mw, {.text = "IT load of hosted AI compute, MW (mid).", .minimum = 0});
  v.field("it_mw_low", e.it_mw_low, {.minimum = 0});
  v.field("it_mw_high", e.it_mw_high, {.minimum = 0});
  v.field("it_mw_regions", e.it_mw_regions,
          {.text = "Part of it_mw from cloud regions (chip-count convention).", .minimum = 0});
  v.field("it_mw_facilities", e.it_mw_facilities,
          {.text = "Part of it_mw from operational facilities.", .minimum = 0});
  v.field(
      "twh", e.twh,
      {.text = "Electricity per year, TWh: it_mw × 8760 × utilisation × PUE / 10⁶.", .minimum = 0});
  v.field("twh_low", e.twh_low, {.minimum = 0});
  v.field("twh_high", e.twh_high, {.minimum = 0});
  v.field("generation_twh", e.generation_twh);
  v.field("generation_year", e.generation_year, {.null_if_empty = true});
  v.field("share_of_generation", e.share_of_generation,
          {.text = "twh ÷ national electricity generation.", .minimum = 0});
  v.field("share_of_generation_low", e.share_of_generation_low);
  v.field("share_of_generation_high", e.share_of_generation_high);
  v.field("carbon_gco2_per_kwh", e.carbon_gco2_per_kwh);
  v.field("carbon_year", e.carbon_year, {.null_if_empty = true});
  v.field("co2_t", e.co2_t,
          {.text = "Emissions per year, tonnes CO2e, at the grid's average carbon intensity.",
           .minimum = 0});
  v.field("co2_t_low", e.co2_t_low);
  v.field("co2_t_high", e.co2_t_high);
  v.field("domestic_mw", e.domestic_mw);
  v.field("foreign_mw", e.foreign_mw);
  v.field("unknown_mw", e.unknown_mw);
  v.field(
      "foreign_share", e.foreign_share,
      {.text = "foreign_mw ÷ it_mw; null when there is no AI load.", .minimum = 0, .maximum = 1});
  v.field("facilities_without_power", e.facilities_without_power, {.minimum = 0});
  v.optional("members_without_generation", e.members_without_generation,
             !e.members_without_generation.empty(),
             {.text = "Blocs: members without a generation figure and without AI load, left out "
                      "of the denominator."});
  v.optional("members_without_carbon", e.members_without_carbon, !e.members_without_carbon.empty());
  v.optional("twh_without_generation", world ? world->twh_without_generation : 0.0, world,
             {.text = "World totals only: TWh of economies without a generation figure."});
  v.optional("twh_without_carbon", world ? world->twh_without_carbon : 0.0, world,
             {.text = "World totals only: TWh of economies without a carbon-intensity figure."});
}

inline SchemaInfo schema_info(Tag<EnergyEstimate>) {
  return {"EnergyEstimate",
          "The electricity of the AI compute hosted in an economy, a bloc or the world "
          "(docs/methodology.md §15). null = no data (a missing generation or carbon-intensity "
          "figure), never 0."};
}
template <class V>
void describe(V& v, const EnergyEstimate& e) {
  describe_energy(v, e, nullptr);
}
inline SchemaInfo schema_info(Tag<WorldEnergy>) { return schema_info(Tag<EnergyEstimate>{}); }
template <class V>
void describe(V& v, const WorldEnergy& w) {
  describe_energy(v, w.t.energy, &w.t);
}

// ---- census ----

inline SchemaInfo schema_info(Tag<Share>) { return {"Share"}; }
template <class V>
void describe(V& v, const Share& s) {
  v.field("key", s.key);
  v.field("weight", s.weight);
  v.field("share", s.share, {.minimum = 0, .maximum = 1});
}

inline SchemaInfo schema_info(Tag<LayerShares>) {
  return {"LayerShares",
          "A layer's distribution, shares sorted by weight (descending, then key), and its "
          "Herfindahl-Hirschman index."};
}
template <class V>
void describe(V& v, const LayerShares& l) {
  v.field("total", l.total);
  v.field("hhi", l.hhi, {.minimum = 0, .maximum = 1});
  v.field("shares", l.shares);
}

/// A census row of an economy or a bloc (`bloc` adds members).
struct TerritorialRow {
  const CensusRow& r;
  bool bloc = false;
};
inline SchemaInfo schema_info(Tag<TerritorialRow>) {
  return {"TerritorialRow",
          "A census row of an economy (by=economy) or a bloc (by=bloc; adds members)."};
}
template <class V>
void describe(V& v, const TerritorialRow& t) {
  const CensusRow& r = t.r;
  v.field("code", r.code);
  v.field("name", r.name);
  v.optional("members", r.countries, t.bloc);
  v.field("regions", r.regions);
  v.field("ai_regions", r.ai_regions);
  v.field("training_regions", r.training_regions);
  v.field("regions_strict", r.regions_strict, kStrict);
  v.field("ai_regions_strict", r.ai_regions_strict, kStrict);
  v.field("training_regions_strict", r.training_regions_strict, kStrict);
  v.field("facilities", r.facilities);
  v.field("h100e", r.h100e);
  v.field("h100e_low", r.h100e_low);
  v.field("h100e_high", r.h100e_high);
  v.field("power_mw", r.power_mw);
  v.field("investment_usd", r.investment_usd);
  v.field("compute_class", r.compute_class, {.enums = {"north", "south", "desert"}});
  v.field("strategy", r.strategy,
          {.enums = {"domestic", "aligning", "hedging", "none", "unknown"}});
  v.field("aligned_to", r.aligned_to, {.null_if_empty = true});
  v.field("domestic_share", r.domestic_share, {.minimum = 0, .maximum = 1});
  v.field("operator_jurisdiction", r.operator_jurisdiction);
  v.field("operator_bloc", r.operator_bloc);
  v.field("designer_jurisdiction", r.designer_jurisdiction);
  v.field("fab_location", r.fab_location);
  v.field("energy", r.energy);
}

/// A census row of a provider or a provider jurisdiction.
struct ProviderRow {
  const CensusRow& r;
};
inline SchemaInfo schema_info(Tag<ProviderRow>) {
  return {"ProviderRow",
          "A census row of a provider (by=provider) or a provider jurisdiction "
          "(by=provider-jurisdiction)."};
}
template <class V>
void describe(V& v, const ProviderRow& p) {
  const CensusRow& r = p.r;
  v.field("code", r.code);
  v.field("name", r.name);
  v.field("home", r.home);
  v.field("regions", r.regions);
  v.field("ai_regions", r.ai_regions);
  v.field("training_regions", r.training_regions);
  v.field("countries", r.countries);
  v.field("countries_with_ai", r.countries_with_ai);
  v.field("ai_regions_abroad", r.ai_regions_abroad);
  v.field("regions_strict", r.regions_strict, kStrict);
  v.field("ai_regions_strict", r.ai_regions_strict, kStrict);
  v.field("training_regions_strict", r.training_regions_strict, kStrict);
  v.field("countries_with_ai_strict", r.countries_with_ai_strict, kStrict);
  v.field("ai_regions_abroad_strict", r.ai_regions_abroad_strict, kStrict);
  v.field("designer_jurisdiction", r.designer_jurisdiction);
  v.field("fab_location", r.fab_location);
}

inline bool provider_kind(const std::string& by) {
  return by == "provider" || by == "provider-jurisdiction";
}

/// The census rows: territorial or provider rows, as `by` says.
struct CensusRows {
  const std::vector<CensusRow>& rows;
  const std::string& by;
};
inline ojson custom_json(const CensusRows& c) {
  ojson a = ojson::array();
  for (const auto& r : c.rows) {
    a.push_back(provider_kind(c.by) ? to_json(ProviderRow{r})
                                    : to_json(TerritorialRow{r, c.by == "bloc"}));
  }
  return a;
}
inline ojson custom_schema(Tag<CensusRows>) {
  return {
      {"type", "array"},
      {"items", {{"anyOf", {schema_of<TerritorialRow>(Doc{}), schema_of<ProviderRow>(Doc{})}}}}};
}

inline SchemaInfo schema_info(Tag<CensusTotals>) { return {"CensusTotals"}; }
template <class V>
void describe(V& v, const CensusTotals& t) {
  v.field("regions", t.regions);
  v.field("ai_regions", t.ai_regions);
  v.field("training_regions", t.training_regions);
  v.field("countries_with_regions", t.countries_with_regions);
  v.field("countries_with_ai", t.countries_with_ai);
  v.field("countries_training", t.countries_training);
  v.field("facilities", t.facilities);
  v.field("h100e", t.h100e);
  v.field("power_mw", t.power_mw);
  v.field("by_provider_jurisdiction", CountMap{t.by_provider_jurisdiction});
  v.field("by_provider_power_bloc", CountMap{t.by_provider_power_bloc});
  v.field("abroad_by_provider_jurisdiction", CountMap{t.abroad_by_provider_jurisdiction});
  v.field("regions_strict", t.regions_strict, kStrict);
  v.field("ai_regions_strict", t.ai_regions_strict, kStrict);
  v.field("training_regions_strict", t.training_regions_strict, kStrict);
  v.field("countries_with_regions_strict", t.countries_with_regions_strict, kStrict);
  v.field("countries_with_ai_strict", t.countries_with_ai_strict, kStrict);
  v.field("countries_training_strict", t.countries_training_strict, kStrict);
  v.field("by_provider_jurisdiction_strict", CountMap{t.by_provider_jurisdiction_strict});
  v.field("abroad_by_provider_jurisdiction_strict",
          CountMap{t.abroad_by_provider_jurisdiction_strict});
  v.field("energy", WorldEnergy{t});
}

inline SchemaInfo schema_info(Tag<CensusResult>) { return {"CensusResult"}; }
template <class V>
void describe(V& v, const CensusResult& r) {
  v.field("meta", r.meta);
  v.field("parameters", r.params);
  v.field("totals", r.totals);
  v.field("energy_parameters", r.energy_params);
  v.field("rows", CensusRows{r.rows, r.meta.by});
}

// ---- profile ----

/// The economy block of a profile.
struct Economy {
  const ProfileResult& p;
};
inline SchemaInfo schema_info(Tag<Economy>) { return {"Economy"}; }
template <class V>
void describe(V& v, const Economy& e) {
  v.field("iso3", e.p.iso3);
  v.field("iso2", e.p.iso2);
  v.field("name", e.p.name);
  v.field("un_region", e.p.un_region);
  v.field("un_subregion", e.p.un_subregion);
  v.field("blocs", e.p.blocs);
}

inline SchemaInfo schema_info(Tag<ProfileIndicator>) { return {"Indicator"}; }
template <class V>
void describe(V& v, const ProfileIndicator& i) {
  v.field("indicator", i.indicator);
  v.field("year", i.year);
  v.field("value", i.value);
  v.field("unit", i.unit);
  v.field("source_id", i.source_id);
}

inline SchemaInfo schema_info(Tag<ProfileAccelerator>) { return {"ProfileAccelerator"}; }
template <class V>
void describe(V& v, const ProfileAccelerator& a) {
  v.field("accel_id", a.accel_id);
  v.field("name", a.name);
  v.field("tier", a.tier);
  v.field("designer", a.designer);
  v.field("designer_jurisdiction", a.designer_jurisdiction);
  v.field("fab_location", a.fab_location);
  v.field("min_price_usd_per_hour", a.min_price_usd_per_hour);
  v.field("source_id", a.source_id);
}

inline const Doc kLaunchedBasis{
    .text = "What the launch date rests on (sites.launched_basis); unknown = no launch date.",
    .enums = {"announced", "first_listed", "estimate", "unknown"}};

inline SchemaInfo schema_info(Tag<ProfileRegion>) { return {"ProfileRegion"}; }
template <class V>
void describe(V& v, const ProfileRegion& r) {
  v.field("site_id", r.site_id);
  v.field("provider", r.provider);
  v.field("operator", r.operator_id);
  v.field("operator_jurisdiction", r.operator_jurisdiction);
  v.field("name", r.name);
  v.field("city", r.city);
  v.field("kind", r.kind);
  v.field("launched", r.launched, {.null_if_empty = true});
  v.field("launched_basis", r.launched_basis, kLaunchedBasis);
  v.field("dated_strict", r.dated_strict, {.text = "Open on the date under strict dating."});
  v.field("ai", r.ai);
  v.field("training", r.training);
  v.field("accelerators", r.accelerators);
  v.field("source_id", r.source_id);
}

inline SchemaInfo schema_info(Tag<ProfileFacility>) { return {"ProfileFacility"}; }
template <class V>
void describe(V& v, const ProfileFacility& f) {
  v.field("facility_id", f.facility_id);
  v.field("name", f.name);
  v.field("operator", f.operator_id);
  v.field("operator_jurisdiction", f.operator_jurisdiction);
  v.field("status", f.status);
  v.field("first_operational", f.first_operational);
  v.field("accel_id", f.accel_id);
  v.field("h100e", f.h100e);
  v.field("h100e_low", f.h100e_low);
  v.field("h100e_high", f.h100e_high);
  v.field("power_mw", f.power_mw);
  v.field("investment_usd", f.investment_usd);
  v.field("estimate", f.estimate);
  v.field("it_mw", f.it_mw,
          {.text = "IT load counted in the energy layer (operational facilities), MW."});
  v.field("it_mw_basis", f.it_mw_basis,
          {.enums = {"power_mw", "h100e", "accel_count"}, .null_if_empty = true});
  v.field("source_id", f.source_id);
  v.field("source_ref", f.source_ref);
}

inline SchemaInfo schema_info(Tag<ProfileResult>) { return {"ProfileResult"}; }
template <class V>
void describe(V& v, const ProfileResult& p) {
  v.field("meta", p.meta);
  v.field("parameters", p.params);
  v.field("economy", Economy{p});
  v.field("indicators", p.indicators);
  v.field("census", TerritorialRow{p.census, false});
  v.field("energy_parameters", p.energy_params);
  v.field("rank_ai_regions", p.rank_ai_regions);
  v.field("regions", p.regions);
  v.field("facilities", p.facilities);
}

// ---- sites and sources ----

inline SchemaInfo schema_info(Tag<SiteRow>) { return {"Site"}; }
template <class V>
void describe(V& v, const SiteRow& x) {
  v.field("site_id", x.site_id);
  v.field("provider", x.provider);
  v.field("operator", x.operator_id);
  v.field("operator_jurisdiction", x.operator_jurisdiction);
  v.field("name", x.name);
  v.field("city", x.city);
  v.field("iso3", x.iso3, {.pattern = "^[A-Z]{3}$"});
  v.field("kind", x.kind);
  v.field("lat", x.lat, {.minimum = -90, .maximum = 90});
  v.field("lon", x.lon, {.minimum = -180, .maximum = 180});
  v.field("ai", x.ai);
  v.field("training", x.training);
  v.field("launched", x.launched, {.null_if_empty = true});
  v.field("launched_basis", x.launched_basis, kLaunchedBasis);
  v.field("dated_strict", x.dated_strict,
          {.text = "Open on the date under strict dating (a source shows it)."});
  v.field("ai_strict", x.ai_strict, {.text = "An AI region under strict dating."});
  v.field("source_id", x.source_id);
}

inline SchemaInfo schema_info(Tag<SitesResult>) { return {"SitesResult"}; }
template <class V>
void describe(V& v, const SitesResult& s) {
  v.field("meta", s.meta);
  v.field("sites", s.sites);
}

inline SchemaInfo schema_info(Tag<SourceInfo>) { return {"Source"}; }
template <class V>
void describe(V& v, const SourceInfo& x) {
  v.field("source_id", x.source_id);
  v.field("producer", x.producer);
  v.field("title", x.title);
  v.field("url", x.url);
  v.field("published", x.published);
  v.field("accessed", x.accessed);
  v.field("licence", x.licence);
  v.field("notes", x.notes);
  v.field("cited_by_rows", x.cited_by_rows);
}

inline SchemaInfo schema_info(Tag<SourcesResult>) { return {"SourcesResult"}; }
template <class V>
void describe(V& v, const SourcesResult& s) {
  v.field("meta", s.meta);
  v.field("sources", s.sources);
}

}  // namespace aisov::api
