"""Compiled rules and the same rules run as plain Python give the same organization.

Each per-person rule is written once and compiled with numba; ``NUMBA_DISABLE_JIT=1`` runs the
very same source as plain Python. A run with every mechanism on, in a fresh process without the
compiler, must end where the compiled run ends (to 1e-12: the compiler may reorder nothing, but
plain Python and machine code can round the last bit of a fused operation differently), and
record the same metrics every week (the metrics' sums are compiled too).
"""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from settings import FORESIGHT_AND_CODE

from orglearn.scenarios import scenario_from_values
from orglearn.simulation import Engine
from orglearn.simulation.limits import EVERY_MECHANISM
from orglearn.simulation.recorder import RecordedEngine

SETTINGS = {
    **EVERY_MECHANISM,
    "organization.people": 60,
    "organization.turnover": 0.02,
    "learning.aspiration_own_weight": 0.5,
    "learning.aspiration_vision": 0.2,
    "learning.reflection_threshold": 0.02,
    "learning.threshold_learning": 0.2,
    "learning.questioning_escalation": 0.5,
}
RUGGED = {
    **SETTINGS,
    "organization.themes": 8,
    "task.ruggedness": 0.7,
    "task.interdependence": 3,
    "communication.imitation": 0.6,
}
"""The same on a rugged task with imitation: the landscape, local search and copying compiled too."""
WEEKS = 30
NAMES = (
    "meaning",
    "goal",
    "capacity",
    "conflict",
    "performance",
    "actorship",
    "trust",
    "aspiration",
    "reflection_shift",
)


def script(settings: dict) -> str:
    """A program that runs the settings and saves the state's arrays."""
    return textwrap.dedent(
        f"""
        import sys, numpy as np
        from orglearn.scenarios import scenario_from_values
        from orglearn.simulation import Engine
        from orglearn.simulation.recorder import RecordedEngine
        recorded = RecordedEngine(Engine(scenario_from_values({settings!r}), 5))
        for _ in range({WEEKS}):
            recorded.step()
        s = recorded.engine.state
        arrays = {{name: getattr(s, name) for name in {NAMES!r}}}
        np.savez(sys.argv[1], metrics=recorded.metrics().to_numpy(float), **arrays)
        """
    )


@pytest.mark.parametrize(
    "settings",
    [SETTINGS, RUGGED, {**SETTINGS, **FORESIGHT_AND_CODE}],
    ids=["every-mechanism", "rugged-task", "foresight-and-code"],
)
def test_plain_python_and_compiled_rules_give_the_same_run(tmp_path, settings):
    out = tmp_path / "plain.npz"
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    subprocess.run([sys.executable, "-c", script(settings), str(out)], check=True, env=env, cwd=tmp_path)
    plain = np.load(out)
    recorded = RecordedEngine(Engine(scenario_from_values(settings), 5))
    for _ in range(WEEKS):
        recorded.step()
    state = recorded.engine.state
    for name in NAMES:
        np.testing.assert_allclose(getattr(state, name), plain[name], rtol=0, atol=1e-12, err_msg=name)
    np.testing.assert_allclose(recorded.metrics().to_numpy(float), plain["metrics"], rtol=0, atol=1e-12)
    fresh = Engine(scenario_from_values(settings), 5).state
    assert not np.array_equal(state.meaning, fresh.meaning)
    assert not np.array_equal(state.actorship, fresh.actorship)  # the new rules really ran
    assert not np.array_equal(state.trust, fresh.trust)
    assert np.any(state.reflection_shift != 0)  # the learned threshold really moved
