// `aisov serve`: the HTTP API and dashboard over one Engine.
#include <cstddef>
#include <filesystem>
#include <memory>

#include "common.hpp"
#include "server.hpp"

namespace aisov::cli {

void add_serve_command(CLI::App& app, GlobalOptions& g, Outcome& out) {
  auto o = std::make_shared<server::ServerOptions>();
  auto* serve = app.add_subcommand(
      "serve", "HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json) and the web dashboard");
  // Lets `aisov serve --data DIR` reach the global --data option.
  serve->fallthrough();
  serve->add_option("--port", o->port, "TCP port (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve->add_option("--host", o->host, "Address to listen on")->capture_default_str();
  serve->add_option("--web", o->web_dir,
                    "Dashboard directory served at / (default: web/dist when it is built)");
  serve
      ->add_option("--allow-host", o->allowed_hosts,
                   "Host header name accepted besides the bound address and loopback names "
                   "(repeatable; '*' = any, e.g. behind a reverse proxy)")
      ->take_all();
  serve->add_option("--max-body", o->max_body_bytes, "Largest request body in bytes (413)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  serve->add_option("--max-jobs", o->max_jobs, "Concurrent computations (0 = CPU threads)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  serve->add_option("--queue-wait-ms", o->queue_wait_ms, "Wait for a free job slot before 503 busy")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  serve
      ->add_option("--max-run-ms", o->max_run_ms,
                   "Run-time limit of one computation before 503 timeout")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400000));
  serve
      ->add_option("--header-timeout-ms", o->header_timeout_ms,
                   "Deadline for a request's line and headers, from its first byte")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600000));
  serve->add_option("--threads", o->threads, "Connection threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  auto cache_mb = std::make_shared<std::size_t>(o->cache_bytes >> 20);
  serve
      ->add_option("--cache-mb", *cache_mb,
                   "Response cache for GET replies over the dataset, in MiB (0 = no cache)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{65536}));
  // Scenario runs and background jobs (docs/api.md, "Limits").
  serve->add_option("--max-draws", o->max_draws, "Most Monte Carlo draws per request (413)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  serve
      ->add_option("--scenario-threads", o->scenario_threads,
                   "Threads of one scenario run (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  serve->add_option("--max-running-jobs", o->max_running_jobs, "Background jobs computing at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--max-kept-jobs", o->max_kept_jobs,
                   "Background jobs kept, finished ones evicted oldest first (503 when full)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  serve->add_option("--max-job-run-ms", o->max_job_run_ms, "Run-time limit of one background job")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400000));
  serve->callback([o, cache_mb, &g, &out] {
    o->cache_bytes = *cache_mb << 20;
    if (!o->web_dir.empty() && !std::filesystem::is_directory(o->web_dir)) {
      out.exit_code = fail(Error{ErrorCode::kNotFound,
                                 "--web " + o->web_dir +
                                     ": not a directory (build the "
                                     "dashboard with ./scripts/setup.sh)",
                                 {}},
                           g);
      return;
    }
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    if (o->web_dir.empty() && std::filesystem::is_directory(server::default_web_dir())) {
      o->web_dir = server::default_web_dir();
    }
    out.exit_code = server::serve_until_signal(*engine, *o, g.quiet);
  });
}

}  // namespace aisov::cli
