"""The benchmark's verdict: each speed target against what was measured, and the printed table.

A target is met, missed, or not measured (a smaller mode does not reach the size a target is
about). The report never fails a run because a target is missed: on a noisy machine that would
make the benchmark a flaky test, and CI runs it to see that it works, not how fast it is.
"""

from __future__ import annotations

import math
from typing import Any

GIB = 2**30


def _target(name: str, wanted: str, measured: float | None, met: bool | None, detail: str = "") -> dict:
    return {"name": name, "target": wanted, "measured": measured, "met": met, "detail": detail}


def _rows(results: dict[str, Any], people: int) -> list[dict[str, Any]]:
    return [row for row in results.get("engine", {}).get("rows", []) if row["people"] == people]


def _ratio_target(results: dict[str, Any], people: int, least: float) -> dict:
    ratios = {
        row["kind"]: row["ratios"]["readable/mesa"]["median"]
        for row in _rows(results, people)
        if "readable/mesa" in row["ratios"]
    }
    name = f"engine vs readable step at N = {people:,}"
    if not ratios:
        return _target(name, f"≥ {least:g}×", None, None, "not measured at this size in this mode")
    worst = min(ratios.values())
    detail = ", ".join(f"{kind} {value:.1f}×" for kind, value in ratios.items())
    return _target(name, f"≥ {least:g}×", worst, worst >= least, detail)


def targets(results: dict[str, Any]) -> list[dict]:
    """Every speed target, met or not, from a suite's results."""
    found = [_ratio_target(results, 1_000, 40), _ratio_target(results, 10_000, 50)]

    mesa = {
        (row["kind"], row["people"]): row["ratios"]["mesa/headless"]["median"]
        for row in results.get("engine", {}).get("rows", [])
        if row["people"] >= 1_000 and "mesa/headless" in row["ratios"]
    }
    name = "engine with Mesa agents vs headless, N ≥ 1,000"
    if mesa:
        worst_key = max(mesa, key=lambda key: mesa[key])
        detail = ", ".join(f"{k} {n:,}: {v:.2f}×" for (k, n), v in sorted(mesa.items()))
        found.append(_target(name, "≤ 1.2×", mesa[worst_key], mesa[worst_key] <= 1.2, detail))
    else:
        found.append(_target(name, "≤ 1.2×", None, None, "not measured in this mode"))

    exponents = {
        f"{kind} {form}": fit["exponent_people"]
        for kind, forms in results.get("engine", {}).get("scaling", {}).items()
        for form, fit in forms.items()
        if fit["from"] <= 1_000 and fit["to"] >= 100_000
    }
    name = "cost per week vs people, 1,000 → 100,000 (exponent)"
    if exponents:
        worst = max(exponents.values())
        detail = ", ".join(f"{k} {v:.3f}" for k, v in exponents.items())
        found.append(_target(name, "≤ 1.1", worst, worst <= 1.1, detail))
    else:
        found.append(_target(name, "≤ 1.1", None, None, "needs engine timings at 1,000 and 100,000"))

    big = [
        probe
        for probe in results.get("memory", {}).get("big", [])
        if probe["people"] >= 1_000_000 and probe["steps"] >= 100
    ]
    name = "1,000,000 people × 100 weeks headless, peak memory"
    if big:
        peak = max(probe["peak_bytes"] for probe in big)
        detail = ", ".join(f"{p['kind']} {p['peak_bytes'] / GIB:.2f} GiB" for p in big)
        found.append(_target(name, "≤ 4 GiB", peak / GIB, peak <= 4 * GIB, detail))
    else:
        found.append(_target(name, "≤ 4 GiB", None, None, "not run at that size in this mode"))

    startup = results.get("startup")
    if startup:
        unused = startup["forbidden"]
        names = ", ".join(unused) or "none of the browser stack, sweeps or compilers"
        found.append(_target("what `orglearn run` imports", "nothing unused", len(unused), not unused, names))
        seconds = startup["seconds"]
        detail = f"{seconds['orglearn_run']:.2f} s vs {seconds['import_mesa']:.2f} s"
        ratio = startup["ratio"]
        found.append(
            _target("start-up to the first week vs `import mesa`", "≤ 1.5×", ratio, ratio <= 1.5, detail)
        )
    sweep = results.get("sweep")
    name = "sweep throughput vs mesa.batch_run over the readable model (200 people × 200 weeks)"
    if sweep and (sweep["people"], sweep["steps"]) == (200, 200):
        ratio = sweep["projected_ratio"]
        found.append(_target(name, "≥ 10×", ratio, ratio >= 10, sweep["note"]))
    elif sweep:
        found.append(_target(name, "≥ 10×", None, None, "runs of another size in this mode"))
    return found


def _number(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def table(results: dict[str, Any]) -> str:
    """The results as plain-text tables: engine costs, memory, start-up, sweep, targets."""
    lines: list[str] = []
    engine = results.get("engine")
    if engine:
        lines.append("Cost per person-week (µs; median of interleaved repeats) and ratios")
        lines.append(
            f"{'kind':12} {'people':>9} {'ties':>9} {'readable':>9} {'mesa':>7} {'headless':>9}"
            f" {'read/mesa':>10} {'mesa/head':>10} {'spread':>7}"
        )
        for row in engine["rows"]:
            cost, ratios = row["us_per_person_week"], row["ratios"]
            lines.append(
                f"{row['kind']:12} {row['people']:>9,} {row['ties']:>9,}"
                f" {_number(cost.get('readable'), 1):>9}"
                f" {_number(cost.get('mesa')):>7} {_number(cost.get('headless')):>9}"
                f" {_number(ratios.get('readable/mesa', {}).get('median'), 1):>10}"
                f" {_number(ratios.get('mesa/headless', {}).get('median'), 3):>10}"
                f" {_number(max(row['spread'].values()), 2):>7}"
            )
        for kind, forms in engine["scaling"].items():
            for form, fit in forms.items():
                people, both = fit["exponent_people"], fit["exponent_people_and_ties"]
                lines.append(
                    f"scaling {kind} {form} {fit['from']:,} → {fit['to']:,}: exponent"
                    f" {people:.3f} on people, {both:.3f} on people + ties"
                )
        lines.append("")
    memory = results.get("memory")
    if memory:
        lines.append("Memory (peak, fresh process per measurement)")
        for probe in memory["per_person"]:
            lines.append(
                f"  {probe['form']:9} {probe['kind']:12} {probe['people']:>9,} people:"
                f" {probe['bytes_per_person'] / 1024:6.2f} KiB per person"
            )
        for probe in memory["big"]:
            lines.append(
                f"  headless  {probe['kind']:12} {probe['people']:>9,} people × {probe['steps']} weeks:"
                f" peak {probe['peak_bytes'] / GIB:.2f} GiB, build {probe['build_seconds']:.1f} s,"
                f" {probe['seconds_per_week'] / probe['people'] * 1e6:.2f} µs per person-week"
            )
        lines.append("")
    startup = results.get("startup")
    if startup:
        seconds = startup["seconds"]
        lines.append(
            f"Start-up: `orglearn run` to the first week {seconds['orglearn_run']:.2f} s, "
            f"`python -c 'import mesa'` {seconds['import_mesa']:.2f} s, ratio {startup['ratio']:.2f}; "
            f"{startup['modules']} modules imported ({startup['modules_of_mesa']} by mesa alone); "
            f"unused packages imported: {', '.join(startup['forbidden']) or 'none'}"
        )
        lines.append("")
    sweep = results.get("sweep")
    if sweep:
        engine_side, batch = sweep["engine"], sweep["batch_run"]
        lines.append(
            f"Sweep of {sweep['people']} people × {sweep['steps']} weeks on {sweep['workers']} workers: "
            f"engine {engine_side['runs_per_second']:.2f} runs/s ({engine_side['runs']} runs, "
            f"{sweep['engine_runner']}), mesa.batch_run {batch['runs_per_second']:.4f} runs/s "
            f"({batch['runs']} runs); 1,000 runs: {engine_side['projected_seconds']:.0f} s vs "
            f"{batch['projected_seconds']:.0f} s, ratio {sweep['projected_ratio']:.1f}"
        )
        lines.append("")
    lines.append("Targets")
    for target in results.get("targets", []):
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[target["met"]]
        measured = _number(target["measured"], 2) if target["measured"] is not None else "-"
        lines.append(
            f"  {verdict:12} {target['name']}: {measured} (target {target['target']}) {target['detail']}"
        )
    return "\n".join(lines)


def markdown(results: dict[str, Any]) -> str:
    """A short Markdown summary (machine, engine table, the other measures, targets) for a README."""
    machine = results.get("machine", {})
    packages = machine.get("packages", {})
    lines = [
        f"Measured {results.get('started', '')[:10]} at commit {str(results.get('git_commit'))[:10]}, mode "
        f"`{results.get('mode')}`, on {machine.get('processor')} ({machine.get('cores')} cores, "
        f"{(machine.get('memory_bytes') or 0) / GIB:.0f} GiB), Python {machine.get('python')}, "
        f"numpy {packages.get('numpy')}, Mesa {packages.get('mesa')}; load average "
        f"{results.get('load_before')} before, {results.get('load_after')} after.",
        "",
    ]
    engine = results.get("engine")
    if engine:
        lines += [
            "| network | people | readable µs | Mesa µs | headless µs | readable / Mesa | Mesa / headless |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in engine["rows"]:
            cost, ratios = row["us_per_person_week"], row["ratios"]
            lines.append(
                f"| {row['kind']} | {row['people']:,} | {_number(cost.get('readable'), 1)} |"
                f" {_number(cost.get('mesa'))} | {_number(cost.get('headless'))} |"
                f" {_number(ratios.get('readable/mesa', {}).get('median'), 1)} |"
                f" {_number(ratios.get('mesa/headless', {}).get('median'), 2)} |"
            )
        lines.append("")
        lines.append(
            "µs: microseconds per person per week, every mechanism on, every metric recorded every week."
        )
        lines.append("")
    lines += ["| target | measured | met |", "| --- | --- | --- |"]
    for target in results.get("targets", []):
        verdict = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        measured = _number(target["measured"], 2) if target["measured"] is not None else "-"
        lines.append(
            f"| {target['name']} ({target['target']}) | {measured}: {target['detail']} | {verdict} |"
        )
    return "\n".join(lines) + "\n"
