"""The one run loop: step a model, or several in lockstep, until done, at rest, or told to stop.

Every run in orglearn moves forward through :func:`advance`: ``orglearn run``, a sweep's
headless runs, Compare's paired runs, a lesson's step, the claims, the cascade experiment, the
benchmarks and the app's Step button. So the rule "a model at rest is not stepped any more" (March's
closed world at equilibrium) and the ways a caller may watch a run (after each step) or end it
early (a condition, a cancel button) exist once.

Anything with ``running`` and ``step()`` can be advanced: a Mesa model
(:class:`~orglearn.registry.Simulation`), or an array engine without Mesa objects, which is what
a sweep runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import numpy as np

__all__ = ["Lockstep", "StateClock", "Steppable", "advance", "aligned"]


class Steppable(Protocol):
    """What can be advanced: it says whether it still changes, and runs one step."""

    @property
    def running(self) -> bool:
        """False once stepping it would change nothing (a model at rest)."""

    def step(self) -> object:
        """Run one step (what it returns is ignored here)."""


def advance[S: Steppable](
    model: S,
    steps: int,
    after: Callable[[S], None] | None = None,
    until: Callable[[S], bool] | None = None,
) -> S:
    """Step ``model`` up to ``steps`` times, stopping once it is at rest or ``until`` holds.

    The learning organization is never at rest, so it runs every step; March's closed world
    stops at equilibrium, after which a step would change nothing.

    Args:
        model: A built model (:func:`orglearn.registry.build_model`), an engine, or a
            :class:`Lockstep` of several.
        steps: The most steps to run.
        after: Called with the model after each step (to keep a snapshot, measure, report progress).
        until: Checked after each step (and after ``after``); the run ends once it returns True
            (a lesson's condition, a cancel button).

    Returns:
        The model, moved on.
    """
    for _ in range(steps):
        if not model.running:
            break
        model.step()
        if after is not None:
            after(model)
        if until is not None and until(model):
            break
    return model


class Lockstep:
    """Several models stepped together, week by week: the arms of a comparison or a lesson's runs.

    It runs while any of them runs; a step moves on those still running and leaves a model at
    rest where it is, so runs that come to rest at different times stay aligned by week.

    Attributes:
        models: The models, in the order given.
    """

    def __init__(self, models: Iterable[Steppable]) -> None:
        """Hold the models (at least one)."""
        self.models = tuple(models)
        if not self.models:
            raise ValueError("a lockstep needs at least one model")
        self.steps = 0

    @property
    def running(self) -> bool:
        """True while any of the models still changes."""
        return any(model.running for model in self.models)

    def step(self) -> None:
        """One step of every model still running."""
        for model in self.models:
            if model.running:
                model.step()
        self.steps += 1


def aligned(series: Sequence[np.ndarray], length: int | None = None) -> np.ndarray:
    """Runs' series of one metric as a (runs, steps) array, each run's last value held to the end.

    A run at rest no longer changes, so a run that came to rest earlier than the others keeps the
    value it came to rest with; paired runs then line up step by step.

    Args:
        series: One 1-D series per run, from step 0.
        length: Steps to cover (default: the longest series).
    """
    length = max(len(values) for values in series) if length is None else length
    return np.vstack(
        [np.concatenate([values, np.full(length - len(values), values[-1])]) for values in series]
    )


class StateClock:
    """One clock for a Mesa model and its engine: Mesa's ``steps`` reads the state's week.

    Mesa counts ``steps`` itself, one for every call of ``step()``, and the engine counts the
    weeks its state has run (``state.week``, written into every recorded row). Two counters can
    part: March's model at rest ignores a step that Mesa would still count, and an engine
    stepped on its own moves on without the model. So the state's week is the only clock, and
    Mesa's ``steps`` is a view of it; Mesa's attempt to count a step is ignored (the week moves
    on when the step has run). Mesa's scheduler ``time`` equals it while the model is stepped
    one unit at a time (``step()``, ``run_for``) and has not come to rest.
    """

    @property
    def week(self) -> int:
        """Steps run so far (weeks, or March's periods)."""
        raise NotImplementedError

    @property
    def steps(self) -> int:
        """Mesa's step count: the model's week."""
        return self.week

    @steps.setter
    def steps(self, value: int) -> None:
        """Ignored: the week moves on when a step has run, not when Mesa starts one."""
