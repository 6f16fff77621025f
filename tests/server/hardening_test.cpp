// Regression tests for requests that used to stop, stall or mislead the server (issue
// "Hardening"): each test sends the reported request over a real loopback socket and checks
// the answer, then that the server still answers /api/v1/health.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "api_support.hpp"

using aisov::test::expect_problem;
using aisov::test::fixture;
using aisov::test::LiveServer;
using json = nlohmann::json;

namespace {

// Sends `request` as raw bytes and returns everything the server answers before it closes or
// `timeout_ms` passes.
std::string raw(int port, const std::string& request, int timeout_ms = 5000) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    size_t sent = 0;
    while (sent < request.size()) {
      const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    char buf[65536];
    for (;;) {
      const auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return out;
}

int status_of(const std::string& reply) {
  // "HTTP/1.1 400 Bad Request"
  return reply.size() > 12 ? std::atoi(reply.c_str() + 9) : 0;
}

void expect_alive(const LiveServer& s) {
  auto c = s.client();
  auto h = c.Get("/api/v1/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
}

std::string get(const std::string& target, const std::string& host = "127.0.0.1") {
  return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
}

}  // namespace

TEST(Hardening, InvalidUtf8InPathsIsABadRequest) {
  LiveServer s(fixture("tiny"));
  for (const char* path : {"/%FF", "/api/v1/nothing%FF", "/assets/%C0%AE", "/api/v1/profile/%FF"}) {
    const std::string reply = raw(s.port(), get(path));
    EXPECT_EQ(status_of(reply), 400) << path << "\n" << reply;
    EXPECT_NE(reply.find("not valid UTF-8"), std::string::npos) << reply;
  }
  expect_alive(s);
}

TEST(Hardening, InvalidUtf8InQueriesIsABadRequest) {
  LiveServer s(fixture("tiny"));
  auto c = s.client();
  expect_problem(
      c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=100&economies=%FF", "", "text/plain"),
      400, "invalid-argument");
  expect_problem(c.Get("/api/v1/census?as_of=%FF"), 400, "invalid-argument");
  expect_problem(c.Get("/api/v1/census?providers=%FE%FF"), 400, "invalid-argument");
  expect_alive(s);
}

TEST(Hardening, DeepOrHugeJsonIsRefusedQuickly) {
  aisov::server::ServerOptions o;
  o.max_body_bytes = 4 << 20;
  LiveServer s(fixture("tiny"), o);
  auto c = s.client();
  const std::string deep =
      "{\"name\":\"x\",\"bogus\":" + std::string(20000, '[') + std::string(20000, ']') + "}";
  const auto t0 = std::chrono::steady_clock::now();
  auto p = expect_problem(c.Post("/api/v1/scenario/check", deep, "application/json"), 422,
                          "invalid-input");
  EXPECT_NE(p.dump().find("nested deeper than 64"), std::string::npos) << p.dump();
  const std::string deep_opt =
      "{\"economy\":\"KEN\",\"x\":" + std::string(30000, '[') + std::string(30000, ']') + "}";
  auto q = expect_problem(c.Post("/api/v1/optimise", deep_opt, "application/json"), 422,
                          "invalid-input");
  EXPECT_NE(q.dump().find("nested deeper"), std::string::npos) << q.dump();
  std::string flat = "{\"name\":\"x\",\"a\":[";
  for (int i = 0; i < 300000; ++i) flat += i ? ",0" : "0";
  flat += "]}";
  auto f = expect_problem(c.Post("/api/v1/scenario/check", flat, "application/json"), 422,
                          "invalid-input");
  EXPECT_NE(f.dump().find("more than 200000 values"), std::string::npos) << f.dump();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  expect_alive(s);
}

TEST(Hardening, OptimiserQueryValuesAreRangeChecked) {
  LiveServer s(fixture("tiny"));
  auto c = s.client();
  for (const char* q : {"economy=KEN&budget=5e9&risk_aversion=1e300", "economy=KEN&budget=nan",
                        "economy=KEN&budget=inf", "economy=KEN&budget=5e9&time_limit=nan"}) {
    auto r = c.Post((std::string("/api/v1/optimise?") + q).c_str(), "", "text/plain");
    ASSERT_TRUE(r) << q;
    EXPECT_EQ(r->status, 400) << q << "\n" << r->body;
  }
  expect_alive(s);
}

TEST(Hardening, ASecondServerOnTheSamePortIsRefused) {
  LiveServer s(fixture("tiny"));
  auto e = aisov::Engine::open(aisov::EngineOptions{fixture("tiny")});
  ASSERT_TRUE(e);
  for (const char* host : {"127.0.0.1", "0.0.0.0"}) {
    aisov::server::ServerOptions o;
    o.host = host;
    o.port = s.port();
    aisov::server::Server second(e.value(), o);
    auto bound = second.bind();
    EXPECT_FALSE(bound) << host << " bound port " << s.port() << " a second time";
  }
  expect_alive(s);
}

TEST(Hardening, ChunkedBodiesNeedAContentLength) {
  LiveServer s(fixture("tiny"));
  const std::string req =
      "POST /api/v1/scenario/check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\nConnection: close\r\n\r\n"
      "4\r\n{\"a\"\r\n0\r\n\r\n";
  const std::string reply = raw(s.port(), req);
  EXPECT_EQ(status_of(reply), 411) << reply;
  expect_alive(s);
}

TEST(Hardening, RangesAreNotMultiplied) {
  aisov::test::TempDir web;
  std::ofstream(web / "index.html") << std::string(10000, 'a');
  aisov::server::ServerOptions o;
  o.web_dir = web.str();
  LiveServer s(fixture("tiny"), o);
  std::string ranges = "bytes=0-9999";
  for (int i = 0; i < 199; ++i) ranges += ",0-9999";
  const std::string reply =
      raw(s.port(), "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: " + ranges +
                        "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(reply), 200) << reply.substr(0, 200);
  EXPECT_LT(reply.size(), 20000u);
  // One range is still honoured.
  const std::string one = raw(s.port(),
                              "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\n"
                              "Connection: close\r\n\r\n");
  EXPECT_EQ(status_of(one), 206) << one.substr(0, 200);
  // A NUL in the path is refused, not served as another file type.
  EXPECT_EQ(status_of(raw(s.port(), get("/index.html%00.js"))), 400);
}

TEST(Hardening, FormEncodedBodiesAreReadAsDocuments) {
  aisov::server::ServerOptions o;
  o.max_body_bytes = 1 << 20;
  LiveServer s(fixture("tiny"), o);
  auto c = s.client();
  // 20 KB of TOML as curl --data-binary sends it (form content type): no 8 KB form limit.
  std::string toml = "name = \"big\"\n";
  while (toml.size() < 20000) toml += "# padding padding padding padding padding padding\n";
  toml += "[[shocks]]\nkind = \"growth\"\n";
  auto r = c.Post("/api/v1/scenario/check", toml, "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_NE(r->status, 413) << r->body;
  EXPECT_TRUE(r->status == 200 || r->status == 422) << r->status << " " << r->body;
}

TEST(Hardening, ForeignHostNamesAreRefused) {
  LiveServer s(fixture("tiny"));
  EXPECT_EQ(status_of(raw(s.port(), get("/api/v1/health", "evil.example"))), 400);
  EXPECT_EQ(status_of(raw(s.port(), get("/api/v1/health", "localhost:8080"))), 200);
  EXPECT_EQ(status_of(raw(s.port(), get("/api/v1/health", "127.0.0.1"))), 200);
  aisov::server::ServerOptions o;
  o.allowed_hosts = {"aisov.example.org"};
  LiveServer t(fixture("tiny"), o);
  EXPECT_EQ(status_of(raw(t.port(), get("/api/v1/health", "aisov.example.org"))), 200);
  EXPECT_EQ(status_of(raw(t.port(), get("/api/v1/health", "evil.example"))), 400);
}

TEST(Hardening, InvalidUtf8InTheDatasetIsAValidationError) {
  aisov::test::TempDir d;
  std::filesystem::copy(fixture("tiny"), d.str(), std::filesystem::copy_options::recursive);
  std::string sites;
  {
    std::ifstream in(d / "sites.csv");
    sites.assign(std::istreambuf_iterator<char>(in), {});
  }
  sites.replace(sites.find("US One"), 6, "US \xff\xfe");
  std::ofstream(d / "sites.csv") << sites;
  const auto r = aisov::Engine::validate(d.str());
  ASSERT_FALSE(r.ok);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_NE(r.errors[0].find("sites.csv:2:"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[0].find("not valid UTF-8"), std::string::npos) << r.errors[0];
}

TEST(Hardening, ManifestVersionCannotCarryHeaders) {
  aisov::test::TempDir d;
  std::filesystem::copy(fixture("tiny"), d.str(), std::filesystem::copy_options::recursive);
  std::ofstream(d / "manifest.toml")
      << "schema_version = 1\ndataset_version = \"1\\r\\nSet-Cookie: evil=1\"\n"
         "as_of = \"2024-11-30\"\n";
  const auto r = aisov::Engine::validate(d.str());
  ASSERT_FALSE(r.ok);
  EXPECT_NE(aisov::test::joined_lines(r.errors).find("dataset_version"), std::string::npos);
  EXPECT_FALSE(aisov::Engine::open({d.str()}).ok());
}

TEST(Hardening, SelfReferencingLinksInATableFolderAreReported) {
  aisov::test::TempDir d;
  std::filesystem::copy(fixture("tiny"), d.str(), std::filesystem::copy_options::recursive);
  std::filesystem::create_directory(d / "offerings");
  std::filesystem::rename(d / "offerings.csv", d / "offerings/a.csv");
  std::filesystem::create_symlink("loop.csv", d / "offerings/loop.csv");
  const auto r = aisov::Engine::validate(d.str());  // must not throw
  EXPECT_TRUE(r.ok) << aisov::test::joined_lines(r.errors);
  EXPECT_NE(aisov::test::joined_lines(r.warnings).find("loop.csv"), std::string::npos);
}

TEST(Hardening, EventStreamsEndWithAShutdownEventWhenTheServerStops) {
  aisov::server::ServerOptions o;
  o.max_draws = 100000000;
  LiveServer s(fixture("tiny"), o);
  auto c = s.client();
  auto sub =
      c.Post("/api/v1/jobs/scenario?name=taiwan-foundry&draws=5000000&economies=USA&years=2030", "",
             "text/plain");
  ASSERT_TRUE(sub);
  ASSERT_EQ(sub->status, 202) << sub->body;
  const std::string events = sub->get_header_value("Location") + "/events";
  std::string stream;
  std::atomic<bool> first{false};
  std::thread reader([&] {
    auto rc = s.client();
    rc.Get(events.c_str(), [&](const char* data, size_t n) {
      stream.append(data, n);
      if (stream.find("data: ") != std::string::npos) first = true;
      return true;
    });
  });
  for (int i = 0; i < 500 && !first; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(first.load()) << "no event before the stop";
  const auto t0 = std::chrono::steady_clock::now();
  s.stop();  // as on SIGTERM: the stream must end, with a last event that says why
  reader.join();
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The last event of the stream is "shutdown", carrying the unfinished job.
  const auto at = stream.rfind("event: ");
  ASSERT_NE(at, std::string::npos) << stream;
  std::istringstream tail(stream.substr(at));
  std::string name_line, data_line;
  std::getline(tail, name_line);
  std::getline(tail, data_line);
  EXPECT_EQ(name_line, "event: shutdown") << stream;
  ASSERT_EQ(data_line.rfind("data: ", 0), 0u) << stream;
  const json job = json::parse(data_line.substr(6));
  EXPECT_TRUE(job["state"] == "running" || job["state"] == "queued") << job.dump();
  EXPECT_LT(job["draws_done"].get<int64_t>(), 5000000);
  // Not a speed claim: a stop that waited for 5 million draws would take minutes.
  EXPECT_LT(waited, 30.0);
}

// The fuzz target reaches the routes through Server::exchange() rather than a socket: it must
// answer exactly as the socket does, byte for byte, for good and bad requests alike.
TEST(Hardening, InProcessExchangeAnswersAsTheSocketDoes) {
  LiveServer s(fixture("tiny"));
  const std::vector<std::string> requests = {
      get("/api/v1/health"),
      get("/api/v1/census?format=csv"),
      get("/api/v1/profile/USA"),
      get("/api/v1/nothing%FF"),
      get("/api/v1/census?as_of=%FF"),
      get("/api/v1/health", "evil.example"),
      "POST /api/v1/scenario/check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      "Content-Type: application/toml\r\nContent-Length: 11\r\n\r\nname = \"x\"\n",
      // A request line that does not parse, and nothing after it. (httplib answers 400 without
      // reading on; what follows a bad line differs: a socket drops the bytes it has buffered,
      // the memory stream reads them as further requests, as a socket does when they arrive
      // in later packets.)
      "GARBAGE\r\n",
  };
  for (const auto& r : requests) {
    const std::string by_socket = raw(s.port(), r);
    ASSERT_FALSE(by_socket.empty()) << r;
    EXPECT_EQ(s.server().exchange(r), by_socket) << r;
  }
  // Two pipelined requests on one connection get two replies, in order.
  const std::string keep = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const std::string both = s.server().exchange(keep + get("/api/v1/nothing"));
  EXPECT_EQ(status_of(both), 200);
  const auto second = both.find("HTTP/1.1 ", 1);
  ASSERT_NE(second, std::string::npos) << both;
  EXPECT_EQ(status_of(both.substr(second)), 404);
  // A reply larger than the cap is cut there, and the server goes on.
  EXPECT_EQ(s.server().exchange(get("/api/v1/census?format=csv"), 100).size(), 100u);
  expect_alive(s);
}

// The in-process fuzz target cancels what an input left running before the next input (a job
// still computing on another thread would be reported as a leak): cancel_jobs() cancels queued
// and running jobs through their token, returns once none runs, and keeps finished ones.
TEST(Hardening, CancelJobsStopsQueuedAndRunningJobsAndKeepsFinishedOnes) {
  aisov::server::ServerOptions o;
  o.max_draws = 100000000;
  o.max_running_jobs = 1;
  LiveServer s(fixture("tiny"), o);
  aisov::server::Server& server = s.server();
  const auto submit = [&](const std::string& draws) {
    const std::string reply = server.exchange(
        "POST /api/v1/jobs/scenario?name=taiwan-foundry&economies=USA&years=2030&draws=" + draws +
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(status_of(reply), 202) << reply;
  };
  const auto state = [&](int id) {
    const std::string reply = server.exchange("GET /api/v1/jobs/" + std::to_string(id) +
                                              " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Connection: close\r\n\r\n");
    const auto body = reply.find("\r\n\r\n");
    return json::parse(reply.substr(body + 4))["state"].get<std::string>();
  };
  submit("10");  // job 1: small, let it finish
  for (int i = 0; i < 3000 && state(1) != "done"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(state(1), "done");
  submit("5000000");  // job 2: runs for minutes unless cancelled
  submit("5000000");  // job 3: queued behind it (one job runs at a time)
  server.cancel_jobs();
  EXPECT_EQ(state(1), "done");
  EXPECT_EQ(state(2), "cancelled");
  EXPECT_EQ(state(3), "cancelled");
  expect_alive(s);
}

namespace {

// A connected loopback socket (or -1).
int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True when the server has closed `fd` (a read returns end of file or an error) within `ms`.
bool closed_by_server(int fd, int ms) {
  timeval tv{ms / 1000, (ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[4096];
  for (;;) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
  }
}

}  // namespace

// Slowloris: a client that sends its headers a byte at a time, each byte well inside the socket
// timeout, used to hold a connection thread for as long as it kept sending. The header deadline
// (--header-timeout-ms, from the request's first byte) now ends it.
TEST(Hardening, HeadersTricklingInAreCutAtTheHeaderDeadline) {
  aisov::server::ServerOptions o;
  o.header_timeout_ms = 1500;
  o.io_timeout_s = 10;
  LiveServer s(fixture("tiny"), o);
  const int fd = connect_loopback(s.port());
  ASSERT_GE(fd, 0);
  const std::string request =
      "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a');
  const auto t0 = std::chrono::steady_clock::now();
  bool cut = false;
  for (char c : request) {  // one byte every 100 ms: 20 s for the whole header
    if (::send(fd, &c, 1, MSG_NOSIGNAL) != 1 || closed_by_server(fd, 100)) {
      cut = true;
      break;
    }
  }
  const double after = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ::close(fd);
  EXPECT_TRUE(cut) << "the connection was still open after " << after << " s";
  // Not a speed claim: the deadline is 1.5 s, the whole trickle would take 20 s.
  EXPECT_GE(after, 1.4);
  EXPECT_LT(after, 10.0);
  expect_alive(s);
}

// The deadline counts from each request's first byte, not from the connection: a kept-alive
// connection idle between requests for longer than the deadline (but inside the keep-alive
// timeout) still gets its second answer, and pipelined requests are all answered.
TEST(Hardening, HeaderDeadlineCountsFromEachRequest) {
  aisov::server::ServerOptions o;
  o.header_timeout_ms = 500;
  LiveServer s(fixture("tiny"), o);
  const int fd = connect_loopback(s.port());
  ASSERT_GE(fd, 0);
  const std::string keep = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const auto answer = [&](const std::string& bytes, int replies) {
    EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string got;
    char buf[4096];
    auto count = [&] {
      int n = 0;
      for (auto at = got.find("HTTP/1.1 200"); at != std::string::npos;
           at = got.find("HTTP/1.1 200", at + 1))
        ++n;
      return n;
    };
    while (count() < replies) {
      const auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    return count();
  };
  EXPECT_EQ(answer(keep, 1), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // idle past the deadline
  EXPECT_EQ(answer(keep, 1), 1);
  EXPECT_EQ(answer(keep + keep + keep, 3), 3);
  ::close(fd);
}
