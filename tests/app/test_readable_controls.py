"""Controls a room can read: every slider's value beside it, typed values, choices in words.

Rendered with ``solara.render``; the browser tests check the same on screen.
"""

from __future__ import annotations

import ipyvuetify as v
import pytest
import solara

from orglearn.app.components.controls import display, labelled
from orglearn.app.page import Page
from orglearn.app.session import InputError, Session
from orglearn.app.text import number, signed

from .test_components import enter, open_groups, toggle


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def value_field(rc, label: str) -> v.TextField:
    """The value field beside the slider whose label is ``label``."""
    open_groups(rc)
    rows = [
        w for w in _descendants(rc.container) if "orglearn-slider" in (getattr(w, "class_", "") or "").split()
    ]
    for row in rows:
        words = [
            c for w in _descendants(row) for c in getattr(w, "children", None) or [] if isinstance(c, str)
        ]
        if any(word.split(" (")[0] == label for word in words):
            return next(w for w in _descendants(row) if isinstance(w, v.TextField))
    raise AssertionError(f"no slider labelled {label!r}")


def _descendants(widget):
    for child in getattr(widget, "children", []) or []:
        if not isinstance(child, str):
            yield child
            yield from _descendants(child)


def errors(rc) -> list[str]:
    return [str(c) for w in rc.find(v.Html, class_="orglearn-error").widgets for c in w.children]


def test_numbers_in_each_language():
    assert number(0.8, "en") == "0.8" and number(0.8, "nl") == "0,8"
    assert number(0.18, "nl", 2) == "0,18" and number(5000, "nl") == "5000"
    assert number(2_000_000, "en") == "2,000,000" and number(2_000_000, "nl") == "2.000.000"
    assert signed(-0.2921, "nl") == "-0,292" and signed(0.2921, "en") == "+0.292"
    assert display(0.35, "nl") == "0,35" and display((100, 150), "nl") == "100, 150"


def test_a_unit_the_label_already_names_is_not_repeated():
    assert labelled("Organigram (bestand)", "bestand") == "Organigram (bestand)"
    assert labelled("People", "people") == "People"
    assert labelled("Shared culture at the start", "share") == "Shared culture at the start (share)"


def test_a_typed_number_out_of_range_names_the_range_and_what_was_typed():
    session = Session()
    with pytest.raises(InputError) as refused:
        session.edit("network.voice", "1,5")
    problem = refused.value
    assert (problem.values["low"], problem.values["high"], problem.values["text"]) == (0, 1, "1,5")
    session.edit("network.voice", "0,35")  # a decimal comma is read like a point
    assert session.pending.values["network.voice"] == pytest.approx(0.35)


def test_the_slider_value_shows_and_takes_a_typed_value(app):
    field = value_field(app, "Voice")
    assert field.v_model == "0.5"
    enter(field, "0.35")
    assert value_field(app, "Voice").v_model == "0.35"
    enter(value_field(app, "Voice"), "7")
    assert errors(app) == ["'7' does not fit here: type a number from 0 to 1."]


def test_in_dutch_the_value_has_a_decimal_comma_and_the_message_too(app):
    toggle(app, "orglearn-language").v_model = 1
    field = value_field(app, "Inspraak")
    assert field.v_model == "0,5"
    enter(field, "0,25")
    assert value_field(app, "Inspraak").v_model == "0,25"
    enter(value_field(app, "Inspraak"), "1,5")
    assert errors(app) == ["'1,5' past hier niet: typ een getal van 0 tot en met 1."]


def test_choices_are_shown_in_words_and_a_forged_word_is_dropped(app):
    toggle(app, "orglearn-language").v_model = 1
    open_groups(app)
    menus = {w.label: w for w in app.find(v.Select).widgets}
    network = menus["Netwerk"]
    assert "Netwerkorganisatie" in network.items and "network_org" not in network.items
    network.v_model = "Netwerkorganisatie"
    assert menus["Netwerk"].v_model == "Netwerkorganisatie"
    network.v_model = "/etc/passwd"
    assert not errors(app)


def test_a_forged_slider_value_gets_the_range_not_a_traceback(app):
    open_groups(app)
    row = next(
        w
        for w in _descendants(app.container)
        if "orglearn-slider" in (getattr(w, "class_", "") or "").split()
        and any(
            "Voice" in c
            for x in _descendants(w)
            for c in getattr(x, "children", None) or []
            if isinstance(c, str)
        )
    )
    track = next(w for w in _descendants(row) if isinstance(w, v.Slider))
    for forged in ("half", None, [0.3], float("nan"), 7.0, True):
        track.v_model = forged
        assert errors(app) and "from 0 to 1" in errors(app)[0], forged
    track.v_model = 0.25
    assert not errors(app) and value_field(app, "Voice").v_model == "0.25"


def test_a_group_builds_its_controls_when_first_opened_and_keeps_them(app):
    # A closed group holds nothing: the page is light until someone looks at a property.
    panels = app.find(v.ExpansionPanels, class_="orglearn-group").widgets
    assert len(panels) >= 6 and not app.find(v.Slider).widgets
    first = panels[0]
    first.v_model = 0
    built = len(app.find(v.Slider).widgets) + len(app.find(v.TextField).widgets)
    assert built > 0
    first.v_model = None  # closed again: the controls stay, so a reopening is instant
    assert len(app.find(v.Slider).widgets) + len(app.find(v.TextField).widgets) == built
    for forged in (5, "0", [0], -1):  # the panel takes only the two states it offers
        first.v_model = forged
    assert not errors(app)
