"""The served app in headless Chromium: it really draws, steps, teaches in Dutch, compares, exports.

These tests catch what component tests cannot: a blank main area (ipyvue 3), front-end files
that are not served locally (the page stays at "Loading app"), and charts that never draw.
Each test saves a screenshot in the artefacts folder.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from orglearn.scenarios import load_scenario
from orglearn.simulation import LearningOrganization

pytestmark = pytest.mark.browser
TIMEOUT = 60_000


def open_app(page, url: str) -> float:
    """Open the app and wait until the network and the charts have drawn; return the seconds."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".orglearn-week", timeout=TIMEOUT)
    wait_for_drawing(page)
    return time.perf_counter() - start


INKED = """(minimum) => {
    const canvases = [...document.querySelectorAll('.orglearn-network canvas')];
    return canvases.length >= 2 && canvases.every(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] && Math.min(d[i], d[i + 1], d[i + 2]) < 200) n++;
        return n >= minimum;
    });
}"""


CHARTED = """() => {
    const canvases = [...document.querySelectorAll('.orglearn-chart canvas')];
    return canvases.length >= 3 && canvases.every(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] && Math.min(d[i], d[i + 1], d[i + 2]) < 200) n++;
        return n >= 500;
    });
}"""
"""Every time-series chart of the run is drawn (its canvas holds axes, lines and a legend)."""


def chart_pixels(page) -> str:
    """The first time-series chart as drawn, to tell whether it was redrawn with new data."""
    return page.locator(".orglearn-chart canvas").first.evaluate("c => c.toDataURL()")


def wait_for_drawing(page, marks: int = 2000) -> None:
    """Wait until the network and team charts hold drawn pixels and every run chart has drawn.

    A page that only says "Loading app", or whose main area is blank, fails here.
    """
    page.wait_for_function(INKED, arg=marks, timeout=TIMEOUT)
    page.wait_for_function(CHARTED, timeout=TIMEOUT)


def reset_to(page, people: int) -> None:
    """Type a number of people as a person would, press Reset, and wait until it is drawn."""
    page.locator(".orglearn-controls").get_by_text("The organization", exact=True).click()
    field = page.get_by_label("People", exact=True)
    field.fill(str(people))
    field.press("Enter")
    page.wait_for_selector("text=press Reset", timeout=TIMEOUT)
    page.get_by_role("button", name="Reset").click()
    page.wait_for_function(
        f"document.querySelector('.orglearn-week').innerText.includes('{people} people')", timeout=TIMEOUT
    )
    wait_for_drawing(page)


def week_text(page) -> str:
    return page.locator(".orglearn-week").inner_text()


def test_explore_draws_steps_and_highlights(page, served_app, artifacts):
    seconds = open_app(page, served_app)
    assert "Week 0" in week_text(page)
    page.get_by_role("button", name="Step").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Week 1')", timeout=TIMEOUT
    )
    bars = page.locator(".orglearn-network canvas").nth(1).bounding_box()
    for share in (0.3, 0.45, 0.6, 0.75):
        page.mouse.click(bars["x"] + bars["width"] * share, bars["y"] + bars["height"] * 0.3)
        if page.locator(".orglearn-team-selected").count():
            break
    page.wait_for_selector(".orglearn-team-selected", timeout=TIMEOUT)
    assert "Team" in page.locator(".orglearn-team-selected").inner_text()
    page.screenshot(path=artifacts / "explore-school.png", full_page=True)
    assert not [m for m in page.missing if "/_solara/cdn/" in m], page.missing
    (artifacts / "first-render-60.json").write_text(json.dumps({"people": 60, "seconds": round(seconds, 2)}))


def test_first_render_at_1000_people(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-controls").get_by_text("The organization", exact=True).click()
    field = page.get_by_label("People", exact=True)
    field.fill("1000")
    field.press("Enter")
    page.wait_for_selector("text=press Reset", timeout=TIMEOUT)
    start = time.perf_counter()
    page.get_by_role("button", name="Reset").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('1000 people')", timeout=TIMEOUT
    )
    page.wait_for_selector("text=each team is drawn as one circle", timeout=TIMEOUT)
    wait_for_drawing(page)
    seconds = time.perf_counter() - start
    page.screenshot(path=artifacts / "explore-1000.png", full_page=True)
    (artifacts / "first-render-1000.json").write_text(
        json.dumps({"people": 1000, "seconds": round(seconds, 2)})
    )
    start = time.perf_counter()
    page.get_by_role("button", name="Step").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Week 1')", timeout=TIMEOUT
    )
    assert time.perf_counter() - start < 10, "a step at 1,000 people is not responsive"


def test_lesson_in_dutch(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-language").get_by_role("button", name="nl").click()
    page.get_by_role("tab", name="Leren").click()
    page.wait_for_selector("text=WAT IS HET", timeout=TIMEOUT)
    page.wait_for_selector("text=HOE HET WERKT", timeout=TIMEOUT)
    run = page.locator(".orglearn-step-run")
    assert run.is_disabled(), "a step must not run before a prediction"
    page.get_by_role("button", name="B (Heldere richting) eindigt hoger").click()
    run.click()
    page.wait_for_selector(".orglearn-outcome img", timeout=TIMEOUT)
    page.wait_for_selector("text=Waarom:", timeout=TIMEOUT)
    assert "Je voorspelde" in page.locator(".orglearn-outcome").inner_text()
    page.screenshot(path=artifacts / "learn-dutch.png", full_page=True)


def test_compare_ensemble(page, served_app, artifacts):
    open_app(page, served_app)
    page.get_by_role("tab", name="Compare").click()
    page.get_by_role("button", name="Many runs").click()
    page.get_by_label("Runs (seeds)", exact=True).fill("4")
    page.get_by_label("Runs (seeds)", exact=True).press("Enter")
    page.get_by_label("Weeks", exact=True).fill("40")
    page.get_by_label("Weeks", exact=True).press("Enter")
    page.locator(".orglearn-compare-run").click()
    page.wait_for_selector(".orglearn-compare-result img", timeout=TIMEOUT)
    text = page.locator(".orglearn-compare-result").inner_text()
    assert "Over 4 seeds" in text and "one run is an anecdote" in text
    page.screenshot(path=artifacts / "compare-ensemble.png", full_page=True)


def test_export_pack(page, served_app, artifacts, tmp_path):
    open_app(page, served_app)
    for week in (1, 2, 3):
        page.get_by_role("button", name="Step").click()
        page.wait_for_function(
            f"document.querySelector('.orglearn-week').innerText.includes('Week {week}')", timeout=TIMEOUT
        )
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="Export pack (charts, data, scenario)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    (artifacts / path.name).write_bytes(path.read_bytes())
    pack = zipfile.ZipFile(path)
    names = set(pack.namelist())
    assert {"README.txt", "metrics.csv", "scenario.toml", "metadata.json", "charts.png"} <= names
    for name in names:
        if name.endswith(".png"):
            assert pack.read(name).startswith(b"\x89PNG"), name
    metrics = pd.read_csv(io.BytesIO(pack.read("metrics.csv")))
    meta = json.loads(pack.read("metadata.json"))
    assert list(metrics["step"]) == [0, 1, 2, 3] and meta["weeks"] == 3
    scenario_file = tmp_path / "scenario.toml"
    scenario_file.write_bytes(pack.read("scenario.toml"))
    again = LearningOrganization(load_scenario(scenario_file), seed=meta["seed"]).run(3)
    pd.testing.assert_frame_equal(again.reset_index(drop=True), metrics, check_dtype=False, atol=1e-9)


def test_two_people_and_a_reload(browser, served_app, artifacts):
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    for tab in (first, second):
        open_app(tab, served_app)
    first.get_by_role("button", name="Step").click()
    first.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Week 1')", timeout=TIMEOUT
    )
    assert "Week 0" in week_text(second), "two browsers share a run"
    first.reload()
    first.wait_for_selector(".orglearn-week", timeout=TIMEOUT)
    wait_for_drawing(first)
    assert "Week 0" in week_text(first)
    first.screenshot(path=Path(artifacts) / "after-reload.png")
    first.context.close()
    second.context.close()


BELIEFS_INKED = """(minimum) => {
    const canvases = [...document.querySelectorAll('.orglearn-beliefs canvas')];
    return canvases.length >= 1 && canvases.every(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] && Math.min(d[i], d[i + 1], d[i + 2]) < 200) n++;
        return n >= minimum;
    });
}"""


def test_marchs_model_draws_its_beliefs_and_steps(page, served_app, artifacts):
    open_app(page, served_app)
    page.locator(".orglearn-model .v-select").click()
    page.get_by_role("option", name="March (1991): exploration and exploitation").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Period 0 · 50 individuals')",
        timeout=TIMEOUT,
    )
    page.wait_for_function(BELIEFS_INKED, arg=2000, timeout=TIMEOUT)
    page.get_by_role("button", name="Step").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Period 1')", timeout=TIMEOUT
    )
    page.wait_for_function(CHARTED, timeout=TIMEOUT)
    page.locator(".orglearn-controls").get_by_text("4. Collaboration and alignment", exact=True).click()
    page.wait_for_selector("text=Socialization rate (p1)", timeout=TIMEOUT)
    page.screenshot(path=artifacts / "explore-march1991.png", full_page=True)
    assert not [m for m in page.missing if "/_solara/cdn/" in m], page.missing


def test_a_scenario_file_chosen_by_a_click(page, served_app, artifacts, tmp_path):
    # Not everyone can drag a file from a file window: a click on the zone opens the chooser.
    mine = tmp_path / "our_school.toml"
    mine.write_text('[scenario]\nextends = "school"\n[organization]\npeople = 42\n')
    open_app(page, served_app)
    zone = page.locator(".orglearn-upload")
    assert "click to choose" in zone.inner_text()
    with page.expect_file_chooser() as chooser:
        zone.click()
    chooser.value.set_files(str(mine))
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('42 people')", timeout=TIMEOUT
    )
    page.screenshot(path=artifacts / "upload-by-click.png", full_page=True)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 300_000)  # over the app's limit: refused by its size, with a message
    with page.expect_file_chooser() as chooser:
        zone.click()
    chooser.value.set_files(str(big))
    page.wait_for_selector("text=too large", timeout=TIMEOUT)
    assert "42 people" in week_text(page)
