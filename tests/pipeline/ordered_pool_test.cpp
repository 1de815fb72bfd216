// OrderedPool (pipeline/src/ordered_pool.hpp): results in submission order, never more than the
// window in flight, the caller running tasks while it waits, and a task's exception rethrown
// where its result would have been consumed.
#include "ordered_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace dotlabel::pipeline {
namespace {

TEST(OrderedPool, ResultsComeInOrderWithinTheWindowOnTheThreadsAskedFor) {
  for (int threads : {1, 2, 3}) {
    constexpr int kTasks = 400;
    constexpr std::size_t kWindow = 5;
    std::vector<int> consumed;
    std::atomic<int> in_flight = 0, most_in_flight = 0;
    std::mutex ids_mutex;
    std::set<std::thread::id> ids;
    {
      OrderedPool<int> pool(threads, kWindow, [&](int& value) {
        consumed.push_back(value);
        --in_flight;
      });
      for (int i = 0; i < kTasks; ++i) {
        pool.submit([&, i] {
          {
            std::lock_guard lock(ids_mutex);
            ids.insert(std::this_thread::get_id());
          }
          // Uneven task lengths: later tasks often finish first.
          std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 13 * 20));
          return i;
        });
        most_in_flight = std::max(most_in_flight.load(), ++in_flight);
      }
      pool.finish();
    }
    ASSERT_EQ(consumed.size(), static_cast<std::size_t>(kTasks)) << threads << " threads";
    for (int i = 0; i < kTasks; ++i) ASSERT_EQ(consumed[i], i) << threads << " threads";
    // Submitted and not consumed, after each submit(): at most the window.
    EXPECT_LE(most_in_flight.load(), static_cast<int>(kWindow)) << threads << " threads";
    // The caller is one of the threads, not one more.
    EXPECT_LE(ids.size(), static_cast<std::size_t>(threads)) << threads << " threads";
    if (threads > 1) {
      EXPECT_TRUE(ids.count(std::this_thread::get_id())) << "the caller ran none";
    }
  }
}

TEST(OrderedPool, ATaskThatThrowsIsRethrownWhereItsResultWouldBeConsumed) {
  for (int threads : {1, 2}) {
    std::vector<int> consumed;
    OrderedPool<int> pool(threads, 4, [&](int& value) { consumed.push_back(value); });
    auto run = [&] {
      for (int i = 0; i < 50; ++i)
        pool.submit([i]() -> int {
          if (i == 20) throw std::runtime_error("task 20");
          return i;
        });
      pool.finish();
    };
    EXPECT_THROW(run(), std::runtime_error) << threads << " threads";
    pool.cancel();
    ASSERT_EQ(consumed.size(), 20u) << threads << " threads";
    for (int i = 0; i < 20; ++i) EXPECT_EQ(consumed[i], i);
  }
}

}  // namespace
}  // namespace dotlabel::pipeline
