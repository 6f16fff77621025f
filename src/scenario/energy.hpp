#pragma once
// Energy of scenario results (docs/methodology.md §15.5): each territorial and sovereign row's
// H100e read as IT MW, TWh per year and tonnes CO2e, and the [[references]] comparison.
#include "aisov/scenario.hpp"
#include "model/dataset.hpp"
#include "scenario/model.hpp"
#include "scenario/runner.hpp"

namespace aisov::scenario {

/// IT MW per H100e of a set of economies at the start: Σ it_mw0 ÷ Σ k0, or the rule
/// (it_kw_per_h100e ÷ 1000) when the set has no capacity.
double unit_it_mw_per_h100e(const Model& m, const std::vector<int>& members);

/// Fills every territorial and sovereign row's `energy`, the result's assumptions and its
/// `references`. `res.rows` must be laid out as run() lays them out for `report`.
void add_energy(const model::Dataset& ds, const Model& m, const ReportSpec& report,
                ScenarioResult& res);

}  // namespace aisov::scenario
