"""The engine's helpers: scratch memory, the compiled search for subcultures, draws into scratch memory."""

import networkx as nx
import numpy as np
import pytest

from orglearn.simulation.draws import draw_week
from orglearn.simulation.metrics import subculture_counts, subcultures
from orglearn.simulation.streams import Streams
from orglearn.simulation.ties import Ties, unique_pairs
from orglearn.simulation.workspace import Workspace


def test_workspace_reuses_memory_by_name_and_grows_when_asked_for_more():
    work = Workspace()
    first = work.take("a", (10, 3))
    assert work.take("a", (10, 3)) is first
    assert np.shares_memory(work.take("a", 12), first)
    assert not np.shares_memory(work.take("b", (10, 3)), first)
    bigger = work.take("a", (40, 3))
    assert bigger.shape == (40, 3) and bigger.flags.c_contiguous
    assert work.take("a", 5, bool).dtype == bool
    assert work.nbytes >= bigger.nbytes
    work.clear()
    assert work.nbytes == 0


def reference_subcultures(x, ties, distance, min_share):
    close = np.mean((x[ties.source] - x[ties.target]) ** 2, axis=1) < distance**2
    graph = nx.Graph()
    graph.add_nodes_from(range(len(x)))
    graph.add_edges_from(zip(ties.source[close], ties.target[close], strict=True))
    least = max(2, int(np.ceil(min_share * len(x))))
    return sum(len(group) >= least for group in nx.connected_components(graph))


@pytest.mark.parametrize("spread", [0.0, 0.05, 0.2, 0.5, 1.0])
def test_subcultures_match_a_plain_search_for_connected_groups(spread):
    rng = np.random.default_rng(int(spread * 100))
    n = 400
    lo, hi = unique_pairs(rng.integers(0, n, 1500), rng.integers(0, n, 1500))
    ties = Ties.from_edges(n, lo, hi, np.ones(len(lo)), np.zeros(len(lo), bool))
    centres = rng.uniform(-1, 1, (4, 3))
    layers = np.stack(
        [centres[rng.integers(0, 4, n)] + spread * rng.standard_normal((n, 3)) for _ in range(3)]
    )
    for min_share in (0.0, 0.05, 0.3):
        expected = [reference_subcultures(x, ties, 0.25, min_share) for x in layers]
        assert list(subculture_counts(layers, ties, 0.25, min_share)) == expected
        assert subcultures(layers[2], ties, 0.25, min_share) == expected[2]


def test_drawing_into_scratch_memory_draws_the_same_numbers():
    from orglearn.scenarios import load_scenario
    from orglearn.simulation import Engine

    engine = Engine(load_scenario("network_org", {"organization.turnover": 0.05}), np.random.default_rng(9))
    values = {**engine.values, "direction.evaluation_interval": 1, "communication.meeting_interval": 1}
    state, work = engine.state, Workspace()
    for week in range(3):
        state.week = week
        fresh = draw_week(Streams.spawn(week), state, values)
        reused = draw_week(Streams.spawn(week), state, values, work)
        for name in ("feedback", "initiate", "partner", "message_noise", "meeting_noise", "dialogue_noise",
                     "perception_noise", "report_noise", "leave"):  # fmt: skip
            assert np.array_equal(getattr(fresh, name), getattr(reused, name)), name
