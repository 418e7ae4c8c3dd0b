"""Aspiration: the performance people aim for, formed from their history, their peers and the vision.

Rule: *what one aims for follows one's own performance, what comparable colleagues achieve and
what management's vision promises, slowly: a level reached becomes the new normal.*

Each week a person's aspiration moves by ``learning.aspiration_adaptation`` toward a reference
(Greve 2003: aspiration_t = α·aspiration_{t-1} + (1-α)·reference, with α = 1 - adaptation). The
reference mixes the person's own performance this week, with weight
``learning.aspiration_own_weight`` (w), with the social reference: the mean performance this week
of comparable others, the rest of the person's team or their contacts
(``learning.aspiration_reference``). A share ``learning.aspiration_vision`` (v) of the reference,
as far as the reporting line carries it, is what the vision promises: the performance that
rules equal to the vision would have now (the agreement of the vision with what is asked). So the
reference is (1 - v·line)·(w·own + (1 - w)·social) + v·line·promise.

With w = 1 and v = 0 (the defaults) the reference is one's own performance and the rule is the
model's earlier one: aspiration trails performance, and reflection fires only when performance
falls faster than aspiration follows. With social comparison, those who stay behind their peers
keep an aspiration above what they achieve; with a vision, everyone feels the tension between
what is promised and what is achieved.

The rule is written once, for one person (:func:`aspire`), and compiled; it reads everyone's
performance of this week, so it runs after everyone has worked (:mod:`.experience`).

References:
    Cyert, R. M. & March, J. G. (1963). *A Behavioral Theory of the Firm*. Prentice-Hall
    (aspiration levels adapt to experience; performance below them triggers search).
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (aspiration from own history).
    Greve, H. R. (2003). *Organizational Learning from Performance Feedback*. Cambridge University
    Press (aspiration as a weighted mix of historical and social reference points).
    Festinger, L. (1954). A theory of social comparison processes. *Human Relations* 7(2),
    117-140 (one compares oneself with similar others).
    Senge, P. M. (1990). *The Fifth Discipline*. Doubleday (creative tension between the vision
    and current reality).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.agreement import agreement_of
from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "learning.aspiration_adaptation",
        "learning.aspiration_own_weight",
        "learning.aspiration_reference",
        "learning.aspiration_vision",
    ),
    changes=("aspiration",),
    proposed={"learning.aspiration_own_weight": 0.5, "learning.aspiration_vision": 0.2},
    shows={"aspiration": lambda state: state.aspiration},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def aspire(
    i: int,
    performance: np.ndarray,
    aspiration: np.ndarray,
    line_quality: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    promise: float,
    adapt: float,
    own: float,
    vision: float,
) -> None:
    """Person ``i``'s aspiration moves toward their own, their peers' and the vision's performance.

    Args:
        i: The person.
        performance: (N,) everyone's performance this week.
        aspiration: (N,) what everyone aims for (person ``i``'s is changed).
        line_quality: (N,) how well each reporting line carries the vision.
        indptr: Row pointers of each person's comparable others (CSR).
        indices: The comparable others (oneself, if listed, is skipped).
        promise: The performance that rules equal to the vision would have now.
        adapt: How far aspiration moves toward the reference in a week (1 - α).
        own: The weight of one's own performance against the peers' (w).
        vision: The share of the reference that the vision's promise takes (v).
    """
    reference = performance[i]
    if own < 1.0 or vision > 0.0:  # otherwise one's own performance alone, as before
        total, count = 0.0, 0
        for k in range(indptr[i], indptr[i + 1]):
            j = indices[k]
            if j != i:
                total += performance[j]
                count += 1
        social = total / count if count > 0 else performance[i]
        heard = vision * line_quality[i]
        reference = (1.0 - heard) * (own * performance[i] + (1.0 - own) * social) + heard * promise
    aspiration[i] += adapt * (reference - aspiration[i])


@rule
def aspire_everyone(*arguments: Any) -> None:
    """:func:`aspire` for everyone, in order of position (``arguments``: all of its after ``i``)."""
    for i in range(arguments[0].shape[0]):
        aspire(i, *arguments)


def team_members(state: OrgState) -> tuple[np.ndarray, np.ndarray]:
    """Each person's team as CSR rows (row pointers, members in ascending position), made once."""

    def make() -> tuple[np.ndarray, np.ndarray]:
        team = state.chart.team
        order = np.argsort(team, kind="stable")
        starts = np.zeros(state.chart.n_teams + 1, dtype=np.int64)
        np.cumsum(np.bincount(team, minlength=state.chart.n_teams), out=starts[1:])
        counts = np.diff(starts)[team]
        indptr = np.zeros(state.size + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        indices = np.concatenate([order[starts[t] : starts[t + 1]] for t in team]).astype(np.int64)
        return indptr, indices

    return state.fixed.get("aspiration.team", make)


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`aspire` reads and changes, after the person's index."""
    if values["learning.aspiration_reference"] == "contacts":
        indptr, indices = state.ties.indptr, state.ties.indices
    else:
        indptr, indices = team_members(state)
    vision = float(values["learning.aspiration_vision"])
    promise = agreement_of(state.vision, state.environment) if vision > 0 else 0.0  # its vision_fit
    return (
        state.performance,
        state.aspiration,
        state.line_quality,
        indptr,
        indices,
        promise,
        float(values["learning.aspiration_adaptation"]),
        float(values["learning.aspiration_own_weight"]),
        vision,
    )


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let everyone's aspiration follow their own, their peers' and the vision's performance."""
    aspire_everyone(*inputs(state, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Each person sets what they aim for in turn (:func:`aspire`, through ``person.aspire``)."""
    for person in staff:
        person.aspire(values)
