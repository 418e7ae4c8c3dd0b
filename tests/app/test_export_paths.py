"""No pack the app hands out names a folder of the server."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from orglearn.app.compare import run_pair, with_and_without
from orglearn.app.export import build_comparison_pack, build_pack, public_source
from orglearn.registry import build_model
from orglearn.scenarios import load_scenario
from orglearn.scenarios.scenario import scenario_folder

ROOT = Path(__file__).resolve().parents[2]
SERVER_FOLDERS = {str(ROOT), str(Path.home()), sys.prefix, str(Path(sys.executable).parent), "/tmp/"}


def text_files(pack: bytes) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(pack))
    return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if not n.endswith(".png")}


def assert_no_server_folder(files: dict[str, str]) -> None:
    for name, text in files.items():
        found = [folder for folder in SERVER_FOLDERS if folder in text]
        assert not found, f"{name} names {found}"


@pytest.mark.parametrize(("name", "model"), [("school", "orglearn"), ("baseline", "march1991")])
def test_a_run_pack_names_its_sources_without_folders(name, model):
    scenario = load_scenario(name, model=model)
    assert any(str(ROOT) in source for source in scenario.sources)  # what the pack must not show
    run = build_model(scenario, 1)
    for _ in range(3):
        run.step()
    for lang in ("en", "nl"):
        files = text_files(build_pack(scenario, 1, run.metrics(), lang))
        assert_no_server_folder(files)
    assert f"scenarios/{name}.toml" in files["metadata.json"] or "march1991" in files["metadata.json"]


def test_a_comparison_pack_names_no_folder():
    pair = with_and_without(load_scenario("new_director").with_values({"organization.people": 30}))
    comparison = run_pair(pair, (1,), 3, with_without=True)
    assert_no_server_folder(text_files(build_comparison_pack(comparison, ("A", "B"), "nl")))


def test_public_sources():
    assert public_source("browser") == "browser"
    assert public_source("/srv/uploads/mine.toml") == "mine.toml"
    shipped = scenario_folder("orglearn") / "school.toml"  # where the package finds its scenarios
    assert public_source(str(shipped)) == "scenarios/school.toml"
    assert public_source(str(ROOT / "scenarios" / "school.toml")) in ("scenarios/school.toml", "school.toml")
