"""Running a lesson step on other seeds, sharing runs between steps, for the answer checks.

A learner who presses Run on a step sees :func:`orglearn.app.lessons.run_step` on the step's
seeds ``seed .. seed + runs - 1``, judged by :meth:`StepResult.outcome`. Checking every step on
ten such windows with ``run_step`` itself would run many of the same organizations again and
again (the steps of a lesson often run the same scenarios and only look at another metric), so
this runs each organization once, on the step's own scenario objects, as far as any step needs,
and cuts every step's :class:`StepResult` out of it the way ``run_step`` does: up to the step's
week, stopped once every run has come to rest, a rested run padded with its last value.
``tests/app/test_lesson_answers.py`` checks on the steps' own seeds that the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from orglearn.app.lessons import Lesson, Step, StepResult
from orglearn.registry import build_model
from orglearn.scenarios import Scenario

TRIALS = 10
"""Seed windows per step: the step's own (the learner's display) and nine more after it."""


def trial_seeds(step: Step) -> list[int]:
    """The first seed of each window: ``seed + k × runs`` for k = 0..9, so no two windows overlap.

    k = 0 is the step's own seed (what the learner sees); a step averaging ``runs`` runs uses
    seeds ``first .. first + runs - 1`` in each window.
    """
    return [step.seed + k * step.runs for k in range(TRIALS)]


def identity(scenario: Scenario) -> tuple:
    """What decides a run: the model, every value and the interventions' weeks and settings.

    Names and labels of interventions do not enter the model, so a step's own intervention
    that sets what a journey's does makes the same run (the changing-course test checks this).
    """
    changes = tuple(
        (item.week, item.until, repr(sorted(item.set.items()))) for item in scenario.interventions
    )
    return scenario.model, repr(sorted(scenario.values.items())), changes


class Runs:
    """Each organization a set of steps needs, run once per seed as far as any step looks."""

    def __init__(self, lessons: Iterable[Lesson]) -> None:
        self.needed: dict[tuple, tuple[Scenario, int]] = {}
        for lesson in lessons:
            for step in lesson.steps:
                if step.until.metric is not None:
                    raise ValueError("a metric condition stops runs per step: use run_step for it")
                for name in step.scenarios:
                    scenario = step.scenario(name)
                    for first in trial_seeds(step):
                        for seed in range(first, first + step.runs):
                            key = (identity(scenario), seed)
                            weeks = max(step.until.week, self.needed.get(key, (scenario, 0))[1])
                            self.needed[key] = (scenario, weeks)
        self.frames: dict[tuple, pd.DataFrame] = {}

    def frame(self, scenario: Scenario, seed: int) -> pd.DataFrame:
        """The metrics of one organization on one seed, one row per week run (week 0 first)."""
        key = (identity(scenario), seed)
        if key not in self.frames:
            scenario, weeks = self.needed[key]
            model = build_model(scenario, seed)
            for _ in range(weeks):
                if not model.running:
                    break
                model.step()
            self.frames[key] = model.metrics().reset_index(drop=True)
        return self.frames[key]

    def result(self, step: Step, first: int) -> StepResult:
        """The step on seeds ``first .. first + runs - 1``: what ``run_step`` would return."""
        frames = [
            [self.frame(step.scenario(name), seed) for seed in range(first, first + step.runs)]
            for name in step.scenarios
        ]
        # A run that came to rest recorded its last week; once all have, run_step stops.
        weeks = min(step.until.week, max(len(f) - 1 for side in frames for f in side))
        series = tuple(
            np.vstack([_padded(f[step.metric].to_numpy(dtype=float)[: weeks + 1], weeks + 1) for f in side])
            for side in frames
        )
        return StepResult(np.arange(weeks + 1), series, float(frames[0][0][step.metric].iloc[0]))


def _padded(values: np.ndarray, length: int) -> np.ndarray:
    return np.concatenate([values, np.full(length - len(values), values[-1])])
