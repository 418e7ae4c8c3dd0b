import pytest

from orglearn.experiments.factors import Factor, FactorError, parse_factor


def test_grid_range_gives_evenly_spaced_levels():
    factor = parse_factor("management.alignment_effort", "0:1:5", "grid", "--vary")
    assert factor.levels == (0.0, 0.25, 0.5, 0.75, 1.0)


def test_grid_list_of_options_and_table_forms():
    assert parse_factor("network.kind", "rake,network_org", "grid", "--vary").levels == (
        "rake",
        "network_org",
    )
    assert parse_factor("network.kind", ["rake"], "grid", "f").levels == ("rake",)
    table = {"start": 10, "stop": 30, "count": 3}
    assert parse_factor("organization.people", table, "grid", "f").levels == (10, 20, 30)
    assert parse_factor("network.voice", {"values": [0.1, 0.2]}, "grid", "f").levels == (0.1, 0.2)


def test_grid_whole_numbers_must_stay_whole():
    with pytest.raises(FactorError, match="not whole numbers"):
        parse_factor("organization.people", "10:20:4", "grid", "--vary")


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("management.alignment_effort", "0:2:3", r"from 0\.0 to 1\.0"),
        ("network.kind", "rake,pyramid", "one of rake, teams"),
        ("management.alignment_effort", "0:1", "needs a count"),
        ("network.kind", "0:1:3", "for numbers"),
        ("nonsense.key", "1,2", "unknown parameter"),
        ("communication.levels", "rules", "cannot be varied"),
        ("management.alignment_effort", "0.5,0.5", "listed twice"),
    ],
)
def test_bad_grid_factors_name_the_flag_and_the_allowed_values(name, raw, message):
    with pytest.raises(FactorError, match=message) as info:
        parse_factor(name, raw, "grid", "--vary")
    assert str(info.value).startswith(f"--vary {name}")


def test_sampled_factor_takes_a_range_or_the_table_range():
    assert parse_factor("network.voice", "0.2:0.8", "lhs", "--vary") == Factor("network.voice", (), 0.2, 0.8)
    whole = parse_factor("network.voice", True, "sobol", "--vary")
    assert (whole.low, whole.high) == (0.0, 1.0)
    with pytest.raises(FactorError, match="MIN:MAX"):
        parse_factor("network.voice", "0:1:5", "lhs", "--vary")
    with pytest.raises(FactorError, match="empty"):
        parse_factor("network.voice", "0.8:0.2", "lhs", "--vary")


def test_from_unit_maps_numbers_whole_numbers_and_options():
    voice = Factor("network.voice", (), 0.2, 0.6)
    assert voice.from_unit(0.0) == 0.2
    assert voice.from_unit(0.5) == pytest.approx(0.4)
    people = Factor("organization.people", (), 10, 13)
    assert [people.from_unit(u) for u in (0.0, 0.24, 0.26, 0.99, 1.0)] == [10, 10, 11, 13, 13]
    kinds = parse_factor("network.kind", "rake,teams", "morris", "--vary")
    assert [kinds.from_unit(u) for u in (0.0, 1 / 3, 2 / 3, 1.0)] == ["rake", "rake", "teams", "teams"]
