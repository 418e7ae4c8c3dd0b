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


def tooltip_text(page) -> str:
    return page.evaluate("(document.querySelector('#vg-tooltip-element') || {}).innerText || ''")


def hover_a_team(page, word: str = "Team") -> tuple[float, float, str]:
    """Move down a column of the first chart until the tooltip names a team; where, and its text."""
    canvas = page.locator(".orglearn-chart canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x = box["x"] + box["width"] * 0.6
    for y in range(int(box["y"]) + 20, int(box["y"] + box["height"] * 0.6), 2):
        page.mouse.move(x, y)
        page.wait_for_timeout(40)
        text = tooltip_text(page)
        if word in text:
            return x, y, text
    return x, y, ""


def test_hovering_a_team_s_line_names_the_team_and_its_value_in_dutch(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-language").get_by_role("button", name="nl").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('mensen')", timeout=TIMEOUT
    )
    for week in range(1, 5):
        step(page, week)
    page.locator(".orglearn-team-lines").get_by_text("Een lijn per team").click()
    page.wait_for_selector(".orglearn-team-lines-help", timeout=TIMEOUT)
    page.wait_for_timeout(800)
    _, _, text = hover_a_team(page)
    page.screenshot(path=artifacts / "team-tooltip-nl.png")
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    assert lines and re.fullmatch(r"Team \d+", lines[0]), text  # the heading: the team's name
    assert re.search(r"week\s*:?\s*[0-4]\b", text), text  # the lines go back to week 0
    values = re.findall(r"Waarde\s*:?\s*(-?\d+\S*)", text)
    assert len(values) == 1 and re.fullmatch(r"-?\d,\d\d", values[0]), text


def test_a_line_per_team_and_a_click_on_one(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-team-lines").get_by_text("A line per team").click()
    page.wait_for_selector(".orglearn-team-lines-help", timeout=TIMEOUT)
    for week in range(1, 9):
        step(page, week)
    page.wait_for_timeout(800)
    x, y, text = hover_a_team(page)
    assert text, "no team's tooltip in the first chart"
    page.mouse.click(x, y)
    page.wait_for_selector(".orglearn-team-selected", timeout=TIMEOUT)
    assert re.match(r"Team \d+ highlighted", page.locator(".orglearn-team-selected").inner_text())
    page.screenshot(path=artifacts / "team-lines.png")


PINK = """sel => [...document.querySelectorAll(sel)].map(c => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    const near = (value, target) => Math.abs(value - target) < 16;
    for (let i = 0; i < d.length; i += 4)
        if (d[i + 3] > 200 && near(d[i], 216) && near(d[i + 1], 27) && near(d[i + 2], 96)) n++;
    return n;
})"""
"""Per canvas, the pixels in the highlight's colour (the ring in the network, the team's line)."""


def test_a_team_picked_in_the_list_is_ringed_in_the_network_and_drawn_in_every_team_chart(
    page, served_app, artifacts
):
    open_app(page, served_app)
    page.locator(".orglearn-team-lines").get_by_text("A line per team").click()
    page.wait_for_selector(".orglearn-team-list .orglearn-team-chip", timeout=TIMEOUT)
    for week in range(1, 4):
        step(page, week)
    page.wait_for_timeout(800)
    network, charts = ".orglearn-network canvas", ".orglearn-chart canvas"
    assert max(page.evaluate(PINK, network)) < 20
    before = page.evaluate(PINK, charts)
    chips = page.locator(".orglearn-team-list .orglearn-team-chip")
    assert chips.count() == 7
    chips.nth(0).click()  # team 0: its values stay inside every chart's range for these weeks
    page.wait_for_selector(".orglearn-team-selected", timeout=TIMEOUT)
    assert page.locator(".orglearn-team-selected").inner_text() == "Team 0 highlighted"
    # Every chart with a line per team (all but the subcultures) and the network, redrawn in pink.
    page.wait_for_function(
        f"""before => (({PINK})('{network}')[0] > 100)
            && (({PINK})('{charts}').filter((n, i) => n > before[i] + 100).length == 5)""",
        arg=before,
        timeout=TIMEOUT,
    )
    chosen = page.locator(".orglearn-team-chip-chosen")
    assert chosen.count() == 1 and chosen.inner_text() == "0"
    page.screenshot(path=artifacts / "team-list.png")
