#pragma once
// The three-layer census: pure functions of a Dataset.
#include <string>
#include <vector>

#include "aisov/census.hpp"
#include "model/dataset.hpp"

namespace aisov::census {

/// The nine providers of the Oxford reference census.
const std::vector<std::string>& reference_nine();

/// Resolves provider slugs (and "reference-nine") to organisation ids; throws core::Failure
/// (kInvalidArgument) on an unknown slug. Empty input = every provider in the dataset.
std::vector<model::Id> resolve_providers(const model::Dataset& ds,
                                         const std::vector<std::string>& slugs);
/// Resolves an as-of text to a day number (partial dates → last day of the period); empty =
/// the dataset's as-of date. Throws core::Failure on malformed input.
int resolve_as_of(const model::Dataset& ds, const std::string& text);

/// Resolves site kind names ("public", "government", "sovereign"); empty = all. Throws
/// core::Failure on an unknown kind.
std::vector<model::SiteKind> resolve_site_kinds(const std::vector<std::string>& names);
const char* site_kind_name(model::SiteKind kind);
/// sites.launched_basis as written in outputs: "announced", "first_listed", "estimate", or
/// "unknown" when the launch date is not known ("announced" when a date has no stated basis).
const char* launch_basis_name(const model::Site& site);

/// Provenance of a result: versions, the resolved date, providers and kinds.
ResultMeta make_meta(const model::Dataset& ds, int day, const std::vector<model::Id>& providers,
                     const std::vector<model::SiteKind>& kinds, const std::string& by,
                     const std::string& weight);

/// Runs a census. Throws core::Failure on bad requests.
CensusResult run_census(const model::Dataset& ds, const CensusRequest& req);
/// Builds an economy profile. Throws core::Failure on bad requests.
ProfileResult run_profile(const model::Dataset& ds, const ProfileRequest& req);
/// Lists the active regions with coordinates and AI flags. Throws core::Failure on bad requests.
SitesResult run_sites(const model::Dataset& ds, const SitesRequest& req);

/// The energy layer of one economy on a day, over every provider and site kind (what
/// `aisov profile ISO3` reports): the hosted load that siting and the optimiser add to
/// (§14.5–14.6).
EnergyEstimate hosted_energy(const model::Dataset& ds, model::Id economy, int day);

const char* by_name(CensusBy by);
const char* weight_name(CensusWeight w);

}  // namespace aisov::census
