"""Each claim's direction at CI size: 5 paired seeds per arm, the full horizon of 200 weeks.

At full size (``orglearn claims``: 30 paired runs per arm) 15 of the 17 hypotheses are supported
and two are not: clear direction does not make the organization's rules fit better (only its
vision), and better connections do not beat more capable individuals on fit. Five seeds cannot
separate small effects from noise, so the tolerance is stated per strength of the effect:

* effects that are strong at full size (d_z of 2 or more) must be *supported* at CI size too;
* every hypothesis supported at full size must at least not come out *reversed*;
* the two that are not supported at full size are compared but not pinned (too small to test
  with five seeds either way).
"""

import pytest

from orglearn.experiments.claims import run_claims

STRONG = {
    (1, "vision"),
    (2, "shared_insights"),
    (2, "recovery"),
    (3, "insights"),
    (4, "individual_fit"),
    (4, "organizational_learning"),
    (4, "shared_vision"),
    (4, "compliance"),
    (4, "no_deeper_meaning"),
    (5, "shared_insights"),
    (5, "between_teams"),
}
NOT_SUPPORTED_AT_FULL_SIZE = {(1, "fit"), (4, "connections_over_capability")}


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory):
    out = tmp_path_factory.mktemp("claims")
    _, _, results = run_claims(
        out, None, 5, robustness=False, literature=False, options={"workers": 2, "quiet": True}
    )
    return {(r.claim.number, c.hypothesis.id): c for r in results for c in r.main}


def test_every_hypothesis_was_compared_over_five_paired_seeds(comparisons):
    assert len(comparisons) == 17
    assert {c.runs for c in comparisons.values()} == {5}
    assert set(comparisons) >= STRONG | NOT_SUPPORTED_AT_FULL_SIZE


def test_strong_effects_are_supported_even_with_five_seeds(comparisons):
    failed = {key: comparisons[key].verdict for key in STRONG if comparisons[key].verdict != "supported"}
    assert not failed


def test_no_supported_claim_comes_out_reversed(comparisons):
    reversed_ = [
        key
        for key, c in comparisons.items()
        if key not in NOT_SUPPORTED_AT_FULL_SIZE and c.verdict == "reversed"
    ]
    assert not reversed_
