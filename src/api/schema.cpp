#include "api/schema.hpp"

#include "api/describe_census.hpp"
#include "api/describe_data.hpp"
#include "api/describe_invest.hpp"
#include "api/describe_optimise.hpp"
#include "api/describe_scenario.hpp"
#include "core/json_out.hpp"

namespace aisov::api {

std::string openapi_components_json() {
  ojson out = ojson::object();
  auto add = [&out](const auto& x) {
    using T = std::decay_t<decltype(x)>;
    out[schema_info(Tag<T>{}).name] = component_schema(x);
  };
  // The values only select a description; none of their contents is read.
  const CensusRow row;
  const CensusTotals totals;
  const ProfileResult profile;
  add(ResultMeta{});
  add(CensusParams{});
  add(EnergyParams{});
  add(WorldEnergy{totals});
  add(Share{});
  add(LayerShares{});
  add(TerritorialRow{row, true});
  add(ProviderRow{row});
  add(totals);
  add(CensusResult{});
  add(Economy{profile});
  add(ProfileIndicator{});
  add(ProfileAccelerator{});
  add(ProfileRegion{});
  add(ProfileFacility{});
  add(profile);
  add(SiteRow{});
  add(SitesResult{});
  add(SourceInfo{});
  add(SourcesResult{});
  add(InvestMeta{});
  add(InvestParams{});
  add(InvestProgrammeRow{});
  add(InvestElementEstimate{});
  add(InvestEconomyProfile{});
  add(InvestProfileResult{});
  add(InvestCompareResult{});
  add(InvestProjectElement{});
  add(InvestProjectRow{});
  add(InvestProjectResult{});
  add(InvestArchetypeRow{});
  add(InvestArchetypesResult{});
  add(InvestProgrammesResult{});
  const ScenarioRow scenario_row;
  const ScenarioResult scenario;
  add(ScenarioStat{});
  add(ScenarioShockInfo{});
  add(ScenarioEnergy{});
  add(ScenarioReference{});
  add(ScenarioRowView{scenario_row, scenario.thresholds});
  add(ScenarioMeta{});
  add(ScenarioEnergyAssumptions{scenario});
  add(scenario);
  add(ScenarioCheck{});
  add(ScenarioListEntry{});
  add(ScenarioList{});
  const std::string versions;
  add(EngineMeta{versions, versions});
  const SiteResult site;
  add(NewLoadEnergy{});
  add(SiteCandidate{});
  add(SiteWorkload{site});
  add(site);
  add(PlaceRow{});
  add(PlaceResult{});
  const OptimiseResult optimise;
  add(OptimiseMeta{});
  add(OptimiseSolve{});
  add(OptimiseOption{});
  add(OptimiseConstraint{});
  add(OptimiseAnswer{optimise});
  add(ValueChainInput{});
  add(OptimiseValuation{optimise});
  add(OptimiseEnergy{});
  add(OptimiseSensitivityEnd{});
  add(OptimiseSensitivity{});
  add(optimise);
  add(DatasetSummary{});
  add(ValidationReport{});
  add(ImportResult{});
  add(ScenarioSource{});
  add(ScenarioShardInfo{});
  return core::json_text(out);
}

}  // namespace aisov::api
