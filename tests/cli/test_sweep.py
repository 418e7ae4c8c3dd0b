"""`orglearn sweep`, `summarize`, `plot`, `sensitivity` and `export` from the command line."""

import json

import pytest

from orglearn.cli import main

TINY = ["--set", "organization.people=20", "--steps", "4", "--seed", "7", "--serial", "--quiet"]


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_a_sweep_from_flags_then_summary_plot_and_export(tmp_path, capsys):
    out = tmp_path / "results"
    status, _, _ = run(
        capsys,
        "sweep",
        "--vary",
        "management.alignment_effort=0:1:3",
        "--vary",
        "network.kind=rake,network_org",
        "--replications",
        "2",
        "--out",
        str(out),
        *TINY,
    )
    assert status == 0
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["runs"] == 12 and metadata["counts"]["ok"] == 12

    status, text, _ = run(capsys, "summarize", str(out), "--by", "network.kind", "--metric", "fit_org")
    assert status == 0
    assert "12 runs ok, 0 failed, 0 missing" in text
    assert "network_org" in text and "rake" in text and "95% CI" in text
    summary = (out / "summary.csv").read_text().splitlines()
    assert summary[0] == "network.kind,metric,runs,mean,sd,ci_low,ci_high"
    assert len(summary) == 1 + 2 * len(metadata["spec"]["metrics"])

    status, text, _ = run(
        capsys, "plot", str(out), "--metric", "shared_meaning_insights_org", "--by", "network.kind"
    )
    image = out / "plots" / "shared_meaning_insights_org_by_network.kind.png"
    assert status == 0 and str(image) in text
    assert image.read_bytes().startswith(b"\x89PNG")

    status, _, _ = run(capsys, "export", str(out), "--to", str(tmp_path / "csv"))
    assert status == 0
    assert len((tmp_path / "csv" / "metrics.csv").read_text().splitlines()) == 1 + 12 * 5


def test_rerunning_the_same_command_runs_nothing_and_a_different_one_is_refused(tmp_path, capsys):
    args = ["sweep", "--vary", "network.voice=0.2,0.8", "--out", str(tmp_path / "r"), *TINY]
    assert run(capsys, *args)[0] == 0
    status, text, _ = run(capsys, *[a for a in args if a != "--quiet"])
    assert status == 0 and "nothing to do: all 2 runs are already in" in text
    status, _, err = run(capsys, *[a.replace("0.8", "0.9") for a in args])
    assert status == 2
    assert "holds a different sweep (vary:" in err and "orglearn sweep --resume --out" in err


def test_an_experiment_file_with_flags_overriding_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exp.toml").write_text(
        '[experiment]\nreplications = 2\nsteps = 50\nseed = 3\nmetrics = ["fit_org"]\n'
        '[set]\n"organization.people" = 20\n[vary]\n"network.voice" = [0.1, 0.9]\n'
    )
    status, _, _ = run(capsys, "sweep", "exp.toml", "--steps", "3", "--serial", "--quiet")
    assert status == 0
    metadata = json.loads((tmp_path / "results" / "exp" / "metadata.json").read_text())
    assert (metadata["spec"]["steps"], metadata["runs"], metadata["spec"]["metrics"]) == (3, 4, ["fit_org"])


def test_sensitivity_from_the_command_line(tmp_path, capsys):
    out = str(tmp_path / "sobol")
    status, _, _ = run(
        capsys,
        "sweep",
        "--design",
        "sobol",
        "--samples",
        "4",
        "--vary",
        "network.voice",
        "--vary",
        "management.alignment_effort=0:1",
        "--out",
        out,
        *TINY,
    )
    assert status == 0
    status, text, _ = run(capsys, "sensitivity", out, "--metric", "goal_alignment_org")
    assert status == 0
    assert "S1" in text and "ST_conf" in text and "management.alignment_effort" in text
    assert (tmp_path / "sobol" / "plots" / "sensitivity_goal_alignment_org.png").is_file()
    table = tmp_path / "sobol" / "sensitivity_goal_alignment_org.csv"
    first = table.read_text()
    assert first.splitlines()[0] == "parameter,S1,S1_conf,ST,ST_conf"
    assert run(capsys, "sensitivity", out, "--metric", "goal_alignment_org")[0] == 0  # its own: rewritten
    assert table.read_text() == first
    table.write_text("my,notes\n")
    status, text, err = run(capsys, "sensitivity", out, "--metric", "goal_alignment_org")
    assert status == 2 and text == ""
    assert f"{table}: exists and was not written by orglearn as a sensitivity table" in err
    assert table.read_text() == "my,notes\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--vary", "management.alignment_effort=0:3:4"],
            "--vary management.alignment_effort=0:3:4: 3 is not",
        ),
        (["--vary", "network.kind=rake,pyramid"], "one of rake, teams, network_org"),
        (["--vary", "organization.team_size=4,40"], "design point 1 (organization.team_size=40)"),
        (["--design", "lhs", "--vary", "network.voice"], "the lhs design needs a sample size"),
        (["--metrics", "fit_orgg"], "Did you mean 'fit_org'"),
        (["--set", "network.voicee=0.3"], "network.voicee: unknown setting"),
        (["--scenario", "rakee"], "Did you mean 'rake'"),
    ],
)
def test_bad_flags_get_one_clear_message(tmp_path, capsys, args, message):
    status, _, err = run(capsys, "sweep", *args, "--out", str(tmp_path / "r"), *TINY)
    assert status == 2
    assert message in err
    assert not (tmp_path / "r").exists()


def test_bad_experiment_files(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[experiment]\nreplication = 3\n")
    status, _, err = run(capsys, "sweep", str(bad), "--out", str(tmp_path / "r"))
    assert (
        status == 2 and "bad.toml: [experiment] replication: unknown key. Did you mean 'replications'?" in err
    )
    status, _, err = run(capsys, "sweep", "no_such_experiment", "--out", str(tmp_path / "r"))
    assert status == 2 and "no such experiment file" in err


def test_folders_and_results_that_cannot_be_used(tmp_path, capsys):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.docx").write_text("")
    status, _, err = run(capsys, "sweep", "--out", str(tmp_path / "busy"), *TINY)
    assert status == 2 and "holds other files (thesis.docx)" in err
    status, _, err = run(capsys, "sweep", "--resume", "--out", str(tmp_path / "empty"))
    assert status == 2 and "holds no sweep to resume" in err
    status, _, err = run(capsys, "summarize", str(tmp_path / "busy"))
    assert status == 2 and "holds no sweep" in err
    out = tmp_path / "grid"
    run(capsys, "sweep", "--out", str(out), *TINY)
    status, _, err = run(capsys, "sensitivity", str(out), "--metric", "fit_org")
    assert status == 2 and "--design sobol or --design morris" in err
    status, _, err = run(capsys, "plot", str(out), "--metric", "fit")
    assert status == 2 and "not kept by this sweep" in err


def test_argument_types_are_checked_by_the_parser(capsys):
    with pytest.raises(SystemExit) as info:
        main(["sweep", "--replications", "many"])
    assert info.value.code == 2
    assert "'many' is not a whole number" in capsys.readouterr().err


HEAD = '[experiment]\nscenario = "baseline"\nsteps = 2\n'
VARY = '[vary]\n"network.voice" = [0.0, 1.0]\n'


@pytest.mark.parametrize(
    ("text", "flag", "said"),
    [
        (
            HEAD + '[set]\n"organization.people" = -5\n' + VARY,
            ["--set", "organization.people=60"],
            "[set] organization.people: -5",
        ),
        (HEAD + "replications = -1\n" + VARY, ["--replications", "2"], "[experiment] replications: -1"),
        (
            HEAD + '[vary]\n"network.voice" = [0.0, 7.0]\n',
            ["--vary", "network.voice=0,1"],
            "[vary] network.voice",
        ),
    ],
)
def test_a_bad_value_in_the_file_is_refused_even_where_a_flag_overrides_it(
    tmp_path, capsys, text, flag, said
):
    # The file is what the next person runs: its own values are checked as written.
    file = tmp_path / "exp.toml"
    file.write_text(text)
    assert main(["sweep", str(file), *flag, "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"{file}: {said}" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
