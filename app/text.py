"""The words on screen, in English and Dutch, read from ``i18n/en.toml`` and ``i18n/nl.toml``.

Keeping every string in data files lets a trainer correct a translation, or add a language,
without touching Python; a test checks that both files hold the same keys. Keys are dotted
(``explore.step``); values may hold ``{name}`` placeholders filled in by :func:`t`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


@cache
def strings(lang: str) -> dict[str, str]:
    """Every string of one language by dotted key (read once, then cached).

    Args:
        lang: A code from :data:`LANGUAGES`.

    Returns:
        Dotted key to text.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    raw = resources.files("orglearn.app").joinpath("i18n", f"{lang}.toml").read_text("utf-8")
    return _flatten(tomllib.loads(raw))


def t(lang: str, key: str, **values: Any) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in.

    A key missing in one language falls back to English rather than breaking the page; the
    test suite makes sure that never happens in a release.
    """
    table = strings(lang)
    text = table.get(key) or strings(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def pick(texts: Mapping[str, Any], lang: str) -> Any:
    """One language's entry of a ``{en: ..., nl: ...}`` table (English if that language is absent)."""
    return texts.get(lang, texts.get(DEFAULT_LANGUAGE, ""))


DECIMAL_COMMA = frozenset({"nl"})
"""Languages that write a decimal comma (and a point between thousands)."""
GROUP_FROM = 10_000
"""Whole numbers from here on get a separator between thousands (5000, but 10,000 / 10.000)."""


def number(value: float | int, lang: str, digits: int | None = None) -> str:
    """A number as the page's language writes it: ``0.8`` in English, ``0,8`` in Dutch.

    Args:
        value: The number.
        lang: A code from :data:`LANGUAGES`.
        digits: Decimals to show; None for as few as the value needs (``:g``).
    """
    if isinstance(value, bool):
        return str(value)
    if digits is not None:
        text = f"{value:.{digits}f}"
    elif isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        whole = int(value)
        text = f"{whole:,}" if abs(whole) >= GROUP_FROM else str(whole)
        return text.replace(",", ".") if lang in DECIMAL_COMMA else text
    else:
        text = f"{value:g}"
    return text.replace(".", ",") if lang in DECIMAL_COMMA else text


def signed(value: float, lang: str, digits: int = 3) -> str:
    """A difference with its sign (``+0,292``), as :func:`number` writes it."""
    return ("-" if value < 0 else "+") + number(abs(value), lang, digits)


def has(lang: str, key: str) -> bool:
    """Whether the string files hold ``key`` (in ``lang`` or, as a fallback, in English)."""
    return key in strings(lang) or key in strings(DEFAULT_LANGUAGE)


def scenario_label(name: str, lang: str, model: str = "orglearn") -> str:
    """A scenario's display name: a shipped one's from the string files, an uploaded one's own."""
    key = f"scenario_name.{model}.{name}"
    return t(lang, key) if has(lang, key) else name


def choice_label(parameter: str, choice: str, lang: str) -> str:
    """A choice of the parameter table in words (``network.kind`` ``rake`` is "Hark ...")."""
    key = f"choice.{parameter}.{choice}"
    return t(lang, key) if has(lang, key) else choice


def as_text(value: Any, lang: str) -> Any:
    """A number written as :func:`number` writes it; anything else as it is."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang)
    return value
