"""The learner's prediction of where a measure will end: a slider and a typed value.

A prediction counts only when the learner made it: by moving the slider, typing a value, or
pressing the button that keeps the starting value. The slider starts at the starting value
(rounded to its own steps, so it has nothing to correct and sends nothing by itself), and a
value equal to that start sent by the slider does not count. Once the run has started the
prediction is frozen: the controls are disabled and the step ignores anything sent later.
Every value comes from the browser and is checked here: a non-number or one out of range is
dropped (from the slider) or answered with the range (typed).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import solara

from ..text import number
from .common import Slider, Ui

SLIDER = (-0.5, 1.0)
"""The range of the prediction slider."""
STEP = 0.05
"""The slider's step."""


def slider_value(raw: object) -> bool:
    """Whether the slider sent a number it offers (a browser can send anything)."""
    if not isinstance(raw, int | float) or isinstance(raw, bool):
        return False
    return math.isfinite(raw) and SLIDER[0] <= raw <= SLIDER[1]


def typed_prediction(raw: object) -> float | None:
    """A typed prediction (``0,35`` or ``0.35``) within the slider's range, or None."""
    if not isinstance(raw, str):
        return None
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        return None
    return round(value, 4) if slider_value(value) else None


def slider_start(start: float) -> float:
    """Where the slider starts: the starting value on the slider's own steps, within its range."""
    snapped = round(round(start / STEP) * STEP, 2)
    return min(max(snapped, SLIDER[0]), SLIDER[1])


@solara.component
def ValuePrediction(  # noqa: N802
    ui: Ui,
    start: float,
    metric: str,
    value: float | None,
    predict: Callable[[float], None],
    locked: bool,
) -> None:
    """The starting value, the slider with the prediction typed beside it, and a keep button."""
    lang = ui.lang.value
    error, set_error = solara.use_state("")
    initial = slider_start(start)

    def slid(raw: object) -> None:
        if not slider_value(raw):
            return  # a forged or broken value: dropped unseen
        if value is None and abs(float(raw) - initial) < 1e-9:  # type: ignore[arg-type]
            return  # the slider's starting value is not a prediction
        set_error("")
        predict(round(float(raw), 2))  # type: ignore[arg-type]

    def typed(raw: object) -> None:
        chosen = typed_prediction(raw)
        if chosen is None:
            low, high = (number(x, lang) for x in SLIDER)
            set_error(ui.t("problem.range", text=str(raw)[:40], low=low, high=high))
            return
        set_error("")
        predict(chosen)

    solara.Text(ui.t("learn.start_value", metric=metric, value=number(start, lang, 2)))
    with solara.Row(gap="8px", style={"align-items": "center"}, classes=["orglearn-prediction-value"]):
        with solara.Column(gap="0px", style={"flex": "1 1 auto", "min-width": "0"}):
            solara.Text(ui.t("learn.your_value"), style={"font-size": "0.85em"})
            Slider(value if value is not None else initial, *SLIDER, STEP, slid, disabled=locked)
        solara.InputText(
            ui.t("learn.typed", low=number(SLIDER[0], lang), high=number(SLIDER[1], lang)),
            value=number(value, lang) if value is not None else "",
            on_value=typed,
            continuous_update=False,
            disabled=locked,
            error=bool(error),
            style={"flex": "0 0 150px", "max-width": "150px"},
            classes=["orglearn-prediction-typed"],
        ).key(f"typed-{value}")
    if error:
        solara.Text(error, style={"font-size": "0.8em", "color": "#c62828"}, classes=["orglearn-error"])
    if value is None and not locked:
        solara.Button(ui.t("learn.commit"), on_click=lambda: predict(round(start, 2)), text=True)
    elif value is not None:
        key = "learn.frozen" if locked else "learn.predicted"
        solara.Text(ui.t(key, value=number(value, lang)), classes=["orglearn-prediction-said"])
