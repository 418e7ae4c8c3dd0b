"""The models orglearn runs, one description each: the one door by which a model comes in.

orglearn ships its model of the learning organization and March's (1991) classic model of
exploration and exploitation. Everything that takes a model — the scenario loader, ``orglearn
run``, sweeps, the claims, the browser app and its lessons — asks this registry, by the name a
scenario file gives (``[scenario] model = "march1991"``; the default is ``orglearn``), and
nothing else decides which model runs. A third model, or a user's own, is one
:class:`ModelDescription` handed to :func:`register`: its name and labels, the folder of its
parameter table and named scenarios, how to build it, its metrics and their descriptions, its
unit of time, and what the app shows for it.

Descriptions load their model only when asked (building a model imports Mesa and numba, the
app's charts import matplotlib), so listing scenarios stays quick.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from orglearn.scenarios.scenario import Scenario

DEFAULT_MODEL = "orglearn"
"""The model of a scenario, sweep or lesson that names none."""

Checks = Callable[[Mapping[str, Any], Callable[[str], str]], list[str]]
"""Finds values that do not fit together: (values, where each value was set) to problems."""

Headless = Callable[["Scenario", int, Sequence[int], Sequence[str]], "np.ndarray"]
"""A sweep's run: (scenario, seed, kept steps, kept metrics) to a (steps, metrics) array."""


class Simulation(Protocol):
    """What a built model offers to a run: a Mesa model, stepped until done or at rest."""

    running: bool

    @property
    def week(self) -> int:
        """Steps run so far (weeks or periods: see the description's ``unit``)."""

    def step(self) -> None:
        """Run one step and record it."""

    def metrics(self) -> pd.DataFrame:
        """Every recorded step: a ``step`` column and one column per metric."""

    def snapshot(self) -> pd.DataFrame:
        """Everyone's state now, one row per person with ``step`` and ``id`` (``agents.csv``)."""

    def ties_frame(self) -> pd.DataFrame | None:
        """The network as a table (``network.csv``), or None for a model without ties."""

    def interventions_by_week(self, steps: pd.Series) -> pd.Series:
        """For each step: the names of the interventions that started then, or ""."""


class ModelDescription(Protocol):
    """Everything orglearn needs to know about one model, in one place."""

    @property
    def name(self) -> str:
        """Its name on the command line (``--model``), in scenario files, sweeps and lessons."""

    @property
    def label(self) -> Mapping[str, str]:
        """What it is called, per language (``en``, ``nl``)."""

    @property
    def unit(self) -> str:
        """Its unit of time, singular (``week``, ``period``): reports, axes, the app's strings."""

    @property
    def default(self) -> str:
        """The named scenario used when none is given."""

    @property
    def start(self) -> str:
        """The named scenario an app session starts with."""

    def summary(self) -> tuple[str, ...]:
        """The headline metrics: what ``orglearn run`` prints at the end."""

    def key_metrics(self) -> tuple[str, ...]:
        """What ``orglearn summarize`` shows first for a sweep of it."""

    @property
    def engines(self) -> tuple[str, ...]:
        """The engines it can run on (``fast`` first; ``readable`` runs person by person)."""

    def folder(self) -> Path:
        """The folder of its parameter table (``parameters.toml``) and named scenarios."""

    def checks(self, values: Mapping[str, Any], where: Callable[[str], str]) -> list[str]:
        """The problems with values that do not fit together (each naming where it was set)."""

    def build(self, scenario: Scenario, seed: int, engine: str = "fast") -> Simulation:
        """The model a scenario describes, at step 0 with step 0 recorded."""

    def metrics(self) -> Mapping[str, str]:
        """The columns its ``metrics()`` table records, with their plain descriptions, in order."""

    def sweep_metrics(self) -> Mapping[str, str]:
        """Every metric a sweep can keep: :meth:`metrics` and any its headless run adds."""

    def run_headless(
        self, scenario: Scenario, seed: int, steps: Sequence[int], metrics: Sequence[str]
    ) -> np.ndarray:
        """One sweep run: the kept metrics at the kept steps, as a (steps, metrics) array."""

    def rules(self) -> Mapping[str, Mapping[str, Any]]:
        """Its rules in plain sentences and titles, per language, in the order they run."""

    def charts(self) -> tuple[Any, ...]:
        """The app's charts of a run (:class:`orglearn.app.charts.ChartSpec`)."""


@dataclass(frozen=True)
class Description:
    """A :class:`ModelDescription` made of values and functions (each loads its module when called).

    Attributes:
        name: See :class:`ModelDescription`; so are label, unit, default, start and engines.
        headline: Returns the headline metrics (kept next to the metrics they name).
        find_folder: Returns the folder of the parameter table and named scenarios.
        find_problems: The checks across values.
        builder: (scenario, seed, engine) to the built model.
        metric_table: Returns the metrics' descriptions.
        headless: The sweep's run.
        rule_table: Returns the rules in plain sentences.
        chart_table: Returns the app's charts.
        sweep_extra: Metrics only the headless run adds, with their descriptions (a sweep's
            summary shows them after the headline metrics).
    """

    name: str
    label: Mapping[str, str]
    unit: str
    default: str
    start: str
    engines: tuple[str, ...]
    headline: Callable[[], tuple[str, ...]]
    find_folder: Callable[[], Path]
    find_problems: Checks
    builder: Callable[[Scenario, int, str], Simulation]
    metric_table: Callable[[], Mapping[str, str]]
    headless: Headless
    rule_table: Callable[[], Mapping[str, Mapping[str, Any]]]
    chart_table: Callable[[], tuple[Any, ...]] = tuple
    sweep_extra: Mapping[str, str] = field(default_factory=dict)

    def folder(self) -> Path:
        """The folder of the parameter table and named scenarios."""
        return self.find_folder()

    def checks(self, values: Mapping[str, Any], where: Callable[[str], str]) -> list[str]:
        """The problems with values that do not fit together."""
        return self.find_problems(values, where)

    def build(self, scenario: Scenario, seed: int, engine: str = "fast") -> Simulation:
        """The model at step 0, refusing an engine it does not have."""
        if engine not in self.engines:
            raise ValueError(f"the {engine} engine exists for {self.name} only in {', '.join(self.engines)}")
        return self.builder(scenario, seed, engine)

    def summary(self) -> tuple[str, ...]:
        """The headline metrics."""
        return self.headline()

    def key_metrics(self) -> tuple[str, ...]:
        """The headline metrics, then those only a sweep keeps."""
        return (*self.headline(), *self.sweep_extra)

    def metrics(self) -> Mapping[str, str]:
        """The columns of the model's ``metrics()`` table, with their descriptions."""
        return self.metric_table()

    def sweep_metrics(self) -> Mapping[str, str]:
        """Every metric a sweep can keep."""
        return {**self.metric_table(), **self.sweep_extra}

    def run_headless(
        self, scenario: Scenario, seed: int, steps: Sequence[int], metrics: Sequence[str]
    ) -> np.ndarray:
        """One sweep run."""
        return self.headless(scenario, seed, steps, metrics)

    def rules(self) -> Mapping[str, Mapping[str, Any]]:
        """The rules in plain sentences."""
        return self.rule_table()

    def charts(self) -> tuple[Any, ...]:
        """The app's charts of a run."""
        return self.chart_table()


def _shipped(folder: str) -> Callable[[], Path]:
    """A folder inside ``scenarios/`` ("" for the folder itself), as installed."""
    return lambda: Path(str(resources.files("orglearn.scenarios"))) / folder


def _organization_checks(values: Mapping[str, Any], where: Callable[[str], str]) -> list[str]:
    from orglearn.scenarios.checks import organization_checks

    return organization_checks(values, where)


def _march_checks(values: Mapping[str, Any], where: Callable[[str], str]) -> list[str]:
    from orglearn.scenarios.checks import march_checks

    return march_checks(values, where)


def _build_organization(scenario: Scenario, seed: int, engine: str) -> Simulation:
    from orglearn.simulation.model import LearningOrganization

    return LearningOrganization(scenario, seed=seed, engine="readable" if engine == "readable" else "fast")


def _build_march(scenario: Scenario, seed: int, engine: str) -> Simulation:
    from orglearn.simulation.march1991.model import March1991

    return March1991(scenario, seed=seed)


def _organization_summary() -> tuple[str, ...]:
    from orglearn.simulation.metrics import SUMMARY

    return SUMMARY


def _march_summary() -> tuple[str, ...]:
    from orglearn.simulation.march1991.metrics import SUMMARY

    return SUMMARY


def _organization_metrics() -> Mapping[str, str]:
    from orglearn.simulation.metrics import COLUMNS

    return COLUMNS


def _march_metrics() -> Mapping[str, str]:
    from orglearn.simulation.march1991.metrics import COLUMNS

    return COLUMNS


def _run_organization(
    scenario: Scenario, seed: int, steps: Sequence[int], metrics: Sequence[str]
) -> np.ndarray:
    from orglearn.experiments.headless import run_organization

    return run_organization(scenario, seed, steps, metrics)


def _run_march(scenario: Scenario, seed: int, steps: Sequence[int], metrics: Sequence[str]) -> np.ndarray:
    from orglearn.experiments.headless import run_march

    return run_march(scenario, seed, steps, metrics)


def _organization_rules() -> Mapping[str, Mapping[str, Any]]:
    from orglearn.simulation.mechanisms import rule_sentences

    return rule_sentences()


def _march_rules() -> Mapping[str, Mapping[str, Any]]:
    from orglearn.simulation.march1991.rules import rule_sentences

    return rule_sentences()


def _organization_charts() -> tuple[Any, ...]:
    from orglearn.app.charts import CHARTS

    return CHARTS


def _march_charts() -> tuple[Any, ...]:
    from orglearn.app.charts import MARCH_CHARTS

    return MARCH_CHARTS


EQUILIBRIUM_PERIOD = "equilibrium_period"
"""A March sweep's own column: the period a closed world came to rest in."""

ORGANIZATION = Description(
    name="orglearn",
    label={"en": "the learning organization", "nl": "de lerende organisatie"},
    unit="week",
    default="baseline",
    start="school",
    engines=("fast", "readable"),
    headline=_organization_summary,
    find_folder=_shipped(""),
    find_problems=_organization_checks,
    builder=_build_organization,
    metric_table=_organization_metrics,
    headless=_run_organization,
    rule_table=_organization_rules,
    chart_table=_organization_charts,
)

MARCH1991 = Description(
    name="march1991",
    label={"en": "March (1991): exploration and exploitation", "nl": "March (1991): verkennen en benutten"},
    unit="period",
    default="baseline",
    start="baseline",
    engines=("fast",),
    headline=_march_summary,
    find_folder=_shipped("march1991"),
    find_problems=_march_checks,
    builder=_build_march,
    metric_table=_march_metrics,
    headless=_run_march,
    rule_table=_march_rules,
    chart_table=_march_charts,
    sweep_extra={
        EQUILIBRIUM_PERIOD: "Period in which a closed world came to rest (empty until then, and always "
        "empty with turnover or turbulence)."
    },
)

MODELS: dict[str, ModelDescription] = {ORGANIZATION.name: ORGANIZATION, MARCH1991.name: MARCH1991}
"""Every model there is, by name, the shipped ones first."""


def register(description: ModelDescription) -> None:
    """Add a model (or replace one of the same name): from then on everything can run it."""
    MODELS[description.name] = description


def describe_model(name: str | None) -> ModelDescription:
    """A model's description by name, or a clear error naming the models there are.

    None gives the default model, as results written before models had names expect.

    Raises:
        ScenarioError: For a name no model has.
    """
    if name is None:
        return MODELS[DEFAULT_MODEL]
    if name not in MODELS:
        from orglearn.scenarios.scenario import ScenarioError

        raise ScenarioError([f"model {name!r} is not one of {', '.join(MODELS)}"])
    return MODELS[name]


def build_model(scenario: Scenario, seed: int, engine: str = "fast") -> Simulation:
    """Build the model a scenario is for, at step 0 with step 0 recorded."""
    return describe_model(scenario.model).build(scenario, seed, engine)
