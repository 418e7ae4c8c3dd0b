"""Final headline metrics of every named scenario over many seeds: the model's distribution.

The engine's random numbers come from one stream per mechanism. That changes every trajectory
but must not change the model: for every named scenario, the final headline metrics of 30 seeds
must be distributed as they were when all draws came from one generator. This module computes
those finals with nothing but the public model class, so the same code runs against an older
checkout of orglearn; ``simulation/data/distribution_before_streams.csv`` holds its output on the last
engine with a single generator, made by::

    git worktree add /tmp/before 81f7ced
    python -m pip install --no-deps --target /tmp/before-pkg /tmp/before
    cd /tmp && PYTHONPATH=/tmp/before-pkg python /path/to/tests/distribution.py OUT.csv

(run from outside the repository, so that its ``orglearn/`` folder does not shadow the copy).
"""

from __future__ import annotations

import sys

import pandas as pd

SEEDS = range(1000, 1030)
WEEKS = 120  # past baseline's shock in week 100


def finals(name: str, seeds=SEEDS, weeks: int = WEEKS) -> pd.DataFrame:
    """One row per seed: the scenario, the seed and the headline metrics at the last week."""
    from orglearn.simulation import LearningOrganization

    rows = []
    for seed in seeds:
        model = LearningOrganization(name, seed=seed)
        last = model.run(weeks).iloc[-1]
        rows.append({"scenario": name, "seed": seed, **{m: float(last[m]) for m in model.SUMMARY}})
    return pd.DataFrame(rows)


def every_scenario(names: list[str] | None = None) -> pd.DataFrame:
    """:func:`finals` of some named scenarios of the learning organization (default: all)."""
    from orglearn.scenarios import scenario_names

    return pd.concat([finals(name) for name in names or scenario_names()], ignore_index=True)


if __name__ == "__main__":
    every_scenario().to_csv(sys.argv[1], index=False, float_format="%.10g")
