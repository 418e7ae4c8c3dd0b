"""How long a Step takes in Chromium, from the click to the new week on screen, at 60 and 1,000 people.

A click on Step is timed in the page itself (``performance.now()``): from the click to the frame
in which the week counter says the next week and the network, the team bars and every chart of
the run have finished drawing the new week (each chart counts its drawings in ``data-drawn``,
and its canvas holds ink). Each size is stepped several times; the medians and
every sample go to ``step-latency.json`` in the artefacts folder, beside the issue's target of
150 ms. Nothing here asserts a time (a loaded machine would make such a test fail for no fault
of the app): each sample asserts that the frame really did update.
"""

from __future__ import annotations

import json
import statistics

import pytest

from .test_browser import INKED, TIMEOUT, open_app, reset_to

pytestmark = pytest.mark.browser
REPEATS = 7
TARGET_MS = 150

STEP_AND_WAIT = """async ({week, timeout}) => {
    const drawn = sel => [...document.querySelectorAll(sel)];
    const count = e => Number(e.getAttribute('data-drawn') || 0);
    const before = new Map(drawn('.orglearn-network .orglearn-vega, .orglearn-chart .orglearn-vega')
        .map(e => [e, count(e)]));
    const inked = c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 16) if (d[i + 3] && Math.min(d[i], d[i + 1], d[i + 2]) < 200) n++;
        return n >= 50;
    };
    const fresh = sel => {
        const found = drawn(sel);
        return found.length > 0 && found.every(e => count(e) > (before.get(e) || 0)
            && e.querySelector('canvas') && inked(e.querySelector('canvas')));
    };
    const step = [...document.querySelectorAll('button')]
        .find(b => b.innerText.trim().toUpperCase() === 'STEP');
    const marks = {};
    return await new Promise((resolve, reject) => {
        const start = performance.now();
        const look = () => {
            const now = performance.now();
            if (now - start > timeout)
                return reject(new Error(`no new frame within ${timeout} ms: ${JSON.stringify(marks)}`));
            if (!marks.week && document.querySelector('.orglearn-week').innerText.startsWith(`Week ${week} `))
                marks.week = now - start;
            if (!marks.network && fresh('.orglearn-network .orglearn-vega')) marks.network = now - start;
            if (!marks.charts && fresh('.orglearn-chart .orglearn-vega')) marks.charts = now - start;
            if (marks.week && marks.network && marks.charts)
                return resolve(
                    {...marks, frame: now - start, charts_drawn: drawn('.orglearn-chart canvas').length});
            requestAnimationFrame(look);
        };
        step.click();
        requestAnimationFrame(look);
    });
}"""
"""Click Step and resolve with the milliseconds until the week, the network and the charts are new."""


def measure(page, repeats: int = REPEATS) -> list[dict]:
    """Step ``repeats`` times, each after the page has settled, and return each sample's marks.

    The first sample of a fresh server includes compiling the model's kernels (seconds, once);
    :func:`summary` reports it apart from the medians.
    """
    samples = []
    for _ in range(repeats + 1):
        week = int(page.locator(".orglearn-week").inner_text().split()[1]) + 1
        page.wait_for_timeout(600)  # let the last week's redraws finish, so each sample starts at rest
        sample = page.evaluate(STEP_AND_WAIT, {"week": week, "timeout": TIMEOUT})
        assert page.locator(".orglearn-week").inner_text().startswith(f"Week {week} ")
        assert sample["charts_drawn"] >= 3 and sample["frame"] >= sample["charts"] >= 0
        samples.append({key: round(value, 1) for key, value in sample.items()})
    return samples


def summary(people: int, samples: list[dict]) -> dict:
    first, samples = samples[0], samples[1:]
    return {
        "people": people,
        "first_step": first,
        "median_ms": {
            key: statistics.median(s[key] for s in samples) for key in ("week", "network", "charts", "frame")
        },
        "samples": samples,
    }


def colour_by_goal_alignment(page) -> None:
    """Colour people by goal alignment, which changes weekly (a team does not), so the network redraws."""
    page.locator(".orglearn-measure").click()
    page.get_by_role("option", name="Goal alignment").click()
    page.wait_for_function(INKED, arg=2000, timeout=TIMEOUT)


def test_step_latency_at_60_and_1000_people(page, served_app, artifacts):
    open_app(page, served_app)
    colour_by_goal_alignment(page)
    small = measure(page)
    reset_to(page, 1000)
    large = measure(page)
    report = {
        "what": "click on Step to the frame showing the new week, network and charts (performance.now)",
        "target_ms": TARGET_MS,
        "school_60": summary(60, small),
        "people_1000": summary(1000, large),
    }
    (artifacts / "step-latency.json").write_text(json.dumps(report, indent=2) + "\n")
