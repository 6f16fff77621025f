#pragma once
/// Request and result types of the three-layer compute-sovereignty census.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aisov {

/// Output format shared by every command.
enum class Format : int { kTable = 0, kCsv = 1, kJson = 2 };

/// What a census row aggregates.
enum class CensusBy : int { kEconomy = 0, kBloc = 1, kProvider = 2, kProviderJurisdiction = 3 };

/// What the shares of the operator, designer and fab layers are weighted by.
/// `kEnergy`: the IT load (MW) of hosted AI compute, regions and facilities together
/// (docs/methodology.md §15); shares by it equal shares by electricity (TWh).
enum class CensusWeight : int { kRegions = 0, kH100e = 1, kMw = 2, kInvestment = 3, kEnergy = 4 };

/// Named thresholds of the census (docs/methodology.md §Classifications).
struct CensusParams {
  /// An economy is in the Compute North when it hosts at least this many training-capable regions.
  int north_min_training_regions = 1;
  /// It is in the Compute South when it hosts at least this many AI regions (and is not North).
  int south_min_ai_regions = 1;
  /// Domestic operators' share of AI compute at or above which the strategy is "domestic".
  double domestic_min_share = 0.5;
  /// Share of foreign AI compute from one power bloc at or above which the strategy is "aligning".
  double aligning_min_bloc_share = 1.0;
};

/// A census request. Dates are ISO `YYYY-MM-DD` (partial `YYYY-MM`, `YYYY` read as the period's
/// last day).
struct CensusRequest {
  std::string as_of;                   ///< empty = the dataset's as-of date
  std::vector<std::string> providers;  ///< provider slugs or "reference-nine"; empty = all
  /// Site kinds counted: "public", "government", "sovereign"; empty = all kinds.
  std::vector<std::string> site_kinds;
  CensusBy by = CensusBy::kEconomy;
  CensusWeight weight = CensusWeight::kRegions;
  CensusParams params;
};

/// The energy assumptions (docs/methodology.md §15), from the dataset's `energy_parameters`
/// table where it has a row, else these compiled defaults. Echoed in every JSON result.
struct EnergyParams {
  /// IT (server) power per H100e, kW: NVIDIA DGX H100, 10.2 kW for 8 GPUs.
  double it_kw_per_h100e = 1.275;
  /// PUE already inside facilities' `power_mw` (Epoch's figures are facility power).
  double facility_power_pue = 1.12;
  /// Accelerators per region and model: the scenario engine's convention (§12.1).
  double region_chips_training = 1024, region_chips_inference = 256;
  /// Power usage effectiveness: facility power ÷ IT power.
  double pue = 1.2, pue_low = 1.1, pue_high = 1.56;
  /// Average IT draw ÷ peak IT power over a year.
  double utilisation = 0.7, utilisation_low = 0.5, utilisation_high = 0.8;
  /// Where each value came from: parameter name → "dataset" or "default", and its source ids.
  std::vector<std::pair<std::string, std::string>> origins;
  std::vector<std::string> sources;
};

/// The electricity of the AI compute hosted in an economy or bloc (docs/methodology.md §15).
/// Optional fields are empty where the dataset lacks the indicator: "no data", never 0.
struct EnergyEstimate {
  double it_mw = 0, it_mw_low = 0, it_mw_high = 0;  ///< IT load, MW
  double it_mw_regions = 0;     ///< part of it_mw from cloud regions (chip-count convention)
  double it_mw_facilities = 0;  ///< part of it_mw from operational facilities
  double twh = 0, twh_low = 0, twh_high = 0;  ///< electricity per year, TWh
  std::optional<double> generation_twh;       ///< national generation (latest year)
  int generation_year = 0;
  std::optional<double> share_of_generation, share_of_generation_low, share_of_generation_high;
  std::optional<double> carbon_gco2_per_kwh;  ///< grid carbon intensity (latest year)
  int carbon_year = 0;
  std::optional<double> co2_t, co2_t_low, co2_t_high;      ///< emissions, tonnes CO2e per year
  double domestic_mw = 0, foreign_mw = 0, unknown_mw = 0;  ///< it_mw by operator
  std::optional<double> foreign_share;  ///< foreign_mw ÷ it_mw; empty when it_mw = 0
  int facilities_without_power = 0;     ///< operational, but no power, H100e or chip count
  /// Blocs: members without a generation (carbon) figure that host no AI load, left out of the
  /// denominator (the share is then an upper bound).
  std::vector<std::string> members_without_generation, members_without_carbon;
};

/// A new IT load placed in one economy (siting §14.6 and the optimiser §14.5): its electricity,
/// the grid headroom it leaves and its emissions, with the energy layer's arithmetic and
/// parameters (§15). Optional fields are empty where the economy lacks the indicator.
struct NewLoadEnergy {
  double it_mw = 0;                           ///< the new IT load, MW
  double twh = 0, twh_low = 0, twh_high = 0;  ///< its electricity per year, TWh
  /// AI load the economy already hosts (the census energy layer on the same day), TWh per year.
  double hosted_twh = 0, hosted_twh_low = 0, hosted_twh_high = 0;
  std::optional<double> generation_twh;  ///< national generation (latest year)
  int generation_year = 0;
  /// The new load ÷ generation.
  std::optional<double> share_of_generation, share_of_generation_low, share_of_generation_high;
  /// Grid headroom: (hosted + new load) ÷ generation; lower leaves more of the grid.
  std::optional<double> headroom_share, headroom_share_low, headroom_share_high;
  std::optional<double> carbon_gco2_per_kwh;  ///< grid carbon intensity (latest year)
  int carbon_year = 0;
  std::optional<double> co2_t, co2_t_low, co2_t_high;  ///< the new load's tonnes CO2e per year
};

/// One key's weight and share in a layer.
struct Share {
  std::string key;    ///< ISO3 jurisdiction, power-bloc id, or "unknown"
  double weight = 0;  ///< in the request's weight unit
  double share = 0;   ///< 0–1
};

/// A layer's distribution: shares sorted by weight (descending, then key) and its HHI.
struct LayerShares {
  double total = 0;
  double hhi = 0;  ///< Σ share²; 0 when the layer is empty
  std::vector<Share> shares;
};

/// One census row: an economy, a bloc, a provider or a provider jurisdiction.
struct CensusRow {
  std::string code;  ///< ISO3, bloc id, provider slug or jurisdiction ISO3
  std::string name;
  int regions = 0;           ///< active regions
  int ai_regions = 0;        ///< regions offering ≥1 AI accelerator
  int training_regions = 0;  ///< regions offering ≥1 training-tier accelerator
  int facilities = 0;        ///< operational facilities
  double h100e = 0, h100e_low = 0, h100e_high = 0, power_mw = 0, investment_usd = 0;
  // Territorial rows (economy, bloc):
  LayerShares operator_jurisdiction;  ///< by operator headquarters
  LayerShares operator_bloc;          ///< foreign operators grouped by power bloc, plus "domestic"
  LayerShares designer_jurisdiction;  ///< by accelerator designer headquarters
  LayerShares fab_location;           ///< by fab location of the accelerators
  double domestic_share = 0;
  std::string compute_class;  ///< "north", "south", "desert"
  std::string strategy;       ///< "domestic", "aligning", "hedging", "none"
  std::string aligned_to;     ///< power bloc when aligning
  // Provider rows (provider, provider jurisdiction):
  std::string home;   ///< provider headquarters jurisdiction
  int countries = 0;  ///< economies with ≥1 active region
  int countries_with_ai = 0;
  int ai_regions_abroad = 0;  ///< AI regions outside the home jurisdiction
  /// The same counts under strict dating (docs/methodology.md §2.1): only what a source shows at
  /// or before the date. The fields above use the lenient rule; together they are a range.
  int regions_strict = 0, ai_regions_strict = 0, training_regions_strict = 0;
  int countries_with_ai_strict = 0, ai_regions_abroad_strict = 0;
  EnergyEstimate energy;  ///< territorial rows (economy, bloc) only
};

/// World totals over the economies (independent of `by`).
struct CensusTotals {
  int regions = 0, ai_regions = 0, training_regions = 0;
  int countries_with_regions = 0, countries_with_ai = 0, countries_training = 0;
  int facilities = 0;
  double h100e = 0, power_mw = 0;
  std::vector<Share> by_provider_jurisdiction;         ///< ISO3 → AI regions (weight = count)
  std::vector<Share> by_provider_power_bloc;           ///< power bloc → AI regions
  std::vector<Share> abroad_by_provider_jurisdiction;  ///< AI regions outside the home jurisdiction
  /// Strict-dating counterparts (docs/methodology.md §2.1); the fields above are lenient.
  int regions_strict = 0, ai_regions_strict = 0, training_regions_strict = 0;
  int countries_with_regions_strict = 0, countries_with_ai_strict = 0,
      countries_training_strict = 0;
  std::vector<Share> by_provider_jurisdiction_strict;
  std::vector<Share> abroad_by_provider_jurisdiction_strict;
  /// World energy: sums over economies. Generation and emissions sum over the economies with
  /// the indicator; twh_without_* says how much load had none.
  EnergyEstimate energy;
  double twh_without_generation = 0, twh_without_carbon = 0;
};

/// Provenance echoed with every result.
struct ResultMeta {
  std::string engine_version;
  std::string dataset_version;
  std::string as_of;
  std::vector<std::string> providers;   ///< resolved slugs
  std::vector<std::string> site_kinds;  ///< resolved kinds
  std::string by, weight;
};

struct CensusResult {
  ResultMeta meta;
  CensusParams params;
  EnergyParams energy_params;
  CensusTotals totals;
  std::vector<CensusRow> rows;
};

/// Request for one economy's profile.
struct ProfileRequest {
  std::string iso3;
  std::string as_of;
  std::vector<std::string> providers;
  std::vector<std::string> site_kinds;
  CensusWeight weight = CensusWeight::kRegions;
  CensusParams params;
};

/// An accelerator active at a region.
struct ProfileAccelerator {
  std::string accel_id, name, tier, designer, designer_jurisdiction, fab_location;
  std::optional<double> min_price_usd_per_hour;
  std::string source_id;
};

/// A region in a profile.
struct ProfileRegion {
  std::string site_id, provider, operator_id, operator_jurisdiction, name, city, kind;
  std::string launched, source_id;
  std::string launched_basis;  ///< announced, first_listed, estimate or unknown
  bool dated_strict = false;   ///< open on the date under strict dating (a source shows it)
  bool ai = false, training = false;
  std::vector<ProfileAccelerator> accelerators;
};

/// A facility in a profile.
struct ProfileFacility {
  std::string facility_id, name, operator_id, operator_jurisdiction, status, first_operational;
  std::string accel_id, source_id, source_ref;
  std::optional<double> h100e, h100e_low, h100e_high, power_mw, investment_usd;
  bool estimate = false;
  std::optional<double> it_mw;  ///< IT load counted in the energy layer (operational only)
  std::string it_mw_basis;      ///< "power_mw", "h100e", "accel_count" or "" (none)
};

/// An indicator's latest value.
struct ProfileIndicator {
  std::string indicator, unit, source_id;
  int year = 0;
  double value = 0;
};

struct ProfileResult {
  ResultMeta meta;
  CensusParams params;
  EnergyParams energy_params;
  std::string iso3, iso2, name, un_region, un_subregion;
  std::vector<std::string> blocs;  ///< memberships as of the date
  std::vector<ProfileIndicator> indicators;
  CensusRow census;         ///< the economy's census row
  int rank_ai_regions = 0;  ///< 1 = most AI regions (ties share a rank)
  std::vector<ProfileRegion> regions;
  std::vector<ProfileFacility> facilities;
};

/// Request for the map layer of active regions (`aisov sites`, `/api/v1/sites`).
struct SitesRequest {
  std::string as_of;
  std::vector<std::string> providers;
  std::vector<std::string> site_kinds;
};

/// One active region with its location and AI flags.
struct SiteRow {
  std::string site_id, provider, operator_id, operator_jurisdiction, name, city, iso3, kind;
  std::optional<double> lat, lon;  ///< city-level; empty when no source gives them
  bool ai = false, training = false;
  std::string launched;        ///< launch date as recorded (empty = unknown)
  std::string launched_basis;  ///< announced, first_listed, estimate or unknown
  bool dated_strict = false;   ///< open on the date under strict dating (a source shows it)
  bool ai_strict = false;      ///< an AI region under strict dating
  std::string source_id;
};

struct SitesResult {
  ResultMeta meta;
  std::vector<SiteRow> sites;  ///< sorted by iso3, then site_id
};

}  // namespace aisov
