"""``orglearn app`` on the command line: its options, and no browser stack for other commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

from orglearn.cli import main


def test_the_command_line_does_not_load_the_browser_stack():
    code = "import sys; from orglearn.cli import _parser; _parser(); print('solara' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_help_names_host_and_port(capsys):
    with pytest.raises(SystemExit):
        main(["app", "--help"])
    out = capsys.readouterr().out
    assert "--host" in out and "127.0.0.1" in out and "--port" in out


def test_a_bad_port_is_a_message(capsys):
    with pytest.raises(SystemExit) as err:
        main(["app", "--port", "http"])
    assert err.value.code == 2 and "not a port" in capsys.readouterr().err


def test_a_missing_lessons_folder_is_a_message(tmp_path, capsys):
    assert main(["app", "--lessons", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err
