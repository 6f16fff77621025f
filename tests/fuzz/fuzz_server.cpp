// libFuzzer target: the HTTP request path. One aisov::server::Server over the tiny fixture listens
// on 127.0.0.1 (any free port) for the life of the process; each input is sent as raw bytes on a
// fresh loopback connection, the reply (if any) is read and dropped, and the server must then
// still answer GET /api/v1/health with 200 — otherwise the target aborts. Limits are set low so
// that one request cannot hold the server past libFuzzer's -timeout.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "fuzz_support.hpp"
#include "server.hpp"

namespace {

int g_port = 0;

void start_server() {
  aisov::server::ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.max_jobs = 2;
  o.queue_wait_ms = 1000;
  o.max_run_ms = 2000;
  o.threads = 8;
  o.io_timeout_s = 1;
  o.max_draws = 20000;
  o.scenario_threads = 1;
  o.max_running_jobs = 1;
  o.max_kept_jobs = 4;
  o.max_job_run_ms = 2000;
  // Leaked on purpose: the server runs until the process ends.
  auto* server = new aisov::server::Server(aisov::fuzz::tiny_engine(), o);
  auto port = server->bind();
  if (!port.ok()) {
    std::fprintf(stderr, "fuzz_server: bind failed: %s\n", port.error().message.c_str());
    std::abort();
  }
  g_port = port.value();
  std::thread([server] {
    if (!server->listen()) std::fprintf(stderr, "fuzz_server: listen failed\n");
  }).detach();
}

/// A loopback connection with send/receive timeouts, or -1.
int connect_local(int timeout_ms) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(g_port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// Sends `size` bytes and reads the reply until EOF, `quiet_ms` without data, or `deadline`;
/// returns at most the first 4 KiB of it. No half-close: httplib 0.11 drops a request whose
/// client has shut down its sending side instead of answering it.
std::string exchange(const char* data, size_t size, int quiet_ms,
                     std::chrono::steady_clock::time_point deadline) {
  const int fd = connect_local(quiet_ms);
  if (fd < 0) return {};
  size_t sent = 0;
  while (sent < size) {
    const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (a bad request line, a 413)
    sent += static_cast<size_t>(n);
  }
  std::string reply;
  char buf[8192];
  while (std::chrono::steady_clock::now() < deadline) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    if (reply.empty()) {
      // A kept-alive connection stays open after the reply: once data flows, a short pause
      // means the server has answered everything it is going to.
      timeval tv{0, 50 * 1000};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    if (reply.size() < 4096) reply.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return reply;
}

/// The last health reply, for the abort message.
std::string g_last_health;

bool healthy() {
  static const std::string kHealth =
      "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto reply = exchange(kHealth.data(), kHealth.size(), 2000, deadline);
    g_last_health = reply;
    if (reply.rfind("HTTP/1.1 200", 0) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  start_server();
  if (!healthy()) {
    std::fprintf(stderr, "fuzz_server: the server does not answer at start: '%s'\n",
                 g_last_health.c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  // Without the end of a header block the server can only wait for more: do not wait long.
  const bool complete =
      in.find("\r\n\r\n") != std::string_view::npos || in.find("\n\n") != std::string_view::npos;
  (void)exchange(in.data(), in.size(), complete ? 300 : 100,
                 std::chrono::steady_clock::now() + std::chrono::seconds(4));
  if (!healthy()) {
    std::fprintf(stderr, "fuzz_server: GET /api/v1/health fails after this input: '%s'\n",
                 g_last_health.c_str());
    std::abort();
  }
  return 0;
}
