"""The export pack: one zip with the charts, the recorded data and the scenario of a run.

Everything a trainer or a student needs to show, check or repeat a run: every chart as PNG
with a caption naming the scenario, seed, orglearn's version and the date; the recorded metrics
as CSV (the same table ``orglearn run`` writes); the scenario as a TOML file that, with the
seed, reproduces the run exactly; and the command that does so.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import PurePath

import pandas as pd

from orglearn import __version__
from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios import Scenario
from orglearn.scenarios.scenario import scenario_folder

from .charts import CHARTS, caption, compare_figure, run_figure, single_figure
from .compare import Comparison
from .model_view import app_model
from .schedule import marks
from .text import t

PACK_FILES = ("README.txt", "metrics.csv", "scenario.toml", "metadata.json", "charts.png")


def public_source(source: str) -> str:
    """A scenario's source as a pack may show it: never a folder of the server.

    A shipped scenario file is named relative to the shipped scenarios
    (``scenarios/school.toml``); any other path by its file name alone; overrides such as
    ``browser`` or ``lesson`` as they are.
    """
    path = PurePath(source)
    if not path.is_absolute() and len(path.parts) == 1:
        return source
    folder = PurePath(scenario_folder(DEFAULT_MODEL))
    for root, prefix in ((folder.parent, ""), (folder, "scenarios/")):
        try:
            relative = path.relative_to(root)
        except ValueError:
            continue
        return f"{prefix}{relative.as_posix()}"
    return path.name


def pack_name(scenario: str, seed: int, week: int) -> str:
    """A file name for the pack that says what is in it."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", scenario).strip("-") or "scenario"
    return f"orglearn-{safe}-seed{seed}-week{week}.zip"


def reproduce_command(seed: int, weeks: int) -> str:
    """The command line that runs the exported scenario again, with the same results."""
    return f"orglearn run --scenario scenario.toml --seed {seed} --steps {weeks} --out rerun"


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


def build_pack(
    scenario: Scenario, seed: int, metrics: pd.DataFrame, lang: str, now: datetime | None = None
) -> bytes:
    """Build the zip pack of a run.

    Args:
        scenario: The scenario the run used (with every value, so it reproduces exactly).
        seed: The run's seed.
        metrics: The recorder's table, week 0 to now.
        lang: Language of the captions and the README.
        now: The date to write (now if None).

    Returns:
        The zip file's bytes.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    shown = app_model(scenario.model)
    weeks = int(metrics["step"].iloc[-1])
    note = caption(lang, scenario.name, seed, __version__, stamp)
    command = reproduce_command(seed, weeks)
    toml = f"# {t(lang, 'export.toml_comment', seed=seed, weeks=weeks)}\n# {command}\n\n" + scenario.to_toml()
    meta = {
        "orglearn_version": __version__,
        "scenario": scenario.name,
        "seed": seed,
        "weeks": weeks,
        "date": stamp,
        "command": command,
        "scenario_sources": [public_source(source) for source in scenario.sources],
        "model": scenario.model,
        "files": {"charts": [f"chart_{c.key}.png" for c in shown.charts], "metrics": "metrics.csv"},
    }
    lines = marks(scenario, lang, weeks)
    readme = t(lang, "export.readme", scenario=scenario.name, seed=seed, weeks=weeks, command=command)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        pack.writestr("README.txt", readme + "\n")
        pack.writestr("metrics.csv", metrics.to_csv(index=False))
        pack.writestr("scenario.toml", toml)
        pack.writestr("metadata.json", json.dumps(meta, indent=2) + "\n")
        figure = run_figure(metrics, lang, shown.charts, note=note, unit=shown.unit, marks=lines)
        pack.writestr("charts.png", _png(figure))
        for spec in shown.charts:
            chart = single_figure(metrics, spec, lang, note=note, unit=shown.unit, marks=lines)
            pack.writestr(f"chart_{spec.key}.png", _png(chart))
    return buffer.getvalue()


def comparison_name(comparison: Comparison) -> str:
    """A file name for a comparison's pack: both scenarios and the seeds."""
    a, b = (re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "scenario" for name in comparison.names)
    design = "with-without" if comparison.with_without else "vs"
    seeds = comparison.seeds
    return f"orglearn-compare-{a}-{design}-{b}-seeds{seeds[0]}-{seeds[-1]}.zip"


def build_comparison_pack(
    comparison: Comparison, names: tuple[str, str], lang: str, now: datetime | None = None
) -> bytes:
    """Both arms of a comparison in one zip: each arm's scenario and metrics per seed, and charts.

    ``a/scenario.toml`` and ``b/scenario.toml`` with a seed reproduce each run exactly (for
    "with and without", A is the scenario with its interventions left out); ``a/metrics_seedN.csv``
    hold every measure of every week; ``compare_*.png`` draw every measure for both arms, with
    the interventions marked.

    Args:
        comparison: The comparison as run.
        names: How the arms are called on screen (in ``lang``).
        lang: Language of the captions and the README.
        now: The date to write (now if None).
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    weeks = int(comparison.weeks[-1])
    seeds = comparison.seeds
    note = t(
        lang, "compare.caption", a=names[0], b=names[1], first=seeds[0], last=seeds[-1], version=__version__
    )
    lines = sorted({mark for s in comparison.scenarios for mark in marks(s, lang, weeks)})
    meta = {
        "orglearn_version": __version__,
        "date": stamp,
        "weeks": weeks,
        "seeds": list(seeds),
        "with_without": comparison.with_without,
        "arms": {
            side: {"name": name, "scenario": scenario.name, "command": reproduce_command(seeds[0], weeks)}
            for side, name, scenario in zip("ab", names, comparison.scenarios, strict=True)
        },
    }
    readme = t(lang, "journey.readme", a=names[0], b=names[1], first=seeds[0], last=seeds[-1], weeks=weeks)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        pack.writestr("README.txt", readme + "\n")
        pack.writestr("metadata.json", json.dumps(meta, indent=2) + "\n")
        for side, scenario, frames in zip(
            "ab", comparison.scenarios, (comparison.frames_a, comparison.frames_b), strict=True
        ):
            pack.writestr(f"{side}/scenario.toml", scenario.to_toml())
            for seed, frame in zip(seeds, frames, strict=True):
                pack.writestr(f"{side}/metrics_seed{seed}.csv", frame.to_csv(index=False))
        for spec in CHARTS:
            column = spec.columns[-1]
            runs_a, runs_b = comparison.series(column)
            title = t(lang, f"series.{column}")
            figure = compare_figure(comparison.weeks, runs_a, runs_b, names, title, lang, note, lines)
            pack.writestr(f"compare_{column}.png", _png(figure))
    return buffer.getvalue()
