"""A browser session's run: seeds, edits, resets and uploads, without a browser."""

from __future__ import annotations

import pytest

from orglearn.app.session import InputError, Session, parse_seed, parse_value
from orglearn.app.uploads import UploadError, read_upload


@pytest.mark.parametrize("text", ["abc", "1.5", "-3", "", "1e3", str(2**63), True])
def test_bad_seeds_are_explained(text):
    with pytest.raises(InputError) as err:
        parse_seed(text)
    assert err.value.key == "problem.seed"


def test_good_seeds():
    assert parse_seed(" 42 ") == 42 and parse_seed("1_000") == 1000 and parse_seed(7) == 7


def test_values_from_text_fields():
    assert parse_value("organization.people", "1000") == 1000
    assert parse_value("learning.feedback_noise", "0,5") == 0.5
    assert parse_value("environment.shocks", "150, 100") == (100, 150)
    with pytest.raises(InputError):
        parse_value("organization.people", "lots")
    with pytest.raises(InputError):
        parse_value("network.voice", 3.0)


def test_edits_wait_for_reset_and_reproduce():
    session = Session()
    session.step(3)
    session.edit("network.voice", 0.9)
    assert session.changed and session.week == 3
    session.reset()
    assert not session.changed and session.week == 0
    assert session.model.values["network.voice"] == 0.9


def test_a_preset_fills_in_its_knobs():
    session = Session()
    session.edit("management.style", "directive")
    assert session.pending["management.alignment_effort"] == 0.0


def test_a_combination_that_does_not_fit_is_refused_with_the_reason():
    session = Session()
    with pytest.raises(InputError) as err:
        session.edit("organization.team_size", 100)
    assert err.value.key == "problem.combination"
    assert any("team_size" in problem for problem in session.problems)
    assert session.pending["organization.team_size"] == session.scenario["organization.team_size"]


def test_two_sessions_do_not_share_a_run():
    first, second = Session(), Session()
    first.step(2)
    assert (first.week, second.week) == (2, 0)


def test_an_upload_is_read_as_data():
    scenario = read_upload("mine.toml", b'[scenario]\nextends = "rake"\n[organization]\npeople = 40\n')
    assert scenario.name == "mine" and scenario["organization.people"] == 40
    assert scenario["network.kind"] == "rake"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"\xff\xfe\x00", "upload.not_text"),
        (b"people = [", "upload.not_toml"),
        (b"[organization]\npeople = -4\n", "upload.invalid"),
        (b"[organization]\nchart = '/etc/passwd'\n", "upload.invalid"),
        (b"[scenario]\nextends = '/etc/hosts'\n", "upload.invalid"),
        (b"[network]\nvoyce = 1\n", "upload.invalid"),
        (b"x" * 300_000, "upload.too_large"),
    ],
)
def test_a_malformed_upload_gets_a_message(data, key):
    with pytest.raises(UploadError) as err:
        read_upload("bad.toml", data)
    assert err.value.key == key


def test_a_session_switches_to_marchs_model_and_back():
    session = Session()
    session.choose_model("march1991")
    assert (session.model_name, session.scenario.name, session.people(), session.week) == (
        "march1991",
        "baseline",
        50,
        0,
    )
    with pytest.raises(InputError) as err:
        session.edit("march.p1", "1,5")
    assert err.value.key == "problem.value" and err.value.values["allowed"] == "0 – 1"
    session.edit("march.p1", "0,9")
    session.reset()
    session.step(500)
    assert session.at_rest and session.week < 500  # fast learners come to rest, and stay there
    session.choose_name("mixed_learners")
    assert session.scenario.model == "march1991" and session.scenario["march.slow_share"] == 0.5
    session.choose_model("orglearn")
    assert (session.scenario.name, session.people()) == ("school", 60)


def test_a_march_scenario_can_be_uploaded_and_names_only_marchs_scenarios():
    data = b'[scenario]\nmodel = "march1991"\nextends = "fast_learners"\n[march]\nn = 20\n'
    scenario = read_upload("mine.toml", data)
    assert (scenario.model, scenario["march.n"], scenario["march.p1"]) == ("march1991", 20, 0.9)
    for bad in (
        b'[scenario]\nmodel = "march1991"\nextends = "rake"\n',
        b'[scenario]\nmodel = "march1991"\n[network]\nvoice = 1\n',
        b'[scenario]\nmodel = "march"\n',
    ):
        with pytest.raises(UploadError) as err:
            read_upload("bad.toml", bad)
        assert err.value.key == "upload.invalid"
