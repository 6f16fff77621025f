#pragma once
// The investment, optimiser, siting and placement routes of the HTTP API (issue #6 round 3):
// the same Engine calls and render() as `aisov invest …`, `aisov optimise`, `aisov site` and
// `aisov place`, plus optimiser runs as background jobs in the scenario jobs' store.
#include <httplib.h>

#include <vector>

#include "http_util.hpp"
#include "scenario_routes.hpp"

namespace aisov::server {

/// The investment and optimiser routes (OpenAPI path, pattern, allowed methods).
const std::vector<http::Route>& invest_routes();
/// Registers the handlers of invest_routes() on `server` (the context of the scenario routes:
/// engine, options, the bounded runner and the job store).
void add_invest_routes(httplib::Server& server, const ScenarioContext& context);

}  // namespace aisov::server
