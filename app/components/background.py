"""Work in a thread of its own, started by a button, that sets no state of its own.

Solara's ``use_thread`` starts its thread when the component mounts, even when there is nothing
to do yet, and records the thread's progress (starting, running, finished) in state of its own,
so every component using it draws itself again up to three times, from another thread, while the
page is still being sent to the browser. With twenty people opening the app at once on a small
server, those redraws raced the first transfer of the page: some browsers asked for parts of the
page that had just been replaced and showed "widget model not found" or stayed on "Loading app".
:func:`use_background` starts nothing until it is asked to, and lets the work report what it
wants through the component's own reactive values.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import solara


def use_background(work: Callable[[threading.Event], None], started: int) -> None:
    """Run ``work`` in a thread each time ``started`` changes to a new count above zero.

    Args:
        work: The job; it is given an event that is set when the component goes away or the
            job is started again, and should return soon after.
        started: A counter the component raises to start the job; 0 means "not yet".
    """

    def start() -> Callable[[], None] | None:
        if not started:
            return None
        cancel = threading.Event()
        threading.Thread(target=work, args=(cancel,), daemon=True).start()
        return cancel.set

    solara.use_effect(start, [started])
