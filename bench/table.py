"""The table of bench/results.md: reads bench/results/<size>.json and renders every size measured
so far, with targets and verdicts (the notes below the marker are kept)."""

from __future__ import annotations

import json

from bench.common import (
    MIXED_VIEWERS,
    MIXED_WRITES,
    NOTES_MARKER,
    RESULTS_DIR,
    RESULTS_MD,
    SIZE_LABEL,
    SIZE_ORDER,
)


def _load_results() -> dict[str, dict]:
    results = {}
    for size in SIZE_ORDER:
        path = RESULTS_DIR / f"{size}.json"
        if path.exists():
            results[size] = json.loads(path.read_text())
    return results


def _get(data: dict, path: str):
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _verdict(ok: bool | None, where: str) -> str:
    if ok is None:
        return "not measured"
    return f"**met** ({where})" if ok else f"**MISSED** ({where})"


def _rows(results: dict[str, dict]) -> list[tuple[str, list[str], str, str]]:
    """(measurement, one value per size, target, verdict) for the table. Verdicts are taken at
    the largest size measured (the targets are stated at 1M)."""
    sizes = [s for s in SIZE_ORDER if s in results]
    top = sizes[-1] if sizes else None
    where = f"at {SIZE_LABEL[top]}" if top else ""
    rows: list[tuple[str, list[str], str, str]] = []

    def row(label: str, cells: list[str], target: str = "", verdict: str = "") -> None:
        rows.append((label, cells, target, verdict))

    def values(path: str, digits: int = 1, scale: float = 1.0) -> list[str]:
        out = []
        for size in sizes:
            value = _get(results[size], path)
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = value * scale if scale != 1.0 else value
            out.append(_fmt(value, digits))
        return out

    def joined(*paths: str, digits: int = 1) -> list[str]:
        return [
            " / ".join(_fmt(_get(results[size], path), digits) for path in paths) for size in sizes
        ]

    def at_top(path: str):
        return _get(results[top], path) if top else None

    def check(path: str, test) -> str:
        value = at_top(path)
        return _verdict(None if value is None else test(value), where)

    def ratio_to_small(path: str, size: str) -> float | None:
        small = _get(results.get("10k", {}), path)
        value = _get(results[size], path)
        return value / small if small and value else None

    row("Requests / events / ratings", joined("data.requests", "data.events", "data.feedback"))
    row(
        "Generation, total (s)",
        values("data.seconds_total", 0),
        "< 600 s",
        check("data.seconds_total", lambda v: v < 600),
    )
    for key, label in (
        ("queue", "Queue, default view"),
        ("queue_filtered", "Queue, 3 filters + search"),
        ("request", "Request page, 30 events"),
    ):
        page = f"pages.{key}"
        if key != "request":
            row(f"{label}: rows shown", values(f"{page}.rows", 0), "50" if key == "queue" else "")
        median = f"{page}.median_ms"
        row(f"{label}: median (ms)", values(median), "< 25 ms", check(median, lambda v: v < 25))
        row(f"{label}: p95 (ms)", values(f"{page}.p95_ms"), "< 60 ms",
            check(f"{page}.p95_ms", lambda v: v < 60))  # fmt: skip
        row(f"{label}: Python CPU median (ms, info)", values(f"{page}.cpu_median_ms"))
        ratios = [ratio_to_small(median, size) for size in sizes]
        top_ratio = ratios[-1] if top and top != "10k" else None
        row(
            f"{label}: median vs 10k",
            [f"{_fmt(r, 2)}×" if r is not None else "—" for r in ratios],
            "≤ 1.5×",
            _verdict(None if top_ratio is None else top_ratio <= 1.5, where),
        )
        # The same ratio with each size's median taken against its own trivial page (measured
        # minutes apart, not at once): what the data adds, without the machine's drift between.
        yardstick = [ratio_to_small("pages.trivial.median_ms", size) for size in sizes]
        row(
            f"{label}: median vs 10k, each against its trivial page (info)",
            [
                f"{_fmt(r / t, 2)}×" if r is not None and t else "—"
                for r, t in zip(ratios, yardstick, strict=True)
            ],
        )
        counts = [_get(results[size], f"{page}.queries") for size in sizes]
        same = None if not counts or None in counts else len(set(counts)) == 1
        row(f"{label}: SQL queries", [_fmt(c) for c in counts], "identical",
            _verdict(same, "all sizes"))  # fmt: skip
    for key, label in (
        ("queue_cold", "Queue, default view, page cache missed"),
        ("queue_filtered_cold", "Queue, 3 filters + search, page cache missed"),
    ):
        page = f"pages.{key}"
        if key == "queue_cold":
            # Issue 11: the rendering itself, not a cache of it, must be fast.
            row(f"{label} (first view after a change): median (ms)", values(f"{page}.median_ms"),
                "< 25 ms", check(f"{page}.median_ms", lambda v: v < 25))  # fmt: skip
            row(f"{label}: p95 (ms)", values(f"{page}.p95_ms"))
        else:
            row(f"{label} (info): median / p95 (ms)",
                joined(f"{page}.median_ms", f"{page}.p95_ms"))  # fmt: skip
        row(f"{label} (info): Python CPU median (ms)", values(f"{page}.cpu_median_ms"))
        counts = [_get(results[size], f"{page}.queries") for size in sizes]
        same = None if not counts or None in counts else len(set(counts)) == 1
        row(f"{label}: SQL queries", [_fmt(c) for c in counts], "identical",
            _verdict(same, "all sizes"))  # fmt: skip
    row(
        "Queue, all states + search (info): median / p95 (ms)",
        joined("pages.queue_search_all.median_ms", "pages.queue_search_all.p95_ms"),
    )
    row("Trivial page in-process: median (ms)", values("pages.trivial.median_ms"))

    for key, label in (
        ("trivial", "trivial view (ceiling)"),
        ("queue", "queue page"),
        ("request", "request page"),
    ):
        load = f"load.{key}"
        row(f"Load, {label}: requests/s", values(f"{load}.rps", 0))
        row(f"Load, {label}: load average / other processes' load", [
            f"{_get(results[size], f'{load}.loadavg') or '—'} / "
            f"{_fmt(_get(results[size], f'{load}.other_load'), 2)}"
            for size in sizes
        ], "others ≤ 0.5")  # fmt: skip
        row(f"Load, {label}: p50 / p99 (ms)", joined(f"{load}.p50_ms", f"{load}.p99_ms"))
        row(f"Load, {label}: non-2xx", values(f"{load}.non_2xx", 0), "0",
            check(f"{load}.non_2xx", lambda v: v == 0))  # fmt: skip
        if key == "queue":
            row(f"Load, {label}: share of ceiling (%)", values(f"{load}.share", 0, 100.0),
                "≥ 40 %", check(f"{load}.share", lambda v: v >= 0.4))  # fmt: skip
        elif key == "request":
            row(f"Load, {label}: share of ceiling (%)", values(f"{load}.share", 0, 100.0),
                "≥ 30 %", check(f"{load}.share", lambda v: v >= 0.3))  # fmt: skip
    for viewers in MIXED_VIEWERS:
        for rate in MIXED_WRITES:
            mixed = f"mixed.{viewers}v-{rate}w"
            label = f"Mixed, {viewers} viewer{'s' if viewers > 1 else ''}, {rate} writes/s"
            refused = [
                "refused" if _get(results[size], f"{mixed}.refused") else "" for size in sizes
            ]
            row(f"{label}: queue requests/s (ceiling)", [
                note or f"{_fmt(_get(results[size], f'{mixed}.rps'), 0)} "
                f"({_fmt(_get(results[size], f'{mixed}.ceiling_rps'), 0)})"
                for size, note in zip(sizes, refused, strict=True)
            ])  # fmt: skip
            target = {(18, 1): 0.4, (18, 5): 0.3}.get((viewers, rate))
            row(f"{label}: share of ceiling (%)", values(f"{mixed}.share", 0, 100.0),
                f"≥ {target:.0%}".replace("%", " %") if target else "",
                check(f"{mixed}.share", lambda v, t=target: v >= t) if target else "")  # fmt: skip
            row(f"{label}: p50 / p99 (ms)", joined(f"{mixed}.p50_ms", f"{mixed}.p99_ms"),
                "p99 < 250 ms" if (viewers, rate) == (18, 1) else "",
                check(f"{mixed}.p99_ms", lambda v: v < 250) if (viewers, rate) == (18, 1) else "")  # fmt: skip
            row(f"{label}: non-2xx / writes done (failed)", [
                f"{_fmt(_get(results[size], f'{mixed}.non_2xx'), 0)} / "
                f"{_fmt(_get(results[size], f'{mixed}.writes_done'), 0)} "
                f"({_fmt(_get(results[size], f'{mixed}.writes_failed'), 0)})"
                for size in sizes
            ], "0 non-2xx" if viewers == 18 else "",
                check(f"{mixed}.non_2xx", lambda v: v == 0) if viewers == 18 else "")  # fmt: skip
            row(f"{label}: load average / other processes' load", [
                f"{_get(results[size], f'{mixed}.loadavg') or '—'} / "
                f"{_fmt(_get(results[size], f'{mixed}.other_load'), 2)}"
                for size in sizes
            ], "others ≤ 0.5")  # fmt: skip
    row("Filing over HTTP: requests/s", values("filing.rps", 0))
    row("Filing over HTTP: p50 / p99 (ms)", joined("filing.p50_ms", "filing.p99_ms"))
    row("Filing over HTTP: failed", values("filing.failed", 0), "0",
        check("filing.failed", lambda v: v == 0))  # fmt: skip

    full = "reports.full"
    stopped = [" (stopped)" if _get(results[size], f"{full}.timed_out") else "" for size in sizes]
    full_ok = None
    if at_top(f"{full}.seconds") is not None:
        full_ok = not at_top(f"{full}.timed_out") and at_top(f"{full}.seconds") < 30
    row(
        "Reports, full recomputation (s)",
        [v + note for v, note in zip(values(f"{full}.seconds"), stopped, strict=True)],
        "< 30 s",
        _verdict(full_ok, where),
    )
    row(
        "Reports, full recomputation: estimate (s, info)",
        values("reports.estimate.total_seconds", 0),
    )
    row("Reports, full recomputation: PostgreSQL backend peak RSS (MB, the larger backend)",
        values(f"{full}.backend_peak_rss_mb", 0), "< 512 MB",
        check(f"{full}.backend_peak_rss_mb", lambda v: v < 512))  # fmt: skip
    row("Reports, full recomputation: backend peak private memory (MB, info)",
        values(f"{full}.backend_peak_private_mb", 0))  # fmt: skip
    row("Reports, full recomputation: backends of the database seen / their private memory together (MB, info)",
        joined(f"{full}.backends", f"{full}.backends_peak_private_total_mb", digits=0))  # fmt: skip
    row("Reports, full recomputation: Python process peak RSS (MB)",
        values(f"{full}.peak_rss_mb", 0), "< 300 MB",
        check(f"{full}.peak_rss_mb", lambda v: v < 300))  # fmt: skip
    for key, label in (("close", "after one close"), ("rating", "after one rating")):
        path = f"reports.{key}"
        row(f"Reports, incremental {label}: median (ms)", values(f"{path}.median_ms"), "< 50 ms",
            check(f"{path}.median_ms", lambda v: v < 50))  # fmt: skip
        row(f"Reports, incremental {label}: samples", values(f"{path}.n", 0), "100")
    for key, label, target in (
        ("overview", "Company report page (12 months)", True),
        ("csv", "Company report CSV (12 months)", True),
        ("department", "Department report page (info)", False),
    ):
        path = f"reports.{key}"
        row(
            f"{label}: median / p95 (ms)",
            joined(f"{path}.median_ms", f"{path}.p95_ms"),
            "< 100 ms" if target else "",
            check(f"{path}.median_ms", lambda v: v < 100) if target else "",
        )
        row(f"{label}: SQL queries", values(f"{path}.queries", 0))
    return rows


def render_results() -> str:
    results = _load_results()
    sizes = [s for s in SIZE_ORDER if s in results]
    head = ["Measurement", *[f"{SIZE_LABEL[s]} requests" for s in sizes], "Target", "Verdict"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m bench.run` (see bench/README.md); do not edit above the notes marker.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] * len(head)) + "|",
    ]
    for label, values, target, verdict in _rows(results):
        lines.append("| " + " | ".join([label, *values, target, verdict]) + " |")
    lines += ["", "Runs:", ""]
    for size in sizes:
        meta = results[size].get("meta", {})
        lines.append(
            f"- {SIZE_LABEL[size]}: {meta.get('machine', '?')}, PostgreSQL {meta.get('postgres', '?')}."
            f" {meta.get('note', '')}".rstrip()
        )
        for step, sitting in results[size].get("sittings", {}).items():
            quick = " (quick mode)" if sitting.get("quick") else ""
            lines.append(
                f"  - {step}{quick}: started {sitting.get('started', '?')}, load average"
                f" {sitting.get('loadavg', '?')} (1, 5, 15 min)"
            )
    lines += ["", "Pages measured (URLs):", ""]
    if sizes:
        for name, url in results[sizes[-1]].get("urls", {}).items():
            lines.append(f"- {name}: `{url}`")
    table = "\n".join(lines) + "\n"
    notes = ""
    if RESULTS_MD.exists():
        text = RESULTS_MD.read_text()
        if NOTES_MARKER in text:
            notes = text[text.index(NOTES_MARKER) + len(NOTES_MARKER) :]
    RESULTS_MD.write_text(table + "\n" + NOTES_MARKER + (notes or "\n"))
    return table
