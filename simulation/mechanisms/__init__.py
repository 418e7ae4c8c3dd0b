"""The mechanisms of a week, one module each, in the order they run.

Each module's docstring opens with its rule in one plain sentence (shown to course
participants; the Dutch sentences are in ``rules.toml``) and ends with where it comes from.
Each has ``apply(state, draws, values)``, which updates the state's arrays for everyone at once,
``readable(staff, state, draws, values)``, in which each person runs the same rule for themselves,
and ``DECLARES`` (:class:`~.declaration.Declaration`): what it reads, changes and draws, and how
it is switched off and on. :func:`settings` merges one part of every declaration.
"""

import tomllib
from functools import cache
from importlib import resources
from types import ModuleType
from typing import Any

from orglearn.simulation.mechanisms import (
    actorship,
    agreements,
    aspiration,
    code,
    conversations,
    direction,
    environment,
    experience,
    goals,
    management,
    meetings,
    metalearning,
    principles,
    reflection,
    trust,
    turnover,
)

WEEK: tuple[ModuleType, ...] = (
    environment,
    experience,
    aspiration,
    reflection,
    principles,
    conversations,
    meetings,
    agreements,
    management,
    trust,
    code,
    goals,
    direction,
    metalearning,
    actorship,
    turnover,
)


def settings(part: str) -> dict[str, Any]:
    """One part of every mechanism's declaration (``off``, ``proposed`` or ``on``), merged.

    Raises:
        ValueError: If two mechanisms set one parameter to different values in that part.
    """
    merged: dict[str, Any] = {}
    for mechanism in WEEK:
        for name, value in getattr(mechanism.DECLARES, part).items():
            if name in merged and merged[name] != value:
                raise ValueError(
                    f"{part}: {name} is {merged[name]!r} for one mechanism, {value!r} for another"
                )
            merged[name] = value
    return merged


@cache
def rule_sentences() -> dict[str, dict[str, str]]:
    """Each mechanism's rule in one plain sentence and its title, per language.

    Returns:
        ``{mechanism: {"en": ..., "nl": ..., "title": {"en": ..., "nl": ...}}}`` in week order.
    """
    text = resources.files(__name__).joinpath("rules.toml").read_text("utf-8")
    return tomllib.loads(text)


__all__ = ["WEEK", "rule_sentences", "settings"]
