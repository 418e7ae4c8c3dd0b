"""The claims report, in Markdown and HTML, for a trainer and a researcher alike.

Per claim: the claim as the source text makes it and each hypothesis in plain words, in English
and Dutch; the result as a paired difference with its 95% interval and effect size; the verdict;
a chart of both arms over time with their bands; and a robustness table that says plainly where
the result holds and where it flips. Then the model against the literature. Both files are
written from the same content, so they never say different things.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

from orglearn.experiments.claims.analysis import NOT_SUPPORTED, REVERSED, SUPPORTED, Comparison
from orglearn.experiments.claims.literature import Check
from orglearn.experiments.claims.spec import Claim, Hypothesis
from orglearn.simulation.metrics import COLUMNS

VERDICT_WORDS = {
    SUPPORTED: {"en": "supported", "nl": "ondersteund"},
    NOT_SUPPORTED: {"en": "not supported", "nl": "niet ondersteund"},
    REVERSED: {"en": "reversed", "nl": "omgekeerd"},
}


@dataclass
class ClaimResult:
    """What was found for one claim."""

    claim: Claim
    main: list[Comparison]
    robustness: dict[str, list[tuple[str, Comparison]]] = field(default_factory=dict)
    charts: dict[str, str] = field(default_factory=dict)


def _number(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:+.3f}"


def sentence(c: Comparison, lang: str) -> str:
    """The result of a comparison in one plain sentence."""
    h = c.hypothesis
    verdict = VERDICT_WORDS[c.verdict][lang]
    if lang == "nl":
        return (
            f"{h.treatment} eindigde gemiddeld {_number(c.difference)} ten opzichte van {h.control} "
            f"over {c.runs} gepaarde runs (95%-interval {_number(c.low)} tot {_number(c.high)}; "
            f"effectgrootte d_z = {c.effect:.2f}): {verdict}."
        )
    return (
        f"{h.treatment} ended {_number(c.difference)} against {h.control} on average over {c.runs} "
        f"paired runs (95% interval {_number(c.low)} to {_number(c.high)}; effect size d_z = "
        f"{c.effect:.2f}): {verdict}."
    )


def robustness_sentence(rows: list[tuple[str, Comparison]], lang: str) -> str:
    """Where the hypothesis holds and where it flips, in one sentence."""
    holds = [label for label, c in rows if c.verdict == SUPPORTED]
    flips = [label for label, c in rows if c.verdict == REVERSED]
    unclear = [label for label, c in rows if c.verdict == NOT_SUPPORTED]
    if lang == "nl":
        text = f"Ondersteund in {len(holds)} van de {len(rows)} varianten"
        text += f"; omgekeerd bij {', '.join(flips)}" if flips else ""
        text += f"; geen duidelijk verschil bij {', '.join(unclear)}" if unclear else ""
        return text + "."
    text = f"Supported in {len(holds)} of {len(rows)} variations"
    text += f"; reversed at {', '.join(flips)}" if flips else ""
    text += f"; no clear difference at {', '.join(unclear)}" if unclear else ""
    return text + "."


def _hypothesis_blocks(h: Hypothesis) -> list[tuple[str, str]]:
    weeks = f"weeks {h.weeks[0]}–{h.weeks[1]}"
    return [
        ("en", h.text["en"]),
        ("nl", h.text["nl"]),
        (
            "meta",
            f"{h.metric} ({COLUMNS[h.metric]}), averaged over {weeks}; expected: {h.treatment} "
            f"{h.expect} than {h.control}.",
        ),
    ]


def markdown(results: list[ClaimResult], checks: list[Check], header: dict[str, str]) -> str:
    """The report as Markdown."""
    out = ["# The source text's claims, tested with orglearn", ""]
    out += [f"- {k}: {v}" for k, v in header.items()] + [""]
    out += [
        "Each hypothesis compares two arms on the same seeds (common random numbers). The verdict "
        "reads the 95% interval of the paired difference: **supported** when it lies on the expected "
        "side of zero, **reversed** when on the other side, **not supported** when it contains zero. "
        "Nothing is tuned to make a claim come out. / Elke hypothese vergelijkt twee varianten op "
        "dezelfde seeds. **Ondersteund**: het 95%-interval van het gepaarde verschil ligt aan de "
        "verwachte kant van nul; **omgekeerd**: aan de andere kant; **niet ondersteund**: het bevat nul.",
        "",
        "| claim | hypothesis | difference (95% interval) | d_z | verdict |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        for c in r.main:
            out.append(
                f"| {r.claim.number}. {r.claim.title['en']} | {c.hypothesis.id} | "
                f"{_number(c.difference)} ({_number(c.low)} to {_number(c.high)}) | "
                f"{c.effect:.2f} | {VERDICT_WORDS[c.verdict]['en']} |"
            )
    out.append("")
    for r in results:
        claim = r.claim
        out += [f"## {claim.number}. {claim.title['en']} / {claim.title['nl']}", ""]
        out += [f"> {claim.statement['en']}", ">", f"> *{claim.statement['nl']}*", ""]
        for c in r.main:
            h = c.hypothesis
            out += [f"### {h.id}: {VERDICT_WORDS[c.verdict]['en']} / {VERDICT_WORDS[c.verdict]['nl']}", ""]
            for kind, text in _hypothesis_blocks(h):
                out.append(f"*{text}*" if kind == "nl" else text)
                out.append("")
            out += [sentence(c, "en"), "", sentence(c, "nl"), ""]
            if h.id in r.charts:
                out += [f"![{h.metric}: {h.control} and {h.treatment}]({r.charts[h.id]})", ""]
            rows = r.robustness.get(h.id, [])
            if rows:
                out += ["| variation | difference (95% interval) | verdict |", "|---|---|---|"]
                out += [
                    f"| {label} | {_number(x.difference)} ({_number(x.low)} to {_number(x.high)}) | "
                    f"{VERDICT_WORDS[x.verdict]['en']} |"
                    for label, x in rows
                ]
                out += ["", robustness_sentence(rows, "en"), "", robustness_sentence(rows, "nl"), ""]
    out += ["## The model against the literature / Het model naast de literatuur", ""]
    out += ["| model | setting | expected | obtained | tolerance | passed |", "|---|---|---|---|---|---|"]
    out += [
        f"| {k.name} | {k.setting} | {k.expected} | {k.obtained} | {k.tolerance} | "
        f"{'yes' if k.passed else 'NO'} |"
        for k in checks
    ]
    return "\n".join(out) + "\n"


def _td(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"


def to_html(results: list[ClaimResult], checks: list[Check], header: dict[str, str]) -> str:
    """The report as one HTML page (charts as files next to it)."""
    css = (
        "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45;color:#222}"
        "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem}"
        ".supported{color:#1a7f37;font-weight:bold}.reversed{color:#b42318;font-weight:bold}"
        ".not{color:#8a6d00;font-weight:bold}"
        "blockquote{border-left:4px solid #ccc;margin:0;padding-left:1rem}"
        ".nl{color:#555;font-style:italic}img{max-width:100%}"
    )
    klass = {SUPPORTED: "supported", REVERSED: "reversed", NOT_SUPPORTED: "not"}
    out = [
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>orglearn: claims</title>"
        f"<style>{css}</style><body><h1>The source text's claims, tested with orglearn</h1><ul>"
    ]
    out += [f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in header.items()] + ["</ul><table>"]
    out.append(_td(["claim", "hypothesis", "difference (95% interval)", "d_z", "verdict"], "th"))
    for r in results:
        for c in r.main:
            out.append(
                _td(
                    [
                        f"{r.claim.number}. {r.claim.title['en']}",
                        c.hypothesis.id,
                        f"{_number(c.difference)} ({_number(c.low)} to {_number(c.high)})",
                        f"{c.effect:.2f}",
                        VERDICT_WORDS[c.verdict]["en"],
                    ]
                )
            )
    out.append("</table>")
    for r in results:
        claim = r.claim
        out.append(
            f"<h2>{claim.number}. {html.escape(claim.title['en'])} / {html.escape(claim.title['nl'])}</h2>"
        )
        out.append(
            f"<blockquote><p>{html.escape(claim.statement['en'])}</p>"
            f"<p class='nl'>{html.escape(claim.statement['nl'])}</p></blockquote>"
        )
        for c in r.main:
            h = c.hypothesis
            words = VERDICT_WORDS[c.verdict]
            out.append(
                f"<h3>{html.escape(h.id)}: <span class='{klass[c.verdict]}'>{words['en']} / "
                f"{words['nl']}</span></h3>"
            )
            for kind, text in _hypothesis_blocks(h):
                out.append(f"<p class='{kind}'>{html.escape(text)}</p>")
            out.append(
                f"<p>{html.escape(sentence(c, 'en'))}</p><p class='nl'>{html.escape(sentence(c, 'nl'))}</p>"
            )
            if h.id in r.charts:
                out.append(f"<img src='{html.escape(r.charts[h.id])}' alt='{html.escape(h.metric)}'>")
            rows = r.robustness.get(h.id, [])
            if rows:
                out.append("<table>" + _td(["variation", "difference (95% interval)", "verdict"], "th"))
                out += [
                    _td(
                        [
                            label,
                            f"{_number(x.difference)} ({_number(x.low)} to {_number(x.high)})",
                            VERDICT_WORDS[x.verdict]["en"],
                        ]
                    )
                    for label, x in rows
                ]
                out.append(
                    f"</table><p>{html.escape(robustness_sentence(rows, 'en'))}</p>"
                    f"<p class='nl'>{html.escape(robustness_sentence(rows, 'nl'))}</p>"
                )
    out.append("<h2>The model against the literature / Het model naast de literatuur</h2><table>")
    out.append(_td(["model", "setting", "expected", "obtained", "tolerance", "passed"], "th"))
    out += [
        _td([k.name, k.setting, k.expected, k.obtained, k.tolerance, "yes" if k.passed else "NO"])
        for k in checks
    ]
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"
