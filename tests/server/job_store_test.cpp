// The job store with stand-in work (no Engine): queueing, progress, cancel, run-time limit,
// eviction of finished jobs and refusal when full.
#include "job_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using aisov::ErrorCode;
using aisov::Format;
using aisov::Result;
using aisov::server::JobControl;
using aisov::server::JobOutput;
using aisov::server::JobState;
using aisov::server::JobStore;
using aisov::server::JobStoreOptions;
using namespace std::chrono_literals;

namespace {

// Work that counts to `total` in steps of 1, one per millisecond, until cancelled.
JobStore::Work counting(int64_t total) {
  return [total](JobControl& c) -> Result<JobOutput> {
    for (int64_t i = 1; i <= total; ++i) {
      if (c.cancel) return aisov::Error{ErrorCode::kCancelled, "cancelled", {}};
      std::this_thread::sleep_for(1ms);
      c.done = i;
    }
    return JobOutput([total](Format f) {
      return std::string(f == Format::kCsv ? "csv:" : "json:") + std::to_string(total);
    });
  };
}

// Work that runs until cancelled.
JobStore::Work forever() { return counting(int64_t{1} << 40); }

JobState wait_end(const JobStore& s, const std::string& id) {
  for (int i = 0; i < 5000; ++i) {
    auto st = s.status(id);
    if (!st) return JobState::kFailed;
    if (st->state != JobState::kQueued && st->state != JobState::kRunning) return st->state;
    std::this_thread::sleep_for(1ms);
  }
  return JobState::kRunning;
}

TEST(JobStore, RunsAJobAndKeepsItsOutput) {
  JobStore s(JobStoreOptions{1, 4, 10000ms});
  auto id = s.submit("test", 5, counting(5));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value(), "1");
  EXPECT_EQ(wait_end(s, id.value()), JobState::kDone);
  auto st = s.status(id.value());
  EXPECT_EQ(st->done, 5);
  EXPECT_EQ(st->total, 5);
  EXPECT_EQ(st->kind, "test");
  EXPECT_FALSE(st->error);
  auto out = s.output(id.value());
  ASSERT_TRUE(out);
  EXPECT_EQ((*out)(Format::kJson), "json:5");
  EXPECT_EQ((*out)(Format::kCsv), "csv:5");
  EXPECT_FALSE(s.status("2"));
  EXPECT_FALSE(s.status("x1"));
  EXPECT_FALSE(s.status(""));
  EXPECT_FALSE(s.output("99999999999999999999999"));
}

TEST(JobStore, CancelsQueuedAndRunningJobs) {
  JobStore s(JobStoreOptions{1, 4, 10000ms});
  auto a = s.submit("test", 0, forever()).value();
  auto b = s.submit("test", 0, forever()).value();
  for (int i = 0; i < 5000 && s.status(a)->state != JobState::kRunning; ++i)
    std::this_thread::sleep_for(1ms);
  ASSERT_EQ(s.status(a)->state, JobState::kRunning);
  EXPECT_EQ(s.status(b)->state, JobState::kQueued);  // one worker
  EXPECT_EQ(s.cancel_or_remove(b), JobStore::Removal::kCancelling);
  EXPECT_EQ(s.status(b)->state, JobState::kCancelled);  // at once: it never started
  EXPECT_EQ(s.cancel_or_remove(a), JobStore::Removal::kCancelling);
  EXPECT_EQ(wait_end(s, a), JobState::kCancelled);
  EXPECT_EQ(s.status(a)->error->code, ErrorCode::kCancelled);
  EXPECT_FALSE(s.output(a));
  // A finished job is forgotten by a second DELETE.
  EXPECT_EQ(s.cancel_or_remove(a), JobStore::Removal::kRemoved);
  EXPECT_EQ(s.cancel_or_remove(a), JobStore::Removal::kUnknown);
}

TEST(JobStore, RunTimeLimitFailsTheJobWithTimeout) {
  JobStore s(JobStoreOptions{1, 4, 30ms});
  auto id = s.submit("test", 0, forever()).value();
  EXPECT_EQ(wait_end(s, id), JobState::kFailed);
  const auto st = s.status(id);
  ASSERT_TRUE(st->error);
  EXPECT_EQ(st->error->code, ErrorCode::kTimeout);
  EXPECT_GE(st->run_s, 0.03);
}

TEST(JobStore, EvictsTheOldestFinishedJobAndRefusesWhenAllAreUnfinished) {
  JobStore s(JobStoreOptions{2, 2, 10000ms});
  auto a = s.submit("test", 1, counting(1)).value();
  ASSERT_EQ(wait_end(s, a), JobState::kDone);
  auto b = s.submit("test", 0, forever()).value();
  auto c = s.submit("test", 0, forever()).value();  // evicts a, the only finished job
  EXPECT_FALSE(s.status(a));
  auto d = s.submit("test", 0, forever());  // b and c unfinished: full
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::kBusy);
  s.cancel_or_remove(b);
  ASSERT_EQ(wait_end(s, b), JobState::kCancelled);
  auto e = s.submit("test", 0, forever());  // evicts b
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(s.status(b));
  EXPECT_TRUE(s.status(c));
}  // the destructor cancels c and e

TEST(JobStore, WaitChangeSeesProgress) {
  JobStore s(JobStoreOptions{1, 4, 10000ms});
  auto id = s.submit("test", 200, counting(200)).value();
  auto seen = *s.status(id);
  auto next = s.wait_change(id, seen, 5000ms);
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->done != seen.done || next->state != seen.state);
  EXPECT_FALSE(s.wait_change("404", seen, 10ms));
}

}  // namespace
