"""Limit cases: settings in which orglearn's model reduces to a known model, or does everything.

They are used by the tests, the benchmarks and the claims report's part on "the model against
the literature". Each function returns scenario values (dotted names); everything not named
stays as in :data:`SILENT`, where every mechanism is off and nothing changes unless something is
switched on. :data:`EVERY_MECHANISM` is the other end: everything on at once.
"""

from __future__ import annotations

from typing import Any

from orglearn.simulation.mechanisms import settings

SILENT: dict[str, Any] = settings("off")
"""Every mechanism switched off: each mechanism's ``off`` settings (see its ``DECLARES``)."""

PROPOSED: dict[str, Any] = settings("proposed")
"""Every mechanism that is off by default, switched on at the value its parameter row proposes
(its ``source`` says where the value comes from; most are assumed). The task stays smooth and the
world a random walk: ``task.ruggedness`` and ``environment.momentum`` change what is asked, not
how the organization learns."""

EVERY_MECHANISM: dict[str, Any] = {**PROPOSED, **settings("on")}
"""The opposite: every mechanism switched on, turnover, a shock and evaluations included (the
settings of the test of the engine against the readable week, and of the benchmarks)."""

FORESIGHT_AND_CODE: dict[str, Any] = {
    "environment.momentum": 0.9,
    "direction.shared_blind_spot": 0.5,
    "direction.horizon": 13.0,
    "direction.adjustment_threshold": 0.05,
    "code.learning": 0.1,
    "code.socialization": 0.05,
}
"""What :data:`EVERY_MECHANISM` still leaves off, to add to it: a world with trends, shared blind
spots, looking ahead, adjusting only where needed, and the organization's code."""


def degroot(kind: str = "small_world", people: int = 50, themes: int = 2) -> dict[str, Any]:
    """Meetings only, one level, openness 1, no noise, equal weights for oneself and each contact.

    Everyone is in one team, so everyone shares one meeting; each person then moves to the plain
    average of their own rules and their contacts' every week: DeGroot's (1974) model, whose
    consensus on a connected network is ``sum((d_i + 1) x_i(0)) / sum(d_i + 1)``.

    References:
        DeGroot, M. H. (1974). Reaching a consensus. *JASA* 69(345), 118-121.
    """
    return {
        **SILENT,
        "organization.people": people,
        "organization.team_size": people,
        "organization.themes": themes,
        "network.kind": kind,
        "network.degree": 4,
        "network.rewiring": 0.2,
        "network.tie_quality_mean": 1.0,
        "network.tie_quality_sd": 0.0,
        "network.actorship_sd": 0.0,
        "network.voice": 1.0,
        "communication.openness_mean": 1.0,
        "communication.openness_sd": 0.0,
        "communication.clarity": 1.0,
        "communication.meeting_interval": 1,
        "communication.meeting_self_weight": 1.0,
        "communication.levels": ["rules"],
        "communication.rules_rate": 1.0,
        "communication.confidence_bound": 2.0,
    }


def deffuant(d: float, people: int = 300) -> dict[str, Any]:
    """Conversations only, complete mixing, one theme, bounded confidence ``d`` on a [0, 1] scale.

    Every week everyone starts a conversation with a random other person; both move halfway
    (mu = 0.5) toward the other's principle when the two lie within ``2 d`` on orglearn's [-1, 1]
    scale: Deffuant et al.'s (2000) model, which ends in about ``floor(1 / (2 d))`` clusters.

    References:
        Deffuant, G., Neau, D., Amblard, F. & Weisbuch, G. (2000). Mixing beliefs among
        interacting agents. *Advances in Complex Systems* 3, 87-98.
    """
    return {
        **SILENT,
        "organization.people": people,
        "organization.team_size": people,
        "organization.themes": 1,
        "organization.initial_coherence": 0.0,
        "network.kind": "complete",
        "network.tie_quality_mean": 1.0,
        "network.tie_quality_sd": 0.0,
        "network.actorship_mean": 1.0,
        "network.actorship_sd": 0.0,
        "network.voice": 1.0,
        "communication.openness_mean": 1.0,
        "communication.openness_sd": 0.0,
        "communication.clarity": 1.0,
        "communication.conversation_rate": 1.0,
        "communication.levels": ["principles"],
        "communication.principles_rate": 0.5,
        "communication.confidence_bound": 2 * d,
    }


def lazer_friedman(
    kind: str = "complete", people: int = 100, themes: int = 20, interdependence: int = 5
) -> dict[str, Any]:
    """Only local search and imitation, on a fully rugged task: Lazer & Friedman's (2007) model.

    Performance is the fitness of one's choices on an NK landscape (``task.ruggedness`` 1, N =
    ``themes``, K = ``interdependence``); every week everyone looks at their contacts and copies
    the best one's rules wholesale if that one did better, and everyone tries the opposite choice
    on one theme and keeps it if it pays (L&F let only those who do not imitate search; here
    imitation, which follows, overwrites the search of those who copy). Everyone trusts
    everyone; the world stands still. ``kind`` sets who sees whom: ``complete`` everyone, ``rake``
    only the reporting lines (a tree), ``small_world`` with degree 2 and no rewiring a ring plus
    the reporting lines.

    References:
        Lazer, D. & Friedman, A. (2007). The network structure of exploration and exploitation.
        *Administrative Science Quarterly* 52(4), 667-694.
    """
    return {
        **SILENT,
        "organization.people": people,
        "organization.themes": themes,
        "organization.turnover": 0.0,
        "task.ruggedness": 1.0,
        "task.interdependence": interdependence,
        "communication.imitation": 1.0,
        "communication.confidence_bound": 2.0,
        "network.kind": kind,
        "network.team_ties": 0.0,
        "network.degree": 2,
        "network.rewiring": 0.0,
    }
