"""The Info tab explains the model from its own rule sentences, in the page's language."""

from __future__ import annotations

import pytest
import solara

from orglearn.app.components.info import week_in_order
from orglearn.app.page import TABS, Page
from orglearn.app.text import strings
from orglearn.registry import MODELS

from .test_components import toggle


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def prose(rc) -> str:
    """The text of every Markdown block on the page, as rendered HTML."""
    blocks = rc.find(solara.widgets.HTML).widgets
    return " ".join(
        w.unsafe_innerHTML or "" for w in blocks if "orglearn-prose" in (w.attributes or {}).get("class", "")
    )


def test_every_rule_of_the_week_is_explained_in_order_in_both_languages(app):
    assert "info" in TABS
    for number, lang in enumerate(("en", "nl")):
        toggle(app, "orglearn-language").v_model = number
        text = prose(app)
        rules = week_in_order("orglearn", lang)
        assert len(rules) >= 15
        places = [text.find(sentence.split(":")[0][:60]) for _, sentence in rules]
        assert -1 not in places, [s for (_, s), p in zip(rules, places, strict=True) if p == -1]
        assert places == sorted(places), "the rules are not in the order a week runs them"
        assert strings(lang)["info.week_title"] in text


def test_each_model_gets_its_own_explanation():
    assert set(MODELS) == {"orglearn", "march1991"}
    for lang in ("en", "nl"):
        march = week_in_order("march1991", lang)
        ours = week_in_order("orglearn", lang)
        assert march and not {s for _, s in march} & {s for _, s in ours}
