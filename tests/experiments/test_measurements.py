"""The first measurements a researcher makes, on the model with and without laid-over settings."""

import pytest

from orglearn.experiments.measurements import main, measure


@pytest.mark.slow
def test_every_measurement_comes_out_as_a_number():
    rows = measure(1, {})
    assert len(rows) == 13
    for what, value in rows:
        assert any(ch.isdigit() for ch in value), what
    silent = dict(rows)["shared rules, nobody talks vs baseline"]
    nobody, talking = (float(part) for part in silent.split(" vs "))
    assert nobody < talking  # talk adds shared rules on top of a common environment


def test_a_bad_setting_is_refused_before_anything_runs(capsys):
    assert main(["--seeds", "1", "--set", "communication.clarity=7"]) == 2
    said = capsys.readouterr().err
    assert "communication.clarity: 7 is not allowed: use a number from 0.0 to 1.0" in said
    assert "Traceback" not in said
