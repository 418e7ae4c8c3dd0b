import numpy as np
import pandas as pd
import pytest

from orglearn.experiments.stats import (
    describe,
    finish_moments,
    interval,
    merge_moments,
    metric_words,
    moments,
)


def test_interval_is_the_t_interval():
    low, high = interval(np.array([2.0]), np.array([1.0]), np.array([3]))
    half = 4.302652729911275 / np.sqrt(3)  # t(0.975, 2)
    assert low[0] == pytest.approx(2 - half)
    assert high[0] == pytest.approx(2 + half)
    assert np.isnan(interval(np.array([2.0]), np.array([np.nan]), np.array([1]))[0][0])


def test_describe_by_hand():
    values = pd.DataFrame({"kind": ["a", "a", "a", "b", "b"], "m": [1.0, 2.0, 3.0, 10.0, np.nan]})
    table = describe(values, ["kind"], ["m"])
    a, b = table.iloc[0], table.iloc[1]
    assert (a["kind"], a["runs"], a["mean"], a["sd"]) == ("a", 3, 2.0, 1.0)
    assert (b["runs"], b["mean"]) == (1, 10.0)
    assert np.isnan(b["ci_low"])


def test_merged_moments_equal_moments_of_all_rows():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"g": rng.integers(0, 3, 200), "x": rng.normal(size=200)})
    frame.loc[::17, "x"] = np.nan
    merged = None
    for start in range(0, 200, 30):
        part = frame.iloc[start : start + 30]
        merged = merge_moments(merged, moments(part, ["g"], "x"), ["g"])
    merged = finish_moments(merged).sort_values("g", ignore_index=True)
    direct = frame.groupby("g")["x"].agg(["count", "mean", "std"]).reset_index()
    np.testing.assert_allclose(merged["n"], direct["count"])
    np.testing.assert_allclose(merged["mean"], direct["mean"])
    np.testing.assert_allclose(merged["sd"], direct["std"])


def test_metric_words():
    assert metric_words("Shared meaning of rules within teams: 1 identical, 0 chance.") == (
        "Shared meaning of rules within teams",
        "1 identical, 0 chance",
    )
    assert metric_words("Mean learning capacity (meta-learning raises it).") == ("Mean learning capacity", "")
