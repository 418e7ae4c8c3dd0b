"""The rules of March's model in plain sentences, for people rather than for the engine.

The browser's lessons show a model's rules under HOW IT WORKS instead of writing them in each
lesson, so a lesson can never describe a model other than the one that runs. The sentences live
in ``rules.toml``, in English and Dutch, one per step of a period in the order the engine runs
them (:mod:`.engine`).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def rule_sentences() -> dict[str, dict]:
    """Each rule in one plain sentence and its title, per language.

    Returns:
        ``{rule: {"en": ..., "nl": ..., "title": {"en": ..., "nl": ...}}}`` in the order a period runs.
    """
    text = resources.files(__package__).joinpath("rules.toml").read_text("utf-8")
    return tomllib.loads(text)
