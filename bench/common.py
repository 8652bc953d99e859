"""What every part of the benchmark shares: paths, sizes, sample counts and time budgets,
the log line, percentiles, the results file of one size, Django set-up."""

from __future__ import annotations

import json
import os
import statistics
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS_DIR = BENCH / "results"
PLANS_DIR = BENCH / "plans"
RESULTS_MD = BENCH / "results.md"
NOTES_MARKER = "<!-- notes: everything below this line is kept when the table is re-rendered -->"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/desk_bench"
SIZE_ORDER = ["10k", "100k", "1m"]
SIZE_LABEL = {"10k": "10k", "100k": "100k", "1m": "1M"}

# How long each part may run at most; every loop below is bounded by count and by time.
CHILD_TIMEOUT = {"10k": 20 * 60, "100k": 90 * 60, "1m": 240 * 60}
RECOMPUTE_TIMEOUT = int(os.environ.get("BENCH_RECOMPUTE_TIMEOUT", "1800"))
# --quick (make bench-small) takes fewer samples and shorter load phases, so that 10k runs in about
# three minutes; the figures of a quick run say so in results.md.
QUICK = os.environ.get("BENCH_QUICK") == "1"
PAGE_SAMPLES = 100 if QUICK else 200
REPORT_SAMPLES = 30 if QUICK else 100
INCREMENTAL_SAMPLES = 100
INCREMENTAL_BUDGET = float(os.environ.get("BENCH_INCREMENTAL_BUDGET", "10" if QUICK else "180"))
WRK_SECONDS = 10 if QUICK else 20
WRK_CONNECTIONS = 16
FILINGS = 500 if QUICK else 2_000
FILING_THREADS = 4
FILING_BUDGET = 600.0


def log_line(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (as numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(samples_ms: list[float]) -> dict:
    return {
        "n": len(samples_ms),
        "median_ms": statistics.median(samples_ms) if samples_ms else None,
        "p95_ms": percentile(samples_ms, 95),
    }


# The mixed workload: viewers of the queue, and write rates (per second) while they look.
MIXED_VIEWERS = (1, 18)
MIXED_WRITES = (0, 1, 5)


class Results(dict):
    """Written to disk after every step, so a stopped run keeps what it measured."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def save(self) -> None:
        self.path.write_text(json.dumps(self, indent=2, default=str) + "\n")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())
