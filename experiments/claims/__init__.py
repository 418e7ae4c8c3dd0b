"""The source text's claims as experiments, and the report that tests them.

``orglearn claims`` reads the claim files of this folder, runs each claim's contrast (and its
robustness variations) through the sweep machinery with common random numbers, checks the model
against known results from the literature, and writes a report in Markdown and HTML.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from orglearn import __version__
from orglearn.experiments.claims.analysis import compare
from orglearn.experiments.claims.charts import draw
from orglearn.experiments.claims.execute import MAIN, claim_folder, conditions, run_claim
from orglearn.experiments.claims.literature import literature_checks
from orglearn.experiments.claims.report import ClaimResult, markdown, to_html
from orglearn.experiments.claims.spec import Claim, ClaimError, load_claims
from orglearn.experiments.results import SweepResults

__all__ = ["Claim", "ClaimError", "analyse", "load_claims", "run_claims"]


def analyse(claim: Claim, out: Path, robustness: bool = True, charts: bool = True) -> ClaimResult:
    """Compare the arms of every hypothesis of a claim from its finished sweeps."""
    folder = claim_folder(out, claim)
    main = SweepResults.open(folder / MAIN)
    result = ClaimResult(claim, [compare(main, h) for h in claim.hypotheses])
    if charts:
        for h in claim.hypotheses:
            path = draw(main, h, folder / "charts" / f"{h.id}.png")
            result.charts[h.id] = str(path.relative_to(out))
    if robustness:
        for condition in conditions(claim, out)[1:]:
            sweep = SweepResults.open(condition.folder)
            for h in claim.hypotheses:
                result.robustness.setdefault(h.id, []).append((condition.label, compare(sweep, h)))
    return result


def run_claims(
    out: Path,
    numbers: list[int] | None = None,
    replications: int | None = None,
    robustness_replications: int | None = None,
    robustness: bool = True,
    literature: bool = True,
    quick: bool = False,
    options: dict[str, Any] | None = None,
    folder: Path | None = None,
) -> tuple[Path, Path, list[ClaimResult]]:
    """Run the claims, analyse them, and write ``report.md`` and ``report.html`` into ``out``.

    Args:
        out: The folder for every sweep, chart and the report.
        numbers: Only these claims (default: all).
        replications: Paired runs per arm for the main contrasts (default: each claim's).
        robustness_replications: Paired runs per arm for each robustness variation.
        robustness: Whether to run the robustness variations.
        literature: Whether to run the checks against the literature.
        quick: Smaller checks against the literature (for tests).
        options: Executor options for the sweeps.
        folder: Read the claim files from here (default: the shipped claims).

    Returns:
        The Markdown report, the HTML report, and the results.
    """
    clock = time.perf_counter()
    claims = load_claims(folder, numbers)
    out.mkdir(parents=True, exist_ok=True)
    for claim in claims:
        run_claim(claim, out, replications, robustness_replications, robustness, options)
    results = [analyse(claim, out, robustness) for claim in claims]
    checks = literature_checks(quick) if literature else []
    header = {
        "orglearn": __version__,
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "replications": ", ".join(
            f"claim {c.number}: {replications or c.replications} paired runs per arm, {c.steps} weeks, "
            f"master seed {c.seed}"
            for c in claims
        ),
        "time to run and analyse": f"{time.perf_counter() - clock:.0f} s",
    }
    md, page = out / "report.md", out / "report.html"
    md.write_text(markdown(results, checks, header), "utf-8")
    page.write_text(to_html(results, checks, header), "utf-8")
    return md, page, results
