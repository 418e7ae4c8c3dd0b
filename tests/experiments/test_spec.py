from pathlib import Path

import pytest

from orglearn.experiments.spec import (
    Source,
    SweepError,
    build_spec,
    experiment_names,
    locate_experiment,
    merge,
    read_experiment,
    spec_from_dict,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "experiment.toml"
    path.write_text(text)
    return path


EXPERIMENT = """
[experiment]
scenario = "rake"
replications = 3
steps = 12
seed = 5
metrics = ["fit_org", "goal_alignment_org"]
every = 4

[set]
organization.people = 20

[vary]
management.alignment_effort = "0:1:3"
"network.voice" = [0.2, 0.8]
"""


def test_file_is_read_with_dotted_and_quoted_names(tmp_path):
    spec = build_spec(read_experiment(write(tmp_path, EXPERIMENT)))
    assert spec.name == "experiment"
    assert spec.factor_names == ["management.alignment_effort", "network.voice"]
    assert spec.base["organization.people"] == 20
    assert spec.base["network.kind"] == "rake"
    assert spec.metrics == ("goal_alignment_org", "fit_org")  # in the model's order
    assert (spec.replications, spec.steps, spec.seed, spec.every) == (3, 12, 5, 4)


def test_flags_override_the_file_and_merge_vary(tmp_path):
    flags = Source(values={"steps": 30}, vary={"network.voice": "0.1,0.9"}, where={"steps": "--steps"})
    spec = build_spec(merge(read_experiment(write(tmp_path, EXPERIMENT)), flags))
    assert spec.steps == 30
    assert spec.factors[1].levels == (0.1, 0.9)
    assert spec.factors[0].levels == (0.0, 0.5, 1.0)


def test_every_problem_is_reported_with_file_and_key(tmp_path):
    text = """
[experiment]
replications = 0
design = "fractional"
metrics = ["fit_orgg"]
colour = "blue"
"""
    with pytest.raises(SweepError) as info:
        build_spec(read_experiment(write(tmp_path, text)))
    problems = "\n".join(info.value.problems)
    assert "[experiment] colour: unknown key" in problems
    with pytest.raises(SweepError) as info:
        build_spec(read_experiment(write(tmp_path, text.replace('colour = "blue"', ""))))
    problems = "\n".join(info.value.problems)
    assert (
        "experiment.toml: [experiment] replications: 0 is not allowed: use a whole number from 1" in problems
    )
    assert "[experiment] design: 'fractional' is not allowed: use one of grid, lhs, sobol, morris" in problems
    assert "fit_orgg: unknown metric. Did you mean 'fit_org'?" in problems


def test_bad_toml_and_sections_are_named(tmp_path):
    with pytest.raises(SweepError, match="not valid TOML"):
        read_experiment(write(tmp_path, "[experiment\n"))
    with pytest.raises(SweepError, match=r"\[vari\]: unknown section"):
        read_experiment(write(tmp_path, "[vari]\nx = 1\n"))


def test_design_rules():
    def problems(**values):
        with pytest.raises(SweepError) as info:
            build_spec(Source(values=values, vary={"network.voice": "0:1"}))
        return "\n".join(info.value.problems)

    assert "needs a sample size" in problems(design="lhs")
    assert "power of two, for example 64 or 128" in problems(design="sobol", samples=100)
    assert "even number" in problems(design="morris", samples=4, levels=3)
    with pytest.raises(SweepError, match="samples are for the designs"):
        build_spec(Source(values={"samples": 8}))


def test_a_parameter_cannot_be_both_set_and_varied():
    source = Source(settings={"network.voice": 0.3}, vary={"network.voice": "0,1"})
    with pytest.raises(SweepError, match="both fixed"):
        build_spec(source)


def test_bad_scenario_settings_surface_the_scenario_message():
    with pytest.raises(SweepError, match=r"organization\.team_size: 50 is larger than organization\.people"):
        build_spec(Source(settings={"organization.people": 20, "organization.team_size": 50}))


def test_fingerprint_is_stable_and_sensitive(spec_factory):
    a, b = spec_factory(), spec_factory()
    assert a.fingerprint() == b.fingerprint()
    assert a.fingerprint() != spec_factory(steps=7).fingerprint()
    assert a.fingerprint() != spec_factory(settings={"network.voice": 0.9}).fingerprint()
    assert a.fingerprint() == spec_factory(name="other name").fingerprint()


def test_stored_spec_rebuilds_the_same_sweep(spec_factory):
    spec = spec_factory(
        design="lhs", samples=5, vary={"network.voice": "0.1:0.9", "network.kind": "rake,teams"}
    )
    assert spec_from_dict(spec.to_dict()).fingerprint() == spec.fingerprint()


def test_sweep_toml_reproduces_the_sweep(tmp_path, spec_factory):
    spec = spec_factory(settings={"network.voice": 0.9})
    (tmp_path / "scenario.toml").write_text(spec.base.to_toml())
    path = tmp_path / "sweep.toml"
    path.write_text(spec.to_toml())
    assert build_spec(read_experiment(path)).fingerprint() == spec.fingerprint()


def test_shipped_examples_are_valid():
    names = experiment_names()
    assert {"alignment_by_network", "learning_lhs", "alignment_sobol", "screening_morris"} <= set(names)
    for name in names:
        spec = build_spec(read_experiment(locate_experiment(name)))
        assert spec.factors
    with pytest.raises(SweepError, match="Did you mean 'learning_lhs'"):
        locate_experiment("learning_lh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("experiment = 5\n", "experiment: expected a table"),
        ("set = 5\n", "set: expected a table"),
        ("vary = [1]\n", "vary: expected a table"),
        ("[experiment]\nscenario = 5\n", "[experiment] scenario: 5: give a scenario name or file"),
        ("[experiment]\nsteps = " + "9" * 5000 + "\n", "2**63"),
        ("[experiment]\nseed = " + "[" * 2000 + "]" * 2000 + "\n", "levels deep"),
        ("[experiment]\nmodel = ['x']\n", "[experiment] model: ['x'] is not allowed: use one of"),
    ],
)
def test_a_file_of_the_wrong_shape_names_file_key_and_what_is_allowed(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(SweepError) as info:
        build_spec(read_experiment(path))
    problems = "\n".join(info.value.problems)
    assert str(path) in problems and expected in problems


def test_a_parameter_varied_twice_is_refused():
    flags = Source()
    flags.vary["network.voice"] = "0.1,0.2"
    flags.where["vary:network.voice"] = "--vary"
    flags.vary["network.voice"] = "0.3"
    with pytest.raises(SweepError, match=r"--vary network\.voice: given twice"):
        build_spec(flags)


def test_a_parameter_varied_twice_in_a_file_is_refused(tmp_path):
    path = write(tmp_path, '[vary]\n"network.voice" = [0.1, 0.2]\nnetwork.voice = [0.3]\n')
    with pytest.raises(SweepError, match=r"experiment\.toml: \[vary\] network\.voice: given twice"):
        build_spec(read_experiment(path))
    path = write(tmp_path, "[vary]\nvoice = [0.1, 0.2]\nnetwork.voice = [0.3]\n")
    with pytest.raises(SweepError, match=r"voice and network\.voice: both name network\.voice"):
        build_spec(read_experiment(path))


def test_a_flag_may_still_replace_what_the_file_varies(tmp_path):
    flags = Source()
    flags.vary["network.voice"] = "0.1,0.9"
    spec = build_spec(merge(read_experiment(write(tmp_path, EXPERIMENT)), flags))
    assert spec.factors[1].levels == (0.1, 0.9)


def test_a_short_and_a_full_name_of_one_parameter_are_refused():
    source = Source(vary={"voice": "0.1,0.2", "network.voice": "0.3"})
    with pytest.raises(SweepError) as info:
        build_spec(source)
    assert "voice and network.voice: both name network.voice; vary it once" in str(info.value)
