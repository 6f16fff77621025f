#include "job_runner.hpp"

#include <memory>
#include <thread>

#include "aisov/engine.hpp"

namespace aisov::server {

namespace {
// What a job thread hands back to the waiting request.
struct Outcome {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  Reply reply;
};
}  // namespace

JobRunner::JobRunner(int max_jobs, std::chrono::milliseconds queue_wait,
                     std::chrono::milliseconds max_run)
    : max_jobs_(max_jobs < 1 ? 1 : max_jobs), queue_wait_(queue_wait), max_run_(max_run) {}

JobRunner::~JobRunner() {
  std::unique_lock lock(mutex_);
  slot_freed_.wait(lock, [&] { return running_ == 0; });
}

int JobRunner::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

Result<Reply> JobRunner::run(std::function<Reply()> job) {
  {
    std::unique_lock lock(mutex_);
    if (!slot_freed_.wait_for(lock, queue_wait_, [&] { return running_ < max_jobs_; })) {
      return Error{ErrorCode::kBusy,
                   "all " + std::to_string(max_jobs_) + " job slots are busy; retry later",
                   {}};
    }
    ++running_;
  }
  auto outcome = std::make_shared<Outcome>();
  try {
    std::thread([this, outcome, job = std::move(job)] {
      Reply reply;
      try {
        reply = job();
      } catch (const std::exception& e) {
        const Error err{ErrorCode::kInternal, std::string("internal error: ") + e.what(), {}};
        reply = Reply{500, "application/problem+json", render(err, Format::kJson), {}};
      }
      {
        // Free the slot before replying, so a client's next request finds it free. Notify
        // under the lock: once it is released the destructor may run, and this thread must
        // not touch the runner after that (only `outcome`, which it co-owns).
        std::lock_guard lock(mutex_);
        --running_;
        slot_freed_.notify_all();
      }
      std::lock_guard lock(outcome->mutex);
      outcome->reply = std::move(reply);
      outcome->done = true;
      outcome->done_cv.notify_all();
    }).detach();
  } catch (const std::system_error& e) {
    std::lock_guard lock(mutex_);
    --running_;
    slot_freed_.notify_all();
    return Error{ErrorCode::kBusy, std::string("cannot start a job thread: ") + e.what(), {}};
  }
  std::unique_lock lock(outcome->mutex);
  if (!outcome->done_cv.wait_for(lock, max_run_, [&] { return outcome->done; })) {
    return Error{ErrorCode::kTimeout,
                 "the computation ran past the server's limit of " +
                     std::to_string(max_run_.count()) + " ms",
                 {}};
  }
  return std::move(outcome->reply);
}

}  // namespace aisov::server
