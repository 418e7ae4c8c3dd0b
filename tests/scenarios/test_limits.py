"""Files that are too big, too deep or of the wrong shape are refused with the file and key named."""

from pathlib import Path

import pytest

from orglearn.scenarios import ScenarioError, load_scenario, scenario_from_values
from orglearn.scenarios.limits import (
    INT_LIMIT,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_EXTENDS,
    MAX_VALUES,
    memory_needed,
    memory_problem,
)
from orglearn.scenarios.scenario import read_toml


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def problems(path: Path) -> str:
    with pytest.raises(ScenarioError) as err:
        load_scenario(str(path))
    text = "\n".join(err.value.problems)
    assert str(path) in text
    return text


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path):
    path = write(tmp_path, "[network]\nvoice = " + "[" * 1000 + "]" * 1000 + "\n")
    assert f"more than {MAX_DEPTH} levels" in problems(path)


def test_nesting_just_past_the_limit_names_the_key(tmp_path):
    path = write(tmp_path, "[network]\nvoice = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    text = problems(path)
    assert "network.voice" in text and f"more than {MAX_DEPTH} levels" in text


def test_dotted_keys_count_as_nesting(tmp_path):
    path = write(tmp_path, "a" + ".a" * (MAX_DEPTH + 2) + " = 1\n")
    assert f"more than {MAX_DEPTH} levels" in problems(path)


def test_a_number_of_thousands_of_digits_is_refused(tmp_path):
    path = write(tmp_path, "[organization]\npeople = " + "9" * 5000 + "\n")
    text = problems(path)
    assert "line 2" in text and "2**63" in text


def test_a_number_beyond_64_bits_names_the_key(tmp_path):
    path = write(tmp_path, f"[organization]\npeople = {INT_LIMIT}\n")
    text = problems(path)
    assert "organization.people" in text and "2**63" in text
    assert f"{INT_LIMIT} is" in text
    write(tmp_path, f"[organization]\npeople = {-INT_LIMIT}\n")  # the lowest 64-bit value is a number
    assert "2**63" not in problems(tmp_path / "s.toml")


def test_a_big_file_is_refused_before_it_is_parsed(tmp_path):
    path = write(tmp_path, "# " + "x" * MAX_BYTES + "\n")
    assert "MiB" in problems(path)


def test_too_many_values_are_refused(tmp_path):
    path = write(tmp_path, "[network]\nvoice = [" + "1," * (MAX_VALUES + 1) + "]\n")
    assert f"more than {MAX_VALUES:,} values" in problems(path)


def test_an_extends_chain_of_1500_files_is_refused(tmp_path):
    for i in range(1500):
        write(tmp_path, f'[scenario]\nextends = "c{i + 1}.toml"\n' if i < 1499 else "", f"c{i}.toml")
    with pytest.raises(ScenarioError) as err:
        load_scenario(str(tmp_path / "c0.toml"))
    assert f"more than {MAX_EXTENDS} files" in str(err.value)


def test_a_chain_within_the_limit_is_read(tmp_path):
    for i in range(MAX_EXTENDS):
        last = i == MAX_EXTENDS - 1
        write(tmp_path, "[network]\nvoice = 0.25\n" if last else f'[scenario]\nextends = "c{i + 1}.toml"\n',
              f"c{i}.toml")  # fmt: skip
    assert load_scenario(str(tmp_path / "c0.toml"))["network.voice"] == 0.25


@pytest.mark.parametrize(
    ("text", "key", "allowed"),
    [
        ('[scenario]\ndescription = "text"\n', "[scenario] description", "en, nl"),
        ("[scenario]\ndescription.en = 5\n", "[scenario] description.en", "text"),
        ("[scenario]\ndescription.fr = 'x'\n", "[scenario] description.fr", "en, nl"),
        ("scenario = 5\n", "scenario", "a table"),
        ('[scenario]\nmodel = ["x"]\n', "[scenario] model", "orglearn, march1991"),
        ("[scenario]\nname = 3\n", "[scenario] name", "text"),
        ("[scenario]\nextends = 3\n", "[scenario] extends", "text"),
        ("network = 5\n", "network", "a table"),
        ("interventions = 5\n", "interventions", "[[interventions]]"),
        ("interventions = [1, 2]\n", "interventions", "[[interventions]]"),
    ],
)
def test_a_value_of_the_wrong_shape_names_file_key_and_what_is_allowed(tmp_path, text, key, allowed):
    message = problems(write(tmp_path, text))
    assert key in message and allowed in message


def test_read_toml_raises_the_callers_error_for_a_section_of_the_wrong_shape(tmp_path):
    class OtherError(ScenarioError):
        pass

    with pytest.raises(OtherError, match=r"s\.toml: experiment: expected a table"):
        read_toml(write(tmp_path, "experiment = 5\n"), OtherError, tables=("experiment",))


def test_a_missing_file_and_a_directory_are_refused(tmp_path):
    with pytest.raises(ScenarioError, match="cannot be read"):
        read_toml(tmp_path / "none.toml")
    with pytest.raises(ScenarioError, match="cannot be read"):
        read_toml(tmp_path)


def test_memory_estimate_grows_with_people_and_ties():
    small = scenario_from_values({"organization.people": 1000})
    big = scenario_from_values({"organization.people": 100_000})
    dense = scenario_from_values(
        {"organization.people": 100_000, "network.kind": "small_world", "network.degree": 500}
    )
    assert memory_needed(small.values) < memory_needed(big.values) < memory_needed(dense.values)
    assert memory_needed(big.values, "headless") < memory_needed(big.values, "mesa")


def test_memory_is_refused_with_the_numbers_when_too_little_is_available():
    values = scenario_from_values({"organization.people": 100_000}).values
    message = memory_problem(values, "mesa", available=10 * 2**20)
    assert message is not None
    assert "organization.people" in message and "100000" in message and "10 MiB" in message
    assert memory_problem(values, "mesa", available=2**40) is None


def test_orglearn_run_refuses_an_organization_too_big_for_memory(tmp_path, monkeypatch, capsys):
    import psutil

    from orglearn.cli import main

    class Little:
        available = 50 * 2**20

    monkeypatch.setattr(psutil, "virtual_memory", lambda: Little())
    out = tmp_path / "out"
    code = main(["run", "--steps", "1", "--out", str(out), "--set", "organization.people=20000"])
    err = capsys.readouterr().err
    assert code == 2
    assert "organization.people = 20000 " in err and "50 MiB is available" in err
    assert not out.exists()  # refused before anything was built or written
