"""The person inspector: a click on a person shows their levels, goal and traits; a forged click nothing."""

from __future__ import annotations

import re

import ipyvuetify as v
import pytest
import solara
import solara.widgets

from orglearn.app.components.inspector import bar, person_of
from orglearn.app.page import Page
from orglearn.app.session import Session

from .test_components import texts, toggle


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def click_network(rc, datum) -> None:
    network = rc.find(solara.widgets.VegaLite).widgets[0]
    network.vue_altair_click(datum)


def test_a_person_is_read_from_the_model_and_only_one_the_chart_drew():
    session = Session()
    person = session.read(lambda model: person_of(model, "0"))
    state = session.model.state
    assert person.role == "director" and person.goal.tolist() == state.goal[0].tolist()
    assert person.meaning.shape == (3, state.goal.shape[1])
    for forged in ("/etc/passwd", "999", 0, None, ["0"]):
        assert session.read(lambda model, f=forged: person_of(model, f)) is None


def test_a_bar_writes_its_value_in_the_language():
    assert "0,25" in bar(0.25, "#000", "nl") and "-1.00" in bar(-3, "#000", "en")


def test_clicking_a_person_opens_the_inspector_in_dutch(app):
    toggle(app, "orglearn-language").v_model = 1
    click_network(app, {"team": 1, "person": "5"})
    facts = texts(app, "orglearn-person-facts")
    assert facts and "in team 1" in facts[0] and "actorschap" in facts[0]
    table = app.find(v.Html, class_="orglearn-person-table").widgets or [
        w for w in app.find(solara.widgets.HTML).widgets if "Regels" in str(w.unsafe_innerHTML)
    ]
    assert table, "no table of levels"
    click_network(app, {"team": 1, "person": "/etc/passwd"})
    assert not texts(app, "orglearn-person-facts")


def test_a_person_s_ties_are_the_model_s_reporting_lines_first():
    session = Session()
    state = session.model.state
    ties = state.ties
    index = 5
    person = session.read(lambda model: person_of(model, state.chart.labels[index]))
    half = range(ties.indptr[index], ties.indptr[index + 1])
    expected = {
        state.chart.labels[int(ties.indices[h])]: (bool(ties.half_formal[h]), float(ties.half_quality[h]))
        for h in half
    }
    assert len(person.ties) + person.more == len(expected) > 0
    assert {tie.label: (tie.formal, tie.quality) for tie in person.ties} == expected
    kinds = [tie.formal for tie in person.ties]
    assert any(kinds) and kinds == sorted(kinds, reverse=True)  # reporting lines first
    informal = [tie.quality for tie in person.ties if not tie.formal]
    assert informal == sorted(informal, reverse=True)
    assert all(0 <= tie.trust <= 1 for tie in person.ties)


def test_the_inspector_lists_the_ties_in_dutch(app):
    toggle(app, "orglearn-language").v_model = 1
    click_network(app, {"team": 1, "person": "5"})
    listed = [
        str(w.unsafe_innerHTML)
        for w in app.find(solara.widgets.HTML).widgets
        if "<th style='text-align:left'>Vertrouwen" in str(w.unsafe_innerHTML)
    ]
    assert listed and "hiërarchische lijn" in listed[0] and "reporting line" not in listed[0]
    cells = re.findall(r"<td>([-\d.,]+)</td>", listed[0])
    assert any("," in c for c in cells) and not any("." in c for c in cells)  # the Dutch way
    state = Session().model.state
    degree = int(state.ties.indptr[6] - state.ties.indptr[5])
    assert texts(app, "orglearn-person-ties-count") == [f"Banden: {degree}"]
