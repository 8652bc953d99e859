"""Start and read the test receiver process (tests/webhooks/receiver.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Receiver:
    port: int
    log: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/desk"

    def received(self) -> list[dict]:
        """Every POST so far, in order: path, headers, body, and what it was answered."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def launch_receiver(log: Path, fail: int = 0, status: int = 500) -> Receiver:
    """A receiver on a free port of 127.0.0.1, returned once it accepts connections."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.webhooks.receiver", str(log)]
        + ["--fail", str(fail), "--status", str(status)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()  # "listening PORT"
    if not line.startswith("listening "):
        process.kill()
        process.wait(timeout=5)
        raise RuntimeError(f"the receiver did not start: {line!r}")
    return Receiver(port=int(line.split()[1]), log=log, process=process)
