"""The Info tab: what the model is made of, in plain words, in the page's language.

Nothing about the model is written here. The rules come from the model's own rule sentences
(``simulation/mechanisms/rules.toml`` and March's), in the order they run, so the tab says what
the code does and cannot fall behind it; the properties and their short explanations are the
parameter groups of the Explore tab. Only the framing paragraphs are text of the app's own.
"""

from __future__ import annotations

import solara

from orglearn.registry import DEFAULT_MODEL

from ..model_view import app_model
from .common import Prose, Ui
from .controls import group_help, groups


def week_in_order(model: str, lang: str) -> list[tuple[str, str]]:
    """Each rule of the model as (title, sentence), in the order a week (or period) runs them."""
    return [(rule["title"][lang], rule[lang]) for rule in app_model(model).rules().values()]


@solara.component
def InfoTab(ui: Ui) -> None:  # noqa: N802
    """The model explained: what people are made of, the five properties, each week's rules."""
    ui.edits.value  # noqa: B018  (the model may change on the Explore tab)
    model = ui.session.model_name
    lang = ui.lang.value
    own = model == DEFAULT_MODEL
    suffix = "" if own else f"_{model}"
    unit = app_model(model).unit
    with solara.Column(gap="4px", classes=["orglearn-info"], style={"max-width": "900px"}):
        Prose(ui.t(f"info.intro{suffix}"))
        if own:
            Prose(f"#### {ui.t('info.levels_title')}\n\n{ui.t('info.levels')}")
        settings = "\n".join(
            f"- **{ui.t(f'property.{prop}')}**: {ui.t(group_help(model, prop))}" for prop, _ in groups(model)
        )
        Prose(f"#### {ui.t('info.properties_title' + suffix)}\n\n{settings}")
        rules = "\n".join(
            f"{number}. **{title}**: {sentence}"
            for number, (title, sentence) in enumerate(week_in_order(model, lang), start=1)
        )
        Prose(f"#### {ui.t('info.week_title' if unit == 'week' else 'info.period_title')}\n\n{rules}")
        Prose(f"#### {ui.t('info.measured_title')}\n\n{ui.t('info.measured' + suffix)}")
