#include "job_store.hpp"

#include <algorithm>

namespace aisov::server {

using Clock = std::chrono::steady_clock;

const char* job_state_name(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kDone:
      return "done";
    case JobState::kFailed:
      return "failed";
    case JobState::kCancelled:
      return "cancelled";
  }
  return "failed";
}

struct JobStore::Job {
  uint64_t id = 0;
  std::string kind;
  Work work;
  JobControl control;
  JobState state = JobState::kQueued;
  bool timed_out = false;
  Clock::time_point submitted = Clock::now(), started, finished;
  std::optional<Error> error;
  std::shared_ptr<const JobOutput> output;

  bool finished_state() const {
    return state == JobState::kDone || state == JobState::kFailed || state == JobState::kCancelled;
  }
};

namespace {
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::optional<uint64_t> parse_id(const std::string& id) {
  if (id.empty() || id.size() > 18) return std::nullopt;
  uint64_t v = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}
}  // namespace

JobStore::JobStore(JobStoreOptions options) : options_(options) {
  const int n = std::max(1, options_.max_running);
  workers_.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) workers_.emplace_back([this] { work(); });
  watcher_ = std::thread([this] { watch(); });
}

JobStore::~JobStore() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->control.cancel = true;
  }
  work_cv_.notify_all();
  watch_cv_.notify_all();
  for (auto& w : workers_) w.join();
  watcher_.join();
}

Result<std::string> JobStore::submit(std::string kind, int64_t total, Work work) {
  std::unique_lock lock(mutex_);
  if (static_cast<int>(jobs_.size()) >= std::max(1, options_.max_kept)) {
    auto oldest = std::find_if(jobs_.begin(), jobs_.end(),
                               [](const auto& kv) { return kv.second->finished_state(); });
    if (oldest == jobs_.end()) {
      return Error{ErrorCode::kBusy,
                   "all " + std::to_string(options_.max_kept) +
                       " job places are taken by queued or running jobs; retry later",
                   {}};
    }
    jobs_.erase(oldest);
  }
  auto job = std::make_shared<Job>();
  job->id = next_id_++;
  job->kind = std::move(kind);
  job->work = std::move(work);
  job->control.total = total;
  jobs_.emplace(job->id, job);
  queue_.push_back(job);
  const std::string id = std::to_string(job->id);
  lock.unlock();
  work_cv_.notify_one();
  return id;
}

void JobStore::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) {
        for (auto& q : queue_) {
          q->state = JobState::kCancelled;
          q->error = Error{ErrorCode::kCancelled, "the server stopped before the job ran", {}};
        }
        queue_.clear();
        return;
      }
      job = std::move(queue_.front());
      queue_.pop_front();
      if (job->state != JobState::kQueued) continue;  // cancelled while queued
      job->state = JobState::kRunning;
      job->started = Clock::now();
    }
    changed_.notify_all();
    watch_cv_.notify_all();
    Result<JobOutput> r = Error{ErrorCode::kInternal, "the job did not run", {}};
    try {
      r = job->work(job->control);
    } catch (const std::exception& e) {
      r = Error{ErrorCode::kInternal, std::string("internal error: ") + e.what(), {}};
    }
    {
      std::lock_guard lock(mutex_);
      job->work = nullptr;
      job->finished = Clock::now();
      if (r) {
        job->state = JobState::kDone;
        job->output = std::make_shared<const JobOutput>(std::move(r).value());
      } else if (job->timed_out) {
        job->state = JobState::kFailed;
        job->error = Error{ErrorCode::kTimeout,
                           "the job ran past the server's limit of " +
                               std::to_string(options_.max_run.count()) + " ms",
                           {}};
      } else {
        job->state =
            r.error().code == ErrorCode::kCancelled ? JobState::kCancelled : JobState::kFailed;
        job->error = r.error();
      }
    }
    changed_.notify_all();
  }
}

// Cancels running jobs that pass the run-time limit.
void JobStore::watch() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto now = Clock::now();
    for (auto& [id, job] : jobs_) {
      if (job->state == JobState::kRunning && !job->timed_out &&
          now - job->started > options_.max_run) {
        job->timed_out = true;
        job->control.cancel = true;
      }
    }
    watch_cv_.wait_for(lock, std::chrono::milliseconds(20));
  }
}

JobStatus JobStore::status_locked(const Job& job) const {
  JobStatus s;
  s.id = std::to_string(job.id);
  s.kind = job.kind;
  s.state = job.state;
  s.done = job.control.done.load();
  s.total = job.control.total.load();
  const auto now = Clock::now();
  if (job.state == JobState::kQueued) {
    s.queued_s = seconds(now - job.submitted);
  } else if (job.started != Clock::time_point{}) {
    s.queued_s = seconds(job.started - job.submitted);
    s.run_s = seconds((job.finished_state() ? job.finished : now) - job.started);
  } else {
    s.queued_s = seconds(job.finished - job.submitted);  // cancelled while queued
  }
  s.error = job.error;
  return s;
}

std::optional<JobStatus> JobStore::status(const std::string& id) const {
  const auto n = parse_id(id);
  if (!n) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(*n);
  if (it == jobs_.end()) return std::nullopt;
  return status_locked(*it->second);
}

std::shared_ptr<const JobOutput> JobStore::output(const std::string& id) const {
  const auto n = parse_id(id);
  if (!n) return nullptr;
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(*n);
  return it == jobs_.end() ? nullptr : it->second->output;
}

JobStore::Removal JobStore::cancel_or_remove(const std::string& id) {
  const auto n = parse_id(id);
  if (!n) return Removal::kUnknown;
  std::unique_lock lock(mutex_);
  auto it = jobs_.find(*n);
  if (it == jobs_.end()) return Removal::kUnknown;
  Job& job = *it->second;
  if (job.finished_state()) {
    jobs_.erase(it);
    return Removal::kRemoved;
  }
  cancel_locked(job);
  lock.unlock();
  changed_.notify_all();
  return Removal::kCancelling;
}

void JobStore::cancel_locked(Job& job) {
  job.control.cancel = true;
  if (job.state == JobState::kQueued) {
    job.state = JobState::kCancelled;
    job.finished = Clock::now();
    job.error = Error{ErrorCode::kCancelled, "cancelled before it started", {}};
  }
}

void JobStore::cancel_all_and_wait() {
  std::unique_lock lock(mutex_);
  for (auto& [id, job] : jobs_) {
    if (!job->finished_state()) cancel_locked(*job);
  }
  queue_.clear();  // every queued job is cancelled: no worker needs to see it
  changed_.notify_all();
  changed_.wait(lock, [&] {
    return std::none_of(jobs_.begin(), jobs_.end(),
                        [](const auto& kv) { return kv.second->state == JobState::kRunning; });
  });
}

std::optional<JobStatus> JobStore::wait_change(const std::string& id, const JobStatus& seen,
                                               std::chrono::milliseconds wait) const {
  const auto n = parse_id(id);
  if (!n) return std::nullopt;
  const auto end = Clock::now() + wait;
  std::unique_lock lock(mutex_);
  for (;;) {
    auto it = jobs_.find(*n);
    if (it == jobs_.end()) return std::nullopt;
    JobStatus s = status_locked(*it->second);
    if (s.state != seen.state || s.done != seen.done || stopping_ || Clock::now() >= end) return s;
    // Progress is an atomic the Engine updates without notifying: look again soon.
    changed_.wait_for(lock, std::chrono::milliseconds(25));
  }
}

}  // namespace aisov::server
