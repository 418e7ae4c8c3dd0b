"""Layout, portrayal, charts, comparison and export: the app's pieces without a browser."""

from __future__ import annotations

import io
import zipfile
from importlib.metadata import version

import numpy as np
import pandas as pd
import pytest

from orglearn.app.charts import run_figure
from orglearn.app.compare import run_pair, seeds_from
from orglearn.app.export import PACK_FILES, build_pack
from orglearn.app.layout import _CACHE, layout_for
from orglearn.app.portrayal import GROUP_ABOVE, MEASURES, clicked_team, network_chart, person_values
from orglearn.scenarios import load_scenario
from orglearn.simulation import LearningOrganization
from orglearn.simulation.structure import ROLES

LABELS = {**{r: r for r in ROLES}, "measure": "m", "person": "p", "team": "t", "formal": "f", "informal": "i"}
LABELS |= {"value": "v", "members": "n"}


def test_ipyvue_2_or_later_is_not_installed():
    """Ipyvue 3 leaves Solara's main area blank (mesa issue 3806); the browser tests catch it too."""
    assert int(version("ipyvue").split(".")[0]) < 2
    assert int(version("ipyvuetify").split(".")[0]) < 2


def test_layout_is_computed_once_per_chart_and_stays_in_the_square():
    model = LearningOrganization("school", seed=1)
    first = layout_for(model.state.chart)
    again = LearningOrganization("school", seed=2)
    assert layout_for(again.state.chart) is first
    assert np.abs(np.concatenate([first.x, first.y])).max() <= 1
    assert (
        len({(round(x, 6), round(y, 6)) for x, y in zip(first.x, first.y, strict=True)}) == model.state.size
    )
    assert len(_CACHE) >= 1


@pytest.mark.parametrize("measure", MEASURES)
def test_every_measure_colours_everyone(measure):
    model = LearningOrganization("school", seed=1)
    values = person_values(model.state, measure)
    assert values.shape == (60,) and np.isfinite(values).all()
    chart, grouped = network_chart(model.state, layout_for(model.state.chart), measure, LABELS, team=1)
    assert not grouped and chart["layer"]
    people = chart["datasets"]["nodes"]
    assert len(people) == 60 and [p["value"] for p in people] == np.round(values, 3).tolist()


def test_large_organizations_are_drawn_as_teams():
    model = LearningOrganization({"organization.people": GROUP_ABOVE + 100}, seed=1)
    chart, grouped = network_chart(model.state, layout_for(model.state.chart), "goal_alignment", LABELS)
    points = chart["layer"][1]
    assert grouped and len(chart["datasets"][points["data"]["name"]]) == model.state.chart.n_teams


def test_ties_between_teams_are_one_line_per_pair_of_teams_counted():
    from orglearn.app.portrayal import _team_ties_frame

    state = LearningOrganization({"organization.people": 1000}, seed=2).state
    layout = layout_for(state.chart)
    drawn = _team_ties_frame(state, layout)
    a, b = state.chart.team[state.ties.source], state.chart.team[state.ties.target]
    between = a != b
    pairs = pd.DataFrame(
        {"a": np.minimum(a, b)[between], "b": np.maximum(a, b)[between], "formal": state.ties.formal[between]}
    )
    counted = pairs.groupby(["a", "b"]).agg(n=("formal", "size"), formal=("formal", "any")).reset_index()
    assert len(drawn) == len(counted) > 100
    assert drawn["x"].tolist() == layout.team_x[counted["a"]].tolist()
    assert drawn["y2"].tolist() == layout.team_y[counted["b"]].tolist()
    assert drawn["kind"].tolist() == np.where(counted["formal"], "formal", "informal").tolist()
    assert drawn["opacity"].tolist() == np.clip(0.25 + 0.1 * counted["n"], 0.25, 1.0).tolist()


def test_clicks_name_a_team_or_nothing():
    assert clicked_team({"team": 3, "x": 0.1}) == 3
    assert clicked_team(None) is None and clicked_team({"x": 1}) is None


def test_common_random_numbers_give_identical_runs_for_identical_scenarios():
    school = load_scenario("school")
    comparison = run_pair((school, school), seeds_from(5, 3), 10)
    a, b = comparison.series("fit_org")
    assert np.array_equal(a, b) and not np.array_equal(a[0], a[1])
    assert comparison.summary("fit_org")["mean"] == 0


def test_the_export_pack_reproduces_the_run(tmp_path):
    scenario = load_scenario("school").with_values({"network.voice": 0.8})
    metrics = LearningOrganization(scenario, seed=11).run(5)
    pack = zipfile.ZipFile(io.BytesIO(build_pack(scenario, 11, metrics, "nl")))
    assert set(PACK_FILES) <= set(pack.namelist())
    assert "Startgetal: 11" in pack.read("README.txt").decode()
    (tmp_path / "scenario.toml").write_bytes(pack.read("scenario.toml"))
    rerun = LearningOrganization(load_scenario(tmp_path / "scenario.toml"), seed=11).run(5)
    pd.testing.assert_frame_equal(rerun, pd.read_csv(io.BytesIO(pack.read("metrics.csv"))), check_dtype=False)


def test_the_dashboard_has_every_chart():
    frame = LearningOrganization("school", seed=1).run(3)
    figure = run_figure(frame, "en")
    assert len([axis for axis in figure.axes if axis.get_visible()]) == 6


BELIEF_WORDS = {w: w for w in ("reality", "code", "individual", "learners", "dimension", "knowledge")}
BELIEF_WORDS |= {w: w for w in ("belief", "status", "agrees", "none", "disagrees", "plus", "minus")}


def test_the_belief_matrix_marks_each_belief_against_reality():
    from orglearn.app.beliefs import belief_frame, beliefs_chart, knowledge_frame, select
    from orglearn.simulation.march1991 import March1991

    model = March1991({"march.n": 3, "march.m": 4}, seed=1)
    state = model.state
    state.reality[:] = [1, 1, -1, -1]
    state.code[:] = [1, 0, 1, 0]
    state.beliefs[:] = [[1, 1, -1, -1], [0, 0, 0, 0], [-1, -1, 1, 1]]
    selection = select(state)
    cells = belief_frame(state, BELIEF_WORDS, selection)
    grid = cells.pivot(index="row", columns="dimension", values="status")
    assert grid.loc["reality"].tolist() == ["plus", "plus", "minus", "minus"]
    assert grid.loc["code"].tolist() == ["agrees", "none", "disagrees", "none"]
    assert grid.loc["individual 1"].tolist() == ["agrees"] * 4
    assert grid.loc["individual 2"].tolist() == ["none"] * 4
    assert grid.loc["individual 3"].tolist() == ["disagrees"] * 4
    bars = knowledge_frame(state, True, BELIEF_WORDS, selection)
    assert bars["knowledge"].tolist() == [0.0, 1.0, 0.0, -1.0]  # (right - wrong) / m
    assert bars["kind"].tolist()[1:] == ["learners (p1 = 0.1)"] * 3
    chart, sampled = beliefs_chart(state, True, BELIEF_WORDS)
    assert not sampled and chart.to_dict()["hconcat"]


def test_a_large_march_organization_is_drawn_as_a_selection():
    from orglearn.app.beliefs import MAX_DIMENSIONS, MAX_ROWS, belief_frame, beliefs_chart, select
    from orglearn.simulation.march1991 import March1991

    model = March1991({"march.n": 1000, "march.m": 200, "march.slow_share": 0.5}, seed=1)
    selection = select(model.state)
    assert selection.sampled and len(selection.rows) == MAX_ROWS
    assert len(selection.dimensions) == MAX_DIMENSIONS
    assert selection.rows[0] == 0 and selection.rows[-1] == 999
    assert len(belief_frame(model.state, BELIEF_WORDS, selection)) == (MAX_ROWS + 2) * MAX_DIMENSIONS
    assert beliefs_chart(model.state, True, BELIEF_WORDS)[1]


def test_the_export_pack_of_a_march_run_has_its_charts_and_reproduces_it(tmp_path):
    import json

    from orglearn.app.charts import MARCH_CHARTS
    from orglearn.simulation.march1991 import March1991

    scenario = load_scenario("mixed_learners", model="march1991").with_values({"march.p2": 0.9})
    metrics = March1991(scenario, seed=4).run(8)
    pack = zipfile.ZipFile(io.BytesIO(build_pack(scenario, 4, metrics, "en")))
    names = set(pack.namelist())
    assert {f"chart_{c.key}.png" for c in MARCH_CHARTS} <= names and "chart_fit.png" not in names
    assert json.loads(pack.read("metadata.json"))["model"] == "march1991"
    (tmp_path / "scenario.toml").write_bytes(pack.read("scenario.toml"))
    again = March1991(load_scenario(tmp_path / "scenario.toml"), seed=4).run(8)
    pd.testing.assert_frame_equal(again, metrics)
