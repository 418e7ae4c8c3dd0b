"""The rules of March's model, on arrays: one period for all individuals and dimensions at once.

Rule: *individuals move their beliefs toward the organization's code; the code moves toward the
majority view of the individuals who do better than it; newcomers bring fresh beliefs and reality
itself may shift.*

Reality has m dimensions of +1 or -1; n individuals and the code hold beliefs of +1, 0 or -1.
A period runs: turnover (p3), turbulence (p4), individuals act, socialization (p1), code learning
(p2). In a closed world (p3 = p4 = 0) a run stops at equilibrium: no individual can still beat
the code, and no individual differs from the code on a dimension where the code holds a view.

Two variants. ``original`` is what March's own program did, which reproduces the paper's
figures (Rodan 2005; Christensen 2015): socialization is gradual (with code +1, a belief -1
becomes 0 and 0 becomes +1); an individual with belief 0 acts by a coin flip; the superior group
is chosen by performance, the score of one's actions Σ(action · reality), against the code's score
Σ(code · reality); the code copies the majority of their actions with probability 1 - (1 - p2)^k,
k = |#(+1) - #(-1)|, and ties change nothing; knowledge is (correct - wrong) / m. ``text`` is
the paper's text read literally: beliefs jump to the code; the superior group holds more correct
beliefs than the code; k is the number of them who differ from the code minus the number who do
not, and the code adopts their most common belief; knowledge is the share of correct beliefs.

References:
    March, J. G. (1991). Exploration and exploitation in organizational learning. *Organization
    Science* 2(1), 71-87.
    Rodan, S. (2005). Exploration and exploitation revisited: extending March's model of mutual
    learning. *Scandinavian Journal of Management* 21(4), 407-428.
    Christensen, M. (2015). A note on March's (1991) model of exploration and exploitation.
    Working paper, Aarhus University.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from orglearn.scenarios import Scenario


@dataclass
class MarchState:
    """Everything that changes in March's model.

    Attributes:
        reality: (m,) the true value of each dimension, +1 or -1.
        beliefs: (n, m) each individual's belief per dimension, +1, 0 or -1.
        code: (m,) the organization's code, +1, 0 or -1 (all 0 at the start).
        p1: (n,) each individual's socialization rate.
        actions: (n, m) what each individual did this period (+1 or -1).
        superior: (n,) whether each individual did better than the code this period.
        period: Periods run so far.
        equilibrium: Whether a closed world has come to rest.
    """

    reality: np.ndarray
    beliefs: np.ndarray
    code: np.ndarray
    p1: np.ndarray
    actions: np.ndarray
    superior: np.ndarray
    period: int = 0
    equilibrium: bool = False


def socialization_rates(values: dict, n: int) -> np.ndarray:
    """p1 for everyone, except the first ``slow_share`` of individuals, who learn at ``p1_slow``."""
    rates = np.full(n, values["march.p1"])
    rates[: round(values["march.slow_share"] * n)] = values["march.p1_slow"]
    return rates


class MarchEngine:
    """March's organization on arrays, moved on period by period.

    Attributes:
        scenario: The validated scenario (model ``march1991``).
        values: Its values.
        rng: The generator all randomness comes from.
        state: The current state.
    """

    def __init__(self, scenario: Scenario, rng: np.random.Generator) -> None:
        """Draw reality and the individuals' beliefs; the code starts neutral."""
        self.scenario, self.values, self.rng = scenario, dict(scenario.values), rng
        m, n = self.values["march.m"], self.values["march.n"]
        reality = rng.choice(np.array([-1, 1], dtype=np.int8), size=m)
        beliefs = rng.integers(-1, 2, size=(n, m), dtype=np.int8)
        self.state = MarchState(
            reality=reality,
            beliefs=beliefs,
            code=np.zeros(m, dtype=np.int8),
            p1=socialization_rates(self.values, n),
            actions=beliefs.copy(),
            superior=np.zeros(n, dtype=bool),
        )
        self.original = self.values["march.variant"] == "original"
        self.closed = self.values["march.p3"] == 0 and self.values["march.p4"] == 0

    @property
    def running(self) -> bool:
        """False once a closed world has reached equilibrium."""
        return not self.state.equilibrium

    def step(self) -> None:
        """Run one period: turnover, turbulence, action, socialization, code learning."""
        s, v, rng = self.state, self.values, self.rng
        n, m = s.beliefs.shape
        if v["march.p3"] > 0:
            leave = rng.random(n) < v["march.p3"]
            s.beliefs[leave] = rng.integers(-1, 2, size=(int(leave.sum()), m), dtype=np.int8)
        if v["march.p4"] > 0:
            s.reality[rng.random(m) < v["march.p4"]] *= -1
        coins = rng.choice(np.array([-1, 1], dtype=np.int8), size=(n, m))
        s.actions = np.where(s.beliefs != 0, s.beliefs, coins) if self.original else s.beliefs.copy()
        learn = (rng.random((n, m)) < s.p1[:, None]) & (s.code != 0) & (s.beliefs != s.code)
        chance = rng.random(int(m))
        s.superior = self._superior()
        self._socialize(learn)
        self._learn_code(chance)
        s.period += 1
        if self.closed:
            s.equilibrium = self._at_rest()

    def _superior(self) -> np.ndarray:
        s = self.state
        if self.original:
            return s.actions.astype(np.int64) @ s.reality > int(s.code.astype(np.int64) @ s.reality)
        return np.count_nonzero(s.beliefs == s.reality, axis=1) > np.count_nonzero(s.code == s.reality)

    def _socialize(self, learn: np.ndarray) -> None:
        s = self.state
        toward = np.broadcast_to(s.code, s.beliefs.shape)
        if self.original:
            s.beliefs[learn] += toward[learn]  # one step toward the code: -1 -> 0 -> +1
        else:
            s.beliefs[learn] = toward[learn]

    def _learn_code(self, chance: np.ndarray) -> None:
        s, p2 = self.state, self.values["march.p2"]
        group = s.actions[s.superior] if self.original else s.beliefs[s.superior]
        if len(group) == 0:
            return
        plus = np.count_nonzero(group == 1, axis=0)
        minus = np.count_nonzero(group == -1, axis=0)
        if self.original:
            majority = np.sign(plus - minus).astype(np.int8)
            k = np.abs(plus - minus)
        else:
            zero = len(group) - plus - minus
            counts = np.stack([minus, zero, plus])
            top = counts.max(axis=0)
            unique = np.count_nonzero(counts == top, axis=0) == 1
            majority = np.where(unique, np.argmax(counts, axis=0) - 1, s.code).astype(np.int8)
            same = np.count_nonzero(group == s.code, axis=0)
            k = np.maximum(len(group) - 2 * same, 0)
        adopt = (majority != s.code) & (k > 0) & (chance < 1.0 - (1.0 - p2) ** k)
        change = adopt & (majority != 0) if self.original else adopt
        s.code[change] = majority[change]

    def _at_rest(self) -> bool:
        """No individual can beat the code and none differs from it where it holds a view."""
        s = self.state
        if self.original:
            best = s.beliefs.astype(np.int64) @ s.reality + np.count_nonzero(s.beliefs == 0, axis=1)
            can_beat = best > int(s.code.astype(np.int64) @ s.reality)
        else:
            can_beat = np.count_nonzero(s.beliefs == s.reality, axis=1) > np.count_nonzero(
                s.code == s.reality
            )
        differs = (s.code != 0) & (s.beliefs != s.code)
        return not can_beat.any() and not differs.any()
