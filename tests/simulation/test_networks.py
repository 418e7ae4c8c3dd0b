import numpy as np
import pytest

from orglearn.scenarios import scenario_from_values
from orglearn.simulation.networks import build_ties, group_pairs
from orglearn.simulation.structure import build_chart

KINDS = ["rake", "teams", "network_org", "small_world", "scale_free", "random", "complete"]


def ties_of(kind: str, seed: int = 1, **extra):
    values = scenario_from_values({"network.kind": kind, **extra}).values
    chart = build_chart(values["organization.people"], 8, 4, 3)
    return chart, build_ties(chart, values, np.random.default_rng(seed))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_keeps_the_reporting_lines_and_is_connected(kind):
    chart, ties = ties_of(kind)
    sub, sup = chart.reporting_lines()
    formal = {(min(a, b), max(a, b)) for a, b in zip(sub, sup, strict=True)}
    pairs = {(int(a), int(b)) for a, b in zip(ties.source, ties.target, strict=True)}
    assert formal <= pairs
    flagged = {
        p
        for p, f in zip(
            zip(ties.source.tolist(), ties.target.tolist(), strict=True), ties.formal, strict=True
        )
        if f
    }
    assert flagged == formal
    assert ties.components()[0] == 1
    assert np.all(ties.source < ties.target)
    assert len(pairs) == ties.count  # no duplicates


def test_a_pure_rake_has_only_reporting_lines_and_teams_are_cliques():
    chart, rake = ties_of("rake", **{"network.team_ties": 0.0})
    assert rake.count == chart.size - 1
    _, teams = ties_of("teams")
    a, b = group_pairs(chart.team)
    assert teams.count == len(
        set(zip(*np.sort(np.stack([a, b]), axis=0).tolist(), strict=True))
        | {(min(x, y), max(x, y)) for x, y in zip(*chart.reporting_lines(), strict=True)}
    )
    _, full_rake = ties_of("rake", **{"network.team_ties": 1.0})
    assert full_rake.count == teams.count


def test_bridging_adds_ties_across_teams():
    chart, closed = ties_of("network_org", **{"network.bridging": 0.0})
    _, bridged = ties_of("network_org", **{"network.bridging": 1.0})
    across = chart.team[bridged.source] != chart.team[bridged.target]
    assert bridged.count > closed.count
    assert np.count_nonzero(across) > np.count_nonzero(chart.team[closed.source] != chart.team[closed.target])


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_same_network_and_random_kinds_differ_by_seed(kind):
    _, a = ties_of(kind, seed=5)
    _, b = ties_of(kind, seed=5)
    _, c = ties_of(kind, seed=6)
    assert np.array_equal(a.source, b.source)
    assert np.array_equal(a.target, b.target)
    assert np.array_equal(a.quality, b.quality)
    assert not np.array_equal(a.quality, c.quality)  # qualities are drawn for every kind
    if kind in ("network_org", "small_world", "scale_free", "random"):
        assert not (np.array_equal(a.source, c.source) and np.array_equal(a.target, c.target))


def test_choice_shares_rise_to_exactly_one_in_every_row():
    _, ties = ties_of("network_org")
    ends = ties.indptr[1:] - 1
    assert np.all(ties.choice_cdf[ends] == 1.0)
    assert np.all(np.diff(ties.choice_cdf)[np.diff(ties.row) == 0] >= 0)
    assert np.all(np.diff(ties.indices)[np.diff(ties.row) == 0] > 0)  # contacts ascending


def test_constant_quality_gives_equal_choices():
    _, ties = ties_of("teams", **{"network.tie_quality_mean": 1.0, "network.tie_quality_sd": 0.0})
    assert np.all(ties.quality == 1.0)
    row = ties.contacts(5)
    degree = row.stop - row.start
    assert np.allclose(ties.choice_cdf[row], np.arange(1, degree + 1) / degree)
