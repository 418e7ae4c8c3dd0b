"""The Dutch page in Dutch: every tab, every menu, every lesson step, scanned for code and English.

A person who chose Dutch clicks through Explore (every group of settings opened, every menu
opened, a person's tooltip hovered), Compare (both designs, a comparison run) and Learn (every
lesson, every step: predict, run, read the verdict). Whatever is drawn as text is scanned for
internal codes (scenario ids, option codes, parameter keys, snake_case names), English words,
numbers with a decimal point, units said twice, and the server's own folders. A lesson's prediction
lock is checked on the way: Run stays off until a prediction, and the prediction is frozen after.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orglearn.scenarios import parameter_table, scenario_names

from .test_browser import TIMEOUT, open_app

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]

DUTCH_TOO = {"school", "open", "crisis", "team", "teams", "code", "baseline-"}
"""Codes that are also plain Dutch words: not flagged."""
ENGLISH = [
    "the",
    "and",
    "with",
    "you",
    "your",
    "seed",
    "seeds",
    "run",
    "runs",
    "step",
    "reset",
    "play",
    "pause",
    "save",
    "source",
    "people",
    "value",
    "values",
    "chart",
    "charts",
    "prediction",
    "choose",
    "none",
    "true",
    "false",
    "nan",
    "loading",
    "week's",
    "team's",
    "which",
    "where",
    "when",
    "higher",
    "lower",
    "same",
    "run_for",
]
ALLOWED = (
    r"orglearn run",
    r"orglearn \d+\.\d+\.\d+",
    r"\bp\d\b",
    r"source \(van\)",
    r"target \(naar\)",
    r"quality \(kwaliteit\)",
    r"formal \(hiërarchisch\)",
)
"""Text that may stand in a Dutch page as it is: the command, the version, a file's column names."""


def codes() -> set[str]:
    """Every internal name a Dutch reader must never see."""
    found = set()
    for model in ("orglearn", "march1991"):
        found |= set(scenario_names(model))
        table = parameter_table(model)
        for parameter in table.values() if hasattr(table, "values") else table:
            found.add(parameter.name)
            found |= set(parameter.choices or ())
    return found - DUTCH_TOO


CODES = codes()
CODE = re.compile(
    r"(?<![\w.])(" + "|".join(sorted(map(re.escape, CODES), key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
WORD = re.compile(r"(?<![\w'])(" + "|".join(ENGLISH) + r")(?![\w'])", re.IGNORECASE)
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
POINT = re.compile(r"(?<![\d.])(0\.\d+|\d+\.(\d{1,2}|\d{4,}))(?![\d.])")
TWICE = re.compile(r"\(([^()]+)\)\s*\(\1\)")


def problems_in(text: str, where: str) -> list[str]:
    """What a Dutch reader should not meet in ``text`` (``where``: what was on screen)."""
    for allowed in ALLOWED:
        text = re.sub(allowed, " ", text)
    found = []
    for pattern, kind in ((CODE, "code"), (SNAKE, "code"), (WORD, "English"), (POINT, "decimal point")):
        for match in pattern.finditer(text):
            start = max(0, match.start() - 40)
            found.append(f"{where}: {kind} {match.group(0)!r} in …{text[start : match.end() + 40]}…")
    found += [f"{where}: said twice: {m.group(0)!r}" for m in TWICE.finditer(text)]
    if str(ROOT) in text or "role_label" in text:
        found.append(f"{where}: a server folder or a field name")
    return found


SHOWN = """() => {
    const parts = [document.body.innerText];
    for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]'))
        for (const a of ['title', 'aria-label', 'placeholder'])
            if (e.getAttribute(a)) parts.push(e.getAttribute(a));
    for (const e of document.querySelectorAll('.v-menu__content .v-list-item__title'))
        parts.push(e.textContent);
    const tip = document.getElementById('vg-tooltip-element');
    if (tip) parts.push(tip.innerText);
    return parts.join('\\n');
}"""


class Scan:
    """What the page showed, gathered as a person goes, and everything wrong with it."""

    def __init__(self, page) -> None:
        self.page = page
        self.found: list[str] = []
        self.seen: list[str] = []

    def look(self, where: str) -> None:
        shown = self.page.evaluate(SHOWN)
        self.seen.append(shown)
        self.found += problems_in(shown, where)
        if self.page.locator(".vega-actions, .vega-embed details").count():
            self.found.append(f"{where}: the chart menu (in English)")

    def open_menus(self, where: str) -> None:
        """Open every menu in view and read its options."""
        menus = self.page.locator(".v-select:visible .v-select__slot")
        for index in range(menus.count()):
            try:
                menus.nth(index).click(timeout=3000)
                self.page.wait_for_timeout(150)
            except Exception:  # a disabled menu: nothing to read
                pass
            self.page.keyboard.press("Escape")
        self.look(where)


def hover_people(page) -> None:
    """Move the mouse over the network until a person's tooltip shows."""
    box = page.locator(".orglearn-network canvas").first.bounding_box()
    for fy in (0.5, 0.45, 0.55, 0.3, 0.7, 0.2, 0.8):
        for fx in (0.5, 0.45, 0.55, 0.3, 0.7, 0.2, 0.8):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(40)
            if page.evaluate("(document.getElementById('vg-tooltip-element') || {}).innerText || ''").strip():
                return


def predict(page, step) -> None:
    """Make a prediction as a learner does: the first choice, or a typed value."""
    run = step.locator(".orglearn-step-run")
    assert run.is_disabled(), "Run is on before any prediction"
    if step.locator(".orglearn-prediction button").count():
        step.locator(".orglearn-prediction button").first.click()
    else:
        field = step.locator(".orglearn-prediction-typed input")
        field.fill("0,5")
        field.press("Enter")
    page.wait_for_function("!document.querySelector('.orglearn-step-run').disabled", timeout=TIMEOUT)


def test_every_dutch_page_and_lesson_step_is_in_dutch(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-language").get_by_role("button", name="nl").click()
    page.wait_for_selector("text=Ingrepen", timeout=TIMEOUT)
    scan = Scan(page)
    for header in page.locator(".orglearn-controls .v-expansion-panel-header").all():
        header.click()
    # A group builds its controls when it first opens: wait until every one has them.
    page.wait_for_function(
        "[...document.querySelectorAll('.orglearn-group')].every(g => g.querySelector('.orglearn-param'))",
        timeout=TIMEOUT,
    )
    scan.open_menus("Verkennen")
    hover_people(page)
    scan.look("Verkennen, een persoon aangewezen")
    page.screenshot(path=artifacts / "dutch-explore.png", full_page=True)

    page.get_by_role("tab", name="Vergelijken").click()
    page.get_by_label("Weken", exact=True).fill("10")
    page.get_by_label("Weken", exact=True).press("Enter")
    page.locator(".orglearn-compare-run").click()
    page.wait_for_selector(".orglearn-compare-result img", timeout=TIMEOUT)
    scan.open_menus("Vergelijken")
    page.get_by_role("button", name="Met en zonder ingrepen").click()
    scan.open_menus("Vergelijken, met en zonder ingrepen")
    page.screenshot(path=artifacts / "dutch-compare.png", full_page=True)

    page.get_by_role("tab", name="Leren").click()
    lessons = page.locator(".orglearn-lesson-button")
    for number in range(lessons.count()):
        lessons.nth(number).click()
        page.wait_for_selector("text=Stap 1 van", timeout=TIMEOUT)
        while True:
            step = page.locator(".orglearn-step")
            title = step.locator(".v-card__title").inner_text()
            where = f"Leren, les {number + 1}, {title}"
            scan.look(where)
            predict(page, step)
            step.locator(".orglearn-step-run").click()
            # Some steps run twenty organizations for 150 weeks: on a shared machine that takes a while.
            page.wait_for_selector(".orglearn-outcome img", timeout=4 * TIMEOUT)
            page.wait_for_selector("text=Waarom:", timeout=TIMEOUT)
            assert "Je voorspelde" in step.locator(".orglearn-outcome").inner_text()
            frozen = step.locator(
                ".orglearn-prediction button:enabled, .orglearn-prediction-typed input:enabled"
            )
            assert frozen.count() <= 1 and step.locator(".orglearn-step-run").is_disabled(), where
            scan.look(where + ", na de uitkomst")
            following = step.get_by_role("button", name="Volgende stap")
            if following.is_disabled():
                break
            following.click()
            page.wait_for_function(
                f"!document.querySelector('.orglearn-step .v-card__title').innerText.includes({title!r})",
                timeout=TIMEOUT,
            )
        page.screenshot(path=artifacts / f"dutch-lesson-{number + 1}.png", full_page=True)

    page.get_by_role("tab", name="Over het model").click()
    page.wait_for_selector("text=Wat er elke week gebeurt, in deze volgorde", timeout=TIMEOUT)
    scan.look("Over het model")
    page.screenshot(path=artifacts / "dutch-info.png", full_page=True)
    seen = "\n".join(scan.seen)
    for word in (
        "Netwerkorganisatie",
        "Sturend",
        "Hiërarchische hark",
        "Je voorspelde",
        "Dubbelslag: reflectie",
    ):
        assert word in seen, f"the scan never read {word!r}: a menu or a verdict went unread"
    unique = list(dict.fromkeys(scan.found))
    assert not unique, f"{len(unique)} things a Dutch reader should not meet:\n" + "\n".join(unique)
