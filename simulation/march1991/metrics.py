"""What March's model measures: how much of reality the code and the individuals know.

Pure functions of the state, shared by the command line, sweeps, the browser and the tests.
Knowledge is (correct - wrong) / m in the ``original`` variant (a belief of 0 counts as
neither), and the share of correct beliefs in the ``text`` variant.
"""

from __future__ import annotations

import numpy as np

from orglearn.simulation.march1991.engine import MarchState

COLUMNS: dict[str, str] = {
    "code_knowledge": "How much of reality the code knows.",
    "individual_knowledge": "How much of reality individuals know, on average.",
    "individual_knowledge_sd": "Spread (standard deviation) of individuals' knowledge.",
    "belief_diversity": "Share of pairs of individuals who disagree, averaged over dimensions (0: everyone "
    "believes the same).",
    "code_open": "Share of dimensions on which the code holds no view yet (0).",
    "superior_share": "Share of individuals who did better than the code this period.",
    "equilibrium": "1 once a closed world has come to rest, else 0.",
}


SUMMARY = ("code_knowledge", "individual_knowledge", "belief_diversity", "equilibrium")
"""The headline metrics: what ``orglearn run`` prints and ``orglearn summarize`` shows first."""


def knowledge(beliefs: np.ndarray, reality: np.ndarray, original: bool) -> np.ndarray | float:
    """Knowledge of one belief vector or of each row of a matrix."""
    if original:
        return (beliefs.astype(np.int64) @ reality) / len(reality)
    return np.count_nonzero(beliefs == reality, axis=-1) / len(reality)


def belief_diversity(beliefs: np.ndarray) -> float:
    """The chance that two different individuals disagree on a dimension, averaged over dimensions."""
    n = len(beliefs)
    if n < 2:
        return 0.0
    counts = np.stack([np.count_nonzero(beliefs == v, axis=0) for v in (-1, 0, 1)])
    same_pairs = (counts * (counts - 1)).sum(axis=0) / (n * (n - 1))
    return float(np.mean(1.0 - same_pairs))


def measure(state: MarchState, original: bool) -> dict[str, float]:
    """Every metric of the state, in the order of :data:`COLUMNS`."""
    people = knowledge(state.beliefs, state.reality, original)
    return {
        "code_knowledge": float(knowledge(state.code, state.reality, original)),
        "individual_knowledge": float(np.mean(people)),
        "individual_knowledge_sd": float(np.std(people)),
        "belief_diversity": belief_diversity(state.beliefs),
        "code_open": float(np.mean(state.code == 0)),
        "superior_share": float(np.mean(state.superior)),
        "equilibrium": float(state.equilibrium),
    }
