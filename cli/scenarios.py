"""``orglearn scenarios`` and ``orglearn parameters``: what can be run, and with which settings."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from orglearn.cli.arguments import models, models_help
from orglearn.registry import DEFAULT_MODEL


def add(commands: Any) -> None:
    """Add both commands to the parser."""
    scenarios = commands.add_parser("scenarios", help="list the named scenarios")
    scenarios.add_argument("--lang", choices=("en", "nl"), default="en", help="language (default: en)")
    scenarios.add_argument("--model", choices=models(), default=DEFAULT_MODEL, help=models_help())
    scenarios.set_defaults(handler=list_scenarios)
    parameters = commands.add_parser("parameters", help="list every parameter with its default and range")
    parameters.add_argument("--lang", choices=("en", "nl"), default="en", help="language (default: en)")
    parameters.add_argument("--model", choices=models(), default=DEFAULT_MODEL, help=models_help())
    parameters.set_defaults(handler=list_parameters)


def list_scenarios(args: argparse.Namespace) -> int:
    """Print each named scenario with the first sentence of its description."""
    from orglearn.scenarios import describe, scenario_names

    for name in scenario_names(args.model):
        text = describe(name, args.model).get(args.lang, "")
        first = text.split(". ")[0].rstrip(".") + "." if text else ""
        print(f"{name:16s} {first}")
    return 0


def list_parameters(args: argparse.Namespace) -> int:
    """Print every parameter: name, default, allowed range, unit, label, help and source."""
    from orglearn.scenarios import parameter_table

    for p in parameter_table(args.model).values():
        default = list(p.default) if isinstance(p.default, tuple) else p.default
        print(f"{p.name}  (default {default!r}; {p.allowed()}{'; ' + p.unit if p.unit else ''})")
        print(textwrap.indent(textwrap.fill(f"{p.label[args.lang]}: {p.help[args.lang]}", 96), "    "))
        source = {"en": "Source", "nl": "Bron"}[args.lang]
        print(textwrap.indent(textwrap.fill(f"{source}: {p.source}", 96), "    "))
    return 0
