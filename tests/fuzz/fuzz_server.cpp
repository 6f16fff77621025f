// libFuzzer target: the HTTP request path, in-process. One aisov::server::Server over the tiny
// fixture (never bound to a socket) serves the whole run; each input is handed to it by
// Server::exchange() as the bytes of one connection — httplib's own request parser, the
// pre-routing checks, every route, the response cache and the job store, as a socket would reach
// them — and it must then still answer GET /api/v1/health with 200, otherwise the target aborts.
// After each input, Server::cancel_jobs() cancels any background job the input started and waits
// until none runs: libFuzzer's leak check counts allocations per input, and a job still
// computing on another thread would be reported as a leak. Limits are set low so that a
// synchronous run ends well inside libFuzzer's -timeout (a run past --max-run-ms would go on
// computing after its 503). Socket-level behaviour (half-open connections, timeouts, floods) is
// exercised by the loopback load test, bench/hardening_load.py.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "server.hpp"

namespace {

aisov::server::Server& server() {
  // Built once, reachable for the whole run (LeakSanitizer scans statics), never destroyed:
  // libFuzzer may end the process from any thread.
  static aisov::server::Server* s = [] {
    aisov::server::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.max_jobs = 2;
    o.queue_wait_ms = 1000;
    o.max_run_ms = 8000;
    o.max_draws = 2000;
    o.scenario_threads = 1;
    o.max_running_jobs = 1;
    o.max_kept_jobs = 4;
    o.max_job_run_ms = 2000;
    return new aisov::server::Server(aisov::fuzz::tiny_engine(), o);
  }();
  return *s;
}

void check_healthy(const char* when) {
  static const std::string kHealth =
      "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  const std::string reply = server().exchange(kHealth);
  if (reply.rfind("HTTP/1.1 200", 0) != 0) {
    std::fprintf(stderr, "fuzz_server: GET /api/v1/health fails %s: '%.400s'\n", when,
                 reply.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  check_healthy("at start");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)server().exchange(in, 256 * 1024);
  check_healthy("after this input");
  server().cancel_jobs();
  return 0;
}
