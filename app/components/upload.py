"""A scenario file taken by a click as well as by a drop.

Solara's ``FileDrop`` takes only a dropped file, and a participant on a laptop in a classroom
often does not know dragging from a file window at all; here the same zone opens the file
chooser when clicked (or when Enter is pressed on it). The file travels as in ``FileDrop``: the
browser sends its name and size first, and its bytes only when the server reads them, so the
server can refuse a file by its size before any of it arrives (:func:`~..uploads.read_dropped`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

import solara
from solara.components.file_drop import FileDropZone, FileInfo


class ClickOrDropZone(FileDropZone):
    """Solara's drop zone with a file chooser behind a click (see ``upload.vue``)."""

    template_file = (__file__, "upload.vue")


@solara.component
def ScenarioUpload(label: str, on_file: Callable[[Any], None]) -> None:  # noqa: N802
    """A zone to drop a scenario file on, or to click to choose one; ``on_file`` gets it unread.

    ``on_file`` runs in a thread of its own, as in Solara's ``FileDrop``: reading the file waits
    for the browser to send it, which it cannot do while the server's page thread waits.
    """
    file_info, set_file_info = solara.use_state(cast(Any, None))
    zone = ClickOrDropZone.element(label=label, on_file_info=set_file_info, multiple=False)

    def hand_over() -> None:
        if not file_info:
            return
        widget = cast(ClickOrDropZone, solara.get_widget(zone))
        widget.version += 1  # as Solara's FileDrop does: wire the new file to the widget
        widget.reset_stats()
        files = cast(list[FileInfo], widget.get_files())
        if files:
            files[0]["data"] = None  # read later, and only as far as the size limit
            threading.Thread(target=on_file, args=(files[0],), daemon=True).start()

    solara.use_effect(hand_over, [file_info])
