"""Malformed scenario and experiment files: each gets a clear error or is a valid file, nothing else.

The documents are built from the real section and key names mixed with wrong types, nesting,
huge numbers and unknown keys, written with ``tomli_w`` (so they are valid TOML and reach the
checks behind the parser) or, now and then, spliced with raw text the parser must refuse.
"""

import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from orglearn.experiments.source import KEYS
from orglearn.experiments.spec import SweepError, build_spec, read_experiment
from orglearn.scenarios import ScenarioError, load_scenario, parameter_table
from orglearn.scenarios.scenario import HEADER_KEYS

TABLE = parameter_table()
GROUPS = sorted({name.split(".", 1)[0] for name in TABLE})
KEYS_BY_GROUP = {g: sorted(n.split(".", 1)[1] for n in TABLE if n.startswith(g + ".")) for g in GROUPS}
FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,  # derandomized: the same examples every run, nothing to remember between runs
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 2, -1, 10**6, 2**63 - 1, 2**63, -(2**63), 0.5, 1e300, float("inf")]),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["rake", "baseline", "orglearn", "march1991", "all", "0:1:3", "a,b", "grid", "sobol"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


def nested(depth: int) -> object:
    return [nested(depth - 1)] if depth else 1


def section(keys: list[str]) -> st.SearchStrategy:
    key = st.one_of(st.sampled_from(keys), st.text(min_size=1, max_size=8))
    return st.dictionaries(key, st.one_of(values, st.builds(nested, st.integers(10, 30))), max_size=5)


def plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


@st.composite
def scenario_docs(draw: st.DrawFn) -> dict:
    """A valid scenario (some defaults, a header) with up to three parts made wrong."""
    doc: dict = {"scenario": {"name": "fuzzed", "description": {"en": "A fuzzed file."}}}
    for name in draw(st.lists(st.sampled_from(sorted(TABLE)), max_size=4, unique=True)):
        group, key = name.split(".", 1)
        doc.setdefault(group, {})[key] = plain(TABLE[name].default)
    for _ in range(draw(st.integers(0, 3))):
        wrong = draw(st.one_of(values, st.builds(nested, st.integers(10, 30))))
        place = draw(st.sampled_from(["top", "header", "header", "setting", "interventions"]))
        if place == "top":
            doc[draw(st.one_of(st.sampled_from([*GROUPS, "scenario"]), st.text(min_size=1, max_size=8)))] = (
                wrong
            )
        elif place == "interventions":
            doc["interventions"] = draw(
                st.one_of(values, st.lists(section(["week", "set", "name"]), max_size=2))
            )
        else:
            group = "scenario" if place == "header" else draw(st.sampled_from(GROUPS))
            keys = list(HEADER_KEYS) if place == "header" else KEYS_BY_GROUP[group]
            if not isinstance(doc.get(group), dict):
                doc[group] = {}
            doc[group][draw(st.one_of(st.sampled_from(keys), st.text(min_size=1, max_size=8)))] = wrong
    return doc


@st.composite
def experiment_docs(draw: st.DrawFn) -> dict:
    """A valid experiment (one week, two levels) with up to three parts made wrong."""
    doc: dict = {"experiment": {"scenario": "baseline", "steps": 1}, "vary": {"network.voice": [0.1, 0.2]}}
    for _ in range(draw(st.integers(0, 3))):
        wrong = draw(st.one_of(values, st.builds(nested, st.integers(10, 30))))
        place = draw(st.sampled_from(["top", "experiment", "set", "vary"]))
        if place == "top":
            doc[draw(st.one_of(st.sampled_from(["experiment", "set", "vary"]), st.text(max_size=8)))] = wrong
            continue
        if not isinstance(doc.get(place), dict):
            doc[place] = {}
        names = list(KEYS) if place == "experiment" else [*sorted(TABLE), "voice", "scenario"]
        doc[place][draw(st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=8)))] = wrong
    return doc


raw_tails = st.sampled_from(["", "", "", "\nx = " + "9" * 5000, "\ny = " + "[" * 3000, "\n[[a]]\n[a]\n"])


def render(doc: dict, tail: str) -> str:
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):  # a key or value tomli_w cannot write (an infinite float, say)
        text = "[network]\nvoice = inf\n"
    return text + tail


def write(text: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="orglearn-fuzz-"))
    path = folder / "fuzzed.toml"
    path.write_text(text, "utf-8")
    return path


@FUZZ
@given(scenario_docs(), raw_tails)
@example({"scenario": {"description": "text"}}, "")
@example({"scenario": 5}, "")
@example({"scenario": {"model": ["x"]}}, "")
@example({"organization": {"people": 2**63}}, "")
def test_a_malformed_scenario_file_gets_a_clear_error_or_is_valid(doc, tail):
    path = write(render(doc, tail))
    try:
        scenario, problems = load_scenario(str(path)), []
    except ScenarioError as err:
        scenario, problems = None, err.problems
    assert scenario is None or set(scenario.values) == set(TABLE)
    assert scenario is not None or (problems and all(isinstance(p, str) and p for p in problems))


@FUZZ
@given(experiment_docs(), raw_tails)
@example({"experiment": {"scenario": 5}}, "")
@example({"experiment": 5}, "")
@example({"vary": {"voice": [0.1], "network.voice": [0.2]}}, "")
def test_a_malformed_experiment_file_gets_a_clear_error_or_is_valid(doc, tail):
    path = write(render(doc, tail))
    try:
        spec, problems = build_spec(read_experiment(path)), []
    except SweepError as err:  # a plain ScenarioError fails the test: a sweep must say it as a sweep's
        spec, problems = None, err.problems
    assert spec is None or (spec.replications >= 1 and spec.steps >= 0)
    assert spec is not None or (problems and all(isinstance(p, str) and p for p in problems))
