"""`orglearn sweep --model march1991`, then summarize and plot against a parameter."""

import json

from orglearn.cli import main


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_a_march_sweep_over_p1_and_p2_with_replications(tmp_path, capsys):
    out = tmp_path / "march"
    args = ["sweep", "--model", "march1991", "--vary", "p1=0.1,0.9", "--vary", "p2=0.5,0.9"]
    args += ["--replications", "3", "--steps", "400", "--every", "400", "--seed", "3", "--serial"]
    status, text, _ = run(capsys, *args, "--out", str(out))
    assert status == 0
    assert "orglearn sweep (march1991): 4 design points × 3 replications = 12 runs of 400 periods" in text
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["spec"]["model"] == "march1991" and metadata["counts"]["ok"] == 12
    assert metadata["spec"]["vary"] == {"march.p1": [0.1, 0.9], "march.p2": [0.5, 0.9]}

    status, text, _ = run(capsys, "summarize", str(out))
    assert status == 0
    assert "value in the last period (400, at rest for runs that came to rest)" in text
    assert "code_knowledge — How much of reality the code knows" in text
    assert "equilibrium_period" in text and "goal_alignment" not in text

    status, text, _ = run(capsys, "plot", str(out), "--metric", "code_knowledge", "--x", "p1", "--by", "p2")
    image = out / "plots" / "code_knowledge_against_march.p1_by_march.p2.png"
    assert status == 0 and str(image) in text and image.read_bytes().startswith(b"\x89PNG")
    status, _, err = run(capsys, "plot", str(out), "--metric", "code_knowledge", "--x", "march.variant")
    assert status == 2 and "--x march.variant: not a numeric parameter" in err
    status, text, _ = run(capsys, "plot", str(out), "--metric", "code_knowledge", "--by", "march.p1")
    assert status == 0 and (out / "plots" / "code_knowledge_by_march.p1.png").is_file()


def test_a_march_scenario_as_base_and_bad_model_input(tmp_path, capsys):
    out = tmp_path / "turbulent"
    args = ["sweep", "--model", "march1991", "--scenario", "turbulent", "--vary", "p3=0,0.1"]
    status, _, _ = run(capsys, *args, "--steps", "5", "--seed", "1", "--serial", "--quiet", "--out", str(out))
    assert status == 0
    assert json.loads((out / "metadata.json").read_text())["spec"]["base"]["march.p4"] == 0.02
    status, _, err = run(capsys, "sweep", "--model", "march1991", "--vary", "network.voice=0,1", "--out", "x")
    assert status == 2 and "--vary network.voice: unknown parameter" in err
    status, _, err = run(capsys, "sweep", "--scenario", "fast_learners", "--out", str(tmp_path / "y"))
    assert status == 2 and "no scenario named or file called 'fast_learners'" in err
