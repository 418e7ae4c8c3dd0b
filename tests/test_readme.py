"""The README stays true: it documents every metric and every named scenario."""

from pathlib import Path

from orglearn.scenarios import scenario_names
from orglearn.simulation.metrics import COLUMNS
from orglearn.simulation.population import LEVELS

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def test_every_metric_column_is_documented():
    for column in COLUMNS:
        documented = column
        for level in LEVELS:
            documented = documented.replace(f"_{level}", "_<level>")
        assert f"`{documented}`" in README, column


def test_every_named_scenario_is_documented():
    for name in scenario_names():
        assert f"`{name}`" in README, name


def test_the_first_screen_gives_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make demo" in first_screen
    assert "make test" in first_screen
