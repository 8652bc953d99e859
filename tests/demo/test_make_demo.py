"""`make demo` tells the demo where it is served: the login address load_demo prints (and the
links in the demo's emails) follow the Makefile's HOST and PORT, unless DESK_BASE_URL is set.
That load_demo prints settings.DESK_BASE_URL is tested in test_demo.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _demo_commands(*arguments: str, **environment: str) -> dict[str, str]:
    """The commands `make demo` would run (make -n runs none), by manage.py subcommand."""
    if shutil.which("make") is None:
        pytest.fail("make is not installed: the README's two commands need it")
    env = {key: value for key, value in os.environ.items() if key != "DESK_BASE_URL"}
    printed = subprocess.run(
        ["make", "--no-print-directory", "-n", "demo", *arguments],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commands = {}
    for line in printed.splitlines():
        words = line.split()
        if "manage.py" in words:
            commands[words[words.index("manage.py") + 1]] = line
    return commands


def test_the_demo_is_told_the_port_it_is_served_on():
    commands = _demo_commands("PORT=8765")
    assert "runserver 127.0.0.1:8765" in commands["runserver"]
    for name in ("load_demo", "runserver"):
        assert "DESK_BASE_URL=http://127.0.0.1:8765 " in commands[name], commands[name]


def test_the_default_is_the_address_the_readme_gives():
    commands = _demo_commands()
    assert "DESK_BASE_URL=http://127.0.0.1:8000 " in commands["load_demo"]


def test_a_base_url_of_ones_own_wins():
    commands = _demo_commands("PORT=8765", DESK_BASE_URL="https://desk.example.com")
    for name in ("load_demo", "runserver"):
        assert "DESK_BASE_URL=https://desk.example.com " in commands[name], commands[name]
