"""Every model's table of recorded steps has one form (orglearn.simulation.table)."""

from orglearn.simulation.march1991.model import March1991
from orglearn.simulation.model import LearningOrganization
from orglearn.simulation.table import steps_table


def test_the_step_column_is_an_integer_and_comes_first():
    table = steps_table([(0.0, 0.5), (1.0, 0.25)], ["a"])
    assert list(table.columns) == ["step", "a"]
    assert table["step"].dtype.kind == "i" and list(table["step"]) == [0, 1]


def test_both_models_hand_out_their_steps_in_that_form():
    for model in (LearningOrganization("school", seed=1), March1991("baseline", seed=1)):
        table = model.run(3)
        assert table.columns[0] == "step" and table["step"].dtype.kind == "i"
        assert list(table["step"]) == list(range(len(table)))
