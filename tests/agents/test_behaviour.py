"""The fast engine and the readable person-by-person week are the same model."""

import numpy as np
import pytest
from settings import EVERYTHING, FORESIGHT_AND_CODE

from orglearn.simulation import LearningOrganization
from orglearn.simulation.mechanisms import WEEK

TOLERANCE = 1e-12  # management's averages are summed in a different order; nothing else differs
CHANGED = sorted({name for mechanism in WEEK for name in mechanism.DECLARES.changes})


@pytest.mark.parametrize(
    ("kind", "switches"),
    [(kind, {}) for kind in ("rake", "teams", "network_org", "small_world", "scale_free", "complete")]
    + [("network_org", FORESIGHT_AND_CODE)],
    ids=["rake", "teams", "network_org", "small_world", "scale_free", "complete", "foresight-and-code"],
)
def test_fast_engine_equals_readable_week(kind, switches):
    values = {**EVERYTHING, "network.kind": kind, **switches}
    fast = LearningOrganization(values, seed=3, engine="fast")
    readable = LearningOrganization(values, seed=3, engine="readable")
    for _ in range(25):
        fast.step()
        readable.step()
        for name in CHANGED:  # everything any mechanism declares it changes
            np.testing.assert_allclose(  # NaN where a team has not agreed yet
                np.asarray(getattr(fast.state, name), dtype=float),
                np.asarray(getattr(readable.state, name), dtype=float),
                rtol=0,
                atol=TOLERANCE,
                err_msg=f"{name} in week {fast.week}",
            )
    difference = (fast.metrics() - readable.metrics()).abs().max().max()
    assert difference <= 1e-9


def test_the_comparison_is_not_trivial():
    """Over those weeks people really reflect, question principles, talk, and leave."""
    model = LearningOrganization(EVERYTHING, seed=3)
    reflected = questioned = 0
    start = model.state.meaning.copy()
    labels = [id(agent) for agent in model.staff]
    for _ in range(25):
        model.step()
        reflected += int(model.state.reflected.sum())
        questioned += int(model.state.questioned.sum())
    assert reflected > 0
    assert questioned > 0
    assert np.abs(model.state.meaning - start).max() > 0.1
    assert [id(agent) for agent in model.staff] != labels  # turnover replaced someone
