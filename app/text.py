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
