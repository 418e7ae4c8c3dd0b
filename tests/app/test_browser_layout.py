"""The page on a projector and on laptops: nothing overlaps, nothing is cut off, no sideways scroll.

At 1024×768, 1280×720 and 1920×1080 a person opens Explore, runs a comparison and opens a lesson;
on each tab the test looks at what is drawn: every control, chart and title lies inside the
window's width, no two of them overlap, and no button or title has its text cut off. A screenshot
of each tab at each size is saved in the artefacts folder. At 1280×720 the first chart of the run
starts above the window's bottom edge, beside the network: seen without scrolling.
"""

from __future__ import annotations

import json

import pytest

from .test_browser import TIMEOUT, open_app

pytestmark = pytest.mark.browser
SIZES = ((1024, 768), (1280, 720), (1920, 1080))

LAID_OUT = """() => {
    const shown = e => {
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        return e.offsetParent !== null && r.width > 2 && r.height > 2 && style.visibility !== 'hidden';
    };
    const name = e => (e.className && e.className.baseVal === undefined ? e.className : e.tagName)
        .toString().split(' ').filter(c => c.startsWith('orglearn') || c.startsWith('v-'))
        .slice(0, 3).join('.')
        + ' "' + (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
    const blocks = [...document.querySelectorAll(
        '.v-btn, .v-input, .v-tab, .v-expansion-panel-header, .orglearn-chart canvas, .orglearn-outcome img, '
        + '.orglearn-compare-result img, .orglearn-network canvas, .orglearn-beliefs canvas, '
        + 'h1, h2, h3, h4, .v-card__title'
    )].filter(shown);
    // Only the outermost of nested blocks (an input inside a select, a button inside a field).
    const outer = blocks.filter(e => !blocks.some(o => o !== e && o.contains(e)));
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width + 1)
        found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const e of outer) {
        const r = e.getBoundingClientRect();
        if (r.left < -1 || r.right > width + 1)
            found.push(`outside the window: ${name(e)} ${r.left}..${r.right}`);
    }
    const texts = '.v-btn__content, .v-card__title, .v-tab, h2, h3, h4, .v-label';
    for (const e of document.querySelectorAll(texts))
        if (shown(e) && e.scrollWidth > e.clientWidth + 2)
            found.push(`text cut off: ${name(e)} ${e.scrollWidth} > ${e.clientWidth}`);
    for (let i = 0; i < outer.length; i++) for (let j = i + 1; j < outer.length; j++) {
        const a = outer[i].getBoundingClientRect(), b = outer[j].getBoundingClientRect();
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 2 && h > 2) found.push(`overlap: ${name(outer[i])} and ${name(outer[j])} (${w}×${h})`);
    }
    return found;
}"""


def check(page, where: str, artifacts) -> list[str]:
    page.wait_for_timeout(400)
    page.screenshot(path=artifacts / f"layout-{where}.png", full_page=True)
    return [f"{where}: {problem}" for problem in page.evaluate(LAID_OUT)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_nothing_overlaps_or_is_cut_off(browser, served_app, artifacts, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    size = f"{width}x{height}"
    open_app(page, served_app)
    found = check(page, f"explore-{size}", artifacts)
    chart = page.locator(".orglearn-chart canvas").first.bounding_box()
    in_view = {
        "size": size,
        "chart_top": round(chart["y"]),
        "chart_visible_without_scrolling": chart["y"] < height,
    }

    page.get_by_role("tab", name="Compare").click()
    page.get_by_label("Weeks", exact=True).fill("10")
    page.get_by_label("Weeks", exact=True).press("Enter")
    page.locator(".orglearn-compare-run").click()
    page.wait_for_selector(".orglearn-compare-result img", timeout=TIMEOUT)
    found += check(page, f"compare-{size}", artifacts)

    page.get_by_role("tab", name="Learn").click()
    page.wait_for_selector(".orglearn-step", timeout=TIMEOUT)
    found += check(page, f"learn-{size}", artifacts)

    page.get_by_role("tab", name="About the model").click()
    page.wait_for_selector("text=What happens each week, in this order", timeout=TIMEOUT)
    found += check(page, f"info-{size}", artifacts)
    (artifacts / f"layout-{size}.json").write_text(json.dumps({**in_view, "problems": found}, indent=2))
    context.close()
    assert not found, "\n".join(found)
    if (width, height) == (1280, 720):  # a laptop or a projector: the first chart beside the network
        assert in_view["chart_visible_without_scrolling"], in_view
