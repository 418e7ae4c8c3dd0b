"""Play, Pause and long runs in headless Chromium, and what the server does once the page is gone.

The minute of Play is the one long test: Play used to stall, then turn the page into a traceback
after 35–70 s, and keep the server busy after the page had closed. The weeks per second seen on
screen at 60 and 1,000 people are written to ``artifacts/app-play.json`` as a measurement.
"""

from __future__ import annotations

import json
import re
import time
from itertools import pairwise
from pathlib import Path

import psutil
import pytest

from .test_browser import TIMEOUT, chart_pixels, open_app, reset_to, week_text

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
MEASUREMENTS = ROOT / "artifacts" / "app-play.json"
BROKEN = ("Traceback", "ValueError", "Exception", "The run stopped with an error")


def week_number(page) -> int:
    return int(re.search(r"(?:Week|Period) (\d+)", week_text(page)).group(1))


def assert_no_error_text(page) -> None:
    body = page.locator("body").inner_text()
    assert not [word for word in BROKEN if word in body], body[:2000]


def watch(page, seconds: float, every: float = 0.5) -> list[tuple[float, int]]:
    """The week counter as the page shows it, read every ``every`` seconds."""
    samples, start = [], time.monotonic()
    while time.monotonic() - start < seconds:
        samples.append((time.monotonic() - start, week_number(page)))
        time.sleep(every)
    samples.append((time.monotonic() - start, week_number(page)))
    return samples


def record(key: str, people: int, samples: list[tuple[float, int]], speed: str) -> dict:
    """Keep a measurement of Play in the artefacts file, next to the others."""
    (first_t, first), (last_t, last) = samples[0], samples[-1]
    changes = sum(1 for a, b in pairwise(samples) if b[1] != a[1])
    entry = {
        "people": people,
        "speed_setting_weeks_per_second": int(speed),
        "seconds": round(last_t - first_t, 1),
        "weeks": last - first,
        "weeks_per_second_on_screen": round((last - first) / (last_t - first_t), 1),
        "share_of_samples_with_a_new_week": round(changes / (len(samples) - 1), 2),
    }
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    saved = json.loads(MEASUREMENTS.read_text()) if MEASUREMENTS.exists() else {}
    saved[key] = entry
    MEASUREMENTS.write_text(json.dumps(saved, indent=2))
    return entry


def speed_setting(page) -> str:
    return page.locator(".orglearn-speed input").first.input_value() or "20"


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def test_play_for_a_minute_pause_and_close(page, server, artifacts):
    open_app(page, server.url)
    assert week_number(page) == 0 and "60 people" in week_text(page)
    page.get_by_role("button", name="Play").click()
    samples = watch(page, 60)
    assert_no_error_text(page)
    entry = record("60_people", 60, samples, speed_setting(page))
    assert samples[-1][1] - samples[0][1] >= 300, entry
    page.screenshot(path=artifacts / "play-60.png", full_page=True)

    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT)
    paused = week_number(page)
    time.sleep(2)
    assert week_number(page) == paused, "Pause did not stop the run"

    page.get_by_role("button", name="Play").click()
    page.wait_for_function(
        f"!document.querySelector('.orglearn-week').innerText.includes('Week {paused} ')", timeout=TIMEOUT
    )
    page.close()
    time.sleep(5)
    before = cpu_seconds(server.process.pid)
    time.sleep(5)
    busy = cpu_seconds(server.process.pid) - before
    assert busy < 0.5, f"the server used {busy:.2f} CPU-seconds in 5 s with the page closed"


def test_play_at_1000_people(page, served_app):
    open_app(page, served_app)
    reset_to(page, 1000)
    page.get_by_role("button", name="Play").click()
    samples = watch(page, 15)
    page.get_by_role("button", name="Pause").click()
    assert_no_error_text(page)
    entry = record("1000_people", 1000, samples, speed_setting(page))
    assert entry["weeks"] > 0, entry


def test_run_30_weeks_and_a_number_out_of_range(page, served_app, artifacts):
    open_app(page, served_app)
    before = chart_pixels(page)
    page.locator(".orglearn-run-for input").fill("30")
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.startsWith('Week 30 ')", timeout=TIMEOUT
    )
    page.wait_for_selector("text=Charts: week 0 to 30 (31 points)", timeout=TIMEOUT)
    assert chart_pixels(page) != before, "the charts were not redrawn"
    page.locator(".orglearn-run-for input").fill("99999")
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_selector(".orglearn-run-error", timeout=TIMEOUT)
    assert page.locator(".orglearn-run-error").inner_text() == "Use a whole number from 1 to 5000."
    time.sleep(1)
    assert week_number(page) == 30
    assert "Whole numbers from 1 to 5000" in page.locator(".orglearn-long-runs-hint").inner_text()
    page.screenshot(path=artifacts / "run-30-weeks.png", full_page=True)
