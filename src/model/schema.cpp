#include "model/schema.hpp"

#include <map>

namespace aisov::model {

namespace {
const std::map<std::string, std::vector<std::string>>& schema() {
  static const std::map<std::string, std::vector<std::string>> kSchema = {
      {"sources",
       {"source_id", "producer", "title", "url", "published", "accessed", "licence", "notes"}},
      {"economies",
       {"iso3", "iso2", "m49", "name", "aliases", "un_region", "un_subregion", "source_id"}},
      {"blocs", {"bloc_id", "name", "kind", "source_id"}},
      {"bloc_members", {"bloc_id", "iso3", "joined", "left", "source_id"}},
      {"indicators", {"iso3", "indicator", "year", "value", "source_id"}},
      {"organisations",
       {"org_id", "name", "roles", "hq_iso3", "parent_id", "aliases", "source_id"}},
      {"sites",
       {"site_id", "provider_id", "operator_id", "region_code", "name", "kind", "city", "iso3",
        "lat", "lon", "launched", "retired", "notes", "source_id"}},
      {"accelerators",
       {"accel_id", "name", "designer_id", "foundry_id", "fab_iso3", "process_nm", "released",
        "fp16_tflops", "fp8_tflops", "memory_gb", "memory_type", "memory_bw_gbs",
        "interconnect_gbs", "tdp_w", "source_id"}},
      {"offerings",
       {"site_id", "accel_id", "instance_type", "accels_per_instance", "first_seen",
        "first_seen_basis", "last_seen", "price_usd_per_accel_hour", "price_date", "source_id"}},
      {"facilities",
       {"facility_id",
        "name",
        "operator_id",
        "iso3",
        "city",
        "lat",
        "lon",
        "status",
        "announced",
        "first_operational",
        "decommissioned",
        "accel_id",
        "accel_count",
        "h100e",
        "h100e_low",
        "h100e_high",
        "power_mw",
        "investment_usd",
        "estimate",
        "source_ref",
        "source_id"}},
      {"import_corrections",
       {"importer", "upstream_key", "field", "upstream_value", "corrected_value", "reason",
        "source_id"}},
      // --- Investment model (docs/data-format.md §Investment tables) ---
      {"value_chain_elements",
       {"element_id", "position", "name", "kind", "description", "source_id"}},
      {"fx_rates", {"currency", "year", "rate", "quote", "source_id"}},
      {"investment_global",
       {"element_id", "metric", "year_from", "year_to", "low", "high", "qualifier", "notes",
        "source_id"}},
      {"investment_economy",
       {"code", "element_id", "metric", "year_from", "year_to", "low", "high", "estimate_kind",
        "notes", "source_id"}},
      {"programmes",
       {"programme_id", "name", "sponsor", "economy", "kind", "amount_low", "amount_high",
        "currency", "year_from", "year_to", "elements", "part_of", "notes", "source_id"}},
      // --- Optimiser (docs/data-format.md §Optimiser parameters) ---
      {"optimise_parameters",
       {"parameter", "value", "low", "high", "unit", "estimate", "source_id", "notes"}},
      // --- Energy layer (docs/methodology.md §15): same columns.
      {"energy_parameters",
       {"parameter", "value", "low", "high", "unit", "estimate", "source_id", "notes"}},
  };
  return kSchema;
}
}  // namespace

const std::vector<std::string>& table_names() {
  static const std::vector<std::string> kNames = {
      "sources", "economies", "blocs", "bloc_members", "indicators", "organisations", "sites",
      "accelerators", "offerings", "facilities", "import_corrections",
      // Investment model tables.
      "value_chain_elements", "fx_rates", "investment_global", "investment_economy", "programmes",
      // Optimiser tables.
      "optimise_parameters",
      // Energy layer (optional).
      "energy_parameters"};
  return kNames;
}

const std::vector<std::string>& table_columns(const std::string& table) {
  return schema().at(table);
}

const std::vector<std::string>& optional_columns(const std::string& table) {
  // Columns added after schema version 1 was published: a file may omit them (every cell is then
  // empty), so datasets written before they existed still load.
  static const std::map<std::string, std::vector<std::string>> kOptional = {
      {"sources", {"kind"}},
      {"sites", {"launched_basis"}},
      {"offerings", {"evidence_date"}},
      {"facilities",
       {"multi_country", "us_involvement", "china_involvement", "government_involvement"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kOptional.find(table);
  return it == kOptional.end() ? kNone : it->second;
}

const std::vector<std::string>& optional_tables() {
  static const std::vector<std::string> kTables = {"import_corrections", "energy_parameters"};
  return kTables;
}

// --- Energy layer
const std::vector<std::string>& energy_parameter_names() {
  static const std::vector<std::string> kNames = {"it_kw_per_h100e",
                                                  "facility_power_pue",
                                                  "region_chips_training",
                                                  "region_chips_inference",
                                                  "pue",
                                                  "utilisation"};
  return kNames;
}

// --- Optimiser
const std::vector<std::string>& optimise_parameter_names() {
  static const std::vector<std::string> kNames = {"project_mw",
                                                  "facility_capex_usd_per_mw",
                                                  "build_years",
                                                  "load_factor",
                                                  "chip_usd_per_h100e_other",
                                                  "region_mw",
                                                  "host_incentive_share",
                                                  "host_discount",
                                                  "host_years",
                                                  "contract_share",
                                                  "water_m3_per_mwh",
                                                  "land_ha_per_mw",
                                                  "fte_per_mw",
                                                  "grid_share",
                                                  "power_price_usd_per_mwh",
                                                  "water_ml_per_year",
                                                  "land_ha",
                                                  "workforce_per_million",
                                                  "permitting_years",
                                                  "useful_life_years",
                                                  "discount_rate",
                                                  "usd_per_h100e_year",
                                                  "competitiveness_usd_per_usd",
                                                  "talent_current_share_gdp",
                                                  "talent_benchmark_share_gdp"};
  return kNames;
}

}  // namespace aisov::model
