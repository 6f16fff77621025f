// The job runner's limits: concurrency cap with queue wait (busy) and run-time limit (timeout).
#include "job_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using aisov::ErrorCode;
using aisov::server::JobRunner;
using aisov::server::Reply;
using namespace std::chrono_literals;

TEST(JobRunner, RunsAJobAndReturnsItsReply) {
  JobRunner jobs(2, 1000ms, 5000ms);
  auto r = jobs.run([] { return Reply{200, "text/plain", "done", {}}; });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().body, "done");
  EXPECT_EQ(jobs.running(), 0);
}

TEST(JobRunner, BusyWhenEverySlotStaysTaken) {
  JobRunner jobs(1, 20ms, 5000ms);
  std::atomic<bool> release{false};
  std::thread holder([&] {
    jobs.run([&] {
      for (int i = 0; i < 5000 && !release; ++i) std::this_thread::sleep_for(1ms);
      return Reply{};
    });
  });
  for (int i = 0; i < 5000 && jobs.running() == 0; ++i) std::this_thread::sleep_for(1ms);
  auto r = jobs.run([] { return Reply{}; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kBusy);
  release = true;
  holder.join();
}

TEST(JobRunner, TimeoutKeepsTheSlotUntilTheJobEnds) {
  std::atomic<bool> release{false};
  {
    JobRunner jobs(1, 300ms, 20ms);
    auto r = jobs.run([&] {
      for (int i = 0; i < 5000 && !release; ++i) std::this_thread::sleep_for(1ms);
      return Reply{};
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
    EXPECT_EQ(jobs.running(), 1);
    auto busy = jobs.run([] { return Reply{}; });
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().code, ErrorCode::kBusy);
    release = true;
  }  // the destructor waits for the running job to end
}
