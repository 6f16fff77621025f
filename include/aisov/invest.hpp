#pragma once
/// Request and result types of the AI value-chain investment model (docs/methodology.md §13):
/// per-economy estimates by element, % of GDP benchmarks, seeded Monte Carlo projections to
/// 2030, archetypes and pathway gaps, announced programmes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aisov {

/// Named thresholds of the archetype rule (docs/methodology.md §13.4).
struct InvestParams {
  /// An element is a strength of an economy when it holds at least this share of the element's
  /// global cumulative investment (scale) …
  double builder_min_element_share = 0.10;
  /// Ecosystem builder: at least this many strengths (breadth) …
  int builder_min_elements = 4;
  /// … at least this share of the global cumulative total (all elements; scale) …
  double builder_min_total_share = 0.10;
  /// … and the economy hosts training-capable compute (census class "north").
  /// Selective player: cumulative investment as % of GDP (midpoint) strictly above the
  /// rest-of-world benchmark's midpoint, or at least one strength. Adoption accelerator: neither,
  /// but hosts AI compute (census class "north" or "south"). Emerging collaborator: the rest.
  /// (An element is also a strength when its % of GDP is at least the peer median, §13.4.)
};

/// Provenance echoed with every investment result.
struct InvestMeta {
  std::string engine_version, dataset_version, as_of;
  uint64_t seed = 0;                 ///< projections only (0 otherwise)
  int64_t draws = 0;                 ///< projections only
  int random_scheme = 0;             ///< core::kRandomSchemeVersion (projections only)
  int fx_year = 0;                   ///< year of the exchange rates used for conversions
  std::vector<std::string> sources;  ///< source ids of the figures used
};

/// One value-chain element's estimate for an economy (USD, cumulative 2010–2024).
struct InvestElementEstimate {
  std::string element, name;
  double usd_low = 0, usd_high = 0;
  double pct_gdp_low = 0, pct_gdp_high = 0;                  ///< % of GDP
  double share_of_global_low = 0, share_of_global_high = 0;  ///< of the element's global total
  double gap_usd = 0;      ///< additional investment to the next archetype's threshold (midpoint)
  double gap_pct_gdp = 0;  ///< the same as % of GDP
  /// How the element's split was set (§13.2): published or derived (own evidence for the
  /// element), modelled (global mix). Bloc aggregates: derived when any member has evidence.
  std::string estimate_kind;
  std::string evidence_source;     ///< source id(s) of the evidence; "census" for hosted compute
  double split = 0;                ///< share of the economy's own total (midpoint basis)
  double peer_median_pct_gdp = 0;  ///< median % of GDP in this element over the peers
  bool strength = false;  ///< share ≥ builder_min_element_share or % of GDP ≥ peer median
};

/// An announced programme (amounts converted to USD with the fx table).
struct InvestProgrammeRow {
  std::string programme_id, name, sponsor, economy, kind, currency, part_of, notes, source_id;
  std::optional<double> amount_low, amount_high;          ///< in `currency`
  std::optional<double> amount_usd_low, amount_usd_high;  ///< converted
  int year_from = 0, year_to = 0;                         ///< 0 = not stated
  std::vector<std::string> elements;
};

/// An economy's (or a bloc aggregate's) investment profile.
struct InvestEconomyProfile {
  std::string code, name;
  std::string estimate_kind;  ///< published, bloc (bloc figure applied), modelled, aggregate
  std::string basis;          ///< the code whose published % of GDP was used
  std::string source_id;
  double gdp_usd = 0;
  int gdp_year = 0;
  double pct_gdp_low = 0, pct_gdp_high = 0;  ///< cumulative 2010–2024 as % of GDP
  double total_usd_low = 0, total_usd_high = 0;
  double share_of_global_low = 0, share_of_global_high = 0;
  std::vector<InvestElementEstimate> elements;
  int breadth = 0;  ///< strengths: elements with scale or above-peer intensity (§13.4)
  std::vector<std::string> strengths;  ///< the elements counted in breadth
  /// Element with the largest split relative to the global mix (split_k / s_k), i.e. where
  /// the economy's investment is most concentrated compared with the world.
  std::string lead_element;
  double lead_ratio = 0;                        ///< split / s_k of the lead element
  std::vector<std::string> programme_elements;  ///< elements named by its announced programmes
  // Link to the census.
  double hosted_h100e = 0;             ///< operational facilities in the territory, H100e
  std::string compute_class;           ///< north, south, desert
  double facility_investment_usd = 0;  ///< declared investment of those facilities
  std::optional<double> infra_usd_per_h100e_low, infra_usd_per_h100e_high;
  std::optional<double> facility_usd_per_h100e;
  // Archetype.
  std::string archetype, next_archetype;
  std::vector<std::string> unmet;  ///< conditions of the next archetype not met
  std::vector<InvestProgrammeRow> programmes;
};

struct InvestProfileRequest {
  std::string iso3;
  InvestParams params;
};

struct InvestProfileResult {
  InvestMeta meta;
  InvestParams params;
  InvestEconomyProfile profile;
  double world_usd_per_h100e = 0;  ///< global infrastructure cumulative ÷ world hosted H100e
};

struct InvestCompareRequest {
  std::vector<std::string> codes;  ///< ISO3 codes or bloc ids
  InvestParams params;
};

struct InvestCompareResult {
  InvestMeta meta;
  std::vector<InvestEconomyProfile> rows;
};

struct InvestArchetypesRequest {
  InvestParams params;
};

/// One classified economy.
struct InvestArchetypeRow {
  std::string iso3, name, archetype, next_archetype, estimate_kind, compute_class;
  double pct_gdp_mid = 0, share_of_global_mid = 0, total_usd_mid = 0;
  int breadth = 0;
  std::vector<std::string> unmet;
  double gap_usd = 0;  ///< total gap over the six elements to the next archetype
  std::vector<std::string> strengths;
  std::string lead_element;
  double lead_ratio = 0;
};

struct InvestArchetypesResult {
  InvestMeta meta;
  InvestParams params;
  double selective_threshold_pct = 0;  ///< rest-of-world midpoint, % of GDP
  /// Peer median % of GDP per element (§13.4): element id → median.
  std::vector<std::pair<std::string, double>> peer_median_pct_gdp;
  std::vector<std::string> peers;                   ///< ISO3 codes of the peer set
  std::vector<std::pair<std::string, int>> counts;  ///< archetype → economies
  std::vector<InvestArchetypeRow> rows;
};

struct InvestProjectRequest {
  int to = 2030;
  int64_t draws = 10000;
  uint64_t seed = 1;
  int threads = 0;  ///< 0 = all hardware threads; the result does not depend on it
  std::vector<std::string> economies;  ///< ISO3 codes to project besides the world
  /// Growth overrides per element id (low, high), e.g. for sensitivity runs and tests.
  std::map<std::string, std::pair<double, double>> growth;
};

/// Distribution of one projected series value over the draws (USD per year).
struct InvestProjectRow {
  std::string code;     ///< "world" or ISO3
  std::string element;  ///< element id or "all"
  int year = 0;
  double mean = 0, p5 = 0, p50 = 0, p95 = 0;
};

/// The model's inputs for one element and the published 2030 level it is checked against.
struct InvestProjectElement {
  std::string element, name;
  std::string base_method;             ///< "back-cast from 2030 level" or "cumulative back-cast"
  double base_low = 0, base_high = 0;  ///< 2024 annual investment, USD
  double growth_low = 0, growth_high = 0;  ///< annual growth 2024 →
  double published_2030 = 0;
  std::string published_qualifier;
  double median_2030 = 0;  ///< projected median at 2030 (when the horizon reaches 2030)
  bool lands = false;      ///< median consistent with the published level (§13.3)
};

struct InvestProjectResult {
  InvestMeta meta;
  int base_year = 2024, to = 2030;
  std::vector<InvestProjectElement> elements;
  std::vector<InvestProjectRow> rows;  ///< by code, element, year
};

struct InvestProgrammesRequest {
  std::string economy;  ///< ISO3 or bloc id; empty = all
};

struct InvestProgrammesResult {
  InvestMeta meta;
  std::vector<InvestProgrammeRow> programmes;
  double total_usd_low = 0, total_usd_high = 0;  ///< disclosed, not part of another row
};

}  // namespace aisov
