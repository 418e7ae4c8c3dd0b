"""Every string, label and lesson exists in English and Dutch, key for key."""

from __future__ import annotations

import re

import pytest

from orglearn.app.components.beliefs_view import WORDS
from orglearn.app.lessons import load_lessons
from orglearn.app.model_view import app_model
from orglearn.app.portrayal import MEASURES
from orglearn.app.text import LANGUAGES, strings, t
from orglearn.registry import MODELS
from orglearn.scenarios import parameter_table
from orglearn.scenarios.parameters import PROPERTIES
from orglearn.simulation.structure import ROLES


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def test_string_files_have_the_same_keys_and_placeholders():
    english, dutch = strings("en"), strings("nl")
    assert set(english) == set(dutch)
    for key in english:
        assert english[key].strip() and dutch[key].strip(), key
        assert placeholders(english[key]) == placeholders(dutch[key]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_the_app_looks_up_exists(lang):
    table = strings(lang)
    needed = [f"property.{p}" for p in PROPERTIES] + [f"property_help.{p}" for p in PROPERTIES]
    needed += [f"measure.{m}" for m in MEASURES] + [f"role.{r}" for r in ROLES]
    needed += [f"beliefs.{word}" for word in WORDS] + ["model.label"]
    for name in MODELS:
        shown = app_model(name)
        needed += [f"series.{c}" for c in shown.metrics()] + [f"chart.{c.key}" for c in shown.charts]
        needed += [f"unit.{p.unit}" for p in parameter_table(name).values() if p.unit]
        needed += [f"model.{name}", f"model.help_{name}", f"chart.{shown.unit}"]
        section = "property_help" if name == "orglearn" else f"property_help_{name}"
        needed += [f"{section}.{p.belongs_to}" for p in parameter_table(name).values()]
    assert [key for key in needed if key not in table] == []


@pytest.mark.parametrize("model", MODELS)
def test_every_parameter_label_and_help_in_both_languages(model):
    for parameter in parameter_table(model).values():
        assert set(parameter.label) == set(LANGUAGES) == set(parameter.help), parameter.name
        assert all(parameter.label[lang].strip() and parameter.help[lang].strip() for lang in LANGUAGES)


def test_every_lesson_in_both_languages_key_for_key():
    lessons = load_lessons()
    for lesson in lessons:
        for texts in (lesson.title, lesson.what_is_it):
            assert set(texts) == set(LANGUAGES) and all(texts[lang].strip() for lang in LANGUAGES)
        for lists in (lesson.things_to_notice, lesson.things_to_try):
            assert set(lists) == set(LANGUAGES) and len({len(lists[lang]) for lang in LANGUAGES}) == 1
        for step in lesson.steps:
            assert set(step.question) == set(step.explanation) == set(LANGUAGES)
        for lang in LANGUAGES:
            assert all(title and sentence for title, sentence in lesson.how_it_works(lang))


def test_placeholders_are_filled():
    assert t("nl", "explore.week", week=3, people=60, seed=1) == "Week 3 · 60 mensen · startgetal 1"
