"""In Chromium, in Dutch: a new director scheduled in Explore, marked on the charts, then compared."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from orglearn.scenarios import load_scenario
from orglearn.simulation import LearningOrganization

from .test_browser import TIMEOUT, open_app

pytestmark = pytest.mark.browser


def pick(page, cls: str, option: str) -> None:
    """Open a menu and choose an option, as a person does."""
    page.locator(f".{cls} .v-select__slot").first.click()
    menu = page.locator(".menuable__content__active")  # the menu just opened, not an earlier one
    menu.get_by_role("option", name=option, exact=True).click()


def test_a_new_director_in_dutch_from_explore_to_compare(page, served_app, artifacts, tmp_path):
    open_app(page, served_app)
    page.locator(".orglearn-language").get_by_role("button", name="nl").click()
    page.wait_for_selector("text=Ingrepen", timeout=TIMEOUT)
    pick(page, "orglearn-scenario", "Sturend management")
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Week 0')", timeout=TIMEOUT
    )
    page.locator(".orglearn-schedule-week input").fill("20")
    pick(page, "orglearn-schedule-choice", "Verbindend")
    page.locator(".orglearn-schedule-label input").fill("Nieuwe directeur")
    page.locator(".orglearn-schedule-add").click()
    page.wait_for_selector(".orglearn-timeline-label", timeout=TIMEOUT)
    assert page.locator(".orglearn-timeline-label").inner_text() == "week 20: Nieuwe directeur"

    page.locator(".orglearn-run-to input").fill("40")
    page.locator(".orglearn-run-to-button").click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Week 40')", timeout=TIMEOUT
    )
    page.wait_for_selector("text=Gemarkeerde lijnen: week 20: Nieuwe directeur", timeout=TIMEOUT)
    assert page.locator(".orglearn-unschedule").count() == 0, "week 20 has been run"
    page.screenshot(path=artifacts / "explore-new-director-nl.png", full_page=True)

    page.get_by_role("tab", name="Vergelijken").click()
    page.get_by_role("button", name="Met en zonder ingrepen").click()
    pick(page, "orglearn-subject", "Het scenario uit Verkennen (Sturend management) met zijn ingrepen")
    page.get_by_label("Weken", exact=True).fill("40")
    page.get_by_label("Weken", exact=True).press("Enter")
    page.locator(".orglearn-compare-run").click()
    page.wait_for_selector(".orglearn-compare-result img", timeout=TIMEOUT)
    result = page.locator(".orglearn-compare-result").inner_text()
    assert "Sturend management met ingrepen" in result and "Sturend management zonder ingrepen" in result
    assert "Gemarkeerde lijnen: week 20: Nieuwe directeur" in result
    page.screenshot(path=artifacts / "compare-with-without-nl.png", full_page=True)

    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="Beide armen exporteren (scenario's, gegevens, grafieken)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    (artifacts / path.name).write_bytes(path.read_bytes())
    pack = zipfile.ZipFile(path)
    assert "Startgetallen: 1 tot en met 1" in pack.read("README.txt").decode()
    for side, interventions in (("a", 0), ("b", 1)):
        scenario_file = tmp_path / f"{side}.toml"
        scenario_file.write_bytes(pack.read(f"{side}/scenario.toml"))
        scenario = load_scenario(scenario_file)
        assert len(scenario.interventions) == interventions
        metrics = pd.read_csv(io.BytesIO(pack.read(f"{side}/metrics_seed1.csv")))
        again = LearningOrganization(scenario, seed=1).run(40)
        pd.testing.assert_frame_equal(again.reset_index(drop=True), metrics, check_dtype=False, atol=1e-9)
    assert pack.read("compare_goal_alignment_org.png").startswith(b"\x89PNG")
