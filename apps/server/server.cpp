// HTTP routes over the Engine: parse the query, make the same Engine call and render() as the
// CLI, reply. No domain logic here.
#include "server.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "core/strings.hpp"
#include "http_util.hpp"
#include "invest_routes.hpp"
#include "io/csv.hpp"
#include "job_runner.hpp"
#include "job_store.hpp"
#include "response_cache.hpp"
#include "scenario_routes.hpp"

namespace aisov::server {

// Shared with the other route files through http_util.hpp.
namespace http {

constexpr const char* kDataVersionHeader = "X-Aisov-Data-Version";
constexpr const char* kProblemType = "application/problem+json";
constexpr const char* kAllow = "GET, HEAD, OPTIONS";

constexpr Route kCensus{"/api/v1/census", R"(/api/v1/census)"};
constexpr Route kProfile{"/api/v1/profile/{iso3}", R"(/api/v1/profile/([^/]+))"};
constexpr Route kSites{"/api/v1/sites", R"(/api/v1/sites)"};
constexpr Route kSources{"/api/v1/data/sources", R"(/api/v1/data/sources)"};
constexpr Route kInfo{"/api/v1/data/info", R"(/api/v1/data/info)"};
constexpr Route kValidate{"/api/v1/data/validate", R"(/api/v1/data/validate)"};
constexpr Route kHealth{"/api/v1/health", R"(/api/v1/health)"};
constexpr Route kOpenApi{"/api/v1/openapi.json", R"(/api/v1/openapi\.json)"};
constexpr Route kRoutes[] = {kCensus, kProfile,  kSites,  kSources,
                             kInfo,   kValidate, kHealth, kOpenApi};

const char* content_type(Format f) {
  switch (f) {
    case Format::kCsv:
      return "text/csv; charset=utf-8";
    case Format::kTable:
      return "text/plain; charset=utf-8";
    case Format::kJson:
      break;
  }
  return "application/json";
}

Reply problem(const Error& e) {
  Reply r{error_http_status(e.code), kProblemType, render(e, Format::kJson), {}};
  if (e.code == ErrorCode::kBusy) r.headers.emplace_back("Retry-After", "1");
  if (e.code == ErrorCode::kMethodNotAllowed) r.headers.emplace_back("Allow", kAllow);
  return r;
}

Error bad(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), {}};
}

std::string printable(std::string_view text) {
  std::string out;
  for (const char ch : text.substr(0, 200)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7F) {
      out += ch;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return text.size() > 200 ? out + "..." : out;
}

// Query parameters by name (repeats kept), checked against the names an endpoint takes.
using Query = std::map<std::string, std::vector<std::string>>;

Result<Query> read_query(const httplib::Request& req,
                         std::initializer_list<std::string_view> allowed) {
  Query q;
  for (const auto& [name, value] : req.params) {
    if (io::invalid_utf8_at(name) != std::string_view::npos ||
        io::invalid_utf8_at(value) != std::string_view::npos) {
      return bad("query parameter '" + printable(name) + "' is not valid UTF-8");
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string names;
      for (auto a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      return bad("unknown query parameter '" + name + "' (" +
                 (names.empty() ? "this endpoint takes none" : "expected " + names) + ")");
    }
    q[name].push_back(value);
  }
  return q;
}

// A parameter given at most once; empty when absent.
Result<std::string> scalar(const Query& q, const std::string& name) {
  auto it = q.find(name);
  if (it == q.end()) return std::string();
  if (it->second.size() > 1) return bad("query parameter '" + name + "' given more than once");
  return it->second.front();
}

// A comma-separated list, which may also be repeated.
std::vector<std::string> list(const Query& q, const std::string& name) {
  std::vector<std::string> out;
  auto it = q.find(name);
  if (it == q.end()) return out;
  for (const auto& v : it->second) {
    for (auto& item : parse_list(v)) out.push_back(std::move(item));
  }
  return out;
}

bool accepts_csv(const httplib::Request& req) {
  return req.get_header_value("Accept").find("text/csv") != std::string::npos;
}

// ?format= wins; otherwise CSV when the Accept header asks for it; otherwise JSON.
Result<Format> reply_format(const httplib::Request& req, const Query& q) {
  auto f = scalar(q, "format");
  if (!f) return f.error();
  if (!f.value().empty()) return parse_format(f.value());
  if (accepts_csv(req)) return Format::kCsv;
  return Format::kJson;
}

// The options census and profile share.
struct Scope {
  std::string as_of;
  std::vector<std::string> providers, site_kinds;
  CensusWeight weight = CensusWeight::kRegions;
};

Result<Scope> read_scope(const Query& q) {
  Scope s;
  auto as_of = scalar(q, "as_of");
  if (!as_of) return as_of.error();
  s.as_of = as_of.value();
  s.providers = list(q, "providers");
  s.site_kinds = list(q, "site_kinds");
  auto weight = scalar(q, "weight");
  if (!weight) return weight.error();
  if (!weight.value().empty()) {
    auto w = parse_census_weight(weight.value());
    if (!w) return w.error();
    s.weight = w.value();
  }
  return s;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k.c_str(), v);
  res.set_content(reply.body, reply.content_type.c_str());
}

// Errors httplib raises itself (no route, body or URI too large, malformed request).
Error http_error(int status, const httplib::Request& req, std::size_t max_body) {
  switch (status) {
    case 404:
      return Error{ErrorCode::kNotFound, "no resource at '" + req.path + "'", {}};
    case 405:
      return Error{ErrorCode::kMethodNotAllowed, req.method + " is not allowed here", {}};
    case 413:
    case 414:
      return Error{ErrorCode::kPayloadTooLarge,
                   "the request is larger than the server accepts (body limit " +
                       std::to_string(max_body) + " bytes)",
                   {}};
    default:
      break;
  }
  if (status >= 500) return Error{ErrorCode::kInternal, "internal server error", {}};
  return bad("malformed request (HTTP status " + std::to_string(status) + ")");
}

}  // namespace http

namespace {

using namespace http;  // NOLINT(google-build-using-namespace)

// httplib listens with a backlog of 5 (compiled into Debian's library), so bursts of reconnects
// had their SYNs dropped and waited a second for a retransmit. Listening again on the bound
// socket raises the backlog.
class HttpServer : public httplib::Server {
 public:
  void raise_backlog(int backlog) {
    const auto sock = svr_sock_.load();
    if (sock != INVALID_SOCKET) ::listen(sock, backlog);
  }

  void set_header_timeout(std::chrono::milliseconds t) { header_timeout_ = t; }

  // One connection's requests, routed in-process: httplib's own request loop over a memory stream
  // (as process_and_close_socket runs it over a socket), ending when the input is used up, the
  // server closes the connection, or the keep-alive count runs out.
  std::string exchange(std::string_view raw, std::size_t max_reply) {
    MemoryStream strm(raw, max_reply);
    for (int count = kKeepAliveMax; count > 0 && strm.has_input(); --count) {
      bool closed = false;
      if (!process_request(strm, count == 1, closed, nullptr) || closed) break;
    }
    return std::move(strm).reply();
  }

 private:
  static constexpr int kKeepAliveMax = 100;
  std::chrono::milliseconds header_timeout_{10000};

  // Each accepted connection: httplib's keep-alive loop (as the library runs it), over a socket
  // stream whose reads also end at a deadline for each request's line and headers, counted from
  // the request's first byte. httplib's own stream times out only a read that gets nothing, so a
  // client sending a header byte every few seconds held a connection thread for ever.
  bool process_and_close_socket(socket_t sock) override {
    DeadlineSocketStream strm(sock, seconds(read_timeout_sec_, read_timeout_usec_),
                              seconds(write_timeout_sec_, write_timeout_usec_));
    bool ok = false;
    for (std::size_t count = keep_alive_max_count_; count > 0; --count) {
      if (!strm.wait_for_request(std::chrono::seconds(keep_alive_timeout_sec_), svr_sock_)) break;
      strm.start_request(header_timeout_);
      bool closed = false;
      ok = process_request(strm, count == 1, closed,
                           [&strm](httplib::Request&) { strm.end_headers(); });
      if (!ok || closed) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
  }

  static std::chrono::milliseconds seconds(time_t sec, time_t usec) {
    return std::chrono::milliseconds(sec * 1000 + usec / 1000);
  }

  class DeadlineSocketStream final : public httplib::Stream {
   public:
    using Clock = std::chrono::steady_clock;
    DeadlineSocketStream(socket_t sock, std::chrono::milliseconds read_timeout,
                         std::chrono::milliseconds write_timeout)
        : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

    // Keep-alive: waits until the next request's first byte (or buffered bytes of a pipelined
    // one); false when the connection is idle past `idle`, closed, or the server stops.
    bool wait_for_request(std::chrono::milliseconds idle, const std::atomic<socket_t>& server) {
      if (pos_ < len_) return true;
      const auto until = Clock::now() + idle;
      while (server != INVALID_SOCKET) {
        const int r = poll_for(POLLIN, std::chrono::milliseconds(100));
        if (r != 0) return r > 0;
        if (Clock::now() >= until) return false;
      }
      return false;
    }
    void start_request(std::chrono::milliseconds header_timeout) {
      deadline_ = Clock::now() + header_timeout;
      in_headers_ = true;
    }
    void end_headers() { in_headers_ = false; }

    bool is_readable() const override { return pos_ < len_ || wait_readable(); }
    bool is_writable() const override { return poll_for(POLLOUT, write_timeout_) > 0; }
    ssize_t read(char* ptr, size_t size) override {
      if (pos_ == len_) {
        // httplib reads a request line and headers a byte at a time: fill a buffer instead.
        ssize_t n;
        for (;;) {
          if (!wait_readable()) return -1;
          n = ::recv(sock_, buf_.data(), buf_.size(), MSG_DONTWAIT);
          if (n >= 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) break;
        }
        if (n <= 0) return n;
        pos_ = 0;
        len_ = static_cast<std::size_t>(n);
      }
      const std::size_t n = std::min(size, len_ - pos_);
      std::copy_n(buf_.data() + pos_, n, ptr);
      pos_ += n;
      return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
      for (;;) {
        if (!is_writable()) return -1;
        const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) return n;
      }
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
      address(::getpeername, ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
      address(::getsockname, ip, port);
    }
    socket_t socket() const override { return sock_; }

   private:
    // Waits for bytes up to the read timeout, and within a request's headers no later than
    // their deadline.
    bool wait_readable() const {
      auto wait = read_timeout_;
      if (in_headers_) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
        if (left.count() <= 0) return false;
        wait = std::min(wait, left);
      }
      return poll_for(POLLIN, wait) > 0;
    }
    // poll() for `events` up to `wait`: 1 ready, 0 not in time, -1 failed or hung up.
    int poll_for(short events, std::chrono::milliseconds wait) const {
      pollfd p{sock_, events, 0};
      int r;
      do {
        r = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(0, wait.count())));
      } while (r < 0 && errno == EINTR);
      if (r > 0 && (p.revents & (POLLERR | POLLNVAL)) != 0) return -1;
      return r > 0 ? 1 : r;
    }
    template <typename Name>
    void address(Name name, std::string& ip, int& port) const {
      sockaddr_storage a{};
      socklen_t len = sizeof a;
      ip.clear();
      port = 0;
      if (name(sock_, reinterpret_cast<sockaddr*>(&a), &len) != 0) return;
      char text[INET6_ADDRSTRLEN] = {};
      if (a.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&a);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
      } else if (a.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&a);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
      }
      ip = text;
    }

    socket_t sock_;
    std::chrono::milliseconds read_timeout_, write_timeout_;
    Clock::time_point deadline_{};
    bool in_headers_ = false;
    std::array<char, 4096> buf_{};
    std::size_t pos_ = 0, len_ = 0;
  };

  class MemoryStream final : public httplib::Stream {
   public:
    MemoryStream(std::string_view in, std::size_t max_out) : in_(in), max_out_(max_out) {}
    bool has_input() const { return pos_ < in_.size(); }
    std::string reply() && { return std::move(out_); }
    bool is_readable() const override { return has_input(); }
    bool is_writable() const override { return out_.size() < max_out_; }
    ssize_t read(char* ptr, size_t size) override {
      const std::size_t n = std::min(size, in_.size() - pos_);
      std::copy_n(in_.data() + pos_, n, ptr);
      pos_ += n;
      return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
      if (out_.size() >= max_out_) return -1;  // the "client" has gone
      out_.append(ptr, std::min(size, max_out_ - out_.size()));
      return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
      ip = "127.0.0.1";
      port = 0;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
      ip = "127.0.0.1";
      port = 0;
    }
    socket_t socket() const override { return INVALID_SOCKET; }

   private:
    std::string_view in_;
    std::size_t pos_ = 0;
    std::string out_;
    std::size_t max_out_;
  };
};

}  // namespace

struct Server::Impl {
  Impl(const Engine& e, ServerOptions o)
      : engine(e),
        options(std::move(o)),
        cache(options.cache_bytes),
        jobs(options.max_jobs > 0
                 ? options.max_jobs
                 : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
             std::chrono::milliseconds(options.queue_wait_ms),
             std::chrono::milliseconds(options.max_run_ms)),
        store(JobStoreOptions{options.max_running_jobs, options.max_kept_jobs,
                              std::chrono::milliseconds(options.max_job_run_ms)}) {
    routes();
  }

  // Requests refused before routing (and before any body is read): an invalid path, a Host that
  // names another site (DNS rebinding against a loopback server), a chunked body whose size the
  // body limit cannot check in advance.
  std::optional<Error> refuse_early(const httplib::Request& req) const {
    if (io::invalid_utf8_at(req.path) != std::string_view::npos) {
      return bad("the request path is not valid UTF-8");
    }
    if (req.path.find('\0') != std::string::npos) {
      return bad("the request path contains a NUL byte");
    }
    if (!host_allowed(req.get_header_value("Host"))) {
      return Error{ErrorCode::kInvalidArgument,
                   "Host '" + printable(req.get_header_value("Host")) +
                       "' is not a name of this server (serve --allow-host NAME adds one)",
                   {}};
    }
    const std::string te = req.get_header_value("Transfer-Encoding");
    if (!te.empty() && te != "identity") {
      return Error{ErrorCode::kLengthRequired,
                   "request bodies must have a Content-Length (Transfer-Encoding '" +
                       printable(te) + "' is not accepted)",
                   {}};
    }
    return std::nullopt;
  }

  // The Host header (without port) must name the bound address, a loopback name, or an allowed
  // host; with --allow-host '*' any name is accepted.
  bool host_allowed(const std::string& header) const {
    if (header.empty()) return true;  // HTTP/1.0
    std::string host = header;
    if (!host.empty() && host.front() == '[') {
      host = host.substr(0, host.find(']') + 1);
    } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
      host = host.substr(0, colon);
    }
    host = core::to_lower(host);
    if (host == "localhost" || host == "127.0.0.1" || host == "[::1]" ||
        host == core::to_lower(options.host) || host == "[" + options.host + "]") {
      return true;
    }
    for (const auto& a : options.allowed_hosts) {
      if (a == "*" || core::to_lower(a) == host) return true;
    }
    return false;
  }

  Reply run(std::function<Reply()> job) {
    auto r = jobs.run(std::move(job));
    return r ? std::move(r).value() : problem(r.error());
  }

  Reply census(const httplib::Request& req) {
    auto q = read_query(req, {"as_of", "providers", "site_kinds", "by", "weight", "format"});
    if (!q) return problem(q.error());
    auto fmt = reply_format(req, q.value());
    if (!fmt) return problem(fmt.error());
    auto scope = read_scope(q.value());
    if (!scope) return problem(scope.error());
    auto by = scalar(q.value(), "by");
    if (!by) return problem(by.error());
    CensusRequest cr;
    if (!by.value().empty()) {
      auto b = parse_census_by(by.value());
      if (!b) return problem(b.error());
      cr.by = b.value();
    }
    cr.as_of = scope.value().as_of;
    cr.providers = scope.value().providers;
    cr.site_kinds = scope.value().site_kinds;
    cr.weight = scope.value().weight;
    const Format f = fmt.value();
    return run([&eng = engine, cr, f] {
      auto r = eng.census(cr);
      return r ? Reply{200, content_type(f), render(r.value(), f), {}} : problem(r.error());
    });
  }

  Reply profile(const httplib::Request& req) {
    auto q = read_query(req, {"as_of", "providers", "site_kinds", "weight", "format"});
    if (!q) return problem(q.error());
    auto fmt = reply_format(req, q.value());
    if (!fmt) return problem(fmt.error());
    auto scope = read_scope(q.value());
    if (!scope) return problem(scope.error());
    ProfileRequest pr;
    pr.iso3 = req.matches[1].str();
    pr.as_of = scope.value().as_of;
    pr.providers = scope.value().providers;
    pr.site_kinds = scope.value().site_kinds;
    pr.weight = scope.value().weight;
    const Format f = fmt.value();
    return run([&eng = engine, pr, f] {
      auto r = eng.profile(pr);
      return r ? Reply{200, content_type(f), render(r.value(), f), {}} : problem(r.error());
    });
  }

  Reply sites(const httplib::Request& req) {
    auto q = read_query(req, {"as_of", "providers", "site_kinds", "format"});
    if (!q) return problem(q.error());
    auto fmt = reply_format(req, q.value());
    if (!fmt) return problem(fmt.error());
    auto scope = read_scope(q.value());
    if (!scope) return problem(scope.error());
    SitesRequest sr;
    sr.as_of = scope.value().as_of;
    sr.providers = scope.value().providers;
    sr.site_kinds = scope.value().site_kinds;
    const Format f = fmt.value();
    return run([&eng = engine, sr, f] {
      auto r = eng.sites(sr);
      return r ? Reply{200, content_type(f), render(r.value(), f), {}} : problem(r.error());
    });
  }

  // data sources, info and validate take only ?format=.
  Reply data(const httplib::Request& req, const Route& route) {
    auto q = read_query(req, {"format"});
    if (!q) return problem(q.error());
    auto fmt = reply_format(req, q.value());
    if (!fmt) return problem(fmt.error());
    const Format f = fmt.value();
    if (&route == &kInfo) return Reply{200, content_type(f), render(engine.summary(), f), {}};
    if (&route == &kSources) {
      return run([&eng = engine, f] {
        return Reply{200, content_type(f), render(eng.sources(), f), {}};
      });
    }
    // The served dataset is immutable, so its report is computed once.
    return run([this, f] {
      std::call_once(validated,
                     [this] { validation = Engine::validate(engine.summary().data_dir); });
      return Reply{200, content_type(f), render(validation, f), {}};
    });
  }

  Reply health(const httplib::Request& req) {
    auto q = read_query(req, {});
    if (!q) return problem(q.error());
    return Reply{200,
                 "application/json",
                 "{\"status\":\"ok\",\"engine_version\":" + json_string(Engine::version()) +
                     ",\"dataset_version\":" + json_string(engine.summary().dataset_version) +
                     "}\n",
                 {}};
  }

  void routes() {
    using httplib::Request;
    using httplib::Response;
    http.new_task_queue = [n = std::max(1, options.threads)] {
      return new httplib::ThreadPool(static_cast<std::size_t>(n));
    };
    http.set_default_headers({{kDataVersionHeader, engine.summary().dataset_version}});
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(options.io_timeout_s, 0);
    http.set_header_timeout(std::chrono::milliseconds(std::max(1, options.header_timeout_ms)));
    http.set_write_timeout(options.io_timeout_s, 0);
    http.set_keep_alive_max_count(10000);
    // Without it a reply's header and body writes meet Nagle's algorithm and the client's delayed
    // ACK: a 40 ms wait per request on a kept-alive connection. Accepted sockets inherit it.
    http.set_tcp_nodelay(true);
    // httplib also sets SO_REUSEPORT, which lets a second server bind the same port and the
    // kernel split requests between the two. SO_REUSEADDR alone: "address in use" instead.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    if (!options.web_dir.empty() && std::filesystem::is_directory(options.web_dir)) {
      http.set_mount_point("/", options.web_dir);
    }
    // Every GET route but health is answered from the response cache.
    auto get = [this](const Route& route, std::function<Reply(const Request&)> fn) {
      http.Get(route.pattern, &route == &kHealth ? httplib::Server::Handler(
                                                       [fn](const Request& req, Response& res) {
                                                         send(res, fn(req));
                                                       })
                                                 : cached(cache, std::move(fn)));
    };
    get(kCensus, [this](const Request& req) { return census(req); });
    get(kProfile, [this](const Request& req) { return profile(req); });
    get(kSites, [this](const Request& req) { return sites(req); });
    for (const Route* r : {&kSources, &kInfo, &kValidate}) {
      get(*r, [this, r](const Request& req) { return data(req, *r); });
    }
    get(kHealth, [this](const Request& req) { return health(req); });
    get(kOpenApi, [](const Request&) {
      return Reply{200, "application/json", openapi_document(), {}};
    });
    const httplib::Server::Handler not_allowed = [](const Request& req, Response& res) {
      send(res, problem(Error{
                    ErrorCode::kMethodNotAllowed,
                    req.method + " is not allowed on " + req.path + " (allowed: " + kAllow + ")",
                    {}}));
    };
    const httplib::Server::Handler options_reply = [](const Request&, Response& res) {
      res.status = 204;
      res.set_header("Allow", kAllow);
    };
    for (const Route& r : kRoutes) {
      http.Post(r.pattern, not_allowed);
      http.Put(r.pattern, not_allowed);
      http.Patch(r.pattern, not_allowed);
      http.Delete(r.pattern, not_allowed);
      http.Options(r.pattern, options_reply);
    }
    // Brotli at httplib's fixed quality (11) takes about a second for a 1.5 MB scenario result
    // where gzip takes 0.05 s at a similar size gain, so replies are never Brotli-encoded: "br"
    // is dropped from Accept-Encoding before routing. The Request is httplib's own non-const
    // object, handed to handlers as const.
    http.set_pre_routing_handler([this](const Request& req, Response& res) {
      if (auto refusal = refuse_early(req)) {
        send(res, problem(*refusal));
        return httplib::Server::HandlerResponse::Handled;
      }
      auto& headers = const_cast<httplib::Headers&>(req.headers);
      // A multi-range request could ask for the same bytes hundreds of times: only one range
      // is honoured; with several the whole file is sent.
      // httplib parsed the ranges before routing: drop them too.
      auto& ranges = const_cast<httplib::Ranges&>(req.ranges);
      if (ranges.size() > 1) ranges.clear();
      for (auto it = headers.begin(); it != headers.end();) {
        const bool multi_range = strcasecmp(it->first.c_str(), "Range") == 0 &&
                                 it->second.find(',') != std::string::npos;
        it = multi_range ? headers.erase(it) : std::next(it);
      }
      // Bodies are TOML or JSON documents, never forms: a form content type (curl's default
      // for --data-binary) would make httplib parse the body with its 8 KB form limit.
      for (auto& [name, value] : headers) {
        if (strcasecmp(name.c_str(), "Content-Type") == 0 &&
            value.find("application/x-www-form-urlencoded") != std::string::npos) {
          value = "text/plain";
        }
      }
      for (auto& [name, value] : headers) {
        if (name.size() != 15 || strcasecmp(name.c_str(), "Accept-Encoding") != 0) continue;
        std::string kept;
        for (const auto& token : parse_list(value)) {
          if (token == "br" || token.rfind("br;", 0) == 0) continue;
          kept += (kept.empty() ? "" : ", ") + token;
        }
        value = kept;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    // The scenario routes (scenario_routes.cpp): list, source, check, run and jobs.
    add_scenario_routes(
        http, ScenarioContext{engine, options, jobs, store, stopping, open_streams, cache});
    // The investment, optimiser, siting and placement routes (invest_routes.cpp).
    add_invest_routes(http,
                      ScenarioContext{engine, options, jobs, store, stopping, open_streams, cache});
    std::vector<Route> routed = scenario_routes();
    routed.insert(routed.end(), invest_routes().begin(), invest_routes().end());
    for (const Route& r : routed) {
      const std::string allow = r.allow;
      const httplib::Server::Handler refuse = [allow](const Request& req, Response& res) {
        Reply reply = problem(
            Error{ErrorCode::kMethodNotAllowed,
                  req.method + " is not allowed on " + req.path + " (allowed: " + allow + ")",
                  {}});
        reply.headers = {{"Allow", allow}};
        send(res, reply);
      };
      const auto takes = [&allow](const char* m) {
        return (", " + allow + ",").find(std::string(", ") + m + ",") != std::string::npos;
      };
      if (!takes("GET")) http.Get(r.pattern, refuse);
      if (!takes("POST")) http.Post(r.pattern, refuse);
      if (!takes("DELETE")) http.Delete(r.pattern, refuse);
      http.Put(r.pattern, refuse);
      http.Patch(r.pattern, refuse);
      http.Options(r.pattern, [allow](const Request&, Response& res) {
        res.status = 204;
        res.set_header("Allow", allow);
      });
    }
    // Fills in a problem body for errors httplib raised itself; ours already have a body.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          send(res, problem(http_error(res.status, req, options.max_body_bytes)));
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      send(res, problem(Error{ErrorCode::kInternal, "internal error: " + what, {}}));
    });
  }

  const Engine& engine;
  const ServerOptions options;
  ResponseCache cache;  // GET replies over the immutable dataset (response_cache.hpp)
  std::once_flag validated;
  ValidationReport validation;
  HttpServer http;
  std::atomic<bool> listen_called{false};
  std::atomic<bool> stopping{false};
  std::atomic<int> open_streams{0};
  // Last: destroyed first, so running jobs finish before what they use goes away.
  JobRunner jobs;
  JobStore store;
};

Server::Server(const Engine& engine, ServerOptions options)
    : impl_(std::make_unique<Impl>(engine, std::move(options))) {}

Server::~Server() { stop(); }

Result<int> Server::bind() {
  const auto& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
    if (port < 0) port = 0;
  } else if (!impl_->http.bind_to_port(o.host, port)) {
    port = 0;
  }
  if (port > 0) impl_->http.raise_backlog(SOMAXCONN);
  if (port <= 0) {
    return Error{ErrorCode::kIoError,
                 "cannot listen on " + o.host + ":" + std::to_string(o.port) +
                     " (address in use, not local, or not permitted)",
                 {}};
  }
  return port;
}

bool Server::listen() {
  impl_->listen_called = true;
  return impl_->http.listen_after_bind();
}

void Server::stop() {
  // httplib's stop() is a no-op until listen_after_bind() has started; wait for it (briefly).
  if (impl_->listen_called) {
    for (int i = 0; i < 2000 && !impl_->http.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  impl_->stopping = true;  // ends event streams, which hold connection threads
  impl_->http.stop();
}

void Server::cancel_jobs() { impl_->store.cancel_all_and_wait(); }

CacheStats Server::cache_stats() const { return impl_->cache.stats(); }

std::string Server::exchange(std::string_view raw, std::size_t max_reply_bytes) {
  return impl_->http.exchange(raw, max_reply_bytes);
}

std::vector<std::string> api_paths() {
  std::vector<std::string> out;
  for (const Route& r : kRoutes) out.emplace_back(r.path);
  for (const Route& r : scenario_routes()) out.emplace_back(r.path);
  for (const Route& r : invest_routes()) out.emplace_back(r.path);
  return out;
}

std::string default_web_dir() { return AISOV_DEFAULT_WEB_DIR; }

int serve_until_signal(const Engine& engine, const ServerOptions& options, bool quiet) {
  // Block SIGINT/SIGTERM here so every server thread inherits the mask; this thread waits.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Server server(engine, options);
  auto port = server.bind();
  if (!port) {
    std::cerr << render(port.error(), Format::kTable);
    return error_exit_code(port.error().code);
  }
  if (!quiet) {
    std::cerr << "aisov: serving dataset " << engine.summary().dataset_version << " on http://"
              << options.host << ":" << port.value() << "/api/v1 (Ctrl-C stops)" << std::endl;
    if (!options.web_dir.empty() && std::filesystem::is_directory(options.web_dir)) {
      std::cerr << "aisov: dashboard at http://" << options.host << ":" << port.value() << "/"
                << std::endl;
    }
  }
  std::atomic<bool> failed{false};
  std::thread listener([&] {
    if (!server.listen()) {
      failed = true;
      ::kill(::getpid(), SIGTERM);  // wakes sigwait below
    }
  });
  int sig = 0;
  sigwait(&signals, &sig);
  if (!quiet) std::cerr << "aisov: stopping" << std::endl;
  server.stop();
  listener.join();
  return failed ? 1 : 0;
}

}  // namespace aisov::server
