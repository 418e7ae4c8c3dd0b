"""What a mechanism declares about itself, so that the rest of the model can loop over mechanisms.

Each mechanism's module declares, right after its imports, one :class:`Declaration`,
``DECLARES``: the parameters it reads, the state it changes, the random draws it uses and the
streams they come from, the settings that switch it off, the settings that switch on what it has
that is off by default, and the columns it adds to everyone's snapshot. The engine and the
readable week loop over :data:`~orglearn.simulation.mechanisms.WEEK`; the all-off and
everything-on settings of the limit cases (:mod:`orglearn.simulation.limits`), the snapshot of
everyone (``agents.csv``) and the test of the engine against the readable week are built from
these declarations. Tests hold each declaration to what its module does: the parameters it reads
and the draws it uses to its source, the state it changes to what a week with everything on
changes, and its off-settings to a week in which it changes nothing but what people keep
noticing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from orglearn.simulation.state import OrgState


@dataclass(frozen=True)
class Declaration:
    """One mechanism's parameters, state, draws and switches.

    Attributes:
        reads: The parameters (dotted names) its module reads.
        changes: The fields of :class:`~orglearn.simulation.state.OrgState` it changes.
        draws: The fields of :class:`~orglearn.simulation.draws.WeekDraws` it uses.
        streams: The random streams (:class:`~orglearn.simulation.streams.Streams`) its draws
            come from.
        off: Settings that switch it off: it then changes nothing but ``while_off``. Empty for a
            mechanism that has no switch of its own.
        while_off: What it still updates when switched off: what people keep noticing or a team
            keeps settling (how their work goes, lasting conflict, who they heard, what the team
            agreed), not what anyone learns.
        proposed: Settings that switch on what it has that is off by default, at the values its
            parameter rows propose.
        on: Further settings that make it do everything it can (turnover, a shock, evaluations,
            every level exchanged): with ``proposed``, the everything-on settings.
        shows: Columns it adds to everyone's snapshot (``agents.csv``): name to a function of
            the state giving one value per person.
    """

    reads: tuple[str, ...]
    changes: tuple[str, ...]
    draws: tuple[str, ...] = ()
    streams: tuple[str, ...] = ()
    while_off: tuple[str, ...] = ()
    off: Mapping[str, Any] = field(default_factory=dict)
    proposed: Mapping[str, Any] = field(default_factory=dict)
    on: Mapping[str, Any] = field(default_factory=dict)
    shows: Mapping[str, Callable[[OrgState], np.ndarray]] = field(default_factory=dict)
