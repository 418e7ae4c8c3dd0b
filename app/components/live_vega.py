"""A Vega-Lite chart in the page that takes a week's new data without being drawn anew.

Solara's ``VegaLite`` widget compiles and draws the whole chart again for every new spec, and
waits 100 ms before it does; for the eight charts of the Explore tab that was most of a Step's
time in the browser. The app's specs change from week to week only in their named tables
(:mod:`..vega`), so this widget (``live_vega.vue``) hands a new spec whose rest is unchanged to
the chart already drawn as new data, and draws a changed spec at the next frame. Clicks reach
the server as in Solara's widget.
"""

from __future__ import annotations

from pathlib import Path

import solara.widgets


class LiveVegaLite(solara.widgets.VegaLite):
    """Solara's Vega-Lite widget, updating its data in place (see ``live_vega.vue``)."""

    template_file = str(Path(__file__).with_name("live_vega.vue"))
