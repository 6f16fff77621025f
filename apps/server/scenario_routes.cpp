// Scenario routes over Engine::scenario_list / scenario_source / scenario_check / scenario_run,
// rendered with the same render() as `aisov scenario … --format json|csv`. No domain logic.
#include "scenario_routes.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>

#include "aisov/scenario_source.hpp"

namespace aisov::server {

namespace {

using namespace http;  // NOLINT(google-build-using-namespace)

constexpr Route kScenarios{"/api/v1/scenarios", R"(/api/v1/scenarios)"};
constexpr Route kScenario{"/api/v1/scenarios/{name}", R"(/api/v1/scenarios/([^/]+))"};
constexpr Route kCheck{"/api/v1/scenario/check", R"(/api/v1/scenario/check)", "POST, OPTIONS"};
constexpr Route kRun{"/api/v1/scenario/run", R"(/api/v1/scenario/run)", "POST, OPTIONS"};
constexpr Route kSubmit{"/api/v1/jobs/scenario", R"(/api/v1/jobs/scenario)", "POST, OPTIONS"};
constexpr Route kJob{"/api/v1/jobs/{id}", R"(/api/v1/jobs/([^/]+))", "GET, DELETE, HEAD, OPTIONS"};
constexpr Route kJobResult{"/api/v1/jobs/{id}/result", R"(/api/v1/jobs/([^/]+)/result)"};
constexpr Route kJobEvents{"/api/v1/jobs/{id}/events", R"(/api/v1/jobs/([^/]+)/events)"};

template <typename T>
bool parse_number(const std::string& text, T& out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

// "2027,2030" or "2027-2030" (or a mix) → years.
Result<std::vector<int>> parse_years(const std::vector<std::string>& parts) {
  std::vector<int> out;
  for (const auto& part : parts) {
    const auto dash = part.find('-', 1);
    int a = 0, b = 0;
    const bool ok = dash == std::string::npos ? parse_number(part, a) && (b = a, true)
                                              : parse_number(part.substr(0, dash), a) &&
                                                    parse_number(part.substr(dash + 1), b);
    if (!ok || b < a || b - a > 200) {
      return bad("malformed years '" + part + "' (expected e.g. 2027,2030 or 2027-2030)");
    }
    for (int y = a; y <= b; ++y) out.push_back(y);
  }
  return out;
}

// The scenario of a request: ?name= (a bundled scenario) or the body (JSON when the content
// type says so or it starts with '{', otherwise TOML).
Result<ScenarioRequest> scenario_input(const ScenarioContext& cx, const httplib::Request& req,
                                       const Query& q) {
  auto name = scalar(q, "name");
  if (!name) return name.error();
  const bool has_body = req.body.find_first_not_of(" \t\r\n") != std::string::npos;
  ScenarioRequest sr;
  if (!name.value().empty()) {
    if (has_body) return bad("give the scenario as the body or as ?name=, not both");
    auto list = cx.engine.scenario_list();
    if (!list) return list.error();
    for (const auto& e : list.value().scenarios) {
      if (e.file == name.value() || e.file.substr(0, e.file.rfind('.')) == name.value()) {
        sr.file = list.value().dir + "/" + e.file;
      }
    }
    if (sr.file.empty()) {
      return Error{ErrorCode::kNotFound,
                   "no bundled scenario '" + name.value() + "' (GET /api/v1/scenarios lists them)",
                   {}};
    }
    return sr;
  }
  if (!has_body) {
    return bad(
        "no scenario: send it as the request body (TOML or JSON) or name a bundled one "
        "with ?name=");
  }
  sr.text = req.body;
  const auto first = req.body.find_first_not_of(" \t\r\n");
  sr.json = req.get_header_value("Content-Type").find("json") != std::string::npos ||
            req.body[first] == '{';
  return sr;
}

// The run options: draws, seed, economies, years, target_rse.
Result<ScenarioRequest> run_input(const ScenarioContext& cx, const httplib::Request& req,
                                  const Query& q) {
  auto sr = scenario_input(cx, req, q);
  if (!sr) return sr;
  ScenarioRequest r = std::move(sr).value();
  auto draws = scalar(q, "draws");
  if (!draws) return draws.error();
  if (!draws.value().empty()) {
    if (!parse_number(draws.value(), r.draws) || r.draws < 1) {
      return bad("draws must be a whole number ≥ 1, not '" + draws.value() + "'");
    }
  }
  if (r.draws > cx.options.max_draws) {
    return Error{ErrorCode::kPayloadTooLarge,
                 std::to_string(r.draws) + " draws exceed this server's limit of " +
                     std::to_string(cx.options.max_draws) + " per request",
                 {}};
  }
  auto seed = scalar(q, "seed");
  if (!seed) return seed.error();
  if (!seed.value().empty() && !parse_number(seed.value(), r.seed)) {
    return bad("seed must be a whole number from 0 to 2^64−1, not '" + seed.value() + "'");
  }
  auto rse = scalar(q, "target_rse");
  if (!rse) return rse.error();
  if (!rse.value().empty() &&
      (!parse_number(rse.value(), r.target_rse) || !(r.target_rse >= 0 && r.target_rse <= 1))) {
    return bad("target_rse must be a number from 0 to 1, not '" + rse.value() + "'");
  }
  r.economies = list(q, "economies");
  auto years = parse_years(list(q, "years"));
  if (!years) return years.error();
  r.years = std::move(years).value();
  r.threads = cx.options.scenario_threads;
  return r;
}

std::string fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// JSON on one line (an event-stream data line): drops line breaks and the indentation after
// them, which never occur inside JSON strings (they are escaped there).
std::string one_line(const std::string& json) {
  std::string out;
  bool indent = false;
  for (char c : json) {
    if (c == '\n') {
      indent = true;
    } else if (!(indent && c == ' ')) {
      indent = false;
      out += c;
    }
  }
  return out;
}

std::string job_url(const std::string& id) { return "/api/v1/jobs/" + id; }

std::string status_json(const JobStatus& s) {
  const bool done = s.state == JobState::kDone;
  const double progress = done          ? 1.0
                          : s.total > 0 ? static_cast<double>(s.done) / static_cast<double>(s.total)
                                        : 0.0;
  std::string out =
      "{\"id\":" + json_string(s.id) + ",\"kind\":" + json_string(s.kind) + ",\"state\":\"" +
      job_state_name(s.state) + "\",\"draws_done\":" + std::to_string(s.done) +
      ",\"draws_requested\":" + std::to_string(s.total) + ",\"progress\":" + fixed3(progress) +
      ",\"queued_s\":" + fixed3(s.queued_s) + ",\"run_s\":" + fixed3(s.run_s) +
      ",\"links\":{\"self\":" + json_string(job_url(s.id)) +
      ",\"events\":" + json_string(job_url(s.id) + "/events");
  if (done) out += ",\"result\":" + json_string(job_url(s.id) + "/result");
  out += "}";
  if (s.error) {
    out += ",\"error\":" + one_line(render(*s.error, Format::kJson));
  }
  return out + "}\n";
}

Reply status_reply(int code, const JobStatus& s) {
  return Reply{code, "application/json", status_json(s), {}};
}

Reply not_found_job(const std::string& id) {
  return problem(Error{ErrorCode::kNotFound,
                       "no job '" + id + "' (finished jobs are kept until newer ones evict them)",
                       {}});
}

bool finished(JobState s) {
  return s == JobState::kDone || s == JobState::kFailed || s == JobState::kCancelled;
}

// Progress and the run-time limit of a synchronous run: past the limit the run cancels itself
// (the JobRunner has already answered 503 timeout), so its slot frees soon after.
struct SyncControl {
  std::atomic<bool> cancel{false};
  std::chrono::steady_clock::time_point deadline;
};

}  // namespace

// --- shared with the other job kinds (invest_routes.cpp: optimiser jobs)
Reply job_status_reply(int status, const JobStatus& job) { return status_reply(status, job); }
Reply job_not_found(const std::string& id) { return not_found_job(id); }
std::string job_location(const std::string& id) { return job_url(id); }

const std::vector<Route>& scenario_routes() {
  static const std::vector<Route> routes = {kScenarios, kScenario, kCheck,     kRun,
                                            kSubmit,    kJob,      kJobResult, kJobEvents};
  return routes;
}

void add_scenario_routes(httplib::Server& svr, const ScenarioContext& cx) {
  using httplib::Request;
  using httplib::Response;
  auto on = [](auto fn) {
    return httplib::Server::Handler(
        [fn](const Request& req, Response& res) { send(res, fn(req)); });
  };
  auto run_job = [cx](std::function<Reply()> job) {
    auto r = cx.runner.run(std::move(job));
    return r ? std::move(r).value() : problem(r.error());
  };

  svr.Get(kScenarios.pattern, on([cx, run_job](const Request& req) {
            auto q = read_query(req, {"format"});
            if (!q) return problem(q.error());
            auto fmt = reply_format(req, q.value());
            if (!fmt) return problem(fmt.error());
            const Format f = fmt.value();
            return run_job([&eng = cx.engine, f] {
              auto r = eng.scenario_list();
              return r ? Reply{200, content_type(f), render(r.value(), f), {}} : problem(r.error());
            });
          }));

  svr.Get(kScenario.pattern, on([cx, run_job](const Request& req) {
            auto q = read_query(req, {});
            if (!q) return problem(q.error());
            const std::string name = req.matches[1].str();
            return run_job([&eng = cx.engine, name] {
              auto r = scenario_source(eng, name);
              return r ? Reply{200, "application/json", render(r.value(), Format::kJson), {}}
                       : problem(r.error());
            });
          }));

  svr.Post(
      kCheck.pattern, on([cx, run_job](const Request& req) {
        auto q = read_query(req, {"name", "format"});
        if (!q) return problem(q.error());
        auto fmt = reply_format(req, q.value());
        if (!fmt) return problem(fmt.error());
        auto sr = scenario_input(cx, req, q.value());
        if (!sr) return problem(sr.error());
        const Format f = fmt.value();
        return run_job([&eng = cx.engine, r = std::move(sr).value(), f] {
          auto c = eng.scenario_check(r);
          return c ? Reply{200, content_type(f), render(c.value(), f), {}} : problem(c.error());
        });
      }));

  svr.Post(kRun.pattern, on([cx, run_job](const Request& req) {
             auto q = read_query(
                 req, {"name", "draws", "seed", "economies", "years", "target_rse", "format"});
             if (!q) return problem(q.error());
             auto fmt = reply_format(req, q.value());
             if (!fmt) return problem(fmt.error());
             auto sr = run_input(cx, req, q.value());
             if (!sr) return problem(sr.error());
             const Format f = fmt.value();
             auto control = std::make_shared<SyncControl>();
             control->deadline = std::chrono::steady_clock::now() +
                                 std::chrono::milliseconds(cx.options.max_run_ms);
             ScenarioRequest r = std::move(sr).value();
             r.cancel = &control->cancel;
             // Past the deadline, or when the server stops (SIGTERM), the run cancels itself.
             r.progress = [control, &stopping = cx.stopping](int64_t, int64_t) {
               if (stopping || std::chrono::steady_clock::now() > control->deadline) {
                 control->cancel = true;
               }
             };
             const int limit_ms = cx.options.max_run_ms;
             return run_job([&eng = cx.engine, r, control, f, limit_ms] {
               auto res = eng.scenario_run(r);
               if (res) return Reply{200, content_type(f), render(res.value(), f), {}};
               if (res.error().code == ErrorCode::kCancelled) {  // by the deadline, not a user
                 return problem(Error{ErrorCode::kTimeout,
                                      "the computation ran past the server's limit of " +
                                          std::to_string(limit_ms) + " ms",
                                      {}});
               }
               return problem(res.error());
             });
           }));

  svr.Post(
      kSubmit.pattern, on([cx](const Request& req) {
        auto q = read_query(req, {"name", "draws", "seed", "economies", "years", "target_rse"});
        if (!q) return problem(q.error());
        auto sr = run_input(cx, req, q.value());
        if (!sr) return problem(sr.error());
        // A scenario that does not parse or resolve is refused now, not as a failed job.
        auto check = cx.engine.scenario_check(sr.value());
        if (!check) return problem(check.error());
        const int64_t draws = sr.value().draws;
        auto id = cx.store.submit(
            "scenario", draws,
            [&eng = cx.engine,
             r = std::move(sr).value()](JobControl& control) mutable -> Result<JobOutput> {
              r.cancel = &control.cancel;
              r.progress = [&control](int64_t done, int64_t total) {
                control.done = done;
                control.total = total;
              };
              auto res = eng.scenario_run(r);
              r.progress = nullptr;
              r.cancel = nullptr;
              if (!res) return res.error();
              control.done = res.value().meta.draws;
              auto shared = std::make_shared<const ScenarioResult>(std::move(res).value());
              return JobOutput([shared](Format f) { return render(*shared, f); });
            });
        if (!id) return problem(id.error());
        auto s = cx.store.status(id.value());
        if (!s) return not_found_job(id.value());  // evicted at once by a burst of jobs
        Reply reply = status_reply(202, *s);
        reply.headers.emplace_back("Location", job_url(id.value()));
        return reply;
      }));

  svr.Get(kJob.pattern, on([cx](const Request& req) {
            auto q = read_query(req, {});
            if (!q) return problem(q.error());
            const std::string id = req.matches[1].str();
            auto s = cx.store.status(id);
            return s ? status_reply(200, *s) : not_found_job(id);
          }));

  svr.Delete(kJob.pattern, on([cx](const Request& req) {
               auto q = read_query(req, {});
               if (!q) return problem(q.error());
               const std::string id = req.matches[1].str();
               switch (cx.store.cancel_or_remove(id)) {
                 case JobStore::Removal::kUnknown:
                   return not_found_job(id);
                 case JobStore::Removal::kRemoved:
                   return Reply{204, "application/json", "", {}};
                 case JobStore::Removal::kCancelling:
                   break;
               }
               auto s = cx.store.status(id);
               return s ? status_reply(202, *s) : not_found_job(id);
             }));

  svr.Get(kJobResult.pattern, on([cx](const Request& req) {
            auto q = read_query(req, {"format"});
            if (!q) return problem(q.error());
            auto fmt = reply_format(req, q.value());
            if (!fmt) return problem(fmt.error());
            const std::string id = req.matches[1].str();
            auto s = cx.store.status(id);
            if (!s) return not_found_job(id);
            if (s->state == JobState::kDone) {
              auto out = cx.store.output(id);
              if (out) return Reply{200, content_type(fmt.value()), (*out)(fmt.value()), {}};
              return not_found_job(id);  // evicted between the two calls
            }
            if (s->error) return problem(*s->error);
            // Not finished yet: the status, and when to ask again.
            Reply r = status_reply(202, *s);
            r.headers.emplace_back("Retry-After", "1");
            return r;
          }));

  svr.Get(kJobEvents.pattern, [cx](const Request& req, Response& res) {
    auto q = read_query(req, {});
    if (!q) return send(res, problem(q.error()));
    const std::string id = req.matches[1].str();
    auto first = cx.store.status(id);
    if (!first) return send(res, not_found_job(id));
    // Each open stream holds a connection thread: at most a quarter of them may stream, so the
    // rest of the API keeps answering.
    const int max_streams = std::clamp(cx.options.threads / 4, 1, 32);
    if (cx.open_streams.fetch_add(1) >= max_streams) {
      cx.open_streams.fetch_sub(1);
      Reply busy = problem(Error{ErrorCode::kBusy,
                                 "too many open event streams (" + std::to_string(max_streams) +
                                     "); poll " + job_url(id) + " instead",
                                 {}});
      return send(res, busy);
    }
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    struct Stream {
      JobStatus last;
      bool started = false;
    };
    auto st = std::make_shared<Stream>();
    st->last = *first;
    // The count drops when httplib releases the provider (stream ended or connection closed).
    std::shared_ptr<void> slot(nullptr, [&n = cx.open_streams](void*) { n.fetch_sub(1); });
    res.set_chunked_content_provider("text/event-stream", [cx, id, st, slot](
                                                              size_t, httplib::DataSink& sink) {
      std::optional<JobStatus> s =
          st->started ? cx.store.wait_change(id, st->last, std::chrono::milliseconds(1000))
                      : std::optional<JobStatus>(st->last);
      if (!s) {
        sink.done();  // evicted or removed
        return true;
      }
      std::string ev;
      const bool shutdown = cx.stopping && !finished(s->state);
      if (shutdown) {
        // The server is stopping with the job unfinished: say so in a last event, so that a
        // client can tell a shutdown from a dropped connection.
        ev = "event: shutdown\ndata: " + status_json(*s) + "\n";
      } else if (st->started && s->state == st->last.state && s->done == st->last.done) {
        ev = ": waiting\n\n";  // keeps proxies from closing an idle stream
      } else {
        ev = std::string("event: ") + (finished(s->state) ? job_state_name(s->state) : "progress") +
             "\ndata: " + status_json(*s) + "\n";
      }
      st->started = true;
      st->last = *s;
      if (!sink.write(ev.data(), ev.size())) return false;
      if (finished(s->state) || shutdown) sink.done();
      return true;
    });
  });
}

}  // namespace aisov::server
