#pragma once
// Entities of the curated dataset and the immutable Dataset that indexes them.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"

namespace aisov::model {

using Id = int32_t;  // dense index into a Dataset vector
inline constexpr Id kNone = -1;

/// What kind of evidence a source is (sources.kind): a document (page, report, post), a data
/// set, or a methodological rule of the curation (which alone may lack a URL and a date).
enum class SourceKind : int { kDocument = 0, kDataset = 1, kRule = 2 };

struct Source {
  std::string source_id, producer, title, url, published, accessed, licence, notes;
  SourceKind kind = SourceKind::kDocument;
};

/// How dates are read for "is it there on day d?" (docs/methodology.md §2.1).
/// kLenient: an undated region counts on every date, a partial date from its first day, and an
/// offering from its first_seen whatever its basis (a lower bound). kStrict: only what a source
/// shows at or before d — a dated region from the last day of its launch period (never on an
/// estimated date), an offering from the date a source shows it in that region.
enum class Dating : int { kLenient = 0, kStrict = 1 };

/// Where a row came from (for error messages and provenance): file and line.
struct RowOrigin {
  std::string file;
  int line = 0;
};

struct Economy {
  std::string iso3, iso2, m49, name, un_region, un_subregion;
  std::vector<std::string> aliases;
  std::vector<Id> sources;
  // Latest value of each indicator (value, year, source); year 0 = missing.
  struct Latest {
    double value = 0;
    int year = 0;
    Id source = kNone;
  };
  Latest gdp_usd, population, electricity_twh, carbon_gco2_per_kwh;
  // Optimiser and siting (issue #5): business electricity price, WRI Aqueduct water stress (0–5).
  Latest electricity_price_usd_per_kwh, water_stress;
};

enum class BlocKind : int {
  kUnion = 0,
  kOrganisation = 1,
  kForum = 2,
  kAlliance = 3,
  kPowerBloc = 4
};

struct Bloc {
  std::string bloc_id, name;
  BlocKind kind = BlocKind::kUnion;
  Id source = kNone;
};

struct BlocMember {
  Id bloc = kNone, economy = kNone;
  core::Date joined, left;  // empty = unbounded
  Id source = kNone;
  bool active_on(int day) const {
    return (joined.empty() || joined.first_day() <= day) &&
           (left.empty() || day <= left.last_day());
  }
};

enum Role : uint32_t {
  kRoleCloudProvider = 1u << 0,
  kRoleDcOperator = 1u << 1,
  kRoleChipDesigner = 1u << 2,
  kRoleFoundry = 1u << 3,
  kRoleAiLab = 1u << 4,
  kRoleInvestor = 1u << 5,
  kRoleGovernment = 1u << 6,
  kRoleOther = 1u << 7,
};

struct Organisation {
  std::string org_id, name;
  std::vector<std::string> aliases;  // other spellings used by data sources
  uint32_t roles = 0;
  Id hq = kNone;      // economy; kNone = unknown
  Id parent = kNone;  // organisation
  Id source = kNone;
};

enum class SiteKind : int { kPublic = 0, kGovernment = 1, kSovereign = 2 };

/// What a region's `launched` date rests on (sites.launched_basis).
enum class LaunchBasis : int {
  kUnstated = 0,     ///< column empty: read as an announcement (the validator warns)
  kAnnounced = 1,    ///< a dated source says the region opened then
  kFirstListed = 2,  ///< the earliest dated source listing it; the launch is at or before
  kEstimate = 3      ///< a curator estimate from indirect evidence; not counted when strict
};

struct Site {
  std::string site_id, region_code, name, city, notes;
  Id provider = kNone, op = kNone;  // op = legal operator (the provider when not stated)
  SiteKind kind = SiteKind::kPublic;
  Id economy = kNone;
  std::optional<double> lat, lon;  // city-level; empty when no source gives them
  core::Date launched, retired;
  LaunchBasis launched_basis = LaunchBasis::kUnstated;
  std::vector<Id> sources;
  bool active_on(int day, Dating dating = Dating::kLenient) const {
    if (!retired.empty() && day >= retired.first_day()) return false;
    if (dating == Dating::kLenient) return launched.empty() || launched.first_day() <= day;
    return !launched.empty() && launched_basis != LaunchBasis::kEstimate &&
           launched.last_day() <= day;
  }
};

enum class Tier : int { kInference = 0, kTraining = 1 };
enum class MemoryType : int { kHbm = 0, kGddr = 1, kLpddr = 2, kSram = 3, kOther = 4 };

struct Accelerator {
  std::string accel_id, name;
  Id designer = kNone, foundry = kNone, fab = kNone;  // fab = economy of the fab
  double process_nm = 0;
  core::Date released;
  // Empty optionals are facts not found in any source.
  std::optional<double> fp16_tflops, fp8_tflops, memory_gb, memory_bw_gbs, interconnect_gbs, tdp_w;
  MemoryType memory_type = MemoryType::kOther;
  Tier tier = Tier::kInference;  // computed by model::classify_tier
  std::vector<Id> sources;
};

enum class SeenBasis : int {
  kDocumented = 0,
  kRegionLaunch = 1,
  kProductLaunch = 2,
  kSnapshot = 3
};

struct Offering {
  Id site = kNone, accel = kNone;
  std::string instance_type;
  int accels_per_instance = 0;
  core::Date first_seen, last_seen;
  SeenBasis basis = SeenBasis::kDocumented;
  std::optional<double> price_usd_per_accel_hour;
  core::Date price_date;
  /// The earliest date a source shows it at this site (strict dating): evidence_date when given,
  /// else first_seen, except for a product_launch basis, where it is the catalogue's price date
  /// (empty = never shown there).
  core::Date evidenced;
  std::vector<Id> sources;
  bool active_on(int day, Dating dating = Dating::kLenient) const {
    if (!last_seen.empty() && day > last_seen.last_day()) return false;
    if (dating == Dating::kLenient) return first_seen.first_day() <= day;
    return !evidenced.empty() && evidenced.last_day() <= day;
  }
};

enum class FacilityStatus : int {
  kOperational = 0,
  kUnderConstruction = 1,
  kPlanned = 2,
  kDecommissioned = 3,
  kCancelled = 4
};

struct Facility {
  std::string facility_id, name, city, source_ref;
  Id op = kNone, economy = kNone, accel = kNone;
  std::optional<double> lat, lon, accel_count, h100e, h100e_low, h100e_high, power_mw,
      investment_usd;
  FacilityStatus status = FacilityStatus::kPlanned;
  core::Date announced, first_operational, decommissioned;
  bool estimate = false;
  /// Flags carried from importers whose source records them (empty = the source does not say):
  /// one row of a project the source lists for several countries (split evenly between them),
  /// and whether US actors, Chinese actors or the host government are involved (docs/data-format.md
  /// §facilities).
  std::optional<bool> multi_country, us_involvement, china_involvement, government_involvement;
  std::vector<Id> sources;
  /// Operational on a day: first_operational ≤ day < decommissioned, and not cancelled.
  bool operational_on(int day) const;
  /// Announced by a day (for investment weighting): not cancelled and announced (or, failing
  /// that, first operational) on or before the day; rows with neither date count.
  bool announced_by(int day) const;
};

// --- Investment model entities (docs/data-format.md §Investment tables) ---

/// A value-chain element (kind "element", position 1–6) or an enabler (kind "enabler").
struct ValueChainElement {
  std::string element_id, name, kind, description;
  int position = 0;
  Id source = kNone;
};

/// An exchange rate: USD per unit of `currency` in `year` (converted from the published quote).
struct FxRate {
  std::string currency;
  int year = 0;
  double usd_per_unit = 0;
  Id source = kNone;
};

/// A published global figure for one element (element = kNone for the whole value chain).
struct GlobalInvestment {
  Id element = kNone;
  std::string metric;  ///< cumulative_usd, annual_usd, growth_rate, share_us_china, ...
  int year_from = 0, year_to = 0;
  double low = 0, high = 0;
  std::string qualifier;  ///< range, about, almost, over, at_least
  std::string notes;
  Id source = kNone;
  RowOrigin origin;
};

/// A published figure for an economy, a bloc or the rest of the world.
struct EconomyInvestment {
  std::string code;  ///< ISO3, bloc id or "rest_of_world"
  Id economy = kNone, bloc = kNone;
  Id element = kNone;  ///< kNone = all elements
  std::string metric;  ///< pct_gdp (cumulative investment as % of GDP)
  int year_from = 0, year_to = 0;
  double low = 0, high = 0;
  std::string estimate_kind;  ///< published, derived, modelled
  std::string notes;
  Id source = kNone;
};

/// An announced national or corporate programme.
struct Programme {
  std::string programme_id, name, sponsor, economy_code, kind, currency, notes;
  Id economy = kNone, bloc = kNone;               ///< both kNone = world / multi-economy
  std::optional<double> amount_low, amount_high;  ///< in `currency`; empty = not disclosed
  int year_from = 0, year_to = 0;                 ///< year_to 0 = open-ended
  std::vector<Id> elements;
  Id part_of = kNone;
  std::vector<Id> sources;
};

/// A correction of a known error in an upstream file, applied by the named importer to the cell
/// (upstream_key, field) when the cell still holds upstream_value (import_corrections table).
struct ImportCorrection {
  std::string importer, upstream_key, field, upstream_value, corrected_value, reason;
  std::vector<Id> sources;
  RowOrigin origin;
  int field_column = 1;  ///< column of the `field` cell in its file (for error messages)
};

/// A default of the strategy optimiser (data/optimise_parameters.csv, docs/methodology.md §14.2).
struct OptimiseParameter {
  std::string name, unit, notes;
  double value = 0;
  std::optional<double> low, high;
  bool estimate = false;  ///< an estimate or assumption (not a published figure)
  Id source = kNone;
  RowOrigin origin;
};

/// Everything loaded from a dataset directory. Immutable after construction by the builder;
/// safe to share between threads by const reference.
class Dataset {
 public:
  std::string data_dir, dataset_version, title, licence;
  int schema_version = 0;
  core::Date as_of;  // the dataset's reference date (manifest `as_of`)

  std::vector<Source> sources;
  std::vector<Economy> economies;
  std::vector<Bloc> blocs;
  std::vector<BlocMember> bloc_members;
  std::vector<Organisation> organisations;
  std::vector<Site> sites;
  std::vector<Accelerator> accelerators;
  std::vector<Offering> offerings;
  std::vector<Facility> facilities;
  std::vector<ImportCorrection> import_corrections;
  // Investment model tables.
  std::vector<ValueChainElement> value_chain_elements;
  std::vector<FxRate> fx_rates;
  std::vector<GlobalInvestment> investment_global;
  std::vector<EconomyInvestment> investment_economy;
  std::vector<Programme> programmes;
  // Optimiser tables.
  std::vector<OptimiseParameter> optimise_parameters;
  /// Energy-layer assumptions (optional table, same columns; docs/methodology.md §15).
  std::vector<OptimiseParameter> energy_parameters;
  /// Sources cited by rows that keep no source of their own after loading (every indicator row,
  /// including years superseded by a later one), so citation_counts() sees every table.
  std::vector<Id> other_citations;

  // Indexes (built by finalize()).
  std::unordered_map<std::string, Id> source_index, economy_index, bloc_index, org_index,
      site_index, accel_index, facility_index, element_index, programme_index;
  std::vector<std::vector<Id>> offerings_by_site;  // site → offerings
  std::vector<std::vector<Id>> sites_by_economy;   // economy → sites
  std::vector<std::vector<Id>> facilities_by_economy;
  std::vector<std::vector<Id>> members_by_bloc;                  // bloc → bloc_members rows
  std::vector<std::vector<Id>> blocs_by_economy;                 // economy → bloc_members rows
  std::unordered_map<std::string, Id> economy_names, org_names;  // name_key → id

  Id find_source(const std::string& id) const { return find(source_index, id); }
  Id find_economy(const std::string& iso3) const { return find(economy_index, iso3); }
  Id find_bloc(const std::string& id) const { return find(bloc_index, id); }
  Id find_org(const std::string& id) const { return find(org_index, id); }
  Id find_site(const std::string& id) const { return find(site_index, id); }
  Id find_accel(const std::string& id) const { return find(accel_index, id); }
  Id find_element(const std::string& id) const { return find(element_index, id); }
  Id find_programme(const std::string& id) const { return find(programme_index, id); }

  /// Economy by ISO3, name or alias (case and punctuation ignored); kNone if none matches.
  Id find_economy_by_name(const std::string& text) const;
  /// Organisation by org_id, name or alias (case and punctuation ignored); kNone if none.
  Id find_org_by_name(const std::string& text) const;

  /// Is the economy a member of the bloc on that day?
  bool in_bloc(Id economy, Id bloc, int day) const;
  /// The power bloc (kind power_bloc) an economy belongs to on a day, or kNone.
  Id power_bloc_of(Id economy, int day) const;
  /// How many rows of any table cite each source.
  std::vector<int> citation_counts() const;
  /// Organisations that provide cloud regions (appear as a site's provider).
  std::vector<Id> providers() const;

  /// Rebuilds every index from the entity vectors.
  void finalize();

 private:
  static Id find(const std::unordered_map<std::string, Id>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? kNone : it->second;
  }
};

}  // namespace aisov::model
