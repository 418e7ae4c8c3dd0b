"""The served app under a hostile client: forged widget values, bad uploads, twenty people at once.

A browser can emit any value from any widget (``element.__vue__.$emit('input', ...)``) and claim
any size for a dropped file. These tests do that in a real Chromium and check that the server
stays up, shows no traceback and no server path, and reads no file it did not offer.
"""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .test_browser import TIMEOUT, open_app, week_text

pytestmark = pytest.mark.browser

NOT_OFFERED = "That choice is not on offer here"
LEAKS = re.compile(r"Traceback|File \"/|site-packages|/work/|/home/|/tmp/|/usr/lib|canary-secret")


def emit(page, selector: str, index: int, value) -> None:
    """Emit ``value`` from the ``index``-th element matching ``selector``, as a forged client does."""
    page.evaluate(
        "([selector, index, value]) => {"
        " document.querySelectorAll(selector)[index].__vue__.$emit('input', value); }",
        [selector, index, value],
    )
    page.wait_for_timeout(600)


def body(page) -> str:
    return page.locator("body").inner_text()


def assert_clean(page) -> None:
    text = body(page)
    found = LEAKS.search(text)
    assert found is None, text[max(0, found.start() - 300) : found.end() + 300]


def drop(page, name: str, content: str, size: int | None = None) -> None:
    """Simulate a drop: give the FileDrop a file (and a size, which a client may forge)."""
    page.evaluate(
        """([name, content, size]) => {
            const vm = document.querySelector('.solara-file-drop').__vue__;
            const file = new File([content], name);
            vm.native_file_info = [file];
            vm.file_info = [{name, isFile: true, size: size === null ? file.size : size}];
        }""",
        [name, content, size],
    )


def test_a_forged_scenario_path_is_refused_alike_whether_or_not_it_exists(page, served_app, tmp_path):
    canary = tmp_path / "canary.toml"
    canary.write_text('[scenario]\nname = "canary-secret"\n[organization]\npeople = 7\n')
    open_app(page, served_app)
    answers = []
    for path in (str(canary), str(tmp_path / "missing.toml")):
        emit(page, ".v-select", 1, path)
        page.wait_for_selector(f"text={NOT_OFFERED}", timeout=TIMEOUT)
        answers.append(page.locator(".orglearn-refused").inner_text())
        assert_clean(page)
        assert "Week 0 · 60 people" in week_text(page)
    assert answers[0] == answers[1]


FORGED = ["/etc/passwd", "../../etc/hosts", 12, None, {"a": 1}, ["school"], "x" * 5000]


def test_forged_values_on_every_widget_leave_the_page_working(page, served_app):
    open_app(page, served_app)
    for header in page.locator(".orglearn-controls .v-expansion-panel-header").all():
        header.click()  # every group open: its controls are built, so every one is forged below
    page.wait_for_function(
        "[...document.querySelectorAll('.orglearn-group')].every(g => g.querySelector('.orglearn-param'))",
        timeout=TIMEOUT,
    )
    selects = page.locator(".v-select").count()
    for index in range(selects):
        for value in FORGED:
            emit(page, ".v-select", index, value)
            assert_clean(page)
    for selector in (".orglearn-language", ".orglearn-mode", ".v-slide-group", ".v-tabs", ".orglearn-group"):
        for index in range(page.locator(selector).count()):
            for value in (99, -1, "xx", None):
                page.evaluate(
                    "([s, i, v]) => { const e = document.querySelectorAll(s)[i]; "
                    "(e.__vue__ || e.parentElement.__vue__).$emit('change', v); }",
                    [selector, index, value],
                )
                page.wait_for_timeout(300)
                assert_clean(page)
    for index in range(page.locator(".v-text-field").count()):
        page.evaluate(
            "(i) => { const e = document.querySelectorAll('.v-text-field')[i].__vue__; if (!e) return; "
            "e.$emit('input', '2000000'); e.$emit('blur'); e.$emit('change', '2000000'); }",
            index,
        )
    page.wait_for_timeout(1000)
    assert_clean(page)
    page.get_by_role("button", name="Reset").click()
    page.wait_for_timeout(1000)
    assert_clean(page)
    assert "2000000 people" not in week_text(page)


def test_oversized_and_malformed_uploads_get_a_message(page, served_app, server):
    import psutil

    process = psutil.Process(server.process.pid)
    open_app(page, served_app)
    before = process.memory_info().rss
    drop(page, "big.toml", "# tiny", size=400_000_000)
    page.wait_for_selector("text=too large", timeout=TIMEOUT)
    assert process.memory_info().rss - before < 100_000_000
    assert_clean(page)
    for name, content in (
        ("org.toml", "organization = 5\n"),
        ("deep.toml", "a = " + "[" * 3000 + "]" * 3000 + "\n"),
        ("huge.toml", "[organization]\npeople = 2000000\n"),
        ("extends.toml", '[scenario]\nextends = "/etc/passwd"\n'),
        ("chart.toml", '[organization]\nchart = "/etc/passwd"\n'),
        ("desc.toml", '[scenario]\ndescription = "text"\n[organization]\npeople = 30\n'),
    ):
        drop(page, name, content)
        page.wait_for_timeout(1500)
        assert_clean(page)
    assert "30 people" in week_text(page) or page.get_by_text("This file cannot be used").count()
    assert "2000000" not in week_text(page)


SERVED_OR_BROKEN = """() => document.querySelector('.orglearn-week') !== null
    || document.body.innerText.includes('javascript error')
    || document.body.innerText.includes('widget model not found')"""
"""The page drew the app, or the browser side of its first load failed (a page "Loading app" waits)."""


def test_twenty_people_at_once_and_a_fresh_page_afterwards(browser, served_app, server, artifacts):
    # Twenty pages load at once on a machine of two cores: the waits are for the server to stay up
    # and serve everyone, not for speed, so they are long (a loaded CI machine took over 3 minutes).
    #
    # What is asserted is what a class needs: the server stays up and serves every page. On a
    # loaded machine the browser side of Solara's first transfer can still fail for a page now
    # and then ("widget model not found"); a person reloads such a page, so the test does too,
    # once, and records how many needed it.
    patience = 10 * TIMEOUT
    contexts = [browser.new_context() for _ in range(20)]
    pages = [context.new_page() for context in contexts]
    reloaded = 0
    try:
        for tab in pages:
            tab.goto(served_app)
        for tab in pages:
            with contextlib.suppress(PlaywrightTimeout):  # still "Loading app": reloaded too
                tab.wait_for_function(SERVED_OR_BROKEN, timeout=patience // 2)
            if not tab.locator(".orglearn-week").count():
                reloaded += 1
                tab.reload()
                tab.wait_for_selector(".orglearn-week", timeout=patience)
            tab.get_by_role("button", name="Step").click()
        for tab in pages:
            tab.wait_for_function(
                "document.querySelector('.orglearn-week').innerText.includes('Week 1')", timeout=patience
            )
            assert_clean(tab)
    finally:
        for context in contexts:
            context.close()
    assert server.process.poll() is None, "the server went down"
    fresh = browser.new_context().new_page()
    open_app(fresh, served_app)
    fresh.get_by_role("button", name="Step").click()
    fresh.wait_for_function(
        "document.querySelector('.orglearn-week').innerText.includes('Week 1')", timeout=TIMEOUT
    )
    (artifacts / "hostile-twenty.json").write_text(
        json.dumps({"sessions": 20, "server_up": True, "pages_reloaded_once": reloaded})
    )
    assert reloaded <= 5, f"{reloaded} of 20 pages failed their first load"
    fresh.context.close()
