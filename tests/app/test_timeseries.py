"""The run's charts on screen: the export's series, titles and ranges, in the page's language."""

from __future__ import annotations

import json

import pytest

from orglearn.app.charts import CHARTS, MARCH_CHARTS
from orglearn.app.text import t
from orglearn.app.timeseries import DATA, EXTENT, chart_spec
from orglearn.simulation import LearningOrganization
from orglearn.simulation.march1991 import March1991


def layers_of(spec: dict) -> list[dict]:
    return spec["layer"]


def test_week_0_is_one_dot_on_an_axis_from_0_to_1():
    frame = LearningOrganization("school", seed=1).metrics()
    spec = chart_spec(frame, CHARTS[0], "en")
    assert spec["datasets"][DATA] == [
        {"step": 0, **{c: round(float(frame[c].iloc[0]), 3) for c in CHARTS[0].columns}, "dot": True}
    ]
    assert spec["datasets"][EXTENT] == [{"step": 0}, {"step": 1}]  # the x axis: 0 to 1
    later = chart_spec(LearningOrganization("school", seed=1).run(7), CHARTS[0], "en")
    assert later["datasets"][EXTENT] == [{"step": 0}, {"step": 7}]
    assert {k: v for k, v in later.items() if k != "datasets"} == {
        k: v for k, v in spec.items() if k != "datasets"
    }
    assert not any(row.get("dot") for row in later["datasets"][DATA])


def test_a_dutch_chart_names_everything_in_dutch_and_no_column():
    frame = LearningOrganization("school", seed=1).run(2)
    for spec in CHARTS:
        drawn = chart_spec(frame, spec, "nl")
        words = json.dumps({k: v for k, v in drawn.items() if k != "datasets"}, ensure_ascii=False)
        assert t("nl", f"chart.{spec.key}") in words
        assert '"title": "week"' in words
        for column in spec.columns:
            assert t("nl", f"series.{column}") in words
            tooltip_titles = [
                tip["title"]
                for layer in layers_of(drawn)
                for tip in layer.get("encoding", {}).get("tooltip", [])
                if tip["field"] == column
            ]
            assert tooltip_titles == [t("nl", f"series.{column}")]


def chance_lines(drawn: dict) -> list[float]:
    return [
        row["value"]
        for layer in layers_of(drawn)
        if layer["mark"].get("type") == "rule" and layer["encoding"].get("y")
        for row in drawn["datasets"][layer["data"]["name"]]
    ]


@pytest.mark.parametrize("spec", CHARTS, ids=lambda s: s.key)
def test_the_chance_level_is_marked_only_where_the_series_share_one(spec):
    drawn = chart_spec(LearningOrganization("school", seed=1).run(1), spec, "en")
    if spec.key.startswith("shared_meaning"):
        assert spec.chance == 0 and chance_lines(drawn) == [0.0]
        assert t("en", "chart.chance") in json.dumps(drawn)
    else:
        assert spec.chance is None and chance_lines(drawn) == []


def test_interventions_are_marked_with_their_labels():
    frame = LearningOrganization("school", seed=1).run(5)
    drawn = chart_spec(frame, CHARTS[0], "en", marks=[(3, "new director")])
    marked = [layer for layer in layers_of(drawn) if layer["mark"].get("color") == "#6a1b9a"]
    assert len(marked) == 2
    assert drawn["datasets"][marked[0]["data"]["name"]][0]["step"] == 3
    assert "new director" in json.dumps(drawn)


def test_marchs_charts_count_periods():
    frame = March1991("baseline", seed=1).run(3)
    for spec in MARCH_CHARTS:
        drawn = chart_spec(frame, spec, "nl", unit="period")
        assert '"title": "periode"' in json.dumps(drawn)
        assert [row["step"] for row in drawn["datasets"][DATA]] == [0, 1, 2, 3]


def test_a_missing_value_goes_to_the_page_as_null():
    frame = LearningOrganization("school", seed=1).run(1)
    frame.loc[1, "goal_alignment_team"] = float("nan")
    rows = chart_spec(frame, CHARTS[0], "en")["datasets"][DATA]
    assert rows[1]["goal_alignment_team"] is None
    json.dumps(rows, allow_nan=False)


def y_domain(spec: dict) -> list[float]:
    """The y range of a layered chart (its layers share one scale; those that set it agree)."""
    ys = [layer.get("encoding", {}).get("y") or {} for layer in layers_of(spec)]
    domains = [y["scale"]["domain"] for y in ys if "scale" in y]
    assert domains and all(domain == domains[0] for domain in domains)
    return domains[0]


def test_the_y_axis_reaches_down_to_the_lowest_team_so_no_team_line_is_cut_off():
    frame = LearningOrganization("school", seed=1).run(3)
    shared = next(spec for spec in CHARTS if spec.per_team == "shared_meaning_rules_team")
    assert shared.ylim is not None
    inside = [{"step": 3, "team": 0, "value": 0.4, "selected": False}]
    assert y_domain(chart_spec(frame, shared, "en", teams=inside)) == list(shared.ylim)
    below = [*inside, {"step": 3, "team": 1, "value": -0.43, "selected": False}]
    assert y_domain(chart_spec(frame, shared, "en", teams=below)) == [-0.5, shared.ylim[1]]
    at_a_tenth = [{"step": 3, "team": 1, "value": -0.3, "selected": False}]
    assert y_domain(chart_spec(frame, shared, "en", teams=at_a_tenth)) == [-0.3, shared.ylim[1]]
    missing = [{"step": 3, "team": 1, "value": None, "selected": False}]
    assert y_domain(chart_spec(frame, shared, "en", teams=missing)) == list(shared.ylim)
