"""The run's charts in Chromium: a tooltip per week in the page's language, and a line per team.

Hovering a chart must show the week and every series' value there, with the series' names
from the string files and the numbers written the Dutch way on a Dutch page; switching on a
line per team and clicking one must highlight that team in the network.
"""

from __future__ import annotations

import re

import pytest

from .test_browser import TIMEOUT, open_app

pytestmark = pytest.mark.browser


def step(page, week: int) -> None:
    page.get_by_role("button", name=re.compile("^(Step|Stap)$")).click()
    page.wait_for_function(
        f"document.querySelector('.orglearn-week').innerText.match(/^(Week|Periode) {week} /)",
        timeout=TIMEOUT,
    )


def hover_tooltip(page) -> str:
    """Move across the first chart until its tooltip shows, and return the tooltip's text."""
    box = page.locator(".orglearn-chart canvas").first.bounding_box()
    for share in (0.5, 0.7, 0.8, 0.9):
        page.mouse.move(box["x"] + box["width"] * share, box["y"] + 80)
        page.wait_for_timeout(400)
        text = page.evaluate("(document.querySelector('#vg-tooltip-element') || {}).innerText || ''")
        if text.strip():
            return text
    return ""


def test_the_tooltip_shows_the_week_and_dutch_numbers(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-language").get_by_role("button", name="nl").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('mensen')", timeout=TIMEOUT
    )
    for week in (1, 2, 3):
        step(page, week)
    page.wait_for_timeout(800)
    text = hover_tooltip(page)
    page.screenshot(path=artifacts / "chart-tooltip-nl.png")
    assert re.search(r"week:\s*\d", text), text
    for name in ("doelafstemming, individuen", "doelafstemming, teams", "doelafstemming, organisatie"):
        assert name in text, text
    values = re.findall(r"-?\d+[.,]\d\d", text)
    assert len(values) == 3 and all("," in v for v in values), text
    assert "goal_alignment" not in text


def test_a_line_per_team_and_a_click_on_one(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-team-lines").get_by_text("A line per team").click()
    page.wait_for_selector(".orglearn-team-lines-help", timeout=TIMEOUT)
    for week in range(1, 9):
        step(page, week)
    page.wait_for_timeout(800)
    canvas = page.locator(".orglearn-chart canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x = box["x"] + box["width"] * 0.6
    # Move down a column of the chart until the tooltip names a team, then click there.
    for y in range(int(box["y"]) + 20, int(box["y"] + box["height"] * 0.6), 2):
        page.mouse.move(x, y)
        page.wait_for_timeout(40)
        if "Team" in page.evaluate("(document.querySelector('#vg-tooltip-element') || {}).innerText || ''"):
            page.mouse.click(x, y)
            break
    page.wait_for_selector(".orglearn-team-selected", timeout=TIMEOUT)
    assert re.match(r"Team \d+ highlighted", page.locator(".orglearn-team-selected").inner_text())
    page.screenshot(path=artifacts / "team-lines.png")
