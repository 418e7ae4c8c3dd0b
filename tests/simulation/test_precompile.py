"""The install's warm-up compiles every compiled rule, so no first run waits on the compiler."""

import json
import os
import subprocess
import sys
import textwrap

from orglearn.simulation.precompile import compiled_rules

SCRIPT = textwrap.dedent(
    """
    import json
    from orglearn.simulation.precompile import EVERYTHING, precompile
    partial = precompile((EVERYTHING,), weeks=1)
    print(json.dumps({"partial": partial, "all": precompile()}))
    """
)


def test_the_warm_up_reaches_every_compiled_rule(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "cache")}  # cold: nothing is loaded
    found = subprocess.run(
        [sys.executable, "-c", SCRIPT], check=True, env=env, cwd=tmp_path, capture_output=True, text=True
    )
    missed = json.loads(found.stdout.strip().splitlines()[-1])
    assert "orglearn.simulation.mechanisms.task.climb" in missed["partial"]  # the check can fail
    assert missed["all"] == []
    assert any((tmp_path / "cache").rglob("*.nbi"))  # and the machine code was cached


def test_the_compiled_rules_include_every_mechanism_module_and_the_metrics():
    modules = {name.rsplit(".", 1)[0] for name, _ in compiled_rules()}
    assert "orglearn.simulation.mechanisms.conversations" in modules
    assert "orglearn.simulation.sharing" in modules
    assert len(modules) >= 15
