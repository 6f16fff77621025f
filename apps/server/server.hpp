#pragma once
// The aisov HTTP API: /api/v1 routes over the same Engine calls and renderers as the CLI, plus
// the built dashboard as static files. httplib types stay inside apps/server.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aisov/engine.hpp"

namespace aisov::server {

/// How to run the server; every limit has a CLI option in `aisov serve`.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                         ///< 0 = any free port (bind() returns it)
  std::string web_dir;                     ///< dashboard served at "/" when the directory exists
  std::size_t max_body_bytes = 64 * 1024;  ///< larger request bodies get 413
  int max_jobs = 0;                        ///< concurrent computations; 0 = hardware threads
  int queue_wait_ms = 10000;               ///< wait for a job slot before 503 busy
  int max_run_ms = 60000;                  ///< run-time limit of one computation (503 timeout)
  int threads = 256;      ///< connection threads (a kept-alive or half-open connection holds one)
  int io_timeout_s = 10;  ///< socket read/write timeout
  /// Deadline for a request's line and headers, from its first byte (slow senders: "slowloris").
  int header_timeout_ms = 10000;
  /// Bound of the response cache (GET replies over the immutable dataset, docs/api.md); 0 = none.
  std::size_t cache_bytes = std::size_t{64} << 20;
  /// Host header names accepted besides the bound address and loopback names ("*" = any).
  std::vector<std::string> allowed_hosts;

  // Scenario runs (POST /api/v1/scenario/run and background jobs, docs/api.md).
  int64_t max_draws = 1000000;  ///< draws per request; more gets 413
  int scenario_threads = 0;     ///< threads of one scenario run; 0 = all hardware threads
  int max_running_jobs = 2;     ///< background jobs computing at once
  int max_kept_jobs = 32;       ///< background jobs kept (queued + running + finished)
  int max_job_run_ms = 600000;  ///< run-time limit of one background job (then failed: timeout)
};

/// Counters of the response cache (docs/api.md, "Caching").
struct CacheStats {
  std::size_t entries = 0;
  std::size_t bytes = 0;      ///< charged bytes of the stored replies (at most max_bytes)
  std::size_t max_bytes = 0;  ///< the bound (ServerOptions::cache_bytes)
  uint64_t hits = 0;          ///< replies served without computing (stored, or computed by another)
  uint64_t misses = 0;        ///< replies computed
  uint64_t evictions = 0;     ///< stored replies dropped to stay within the bound
};

/// An HTTP server over one Engine, which must outlive it.
/// Thread-safety: bind() then listen() on one thread; stop() from any thread.
class Server {
 public:
  Server(const Engine& engine, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds and listens on host:port; returns the bound port, or kIoError.
  Result<int> bind();
  /// Serves requests until stop(); bind() first. Returns false on a socket failure.
  bool listen();
  /// Stops listen() (waiting briefly for it to start) and lets it return.
  void stop();
  /// The response cache's counters now. Thread-safe.
  CacheStats cache_stats() const;
  /// Answers raw request bytes in-process, as one connection would (no socket, no bind()): each
  /// complete request in `raw` is routed in turn (pipelining, keep-alive; bytes after a malformed
  /// request line are read as further requests) and the replies are returned as sent, truncated
  /// after `max_reply_bytes` (a streamed reply then ends as if the client had closed). For the fuzz
  /// target and tests. Thread-safe.
  std::string exchange(std::string_view raw, std::size_t max_reply_bytes = 1 << 20);
  /// Cancels every queued and running background job (the /api/v1/jobs routes) through its
  /// cancel token and returns once none runs; finished jobs and their results are kept.
  void cancel_jobs();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Serves until SIGINT or SIGTERM; logs the address on stderr. Returns a process exit code.
int serve_until_signal(const Engine& engine, const ServerOptions& options, bool quiet);

/// The routed API paths as OpenAPI templates, e.g. "/api/v1/profile/{iso3}".
std::vector<std::string> api_paths();
/// The OpenAPI 3.1 document served at /api/v1/openapi.json (apps/server/openapi.json).
const std::string& openapi_document();

/// The directory of the built dashboard in the source tree (web/dist).
std::string default_web_dir();

}  // namespace aisov::server
