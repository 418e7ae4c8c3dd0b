"""Each mechanism's declaration says what its module does (orglearn.simulation.mechanisms.declaration)."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import re

import numpy as np
import pytest

from orglearn.scenarios import parameter_table, scenario_from_values
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.engine import Engine
from orglearn.simulation.limits import EVERY_MECHANISM, SILENT
from orglearn.simulation.mechanisms import WEEK, settings
from orglearn.simulation.state import OrgState
from orglearn.simulation.streams import STREAMS

NAMES = [mechanism.__name__.rsplit(".", 1)[-1] for mechanism in WEEK]
STRUCTURE = {"chart", "ties", "work", "fixed", "task", "week"}
"""What no mechanism changes within a week: the structure, scratch memory and the clock."""
STRUCTURE_STREAMS = {"network", "population"}
"""The streams of the organization's build, not of a mechanism's week."""
WORLD = {"task.ruggedness": 0.5, "communication.imitation": 0.3, "environment.momentum": 0.9}
"""Switched on besides everything: the rugged task, imitation and a world with trends."""


def _state(state: OrgState) -> dict[str, object]:
    return {
        f.name: copy.deepcopy(getattr(state, f.name))
        for f in dataclasses.fields(state)
        if f.name not in STRUCTURE
    }


def _moved(before: dict[str, object], after: dict[str, object]) -> set[str]:
    moved = set()
    for name, was in before.items():
        now = after[name]
        if isinstance(was, np.ndarray):
            same = np.array_equal(was, now, equal_nan=was.dtype.kind == "f")
        else:
            same = was == now
        if not same:
            moved.add(name)
    return moved


def _changes(values: dict, weeks: int, kind: str = "network_org") -> dict[str, set[str]]:
    """What each mechanism's apply() changed, week by week, in a run with these values."""
    engine = Engine(
        scenario_from_values({**values, "organization.people": 60, "network.kind": kind}),
        np.random.default_rng(1),
    )
    changed: dict[str, set[str]] = {name: set() for name in NAMES}
    for _ in range(weeks):
        engine.enter_week()
        draws = engine.draw()
        state = engine.state
        state.week, state.own_change, state.social_change = draws.week, 0.0, 0.0
        for name, mechanism in zip(NAMES, WEEK, strict=True):
            before = _state(state)
            mechanism.apply(state, draws, engine.values)
            changed[name] |= _moved(before, _state(state))
    return changed


@pytest.mark.parametrize(("name", "mechanism"), list(zip(NAMES, WEEK, strict=True)), ids=NAMES)
def test_a_declaration_names_the_parameters_and_draws_its_module_reads(name, mechanism):
    source = inspect.getsource(mechanism)
    reads = set(re.findall(r'values(?:\[|\.get\()"([a-z_]+\.[a-z_]+)"', source))
    assert set(mechanism.DECLARES.reads) == reads
    used = set(re.findall(r"\bdraws\.([a-z_]+)", source)) - {"week"}
    assert set(mechanism.DECLARES.draws) == used


def test_every_draw_and_every_stream_of_a_week_belongs_to_a_mechanism():
    fields = {f.name for f in dataclasses.fields(WeekDraws)} - {"week"}
    declared = [draw for mechanism in WEEK for draw in mechanism.DECLARES.draws]
    assert sorted(declared) == sorted(fields)  # each exactly once
    streams = {stream for mechanism in WEEK for stream in mechanism.DECLARES.streams}
    assert streams <= set(STREAMS)
    assert streams == set(STREAMS) - STRUCTURE_STREAMS


def test_every_parameter_a_declaration_names_is_in_the_parameter_table():
    table = parameter_table()
    for mechanism in WEEK:
        d = mechanism.DECLARES
        for name in (*d.reads, *d.off, *d.proposed, *d.on):
            assert name in table, f"{mechanism.__name__}: {name}"
        for name, value in {**d.off, **d.proposed, **d.on}.items():
            table[name].coerce(value)  # each value allowed by its row


def test_a_declaration_names_exactly_the_state_its_mechanism_changes():
    """Everything on, on a rugged task, with imitation and a trending world, on two networks."""
    changed = {name: set() for name in NAMES}
    for kind in ("network_org", "small_world"):
        for name, fields in _changes({**EVERY_MECHANISM, **WORLD}, 40, kind).items():
            changed[name] |= fields
    for name, mechanism in zip(NAMES, WEEK, strict=True):
        assert changed[name] == set(mechanism.DECLARES.changes), name


@pytest.mark.parametrize(
    ("name", "mechanism"),
    [(n, m) for n, m in zip(NAMES, WEEK, strict=True) if m.DECLARES.off],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_switched_off_a_mechanism_changes_nothing_but_what_people_keep_noticing(name, mechanism):
    """Everything else on: the mechanism's own off-settings alone silence it."""
    changed = _changes({**EVERY_MECHANISM, **mechanism.DECLARES.off}, 30)[name]
    assert changed <= set(mechanism.DECLARES.while_off)
    assert changed <= set(mechanism.DECLARES.changes)


def test_the_limit_settings_are_the_declarations_merged():
    assert settings("off") == SILENT
    assert {**settings("proposed"), **settings("on")} == EVERY_MECHANISM
    silent = _changes(SILENT, 20)
    for name, mechanism in zip(NAMES, WEEK, strict=True):  # all off: nobody learns anything
        assert silent[name] <= set(mechanism.DECLARES.while_off) | {"aspiration"}, name
    assert not silent["aspiration"] - {"aspiration"}  # no switch of its own: only what reflection reads


def test_the_snapshot_shows_what_each_mechanism_declares():
    from orglearn.simulation.recorder import snapshot

    engine = Engine(
        scenario_from_values({**EVERY_MECHANISM, "organization.people": 30}), np.random.default_rng(2)
    )
    engine.step()
    table = snapshot(engine.state)
    for mechanism in WEEK:
        for column, show in mechanism.DECLARES.shows.items():
            np.testing.assert_array_equal(
                table[column].to_numpy(), np.asarray(show(engine.state), dtype=float)
            )
    assert {"performance", "aspiration", "trust", "capacity", "reflection_shift", "actorship"} <= set(
        table.columns
    )
