"""Lessons are data: the shipped ones load, cover every property, and bad files are explained."""

from __future__ import annotations

import numpy as np
import pytest

from orglearn.app.lessons import PROPERTIES, LessonError, load_lessons, parse_lesson, run_step, step_start

PAIRS = {
    ("no_direction", "clear_direction"),
    ("rules_only", "deep_learning"),
    ("rake", "network_org"),
    ("directive", "aligning"),
    ("closed", "open"),
}


def test_at_least_one_lesson_per_property_on_the_scenario_pairs():
    lessons = load_lessons()
    assert {lesson.property for lesson in lessons} == set(PROPERTIES)
    compared = {step.scenarios for lesson in lessons for step in lesson.steps if len(step.scenarios) == 2}
    assert compared >= PAIRS
    assert any("laissez_faire" in step.scenarios for lesson in lessons for step in lesson.steps)


def test_a_step_runs_until_its_week_and_judges_a_prediction():
    lesson = next(lesson for lesson in load_lessons() if lesson.id == "alignment")
    step = lesson.steps[0]
    result = run_step(step)
    assert result.series[0].shape == (1, step.until.week + 1)
    assert result.outcome(step) == "b_higher"
    assert result.right(step, "b_higher") and not result.right(step, "a_higher")


def test_a_metric_condition_stops_the_run_early():
    until = 'until = { week = 300, metric = "shared_meaning_rules_org", at_least = 0.5 }'
    text = LESSON.replace("until = { week = 50 }", until).replace('"fit_org"', '"shared_meaning_rules_org"')
    step = parse_lesson(text, "early.toml").steps[0]
    result = run_step(step)
    assert len(result.weeks) < 301
    assert result.series[0][0, -1] >= 0.5


def test_a_broken_lesson_names_every_problem():
    broken = LESSON.replace('nl = "Wat"', "").replace('metric = "fit_org"', 'metric = "happiness"')
    with pytest.raises(LessonError) as err:
        parse_lesson(broken, "mine.toml")
    assert "mine.toml: title" in str(err.value) and "happiness" in str(err.value)


def test_a_trainers_own_folder_is_read(tmp_path, monkeypatch):
    (tmp_path / "mine.toml").write_text(LESSON.replace('id = "mine"', 'id = "trainer"'), "utf-8")
    ids = [lesson.id for lesson in load_lessons([tmp_path])]
    assert "trainer" in ids and len(ids) == len(load_lessons()) + 1


def test_the_exploration_lesson_runs_marchs_model_and_its_answers_hold():
    lesson = next(lesson for lesson in load_lessons() if lesson.id == "exploration")
    assert lesson.model == "march1991" and all(step.model == "march1991" for step in lesson.steps)
    assert lesson.how_it_works("nl")[1][0] == "Socialisatie: individuen leren van de code"
    assert step_start(lesson.steps[0]) == 0.0  # the code starts without a view
    outcomes = []
    for step in lesson.steps:
        result = run_step(step)
        assert result.series[0].shape == (step.runs, len(result.weeks))
        outcomes.append(result.outcome(step))
    assert outcomes == ["a_higher", "b_higher", "a_higher", "b_higher"]


def test_runs_that_come_to_rest_stop_the_step_and_keep_their_last_value():
    lesson = next(lesson for lesson in load_lessons() if lesson.id == "exploration")
    step = lesson.steps[0]
    result = run_step(step)
    assert len(result.weeks) < step.until.week + 1  # every organization came to rest before 300
    fast = result.series[1]
    assert np.all(fast[:, -20:] == fast[:, -1:])  # fast learners rest early; padded with their last value


def test_a_march_lesson_is_checked_against_marchs_scenarios_metrics_and_rules():
    text = LESSON.replace('property = "network"', 'property = "network"\nmodel = "march1991"')
    with pytest.raises(LessonError) as err:
        parse_lesson(text, "march.toml")
    message = str(err.value)
    assert "['reality', 'turnover'" in message and "unknown ['conversations']" in message
    assert "two names) of ['baseline', 'fast_learners'" in message
    assert "metric 'fit_org' is not one the model records" in message
    with pytest.raises(LessonError, match="model must be one of orglearn, march1991"):
        parse_lesson(text.replace('"march1991"', '"march"'), "x.toml")


LESSON = """
[lesson]
id = "mine"
order = 9
property = "network"
mechanisms = ["conversations"]
[title]
en = "What"
nl = "Wat"
[what_is_it]
en = "A lesson."
nl = "Een les."
[things_to_notice]
en = ["One"]
nl = ["Een"]
[things_to_try]
en = ["Two"]
nl = ["Twee"]
[[steps]]
scenario = "school"
metric = "fit_org"
until = { week = 50 }
question = { en = "Q?", nl = "V?" }
explanation = { en = "Because.", nl = "Omdat." }
"""
