"""kg.commands.serve_threads: waitress's task threads woken last-idle-first, none lost, all stopped."""
from __future__ import annotations

import threading
import time

from kg.commands.serve_threads import LastIdleFirst


class Task:
    """What waitress queues: an object with service() (and cancel() for a shutdown)."""

    def __init__(self, release: threading.Event | None = None):
        self.release, self.thread, self.cancelled = release, None, False
        self.started, self.done = threading.Event(), threading.Event()

    def service(self):
        self.thread = threading.current_thread().name
        self.started.set()
        if self.release is not None:
            self.release.wait(10)
        self.done.set()

    def cancel(self):
        self.cancelled = True


def _idle(dispatcher: LastIdleFirst, count: int) -> None:
    for _ in range(500):
        with dispatcher.lock:
            if len(dispatcher._idle) == count:
                return
        time.sleep(0.01)
    raise AssertionError(f"not {count} idle threads")


def test_one_request_after_another_runs_on_the_thread_that_answered_last():
    dispatcher = LastIdleFirst()
    dispatcher.set_thread_count(6)
    try:
        _idle(dispatcher, 6)
        names = []
        for _ in range(20):
            task = Task()
            dispatcher.add_task(task)
            assert task.done.wait(10)
            names.append(task.thread)
            _idle(dispatcher, 6)  # as with one client: the answer is out before the next request comes
        assert len(set(names)) == 1, names  # waitress's own dispatcher goes round all six
    finally:
        assert dispatcher.shutdown(timeout=5)
    assert not dispatcher.threads


def test_overlapping_requests_each_get_a_thread_and_none_is_lost():
    dispatcher = LastIdleFirst()
    dispatcher.set_thread_count(4)
    release = threading.Event()
    try:
        _idle(dispatcher, 4)
        blocking = [Task(release) for _ in range(4)]
        for task in blocking:
            dispatcher.add_task(task)
        queued = [Task() for _ in range(5)]  # more than the threads: they wait in the queue
        for task in queued:
            dispatcher.add_task(task)
        time.sleep(0.1)
        assert len({t.thread for t in blocking if t.thread}) == 4 and not any(t.done.is_set() for t in queued)
        release.set()
        assert all(t.done.wait(10) for t in blocking + queued)
        _idle(dispatcher, 4)
        assert dispatcher.active_count == 0
    finally:
        release.set()
        assert dispatcher.shutdown(timeout=5)


def test_fewer_threads_stop_idle_ones_and_shutdown_cancels_what_is_queued():
    dispatcher = LastIdleFirst()
    dispatcher.set_thread_count(5)
    _idle(dispatcher, 5)
    dispatcher.set_thread_count(2)
    _idle(dispatcher, 2)
    assert len(dispatcher.threads) == 2
    release = threading.Event()
    busy = [Task(release) for _ in range(2)]
    for task in busy:
        dispatcher.add_task(task)
    assert all(t.started.wait(10) for t in busy)
    waiting = Task()
    dispatcher.add_task(waiting)
    stopper = threading.Thread(target=dispatcher.shutdown, kwargs={"timeout": 0.3})
    stopper.start()
    stopper.join(5)
    release.set()
    assert waiting.cancelled and not waiting.done.is_set()
    assert all(t.done.wait(10) for t in busy)
    for _ in range(500):
        if not dispatcher.threads:
            break
        time.sleep(0.01)
    assert not dispatcher.threads
