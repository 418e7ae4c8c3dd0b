"""Paired comparisons and verdicts, on numbers checked by hand."""

import math

import numpy as np
import pytest

from orglearn.experiments.claims.analysis import NOT_SUPPORTED, REVERSED, SUPPORTED, paired, verdict
from orglearn.experiments.claims.spec import Hypothesis

H = Hypothesis("h", {"en": "", "nl": ""}, "a", "b", "fit_org", (0, 10), "higher")


def test_a_paired_difference_with_its_interval_and_effect_size():
    control = np.array([1.0, 2.0, 3.0, 4.0])
    treatment = np.array([2.0, 2.5, 4.5, 4.5])  # differences 1, 0.5, 1.5, 0.5: mean 0.875
    c = paired(control, treatment, H)
    sd = np.std([1, 0.5, 1.5, 0.5], ddof=1)  # 0.4787
    half = 3.182446305284263 * sd / 2  # t(0.975, 3) * sd / sqrt(4)
    assert c.runs == 4
    assert c.difference == pytest.approx(0.875)
    assert c.low == pytest.approx(0.875 - half)
    assert c.high == pytest.approx(0.875 + half)
    assert c.effect == pytest.approx(0.875 / sd)
    assert c.verdict == SUPPORTED


def test_pairing_removes_the_spread_between_seeds():
    rng = np.random.default_rng(1)
    seed_effect = rng.normal(0, 5, 30)  # runs differ a lot between seeds
    control = seed_effect
    treatment = seed_effect + 0.1 + rng.normal(0, 0.01, 30)
    assert paired(control, treatment, H).verdict == SUPPORTED


@pytest.mark.parametrize(
    ("low", "high", "expect", "result"),
    [
        (0.1, 0.3, "higher", SUPPORTED),
        (-0.3, -0.1, "higher", REVERSED),
        (-0.1, 0.2, "higher", NOT_SUPPORTED),
        (-0.3, -0.1, "lower", SUPPORTED),
        (0.1, 0.3, "lower", REVERSED),
        (math.nan, math.nan, "higher", NOT_SUPPORTED),
    ],
)
def test_the_verdict_reads_the_interval(low, high, expect, result):
    assert verdict(low, high, expect) == result


def test_one_run_gives_no_verdict():
    c = paired(np.array([1.0]), np.array([2.0]), H)
    assert math.isnan(c.low)
    assert c.verdict == NOT_SUPPORTED
