"""The engine's less travelled paths equal the readable person-by-person week too.

The lean engine takes shortcuts that depend on the settings and the chart: all levels in one pass
when they come in order (one at a time otherwise), one sum over several arrays unless there is a
single theme, slices of the week's noise when the reporting lines are consecutive positions
(gathers otherwise, as in a chart read from a file), no noise at all at clarity 1. Each is
checked here against the executable specification, with every mechanism on.
"""

import numpy as np
import pytest
from settings import EVERYTHING

from orglearn.scenarios import load_scenario
from orglearn.simulation import LearningOrganization

TOLERANCE = 1e-12

PEOPLE = ["id,team,role,reports_to"]
# Teams interleaved and staff listed before their leads, so teams and reporting lines are not in order.
for team in range(6):
    PEOPLE += [f"s{team}_{k},t{team % 3}{team},staff,l{team}" for k in range(5)]
PEOPLE += ["boss,top,director,"] + [f"l{team},t{team % 3}{team},team_lead,boss" for team in range(6)]


def same(fast, readable):
    names = ("meaning", "goal", "capacity", "memory", "aspiration", "conflict", "vision", "team_goal")
    for name in (*names, "performance", "actorship", "trust", "reflection_shift"):
        difference = np.abs(getattr(fast.state, name) - getattr(readable.state, name)).max()
        assert difference <= TOLERANCE, (name, fast.week, difference)
    assert np.array_equal(fast.state.reflected, readable.state.reflected)
    assert (fast.metrics() - readable.metrics()).abs().max().max() <= 1e-9


@pytest.mark.parametrize(
    "changes",
    [
        {"communication.levels": ["principles", "rules"]},
        {"communication.levels": ["insights"]},
        {"organization.themes": 1},
        {"organization.themes": 9},
        {"communication.clarity": 1.0, "communication.meeting_interval": 1},
        {"management.alignment_effort": 0.0, "management.directive_pressure": 0.0},
        {"network.kind": "random", "communication.confidence_bound": 2.0},
        {"learning.aspiration_own_weight": 0.5, "learning.aspiration_vision": 0.2},
        {
            "learning.aspiration_own_weight": 0.3,
            "learning.aspiration_reference": "contacts",
            "learning.reflection_threshold": 0.05,
            "learning.threshold_learning": 0.2,
            "learning.questioning_escalation": 0.5,
        },
        {"task.ruggedness": 0.6, "task.interdependence": 3, "communication.imitation": 0.5},
        {
            "task.ruggedness": 1.0,
            "task.interdependence": 0,
            "communication.imitation": 1.0,
            "network.kind": "complete",
        },
    ],
    ids=[
        "levels-out-of-order",
        "one-level",
        "one-theme",
        "nine-themes",
        "clear",
        "no-management",
        "random",
        "aspiration-of-team-and-vision",
        "aspiration-of-contacts-learned-threshold",
        "rugged-task",
        "smooth-nk-imitating",
    ],
)
def test_fast_engine_equals_readable_week_on_special_paths(changes):
    values = {**EVERYTHING, **changes}
    fast = LearningOrganization(values, seed=4, engine="fast")
    readable = LearningOrganization(values, seed=4, engine="readable")
    for _ in range(15):
        fast.step()
        readable.step()
    same(fast, readable)


def test_fast_engine_equals_readable_week_on_a_chart_read_from_a_file(tmp_path):
    (tmp_path / "people.csv").write_text("\n".join(PEOPLE) + "\n")
    (tmp_path / "mine.toml").write_text('[organization]\nchart = "people.csv"\n[network]\nkind = "rake"\n')
    settings = {k: v for k, v in EVERYTHING.items() if k != "organization.people"}
    scenario = load_scenario(str(tmp_path / "mine.toml"), {**settings, "network.team_ties": 0.8})
    fast = LearningOrganization(scenario, seed=2, engine="fast")
    readable = LearningOrganization(scenario, seed=2, engine="readable")
    assert list(fast.state.chart.superior[:3]) == [31, 31, 31]  # staff before their lead
    for _ in range(15):
        fast.step()
        readable.step()
    same(fast, readable)
