"""Argument types shared by the commands: they turn bad input into a one-line message."""

from __future__ import annotations

import argparse


def count(text: str) -> int:
    """A whole number of 0 or more (weeks, replications, workers)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; use 0 or more")
    return value


def seed(text: str) -> int:
    """A seed: a whole number from 0 to 2**63 - 1."""
    value = count(text)
    if value >= 2**63:
        raise argparse.ArgumentTypeError(f"{value} is too large; use a seed below 2**63")
    return value


def positive(text: str) -> int:
    """A whole number of 1 or more (workers, samples, weeks apart): 0 would never move on."""
    value = count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("use 1 or more")
    return value


def models() -> list[str]:
    """The names of the models there are, for ``--model`` (read when the parser is built)."""
    from orglearn.registry import MODELS

    return list(MODELS)


def models_help() -> str:
    """Each model's name and what it is, the default first, for ``--model``'s help."""
    from orglearn.registry import DEFAULT_MODEL, MODELS

    named = [
        f"{name} ({entry.label['en']}{', default' if name == DEFAULT_MODEL else ''})"
        for name, entry in MODELS.items()
    ]
    return " or ".join(named)
