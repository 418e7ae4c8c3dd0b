import pytest

from orglearn.scenarios.parameters import LANGUAGES, PROPERTIES, ParameterValueError, parameter_table


def test_every_parameter_has_texts_in_both_languages():
    for p in parameter_table().values():
        for lang in LANGUAGES:
            assert p.label[lang].strip(), (p.name, lang)
            assert p.help[lang].strip(), (p.name, lang)
        assert p.belongs_to in PROPERTIES


def test_every_property_of_a_learning_organization_has_parameters():
    table = parameter_table()
    for prop in ("direction", "learning", "network", "alignment", "communication"):
        assert table.by_property(prop), prop


def test_defaults_are_valid_and_numbers_have_ranges():
    table = parameter_table()
    defaults = table.defaults()
    assert set(defaults) == set(table)
    for name, (low, high) in table.numeric_ranges().items():
        assert low <= defaults[name] <= high, name


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("network.voice", 1.5),
        ("network.voice", -0.1),
        ("network.voice", "high"),
        ("network.voice", True),
        ("organization.people", 10.5),
        ("organization.people", 1),
        ("network.kind", "pyramid"),
        ("communication.levels", ["rules", "values"]),
        ("communication.levels", ["rules", "rules"]),
        ("environment.shocks", [0]),
        ("environment.shocks", "week 5"),
        ("organization.chart", 3),
    ],
)
def test_bad_values_are_refused_with_the_allowed_range(name, value):
    p = parameter_table()[name]
    with pytest.raises(ParameterValueError, match=r"use|twice"):
        p.coerce(value)


def test_values_are_put_in_canonical_form():
    table = parameter_table()
    assert table["network.voice"].coerce(1) == 1.0
    assert isinstance(table["network.voice"].coerce(1), float)
    assert table["organization.people"].coerce(60.0) == 60
    assert table["communication.levels"].coerce(["principles", "rules"]) == ("rules", "principles")
    assert table["environment.shocks"].coerce([50, 10, 50]) == (10, 50)


def test_style_presets_name_real_parameters_within_range():
    style = parameter_table()["management.style"]
    assert set(style.presets) == {"directive", "aligning", "laissez_faire"}
    for values in style.presets.values():
        assert set(values) == {
            "management.alignment_effort",
            "management.participation",
            "management.directive_pressure",
        }


@pytest.mark.parametrize("model", ["orglearn", "march1991"])
def test_every_default_says_where_it_comes_from(model):
    # A reference, or the word "assumed": a reader can tell a sourced value from a choice.
    for p in parameter_table(model).values():
        assert p.source, f"{p.name} has no source"
        assert "assumed" in p.source or any(ch.isdigit() for ch in p.source) or "user" in p.source, p.name
