"""A line per team: each team's own values from the metrics' own functions, and a click on one."""

from __future__ import annotations

import ipyvuetify as v
import numpy as np
import pytest
import solara

from orglearn.app.components.live_vega import LiveVegaLite
from orglearn.app.page import Page
from orglearn.app.session import InputError, Session
from orglearn.simulation import metrics

from .test_components import button, texts


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def run_charts(rc) -> list:
    return [w for w in rc.find(LiveVegaLite).widgets if "run" in w.spec.get("datasets", {})]


def test_each_team_s_line_averages_to_the_recorded_team_mean():
    session = Session()
    session.step(4)
    history, state = session.teams, session.model.state
    assert history.weeks == [0, 1, 2, 3, 4]
    assert history.teams.tolist() == metrics.team_ids(state).tolist()
    recorded = session.model.metrics()
    for column in ("goal_alignment_team", "fit_team"):
        for week, values in zip(history.weeks, history.values[column], strict=True):
            assert np.mean(values) == pytest.approx(recorded[column].iloc[week])
    assert (
        history.values["shared_meaning_rules_team"][-1].tolist()
        == metrics.team_shared_meaning(state, 0).tolist()
    )
    rows = history.rows("goal_alignment_team", selected=2)
    assert len(rows) == 5 * len(history.teams) and sum(r["selected"] for r in rows) == 5


def test_the_teams_are_kept_from_week_0_so_lines_switched_on_late_start_there():
    session = Session()
    session.step(3)
    assert session.shown_teams() is None  # kept, but not shown
    session.show_teams(True)
    session.step(2)
    assert session.shown_teams().weeks == [0, 1, 2, 3, 4, 5]
    session.show_teams(False)
    session.step(1)
    assert session.shown_teams() is None and session.teams.weeks[-1] == 6
    for forged in ("yes", 1, None):
        with pytest.raises(InputError):
            session.show_teams(forged)
    assert not session.team_lines


def test_the_lines_start_again_at_a_reset():
    session = Session()
    session.show_teams(True)
    session.step(3)
    session.reset()
    assert session.shown_teams().weeks == [0]


def test_march_s_model_keeps_no_teams():
    session = Session()
    session.choose_model("march1991")
    session.show_teams(True)
    session.step(2)
    assert session.teams is None and session.shown_teams() is None


def test_switching_the_lines_on_draws_them_and_a_click_on_one_highlights_its_team(app):
    assert not any("teams" in w.spec["datasets"] for w in run_charts(app))
    app.find(v.Html, class_="orglearn-team-lines").find(v.Checkbox).widget.v_model = True
    button(app, "Step").click()
    drawn = [w for w in run_charts(app) if "teams" in w.spec["datasets"]]
    assert len(drawn) == 5  # goal alignment, fit, and shared meaning at three levels
    assert {row["team"] for row in drawn[0].spec["datasets"]["teams"]} == set(range(7))
    assert texts(app, "orglearn-team-lines-help")[0].startswith("Grey lines")
    drawn[0].vue_altair_click({"team": 3, "step": 1, "value": 0.4})
    assert texts(app, "orglearn-team-selected") == ["Team 3 highlighted"]  # and its people in the network
    chosen = [r for r in run_charts(app)[0].spec["datasets"]["teams"] if r["selected"]]
    assert chosen and {r["team"] for r in chosen} == {3}
    for forged in ({"team": 999}, {"team": "../x"}, {"step": 1}, None):
        run_charts(app)[0].vue_altair_click(forged)
        assert {r["team"] for r in run_charts(app)[0].spec["datasets"]["teams"] if r["selected"]} == {3}


def test_a_long_run_of_many_teams_is_thinned_but_keeps_its_last_week(monkeypatch):
    import orglearn.app.team_lines as team_lines

    monkeypatch.setattr(team_lines, "MAX_ROWS", 70)  # 7 teams: about 10 weeks
    session = Session()
    session.step(30)
    history = session.teams
    assert history.every == 2 and len(history.weeks) * 7 <= 2 * 70  # kept: no more than twice that
    assert history.weeks == [*range(0, 30, 2), 30]
    session.step(1)
    assert history.weeks[-2:] == [30, 31]
    session.step(1)
    assert history.weeks[-2:] == [30, 32]  # 31 was kept only while it was the latest
    rows = history.rows("goal_alignment_team")
    weeks = sorted({row["step"] for row in rows})
    assert weeks[0] == 0 and weeks[-1] == 32 and len(rows) == 7 * len(weeks) and len(rows) <= 70 + 7


def test_a_team_picked_in_the_list_is_highlighted_and_a_forged_one_changes_nothing(app):
    assert not app.find(v.ChipGroup)  # no list while the lines are off
    app.find(v.Html, class_="orglearn-team-lines").find(v.Checkbox).widget.v_model = True
    chips = app.find(v.ChipGroup).widget
    assert [chip.value for chip in chips.children] == list(range(7))
    chips.v_model = 4
    assert texts(app, "orglearn-team-selected") == ["Team 4 highlighted"]
    assert {r["team"] for r in run_charts(app)[0].spec["datasets"]["teams"] if r["selected"]} == {4}
    for forged in (7, 999, "4", True, 2.0, [1], {"team": 1}):
        app.find(v.ChipGroup).widget.v_model = forged
        assert texts(app, "orglearn-team-selected") == ["Team 4 highlighted"]
    app.find(v.ChipGroup).widget.v_model = None  # the highlighted chip clicked again
    assert texts(app, "orglearn-team-selected") == []
