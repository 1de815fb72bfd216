// Work done on several threads, its results taken in the order it was submitted.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace dotlabel::pipeline {

// submit() and finish() are called on one thread (the caller), which also receives every
// result, through `consume`, in submission order. Tasks run on `threads` threads: the caller
// and threads - 1 workers (none with threads <= 1: submit() then runs the task itself). At most
// `window` tasks are submitted and not yet consumed: submit() waits, consuming, until there is
// room, so the results held at once stay bounded however many tasks there are. While it waits
// for a result, the caller runs a queued task itself rather than sleep: a caller that only
// waited would be one thread more than the cores asked for, woken for every result and
// pre-empting a worker each time. A task that throws has its exception rethrown by the
// submit() or finish() that would have consumed its result.
template <typename Result>
class OrderedPool {
 public:
  OrderedPool(int threads, std::size_t window, std::function<void(Result&)> consume)
      : window_(std::max<std::size_t>(window, 1)), slots_(window_), consume_(std::move(consume)) {
    workers_.reserve(static_cast<std::size_t>(std::max(threads - 1, 0)));
    for (int t = 1; t < threads; ++t) {
      // A thread the system refuses (EAGAIN: a process or memory limit) is one fewer to share
      // the work; the results are the same. Thrown on, it would end the program here (the
      // threads already started are still joinable).
      try {
        workers_.emplace_back([this] { work(); });
      } catch (const std::system_error&) {
        break;
      }
    }
  }
  ~OrderedPool() { stop(); }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  void submit(std::function<Result()> task) {
    if (workers_.empty()) {
      Result result = task();
      consume_(result);
      return;
    }
    take_ready(window_ - 1);
    {
      std::lock_guard lock(mutex_);
      queue_.push_back({submitted_++, std::move(task)});
    }
    work_ready_.notify_one();
  }

  // Waits for every task and consumes the remaining results.
  void finish() {
    if (!workers_.empty()) take_ready(0);
    stop();
  }

  // Waits for the tasks running, drops those not started and the results not consumed.
  void cancel() { stop(); }

 private:
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr error;
  };

  // Consumes results in order until at most `pending` are submitted and not consumed.
  void take_ready(std::size_t pending) {
    for (;;) {
      Slot slot;
      {
        std::unique_lock lock(mutex_);
        if (submitted_ - consumed_ <= pending) {
          // Nothing to wait for: still take what is ready, it frees memory.
          Slot& next = slots_[consumed_ % window_];
          if (consumed_ == submitted_ || (!next.result && !next.error)) return;
        }
        Slot& next = slots_[consumed_ % window_];
        while (!next.result && !next.error)
          if (!run_queued(lock)) result_ready_.wait(lock);
        slot = std::move(next);
        next = Slot{};
        ++consumed_;
      }
      if (slot.error) std::rethrow_exception(slot.error);
      consume_(*slot.result);
    }
  }

  // Runs the oldest queued task, unlocked meanwhile, and stores its result; false when none is
  // queued. `lock` holds mutex_ on entry and on return.
  bool run_queued(std::unique_lock<std::mutex>& lock) {
    if (queue_.empty()) return false;
    std::pair<std::size_t, std::function<Result()>> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Slot slot;
    try {
      slot.result.emplace(task.second());
    } catch (...) {
      slot.error = std::current_exception();
    }
    lock.lock();
    slots_[task.first % window_] = std::move(slot);
    return true;
  }

  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      run_queued(lock);
      // Only the caller waits for results; it is woken outside the lock.
      lock.unlock();
      result_ready_.notify_one();
      lock.lock();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      queue_.clear();  // empty after finish(); else the run is being abandoned
    }
    work_ready_.notify_all();
    for (std::thread& worker : workers_) worker.join();
    workers_.clear();
  }

  const std::size_t window_;
  std::vector<Slot> slots_;  // task i's result waits in slot i % window
  std::function<void(Result&)> consume_;
  std::mutex mutex_;
  std::condition_variable work_ready_, result_ready_;
  std::deque<std::pair<std::size_t, std::function<Result()>>> queue_;
  std::size_t submitted_ = 0, consumed_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace dotlabel::pipeline
