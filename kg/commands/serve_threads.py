"""waitress's task threads, the one that went idle last taking the next request.

waitress hands each request to an idle thread through one `threading.Condition`, whose
`notify` wakes the longest waiting thread: at one client and 12 threads every request runs
on the thread that has been idle longest, whose CPU caches, malloc caches and the store's
per-thread state (RocksDB keeps some per thread) have gone cold since. Woken last-in
first-out, the thread that has just answered answers again, and the others stay asleep
until requests overlap. One answer of one article's graph (1 M triples, kg serve, one
client) took 1.40 ms of the server's CPU with waitress's order, 1.12 ms on a single
thread, 1.25 ms in this order (bench/results.md). waitress takes the dispatcher through
`create_server(_dispatcher=...)`, and this class keeps its base class's attributes and
queue: pinned to waitress 3.
"""
from __future__ import annotations

import threading

from waitress.task import ThreadedTaskDispatcher


class LastIdleFirst(ThreadedTaskDispatcher):
    """ThreadedTaskDispatcher whose idle threads wait each on its own condition, woken
    last-in first-out. Everything else (the queue, stopping threads, shutdown) is the base
    class's, under the same lock."""

    def __init__(self):
        super().__init__()
        self._idle: list[threading.Condition] = []  # the threads waiting, the last to go idle at the end

    def handler_thread(self, thread_no):
        wake = threading.Condition(self.lock)
        while True:
            with self.lock:
                while not self.queue and self.stop_count == 0:
                    self.active_count -= 1
                    self._idle.append(wake)
                    wake.wait()  # add_task or _wake_all took it off the idle list
                    self.active_count += 1
                if self.stop_count > 0:
                    self.active_count -= 1
                    self.stop_count -= 1
                    self.threads.discard(thread_no)
                    self.thread_exit_cv.notify()
                    break
                task = self.queue.popleft()
            try:
                task.service()
            except BaseException:
                self.logger.exception("Exception when servicing %r", task)

    def add_task(self, task):
        with self.lock:
            self.queue.append(task)
            if self._idle:
                self._idle.pop().notify()
            queue_size = len(self.queue)  # the base class's warning, word for word
            idle_threads = len(self.threads) - self.stop_count - self.active_count
            if queue_size > idle_threads:
                self.queue_logger.warning("Task queue depth is %d", queue_size - idle_threads)

    def set_thread_count(self, count):
        super().set_thread_count(count)
        with self.lock:
            if self.stop_count:
                self._wake_all()

    def _wake_all(self):
        """Under the lock: every idle thread looks again (to stop, when threads are to stop)."""
        while self._idle:
            self._idle.pop().notify()
