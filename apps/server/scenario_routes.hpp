#pragma once
// The scenario routes of the HTTP API: bundled scenarios, check and synchronous run, and
// scenario runs as background jobs with progress (polling or server-sent events) and cancel.
#include <httplib.h>

#include <atomic>
#include <string>
#include <vector>

#include "aisov/engine.hpp"
#include "http_util.hpp"
#include "job_runner.hpp"
#include "job_store.hpp"
#include "response_cache.hpp"
#include "server.hpp"

namespace aisov::server {

/// What the scenario routes use; every referenced object outlives the routes' server.
struct ScenarioContext {
  const Engine& engine;
  const ServerOptions& options;
  JobRunner& runner;
  JobStore& store;
  const std::atomic<bool>& stopping;  ///< set when the server stops: event streams end
  std::atomic<int>& open_streams;     ///< event streams open now (each holds a thread)
  ResponseCache& cache;               ///< replies of GET routes over the immutable dataset
};

/// The scenario routes (OpenAPI path, pattern, allowed methods).
const std::vector<http::Route>& scenario_routes();
/// Registers the handlers of scenario_routes() on `server`.
void add_scenario_routes(httplib::Server& server, const ScenarioContext& context);

// --- shared with the other job kinds (invest_routes.cpp: optimiser jobs)
/// A job's status document (schema Job) as a reply with this HTTP status.
Reply job_status_reply(int status, const JobStatus& job);
/// 404 for an unknown or evicted job id.
Reply job_not_found(const std::string& id);
/// The URL of a job ("/api/v1/jobs/<id>").
std::string job_location(const std::string& id);

}  // namespace aisov::server
