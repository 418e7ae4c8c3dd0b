"""Shared helpers for the tests: small organizations and quiet settings."""

from __future__ import annotations

import pytest
from settings import QUIET


@pytest.fixture
def quiet() -> dict:
    """A fresh copy of the all-off settings."""
    return dict(QUIET)
