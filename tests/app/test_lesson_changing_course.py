"""The lesson on changing course: its steps carry an intervention, and its answers hold over 10 seeds."""

from __future__ import annotations

import numpy as np
import pytest

from orglearn.app.lessons import LessonError, load_lessons, parse_lesson, run_step


@pytest.fixture(scope="module")
def lesson():
    return next(lesson for lesson in load_lessons() if lesson.id == "changing_course")


def test_the_lesson_is_in_both_languages_and_switches_at_week_100(lesson):
    assert lesson.title["nl"] == "Van koers veranderen: wat een nieuwe stijl wel en niet ongedaan maakt"
    assert [step.scenarios for step in lesson.steps] == [("new_director", "aligning")] * 2 + [
        ("directive", "aligning")
    ]
    for step in lesson.steps:
        switched, always = (step.scenario(name) for name in step.scenarios)
        assert [(i.week, i.set["management.style"]) for i in switched.interventions] == [(100, "aligning")]
        assert always.interventions == () and always["management.style"] == "aligning"
        assert switched["management.style"] == "directive" and step.runs == 10


def test_its_expected_answers_hold_over_ten_seeds(lesson):
    """Goals catch up within 50 weeks of the switch; shared principles do not, even in 100."""
    results = [run_step(step) for step in lesson.steps]
    assert [result.outcome(step) for step, result in zip(lesson.steps, results, strict=True)] == [
        "same",
        "b_higher",
        "b_higher",
    ]
    goals, principles, later = results
    assert abs(goals.end(1) - goals.end(0)) < 0.01  # the lesson says 0.001
    before = principles.series[1][:, 100] - principles.series[0][:, 100]
    assert np.all(principles.series[1][:, -1] > principles.series[0][:, -1])  # "in all ten seeds"
    assert 0 < later.end(1) - later.end(0) < before.mean()  # closing, slowly
    # The third step's own intervention makes the same run as the journey, seed for seed.
    np.testing.assert_array_equal(later.series[0][:, :151], principles.series[0])


def lesson_with(week: int, setting: str, target: str = "school") -> str:
    return LESSON.replace("WEEK", str(week)).replace("SET", setting).replace("TARGET", target)


def test_a_step_intervention_is_checked_like_a_scenario_files():
    with pytest.raises(LessonError, match=r"organization\.people: cannot change during a run"):
        parse_lesson(lesson_with(30, '"organization.people" = 20'), "x.toml")
    with pytest.raises(LessonError, match="comes after the step's last week"):
        parse_lesson(lesson_with(80, '"network.voice" = 1.0'), "x.toml")
    with pytest.raises(LessonError, match="'rake' is not one of the step's"):
        parse_lesson(lesson_with(30, '"network.voice" = 1.0', "rake"), "x.toml")
    step = parse_lesson(lesson_with(30, '"network.voice" = 1.0'), "x.toml").steps[0]
    assert [(i.week, i.set) for i in step.scenario("school").interventions] == [(30, {"network.voice": 1.0})]


LESSON = """
title = { en = "What", nl = "Wat" }
what_is_it = { en = "A lesson.", nl = "Een les." }
things_to_notice = { en = ["One"], nl = ["Een"] }
things_to_try = { en = ["Two"], nl = ["Twee"] }
[lesson]
id = "mine"
property = "network"
mechanisms = ["conversations"]
[[steps]]
scenario = "school"
metric = "fit_org"
until = { week = 50 }
question = { en = "Q?", nl = "V?" }
explanation = { en = "Because.", nl = "Omdat." }
[[steps.interventions]]
scenario = "TARGET"
week = WEEK
set = { SET }
"""
