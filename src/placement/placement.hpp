#pragma once
// Siting (rank cities for a new AI data centre) and placement (where may a workload run under a
// sovereignty policy): docs/methodology.md §14.6–14.7. Pure functions of a Dataset.
#include <string>

#include "aisov/optimise.hpp"
#include "model/dataset.hpp"

namespace aisov::placement {

/// Fibre route distance / great-circle distance (documented assumption).
inline constexpr double kFibreRouteFactor = 1.5;
/// Speed of light in optical fibre, km per ms (c / 1.468).
inline constexpr double kFibreKmPerMs = 204.2;

/// Great-circle distance on the WGS84 ellipsoid (GeographicLib), km.
double distance_km(double lat1, double lon1, double lat2, double lon2);
/// Round-trip time over fibre: 2 × distance × route factor / speed, ms.
double rtt_ms(double distance_km);
/// FAO's class of an SDG 6.4.2 level of water stress (%): "none" below 25, "low" 25–50,
/// "medium" 50–75, "high" 75–100, "critical" from 100 (FAO & UN-Water 2021); "" for NaN.
std::string water_stress_level(double percent);

SiteResult site(const model::Dataset& ds, const SiteRequest& request);
PlaceResult place(const model::Dataset& ds, const PlaceRequest& request);

}  // namespace aisov::placement
