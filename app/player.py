"""The run loop of one browser session: Play, Pause, and running a number of weeks.

The loop advances the model in its own thread and never touches the page. It holds the
session's lock only while one week runs, so whatever draws the page can take the same lock and
read a consistent model between two weeks; the page follows the loop at its own pace (see
:mod:`.components.explore`), so a slow chart makes the picture skip weeks rather than slow the
model. Only one loop runs per session: starting again, a reset or closing the page stops the
previous one first.

Speeds and week numbers come from the browser, so the session checks them against what the page
offered (:data:`SPEEDS`, :data:`MAX_WEEK`) before they get here. This module knows nothing about
Solara.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from orglearn.simulation.stepping import advance

logger = logging.getLogger(__name__)

SPEEDS: tuple[int, ...] = (1, 2, 5, 10, 20, 50)
"""The speeds the page offers, in weeks per second."""
DEFAULT_SPEED = 20
FASTEST = 0
"""Speed for "Run N weeks" and "Run to week W": as fast as the model goes."""
MAX_WEEK = 5000
"""No run goes beyond this week: Play stops here, and longer runs are refused."""
BREATHE = 0.05
"""At full speed the loop lets go of the lock for a moment after this many seconds of work, so
a page waiting to draw is not shut out."""


class Player:
    """Runs a model week after week in a background thread, at a speed or up to a week.

    Args:
        lock: The session's lock; held while a week runs.
        model: Returns the model to advance (looked up each week: a reset swaps it).
        after: Called with the model after each week, still under the lock (to keep what the
            recorder does not, such as each team's values).
    """

    def __init__(
        self, lock: threading.RLock, model: Callable[[], Any], after: Callable[[Any], None] | None = None
    ) -> None:
        self._lock = lock
        self._model = model
        self._after = after
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.speed = DEFAULT_SPEED
        self.target: int | None = None
        self.error: BaseException | None = None

    @property
    def playing(self) -> bool:
        """Whether the loop is running."""
        thread = self._thread
        return thread is not None and thread.is_alive() and not self._stop.is_set()

    def start(self, speed: int = DEFAULT_SPEED, until: int = MAX_WEEK) -> None:
        """Start the loop (stopping a running one first).

        Args:
            speed: Weeks per second, or :data:`FASTEST`.
            until: The week to stop at (at most :data:`MAX_WEEK`); the loop also stops when the
                model comes to rest.
        """
        self.stop()
        self.speed, self.target, self.error = speed, min(until, MAX_WEEK), None
        self._stop = stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(speed, self.target, stop), name="orglearn-play", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the loop and wait (briefly) until the week it is in has finished."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self, speed: int, until: int, stop: threading.Event) -> None:
        interval = 1.0 / speed if speed else 0.0
        due = time.monotonic()
        worked = time.monotonic()
        try:
            while not stop.is_set():
                with self._lock:
                    model = self._model()
                    if model.week >= until or not model.running:
                        break
                    advance(model, 1, self._after)
                now = time.monotonic()
                if interval:
                    due += interval
                    if due < now - 0.5:
                        due = now  # fell behind (a busy machine): carry on, do not race to catch up
                    stop.wait(max(0.0, due - now))
                elif now - worked > BREATHE:
                    time.sleep(0.002)
                    worked = time.monotonic()
        except Exception as err:  # the page shows that the run stopped; the log has the details
            logger.exception("the run stopped")
            self.error = err
        finally:
            stop.set()
