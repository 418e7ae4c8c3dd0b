"""A Mesa agent runs its mechanism's own rule for itself, and only for itself."""

import numpy as np

from orglearn.simulation import LearningOrganization


def test_one_person_questions_their_principles_and_nobody_else_changes():
    model = LearningOrganization(
        {"organization.people": 20, "learning.conflict_threshold": 0.0, "learning.principle_rate": 0.5},
        seed=4,
    )
    before = model.state.meaning.copy(), model.state.conflict.copy()
    person = model.staff[7]
    person.question_principles(model.values)
    meaning, conflict = model.state.meaning, model.state.conflict
    others = np.arange(20) != 7
    assert np.array_equal(meaning[:, others], before[0][:, others])
    assert np.array_equal(conflict[others], before[1][others])
    gap_before = np.abs(before[0][1, 7] - before[0][2, 7]).sum()
    assert np.abs(person.insights - person.principles).sum() < gap_before  # principles moved to insights
    assert model.state.questioned[7]
