#pragma once
// Scenario files (TOML, or the same structure as JSON): parsed into a ScenarioSpec of plain
// values with the place of every value, not yet resolved against a dataset. The schema is
// documented in docs/scenarios.md.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/random.hpp"
#include "io/csv.hpp"

namespace aisov::io {

/// Where a value was written: line and column (0 for JSON input) and its key path.
struct SpecPos {
  int line = 0, column = 0;
  std::string path;  ///< e.g. "shocks[2].probability"
};

/// A number or a distribution (`{ pert = [lo, mode, hi] }` …).
struct DistSpec {
  core::Distribution dist = core::Distribution::fixed(0);
  SpecPos pos;
};

/// A code in a set or list, with its place.
struct CodeSpec {
  std::string code;
  SpecPos pos;
};

/// An economy set: codes (ISO3, bloc ids, `set:NAME`, `all`), or `{ all_except = [...] }`.
struct SetSpec {
  bool all_except = false;
  std::vector<CodeSpec> items;
  SpecPos pos;
};

/// One tier of an export control: the economies, an optional yearly cap, and whether their
/// users are also barred from capacity operated by the controlling jurisdiction.
struct TierSpec {
  SetSpec economies;
  std::optional<DistSpec> cap_h100e_per_year;  ///< empty = supply stops
  bool bar_access = false;
  SpecPos pos;
};

struct ShockSpec {
  std::string id, kind, description;
  SpecPos pos;
  DistSpec probability;
  DistSpec start;
  std::optional<DistSpec> duration;     ///< years; empty = to the horizon
  std::vector<CodeSpec> jurisdictions;  ///< designers / operators / fab locations
  std::string chips = "all";            ///< export_control: training | inference | all
  std::string mode = "withdraw";        ///< provider_withdrawal: withdraw | cut_off
  std::vector<TierSpec> tiers;          ///< export_control
  SetSpec economies;                    ///< provider_withdrawal, energy_cap, growth
  DistSpec fraction;                    ///< provider_withdrawal share; foundry output loss
  std::optional<DistSpec> max_growth;   ///< energy_cap: power growth per year
  std::optional<DistSpec> max_mw;       ///< energy_cap: power level, MW
  std::optional<DistSpec> max_twh;      ///< energy_cap: electricity level, TWh per year
  std::optional<DistSpec> max_share_of_generation;  ///< energy_cap: share of generation (0–1)
  bool pooled = false;                              ///< energy_cap: the set's members share one cap
  DistSpec growth;                                  ///< growth: installed-compute growth per year
};

struct GrowthBySpec {
  SetSpec economies;
  DistSpec growth;
  SpecPos pos;
};

/// New supply of the economies goes to designer (and operator) jurisdictions in these shares.
struct MixSpec {
  SetSpec economies;
  std::vector<std::pair<CodeSpec, double>> designers, operators;
  SpecPos pos;
};

/// A published electricity figure to report the scenario against (docs/scenarios.md,
/// `[[references]]`): a case's TWh for a set of economies in a year, exact (low = high) or an
/// approximate range (a figure read off a chart).
struct ReferenceSpec {
  std::string case_name, region, source, note;
  SetSpec economies;
  int year = 0;
  double twh_low = 0, twh_high = 0;
  SpecPos pos;
};

/// Capacity-estimation defaults (docs/methodology.md, Scenario model).
struct ModelDefaults {
  double region_chips_training = 1024;
  double region_chips_inference = 256;
  double mw_per_h100e = 0.00153;
  double efficiency_gain = 0.25;
  double foreign_access = 1.0;
};

struct ScenarioSpec {
  std::string file, name, description;
  /// The parsed content as canonical JSON (keys sorted, every number a double, no comments or
  /// layout): equal for a TOML file and its JSON translation. The scenario hash hashes this.
  std::string canonical;
  std::vector<std::string> basis;
  int horizon = 2030;
  SpecPos horizon_pos;
  std::vector<double> thresholds{0.1, 0.25, 0.5};
  DistSpec growth = {core::Distribution::fixed(1.3), {}};
  DistSpec retirement = {core::Distribution::fixed(1.0 / 6.0), {}};
  std::vector<GrowthBySpec> growth_by;
  std::vector<MixSpec> mix;
  ModelDefaults defaults;
  std::vector<std::pair<std::string, SetSpec>> sets;
  std::vector<ShockSpec> shocks;
  std::vector<ReferenceSpec> references;
};

/// Parses a scenario file's text (TOML, or JSON when `json`). Every problem found (malformed
/// syntax, unknown key, wrong type, probability outside [0, 1], inverted interval …) is
/// appended to `problems` with the file, line and column.
ScenarioSpec parse_scenario(const std::string& text, const std::string& file, bool json,
                            std::vector<Problem>& problems);

/// 64-bit FNV-1a hash of a text, as 16 hex digits (the scenario hash in results hashes
/// ScenarioSpec::canonical).
std::string fnv1a_hex(const std::string& text);

}  // namespace aisov::io
