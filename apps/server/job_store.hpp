#pragma once
// Background jobs of the HTTP API (long scenario runs, later optimiser runs): a queue served
// by a fixed number of workers, progress, cancel, a run-time limit, and a bounded store of
// finished jobs whose results are fetched later.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "aisov/census.hpp"
#include "aisov/result.hpp"

namespace aisov::server {

/// What a running job reads and reports: the cancel flag to hand to the Engine (set by
/// DELETE, by the run-time limit and at shutdown) and its progress in draws.
struct JobControl {
  std::atomic<bool> cancel{false};
  std::atomic<int64_t> done{0};
  std::atomic<int64_t> total{0};
};

/// A finished job's result, rendered on request (JSON, CSV or table).
using JobOutput = std::function<std::string(Format)>;

/// Lifecycle of a job. Serialised by name (job_state_name).
enum class JobState { kQueued, kRunning, kDone, kFailed, kCancelled };
const char* job_state_name(JobState state);

/// A job's status as plain data.
struct JobStatus {
  std::string id, kind;
  JobState state = JobState::kQueued;
  int64_t done = 0, total = 0;
  double queued_s = 0, run_s = 0;  ///< seconds waited in the queue, seconds run so far
  std::optional<Error> error;      ///< failed or cancelled jobs
};

/// Options of a JobStore.
struct JobStoreOptions {
  int max_running = 2;                        ///< jobs computing at once (worker threads)
  int max_kept = 32;                          ///< jobs kept: queued + running + finished
  std::chrono::milliseconds max_run{600000};  ///< run-time limit of one job (then kTimeout)
};

/// Queues jobs and runs them on `max_running` workers, first in first out. At most `max_kept`
/// jobs are known at once: submitting evicts the oldest finished job when the store is full,
/// and is refused (kBusy) when every kept job is still queued or running. A job past the
/// run-time limit is cancelled and fails with kTimeout. Thread-safe; the destructor cancels
/// queued and running jobs and joins the workers.
class JobStore {
 public:
  /// The computation: reads control.cancel, updates control.done/total; returns the result.
  using Work = std::function<Result<JobOutput>(JobControl& control)>;

  explicit JobStore(JobStoreOptions options);
  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  /// Queues a job; returns its id ("1", "2" …), or kBusy when the store is full.
  Result<std::string> submit(std::string kind, int64_t total, Work work);
  /// The job's status; nullopt for an unknown (or evicted) id.
  std::optional<JobStatus> status(const std::string& id) const;
  /// The result of a done job; null while it is not done (or for an unknown id).
  std::shared_ptr<const JobOutput> output(const std::string& id) const;
  /// Cancels a queued or running job (kCancelling), or forgets a finished one (kRemoved).
  enum class Removal { kUnknown, kCancelling, kRemoved };
  Removal cancel_or_remove(const std::string& id);
  /// Cancels every queued and running job and waits until none runs (finished jobs are kept).
  void cancel_all_and_wait();
  /// Waits until the job's progress or state changes from `seen` or `wait` passes; returns
  /// the status then (nullopt for an unknown id). For server-sent events.
  std::optional<JobStatus> wait_change(const std::string& id, const JobStatus& seen,
                                       std::chrono::milliseconds wait) const;
  const JobStoreOptions& options() const { return options_; }

 private:
  struct Job;
  void work();
  void watch();
  JobStatus status_locked(const Job& job) const;
  void cancel_locked(Job& job);  // marks a queued or running job cancelled; mutex_ held

  const JobStoreOptions options_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;  // any job's progress or state
  std::condition_variable work_cv_, watch_cv_;
  std::map<uint64_t, std::shared_ptr<Job>> jobs_;  // by id: oldest first
  std::deque<std::shared_ptr<Job>> queue_;
  uint64_t next_id_ = 1;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  std::thread watcher_;
};

}  // namespace aisov::server
