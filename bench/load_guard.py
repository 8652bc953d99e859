"""Other processes' load: each phase is watched, and a figure taken while others kept the
machine busy is tried again later or recorded as refused (`guarded`)."""

from __future__ import annotations

import os
import time

from bench.common import load_average, log_line

# A figure taken while other processes used the CPU says little about Desk. Each load phase is
# watched: the CPU the machine spent (/proc/stat) minus what the benchmark's own processes spent
# (this process and the children it waited for, gunicorn and its workers, the PostgreSQL backends
# of the benchmark's database), per second of the phase, is the load of the others. Above
# OTHER_LOAD_LIMIT the figure is not written: the phase is tried again after a pause, and after
# LOAD_ATTEMPTS it is recorded as refused, with the load that was seen.
OTHER_LOAD_LIMIT = float(os.environ.get("BENCH_OTHER_LOAD_LIMIT", "0.5"))
LOAD_ATTEMPTS = int(os.environ.get("BENCH_LOAD_ATTEMPTS", "4"))
LOAD_PAUSE = float(os.environ.get("BENCH_LOAD_PAUSE", "30"))
_TICK = os.sysconf("SC_CLK_TCK")


def _machine_busy_ticks() -> int:
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal: everything but idle and iowait
    return sum(fields[:8]) - fields[3] - fields[4]


def _process_ticks(pid: int, children: bool = False) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # of the children waited for
    return ticks


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _backend_pids() -> set[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return {row[0] for row in cursor.fetchall()}


class OtherLoad:
    """How busy processes other than the benchmark's kept the machine during a `with` block."""

    def __init__(self, server_pid: int | None = None) -> None:
        self.server_pid = server_pid

    def _own(self) -> dict[int, int]:
        pids = _backend_pids()
        if self.server_pid:
            pids |= {self.server_pid} | _descendants(self.server_pid)
        own = {pid: _process_ticks(pid) for pid in pids}
        own[os.getpid()] = _process_ticks(os.getpid(), children=True)
        return own

    def __enter__(self) -> OtherLoad:
        self.loadavg = load_average()
        self.began = time.monotonic()
        self.busy = _machine_busy_ticks()
        self.own = self._own()
        return self

    def __exit__(self, *exc) -> None:
        seconds = time.monotonic() - self.began
        busy = _machine_busy_ticks() - self.busy
        own_now = self._own()
        own = sum(ticks - self.own.get(pid, 0) for pid, ticks in own_now.items())
        self.load = max(0.0, (busy - own) / _TICK / seconds) if seconds else 0.0

    @property
    def record(self) -> dict:
        return {"loadavg": self.loadavg, "other_load": round(self.load, 2)}


def guarded(what: str, measure, server_pid: int | None = None) -> dict:
    """measure() under OtherLoad, tried again while other processes were too busy."""
    for attempt in range(1, LOAD_ATTEMPTS + 1):
        with OtherLoad(server_pid) as watch:
            figures = measure()
        if watch.load <= OTHER_LOAD_LIMIT:
            return {**figures, **watch.record, "attempts": attempt}
        log_line(
            f"  !! {what}: other processes kept {watch.load:.2f} CPUs busy (limit "
            f"{OTHER_LOAD_LIMIT}); figure refused"
            + (f", trying again in {LOAD_PAUSE:.0f} s" if attempt < LOAD_ATTEMPTS else "")
        )
        if attempt < LOAD_ATTEMPTS:
            time.sleep(LOAD_PAUSE)
    return {"refused": True, **watch.record, "attempts": LOAD_ATTEMPTS}
