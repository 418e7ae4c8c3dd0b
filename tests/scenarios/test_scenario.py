from pathlib import Path

import pytest

from orglearn.scenarios import (
    ScenarioError,
    load_scenario,
    parameter_table,
    parse_assignment,
    scenario_from_values,
    scenario_names,
)
from orglearn.scenarios.scenario import scenario_folder

CONTRASTS = [
    "baseline",
    "no_direction",
    "clear_direction",
    "rules_only",
    "deep_learning",
    "rake",
    "network_org",
    "directive",
    "aligning",
    "laissez_faire",
    "closed",
    "open",
    "school",
]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_the_named_scenarios_are_all_there():
    assert set(CONTRASTS) <= set(scenario_names())


@pytest.mark.parametrize("name", CONTRASTS)
def test_each_scenario_loads_and_describes_itself_in_both_languages(name):
    scenario = load_scenario(name)
    assert scenario.name == name
    assert scenario.description["en"] and scenario.description["nl"]
    assert scenario.description["en"] != scenario.description["nl"]


@pytest.mark.parametrize("name", [n for n in CONTRASTS if n != "baseline"])
def test_each_contrast_differs_from_baseline_only_where_its_file_says(name):
    import tomllib

    raw = tomllib.loads((scenario_folder() / f"{name}.toml").read_text("utf-8"))
    assert raw["scenario"]["extends"] == "baseline"
    named = {f"{g}.{k}" for g, entries in raw.items() if g != "scenario" for k in entries}
    table = parameter_table()
    for key in list(named):  # a style fills in its knobs
        value = load_scenario(name)[key]
        named |= set(table[key].presets.get(value, {}))
    differences = load_scenario(name).differences(load_scenario("baseline"))
    assert differences, name
    assert set(differences) <= named


def test_extends_follows_a_chain_and_later_files_win(tmp_path):
    write(tmp_path, "a.toml", '[scenario]\nextends = "rake"\n[network]\nvoice = 0.3\n')
    write(tmp_path, "b.toml", '[scenario]\nextends = "a.toml"\nname = "bee"\n[organization]\npeople = 40\n')
    scenario = load_scenario(tmp_path / "b.toml")
    assert scenario.name == "bee"
    assert scenario["network.kind"] == "rake"
    assert scenario["network.voice"] == 0.3
    assert scenario["organization.people"] == 40
    assert len(scenario.sources) == 4  # baseline, rake, a, b


def test_a_style_sets_its_knobs_and_explicit_knobs_win(tmp_path):
    path = write(tmp_path, "s.toml", '[management]\nstyle = "directive"\nalignment_effort = 0.4\n')
    scenario = load_scenario(path)
    assert scenario["management.directive_pressure"] == 0.2
    assert scenario["management.alignment_effort"] == 0.4
    changed = load_scenario("directive", {"management.style": "aligning"})
    assert changed["management.directive_pressure"] == 0.0
    assert changed["management.participation"] == 0.5


def test_resolved_scenario_written_as_toml_reproduces_itself(tmp_path):
    original = load_scenario("network_org", {"environment.shocks": [20, 80]})
    path = write(tmp_path, "resolved.toml", original.to_toml())
    again = load_scenario(path)
    assert dict(again.values) == dict(original.values)


def test_unknown_key_gets_a_did_you_mean_naming_the_file(tmp_path):
    path = write(tmp_path, "typo.toml", "[network]\nvoise = 0.5\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert str(path) in message and "network.voise" in message and "network.voice" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[network]\nvoice = 1.5\n", ["network.voice", "from 0.0 to 1.0"]),
        ('[network]\nvoice = "loud"\n', ["network.voice", "a number from 0.0 to 1.0"]),
        (
            "[organization]\npeople = 20\nteam_size = 30\n",
            ["organization.team_size", "larger than", "from 2 to 20"],
        ),
        ("[network]\nactorship_mean = 0.9\nactorship_sd = 0.4\n", ["network.actorship_sd", "too large"]),
        ('[network]\nkind = "small_world"\ndegree = 500\n', ["network.degree", "from 1 to 119"]),
        ('[network]\nkind = "chart"\n', ["network.kind", "organization.chart"]),
        (
            '[communication]\nlevels = ["rules", "values"]\n',
            ["communication.levels", "rules, insights, principles"],
        ),
        ("[scenario]\ncolour = 1\n", ["[scenario] colour", "unknown key"]),
        ("network = 3\n", ["network", "section"]),
    ],
)
def test_bad_values_name_file_key_and_allowed_range(tmp_path, text, expected):
    path = write(tmp_path, "bad.toml", text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert str(path) in message
    for part in expected:
        assert part in message


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, "bad.toml", "[network]\nvoice = 2.0\nbridging = -1.0\nvoise = 1\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert len(err.value.problems) == 3


def test_broken_toml_missing_files_and_cycles_are_clear(tmp_path):
    broken = write(tmp_path, "broken.toml", "[network\nvoice = 1\n")
    with pytest.raises(ScenarioError, match=r"not valid TOML"):
        load_scenario(broken)
    with pytest.raises(ScenarioError, match=r"no scenario named or file called 'netwrk_org'.*network_org"):
        load_scenario("netwrk_org")
    write(tmp_path, "x.toml", '[scenario]\nextends = "y.toml"\n')
    write(tmp_path, "y.toml", '[scenario]\nextends = "x.toml"\n')
    with pytest.raises(ScenarioError, match=r"extends itself"):
        load_scenario(tmp_path / "x.toml")
    orphan = write(tmp_path, "orphan.toml", '[scenario]\nextends = "nothing.toml"\n')
    with pytest.raises(ScenarioError, match=f"{orphan}.*extends"):
        load_scenario(orphan)


def test_overrides_are_checked_like_files():
    with pytest.raises(ScenarioError, match=r"--set: network.voice"):
        load_scenario("baseline", {"network.voice": 3})


def test_assignments_from_the_command_line_are_parsed_as_toml_or_text():
    assert parse_assignment("network.voice=0.8") == ("network.voice", 0.8)
    assert parse_assignment("network.kind=rake") == ("network.kind", "rake")
    assert parse_assignment("environment.shocks=[10, 20]") == ("environment.shocks", [10, 20])
    with pytest.raises(ScenarioError, match=r"KEY=VALUE"):
        parse_assignment("network.voice")


def test_relative_paths_are_read_from_the_scenario_folder(tmp_path):
    write(tmp_path, "people.csv", "id,team,role,reports_to\nd,0,director,\n")
    path = write(tmp_path, "s.toml", '[organization]\nchart = "people.csv"\n')
    assert load_scenario(path)["organization.chart"] == str(tmp_path / "people.csv")


def test_values_from_code_are_validated():
    scenario = scenario_from_values({"network.voice": 0.9})
    assert scenario["network.voice"] == 0.9
    assert scenario["organization.people"] == parameter_table()["organization.people"].default
    with pytest.raises(ScenarioError):
        scenario_from_values({"network.voice": 9})
