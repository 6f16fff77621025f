#pragma once
// Bounds the server's computations: at most N at once, a wait for a free slot, a run-time limit.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "aisov/result.hpp"

namespace aisov::server {

/// An HTTP reply as plain data (no httplib types), built on a job thread.
struct Reply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Runs jobs on a fixed pool of `max_jobs` worker threads, first come first served, with a
/// queue wait (a job not started in time is dropped: kBusy) and a run-time limit (kTimeout).
/// A job that passes the limit keeps its worker until it finishes (Engine calls cannot be
/// cancelled), so the cap always holds. Jobs must own their inputs (capture by value) and may
/// reference only objects that outlive the runner. Thread-safe; the destructor finishes the
/// queued and running jobs, then joins the workers.
class JobRunner {
 public:
  JobRunner(int max_jobs, std::chrono::milliseconds queue_wait, std::chrono::milliseconds max_run);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  /// The job's reply, or kBusy (not started within the queue wait) or kTimeout (past the limit).
  Result<Reply> run(std::function<Reply()> job);
  /// Jobs running now.
  int running() const;
  int max_jobs() const { return max_jobs_; }

 private:
  struct Task;
  void work();

  const int max_jobs_;
  const std::chrono::milliseconds queue_wait_, max_run_;
  mutable std::mutex mutex_;
  std::condition_variable work_cv_;
  std::deque<std::shared_ptr<Task>> queue_;
  bool stopping_ = false;
  int running_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace aisov::server
