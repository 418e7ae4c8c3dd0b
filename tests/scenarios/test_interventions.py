"""Interventions in scenario files: read, checked against the table, composed with extends."""

import pytest

from orglearn.scenarios import ScenarioError, load_scenario, parameter_table
from orglearn.scenarios.interventions import check_weeks, parse_intervene

NEW_DIRECTOR = """
[scenario]
extends = "directive"

[[interventions]]
name = "new_director"
week = 100
set = { "management.style" = "aligning" }
label.en = "New director"
label.nl = "Nieuwe directeur"
"""


def write(tmp_path, text, name="s.toml"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def problems(tmp_path, text):
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, text))
    return str(err.value)


def test_an_intervention_is_read_with_the_presets_it_fills_in(tmp_path):
    scenario = load_scenario(write(tmp_path, NEW_DIRECTOR))
    (item,) = scenario.interventions
    assert (item.name, item.week, item.until) == ("new_director", 100, 100)
    assert item.label == {"en": "New director", "nl": "Nieuwe directeur"}
    aligning = load_scenario("aligning")
    assert item.set["management.style"] == "aligning"
    for key in ("management.alignment_effort", "management.participation", "management.directive_pressure"):
        assert item.set[key] == aligning[key]
    assert scenario["management.style"] == "directive"  # values hold before the first intervention


def test_the_written_scenario_reads_back_with_its_interventions(tmp_path):
    scenario = load_scenario(write(tmp_path, NEW_DIRECTOR))
    again = load_scenario(write(tmp_path, scenario.to_toml(), "again.toml"))
    assert again.interventions == tuple(
        type(i)(**{**i.__dict__, "source": str(tmp_path / "again.toml")}) for i in scenario.interventions
    )
    assert again.values == scenario.values


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'week = 10\nset = { "organization.people" = 50 }',
            "organization.people: cannot change during a run",
        ),
        (
            'week = 10\nset = { "network.voise" = 1.0 }',
            "network.voise: unknown setting. Did you mean 'network.voice'",
        ),
        ('week = 0\nset = { "network.voice" = 1.0 }', "week: 0 is not allowed: use a week from 1 up"),
        ('week = 10\nuntil = 5\nset = { "network.voice" = 1.0 }', "until: 5 is not allowed"),
        (
            'week = 10\nset = { "network.voice" = 7.0 }',
            "network.voice: 7.0 is not allowed: use a number from 0.0",
        ),
        ("week = 10", "set: expected a table of settings"),
        ('week = 10\nwhen = 3\nset = { "network.voice" = 1.0 }', "when: unknown key"),
        ('week = 10\nset = { "organization.team_size" = 500 }', "cannot change during a run"),
    ],
)
def test_bad_interventions_are_named_with_file_intervention_and_key(tmp_path, body, expected):
    text = f'[scenario]\nextends = "baseline"\n\n[[interventions]]\nname = "x"\n{body}\n'
    message = problems(tmp_path, text)
    assert expected in message
    assert str(tmp_path / "s.toml") in message and "intervention 'x'" in message


def test_an_intervention_inside_another_ones_window_on_the_same_key_is_refused(tmp_path):
    text = """[scenario]
extends = "baseline"
[[interventions]]
name = "slow"
week = 10
until = 30
set = { "network.voice" = 1.0 }
[[interventions]]
name = "early"
week = 20
set = { "network.voice" = 0.0 }
"""
    message = problems(tmp_path, text)
    assert "intervention 'early' (week 20): set: network.voice: starts in week 20" in message
    assert "start it in week 30 or later" in message


def test_two_interventions_of_one_name_in_one_file_are_refused(tmp_path):
    # interventions.NAME.week, and a child file's intervention of that name, must know which.
    text = """[scenario]
extends = "baseline"
[[interventions]]
name = "x"
week = 1
set = { "organization.turnover" = 0.1 }
[[interventions]]
name = "x"
week = 2
set = { "network.voice" = 1.0 }
"""
    message = problems(tmp_path, text)
    assert "intervention 'x': name: used by an earlier intervention too" in message


def test_interventions_compose_with_extends_and_a_same_name_replaces(tmp_path):
    write(tmp_path, NEW_DIRECTOR, "parent.toml")
    child = """[scenario]
extends = "parent.toml"
[[interventions]]
name = "new_director"
week = 50
set = { "management.style" = "aligning" }
[[interventions]]
name = "open_up"
week = 60
set = { "communication.clarity" = 0.95 }
"""
    scenario = load_scenario(write(tmp_path, child))
    assert [(i.name, i.week) for i in scenario.interventions] == [("new_director", 50), ("open_up", 60)]


def test_overrides_move_an_intervention_and_change_its_values(tmp_path):
    path = write(tmp_path, NEW_DIRECTOR)
    moved = load_scenario(path, {"interventions.new_director.week": 40})
    assert moved.interventions[0].week == 40
    changed = load_scenario(path).with_values({"interventions.new_director.management.participation": 0.9})
    assert changed.interventions[0].set["management.participation"] == 0.9
    with pytest.raises(ScenarioError, match="no intervention named 'old_director'"):
        load_scenario(path, {"interventions.old_director.week": 40})


def test_the_command_line_form_and_the_last_week():
    table = parameter_table()
    (item,), none = parse_intervene("100:management.style=aligning", 1, table)
    assert (item.name, item.week, item.set) == (
        "intervene_1",
        100,
        {"management.style": "aligning"},
    ) and not none
    assert "expected WEEK:KEY=VALUE" in parse_intervene("management.style=aligning", 1, table)[1][0]
    assert "comes after the last week of the run (50)" in check_weeks((item,), 50)[0]
    assert check_weeks((item,), 100) == []


def test_march_scenarios_take_no_interventions(tmp_path):
    text = '[scenario]\nmodel = "march1991"\n[[interventions]]\nweek = 5\nset = { "p1" = 0.5 }\n'
    assert "interventions are for orglearn's own model" in problems(tmp_path, text)
