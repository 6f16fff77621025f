#pragma once
// Accumulating the three layers over a set of sites and facilities, as of one day.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "aisov/census.hpp"
#include "model/dataset.hpp"

namespace aisov::census {

/// Sorts a key → weight map into shares (descending weight, then key) with its HHI.
LayerShares finish_layer(const std::map<std::string, double>& weights);

/// What one site contributes as of a day: active, and its active accelerators.
struct SiteState {
  bool active = false;
  std::vector<model::Id> accels;  // distinct accelerators offered on the day
  bool ai() const { return !accels.empty(); }
  bool training = false;
};

/// The census of one request: the day, the provider filter, the weight and the thresholds.
/// Cheap to build; not thread-safe (use one per request).
class Scope {
 public:
  Scope(const model::Dataset& ds, int day, const std::vector<model::Id>& providers,
        const std::vector<model::SiteKind>& kinds, CensusWeight weight, const CensusParams& params,
        model::Dating dating = model::Dating::kLenient);

  SiteState site_state(model::Id site) const;
  bool provider_selected(model::Id org) const { return selected_[org]; }
  int day() const { return day_; }
  const EnergyParams& energy_params() const { return energy_; }

  /// Row of one economy (territorial layers, classification).
  CensusRow economy_row(model::Id economy) const;
  /// Row of one bloc: its members as of the day, taken as one territory.
  CensusRow bloc_row(model::Id bloc) const;
  /// One row per selected provider.
  std::vector<CensusRow> provider_rows() const;
  /// One row per provider headquarters jurisdiction.
  std::vector<CensusRow> provider_jurisdiction_rows() const;

  /// Key for an operator's jurisdiction: ISO3 or "unknown".
  std::string jurisdiction_key(model::Id economy) const;
  /// Power bloc id of a jurisdiction, or its ISO3 when in none, or "unknown".
  std::string power_bloc_key(model::Id economy) const;

 private:
  CensusRow territory_row(const std::vector<model::Id>& economies,
                          const std::function<bool(model::Id)>& is_domestic) const;
  void provider_fill(CensusRow& row, const std::vector<model::Id>& providers, model::Id home) const;

  const model::Dataset& ds_;
  int day_;
  std::vector<char> selected_;  // organisation → selected as provider
  std::vector<model::Id> providers_;
  std::vector<model::SiteKind> kinds_;
  CensusWeight weight_;
  CensusParams params_;
  model::Dating dating_;
  EnergyParams energy_;
};

}  // namespace aisov::census
