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


def test_the_compiled_rules_include_every_mechanism_module_the_metrics_and_the_seat():
    modules = {name.rsplit(".", 1)[0] for name, _ in compiled_rules()}
    assert "orglearn.simulation.mechanisms.conversations" in modules
    assert "orglearn.simulation.sharing" in modules
    assert "orglearn.simulation.state" in modules  # found wherever a rule is compiled, not listed
    assert len(modules) >= 15


HITS = textwrap.dedent(
    """
    import sys
    from orglearn.simulation.precompile import EVERYTHING, compiled_rules, forget, precompile
    precompile((EVERYTHING,), weeks=1)
    print(sum(sum(rule.stats.cache_hits.values()) for _, rule in compiled_rules()))
    if sys.argv[1:] == ["forget"]:
        forget()
    """
)


def test_forgetting_makes_the_next_warm_up_compile_everything_anew(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "cache")}

    def hits(*arguments: str) -> int:
        run = [sys.executable, "-c", HITS, *arguments]
        done = subprocess.run(run, check=True, env=env, cwd=tmp_path, capture_output=True, text=True)
        return int(done.stdout.strip().splitlines()[-1])

    assert hits() == 0  # cold: compiled and cached
    assert hits("forget") > 0  # loaded from the cache, which is then forgotten
    assert hits() == 0  # compiled again, not loaded
