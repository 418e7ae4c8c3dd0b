"""The run loop without a browser: Play and Pause, long runs, refused input, a consistent reading."""

from __future__ import annotations

import io
import threading
import time
import zipfile

import ipyvuetify as v
import pandas as pd
import pytest
import solara
from solara.components.file_download import FileDownloadWidget

from orglearn.app.lessons import load_lessons
from orglearn.app.page import Page
from orglearn.app.player import MAX_WEEK
from orglearn.app.session import InputError, Session, parse_speed, parse_whole
from orglearn.app.text import scenario_label

from .test_components import button, texts, wait, week


def until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_play_advances_at_its_speed_and_pause_stops_it():
    session = Session()
    session.play("20")
    time.sleep(1.5)
    session.pause()
    reached = session.week
    assert 15 <= reached <= 45, reached
    assert not session.player.playing
    time.sleep(0.3)
    assert session.week == reached


def test_a_long_run_stops_at_its_week_and_reset_stops_a_run():
    session = Session()
    assert session.run_for("30") == 30
    until(lambda: not session.player.playing)
    assert session.week == 30 and len(session.model.metrics()) == 31
    assert session.run_to("45") == 45
    until(lambda: not session.player.playing)
    assert session.week == 45
    session.play(50)
    session.reset()
    assert not session.player.playing and session.week == 0


@pytest.mark.parametrize("text", ["0", "-3", "3.5", "ten", "", str(MAX_WEEK + 1), True])
def test_a_long_run_refuses_what_is_not_a_whole_number_in_range(text):
    session = Session()
    with pytest.raises(InputError) as refused:
        session.run_for(text)
    assert refused.value.key == "problem.whole" and refused.value.values == {"low": 1, "high": MAX_WEEK}
    assert not session.player.playing and session.week == 0


def test_a_run_cannot_go_back_or_beyond_the_last_week():
    session = Session()
    session.step(3)
    with pytest.raises(InputError, match=r"problem\.reached"):
        session.run_to("3")
    with pytest.raises(InputError, match=r"problem\.beyond"):
        session.run_for(str(MAX_WEEK))
    assert session.week == 3 and not session.player.playing


@pytest.mark.parametrize("raw", ["7", "1000", "fast", None, "10.0", -1])
def test_only_an_offered_speed_is_taken(raw):
    with pytest.raises(InputError, match=r"problem\.speed"):
        parse_speed(raw)
    session = Session()
    with pytest.raises(InputError):
        session.play(raw)
    assert not session.player.playing
    assert parse_speed(" 10 ") == 10 and parse_whole("1_000", 1, 5000) == 1000


def test_readings_under_the_lock_are_consistent_while_the_loop_runs():
    """The recorder is never read halfway through a week (the old length-mismatch crash)."""
    session = Session()
    session.run_for("400")
    failures: list[str] = []

    def read() -> None:
        while session.player.playing:
            frame, week = session.read(lambda m: (m.metrics(), m.week))
            if len(frame) != week + 1 or frame["step"].iloc[-1] != week:
                failures.append(f"{len(frame)} rows at week {week}")

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(60)
    assert session.week == 400 and not failures


def test_closing_the_session_stops_the_loop_and_its_thread():
    session = Session()
    session.play(50)
    thread = session.player._thread
    session.close()
    assert thread is not None and not thread.is_alive()
    stopped = session.week
    time.sleep(0.3)
    assert session.week == stopped


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def text_field(rc, cls: str) -> v.TextField:
    return next(w for w in rc.find(v.TextField).widgets if cls in (w.class_ or ""))


def test_run_n_weeks_on_the_page_and_a_refused_number(app):
    text_field(app, "orglearn-run-for").v_model = "30"
    button(app, "Run").click()
    wait(lambda: week(app).startswith("Week 30 ·"), 30)
    wait(lambda: texts(app, "orglearn-charts-week") == ["Charts: week 0 to 30 (31 points)"], 30)
    text_field(app, "orglearn-run-for").v_model = "0"
    button(app, "Run").click()
    wait(lambda: texts(app, "orglearn-run-error") == ["Use a whole number from 1 to 5000."], 10)
    text_field(app, "orglearn-run-to").v_model = "12"
    button(app, "Run to week").click()
    wait(lambda: "already at 30" in " ".join(texts(app, "orglearn-run-error")), 10)
    time.sleep(0.3)
    assert week(app).startswith("Week 30 ·")


def test_play_and_pause_on_the_page(app):
    button(app, "Play").click()
    wait(lambda: int(week(app).split()[1]) >= 5, 30)
    button(app, "Pause").click()
    wait(lambda: [w for w in app.find(v.Btn).widgets if "Play" in w.children], 10)
    paused = week(app)
    time.sleep(0.5)
    assert week(app) == paused


def test_closing_the_page_stops_its_loop(app):
    button(app, "Play").click()
    wait(lambda: int(week(app).split()[1]) >= 2, 30)
    players = [t for t in threading.enumerate() if t.name == "orglearn-play"]
    assert players
    app.close()
    until(lambda: not any(t.is_alive() for t in players), 5)


def test_open_in_explore_carries_the_lessons_run_at_its_week(app):
    lesson = load_lessons()[0]
    step = lesson.steps[0]
    button(app, lesson.title["en"]).click()
    button(app, f"B ({scenario_label(step.scenarios[-1], 'en')}) ends higher").click()
    next(w for w in app.find(v.Btn).widgets if "orglearn-step-run" in (w.class_ or "")).click()
    wait(lambda: any("Why:" in str(w.unsafe_innerHTML) for w in app.find(solara.widgets.HTML).widgets), 120)
    # The step's thread shows the outcome, then clears its progress bar: wait until it is done,
    # so the click meets the page the learner sees once the run has finished.
    wait(lambda: not app.find(v.ProgressLinear).widgets, 60)
    button(app, "Open in Explore").click()
    weeks = step.until.week
    wait(lambda: week(app) == f"Week {weeks} · 60 people · seed {step.seed}", 60)
    download = app.find(FileDownloadWidget).widget
    assert download.filename == f"orglearn-{step.scenarios[-1]}-seed{step.seed}-week{weeks}.zip"
    download.request_download = True
    wait(lambda: download.bytes is not None, 60)
    metrics = pd.read_csv(io.BytesIO(zipfile.ZipFile(io.BytesIO(download.bytes)).read("metrics.csv")))
    assert list(metrics["step"]) == list(range(weeks + 1))
