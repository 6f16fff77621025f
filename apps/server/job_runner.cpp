#include "job_runner.hpp"

#include "aisov/engine.hpp"

namespace aisov::server {

// One submitted job and its hand-over between the requesting thread and a worker.
struct JobRunner::Task {
  enum class State { kQueued, kRunning, kDone, kAbandoned };
  std::function<Reply()> job;
  std::mutex mutex;
  std::condition_variable cv;
  State state = State::kQueued;
  Reply reply;
};

JobRunner::JobRunner(int max_jobs, std::chrono::milliseconds queue_wait,
                     std::chrono::milliseconds max_run)
    : max_jobs_(max_jobs < 1 ? 1 : max_jobs), queue_wait_(queue_wait), max_run_(max_run) {
  workers_.reserve(static_cast<std::size_t>(max_jobs_));
  for (int i = 0; i < max_jobs_; ++i) workers_.emplace_back([this] { work(); });
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  for (auto& w : workers_) w.join();
}

int JobRunner::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

void JobRunner::work() {
  for (;;) {
    std::shared_ptr<Task> task;
    {
      std::unique_lock lock(mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
      {
        std::lock_guard task_lock(task->mutex);
        if (task->state == Task::State::kAbandoned) continue;  // its requester gave up
        task->state = Task::State::kRunning;
      }
      ++running_;
    }
    task->cv.notify_all();
    Reply reply;
    try {
      reply = task->job();
    } catch (const std::exception& e) {
      const Error err{ErrorCode::kInternal, std::string("internal error: ") + e.what(), {}};
      reply = Reply{500, "application/problem+json", render(err, Format::kJson), {}};
    }
    task->job = nullptr;
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    {
      std::lock_guard task_lock(task->mutex);
      task->reply = std::move(reply);
      task->state = Task::State::kDone;
    }
    task->cv.notify_all();
  }
}

Result<Reply> JobRunner::run(std::function<Reply()> job) {
  auto task = std::make_shared<Task>();
  task->job = std::move(job);
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(task);
  }
  work_cv_.notify_one();
  std::unique_lock lock(task->mutex);
  if (!task->cv.wait_for(lock, queue_wait_, [&] { return task->state != Task::State::kQueued; })) {
    task->state = Task::State::kAbandoned;
    return Error{ErrorCode::kBusy,
                 "all " + std::to_string(max_jobs_) + " job slots stayed busy for " +
                     std::to_string(queue_wait_.count()) + " ms; retry later",
                 {}};
  }
  if (!task->cv.wait_for(lock, max_run_, [&] { return task->state == Task::State::kDone; })) {
    return Error{ErrorCode::kTimeout,
                 "the computation ran past the server's limit of " +
                     std::to_string(max_run_.count()) + " ms",
                 {}};
  }
  return std::move(task->reply);
}

}  // namespace aisov::server
