"""Charts drawn on the server as inline SVG: no JavaScript, nothing to load, printable.

Each chart is an image for assistive technology (role="img", a <title> and a <desc> that says
what it shows in words) and the page puts the table with every value next to it. Colours come
from desk.css through classes (c1..c8), so charts follow the design system's palette; the legend
is plain HTML under the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PALETTE_SIZE = 8
WIDTH = 640


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    dashed: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    note: str = ""
    target: float | None = None  # drawn as a marker (e.g. the promised turnaround)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return _("no data")
    places = 0 if unit == "%" or value >= 100 or value == int(value) else 1
    # Round first: number_format cuts extra digits off rather than rounding them.
    text = number_format(round(value, places), decimal_pos=places)
    return f"{text} %" if unit == "%" else f"{text} h" if unit == "h" else text


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^n at or above `value` (a readable axis maximum)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _svg_open(chart_id: str, height: int, title: str, description: str) -> str:
    return format_html(
        '<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" preserveAspectRatio="xMidYMid meet">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        desc=description,
    )


def _legend(series: list[Series]) -> str:
    items = "".join(
        format_html(
            '<li><i class="c{n}{dash}" aria-hidden="true"></i>{name}</li>',
            n=index % PALETTE_SIZE + 1,
            dash=" dashed" if s.dashed else "",
            name=s.name,
        )
        for index, s in enumerate(series)
    )
    return f'<ul class="legend" aria-hidden="true">{items}</ul>'


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: list[str],
    series: list[Series],
    unit: str = "",
    y_max: float | None = None,
) -> SafeString:
    """Lines over periods; a gap where a period has no value. Values are labelled when there is
    only one line; otherwise the table behind the chart gives them."""
    height, left, right, top, bottom = 260, 52, 16, 18, 44
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    known = [v for s in series for v in s.values if v is not None]
    top_value = y_max if y_max is not None else nice_ceiling(max(known, default=0) * 1.1)
    count = max(len(x_labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / count)

    def y(value: float) -> float:
        return top + plot_h - plot_h * min(value, top_value) / top_value

    parts = [_svg_open(chart_id, height, title, description)]
    for tick in range(5):
        value = top_value * tick / 4
        parts.append(
            format_html(
                '<line class="grid" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"></line>'
                '<text x="{tx}" y="{ty}" text-anchor="end">{label}</text>',
                x1=left,
                x2=WIDTH - right,
                y=f"{y(value):.1f}",
                tx=left - 6,
                ty=f"{y(value) + 4:.1f}",
                label=_fmt(value, unit),
            )
        )
    # Thin the labels out when they would touch, keeping the latest period's.
    step = max(1, math.ceil(count * 56 / plot_w))
    for i, label in enumerate(x_labels):
        if (count - 1 - i) % step == 0:
            parts.append(
                format_html(
                    '<text x="{x}" y="{y}" text-anchor="middle">{label}</text>',
                    x=f"{x(i):.1f}",
                    y=height - bottom + 18,
                    label=label,
                )
            )
    parts.append(
        format_html(
            '<line class="axis" x1="{l}" x2="{r}" y1="{b}" y2="{b}"></line>',
            l=left,
            r=WIDTH - right,
            b=top + plot_h,
        )
    )
    for index, s in enumerate(series):
        css = f"c{index % PALETTE_SIZE + 1}"
        run: list[str] = []
        runs: list[list[str]] = [run]
        for i, value in enumerate(s.values):
            if value is None:
                run = []
                runs.append(run)
                continue
            run.append(f"{x(i):.1f},{y(value):.1f}")
        for points in runs:
            if len(points) > 1:
                parts.append(
                    format_html(
                        '<polyline class="line {css}{dash}" points="{points}"></polyline>',
                        css=css,
                        dash=" dashed" if s.dashed else "",
                        points=" ".join(points),
                    )
                )
        for i, value in enumerate(s.values):
            if value is None:
                continue
            parts.append(
                format_html(
                    '<circle class="dot {css}" cx="{cx}" cy="{cy}" r="3.5">'
                    "<title>{name}, {period}: {value}</title></circle>",
                    css=css,
                    cx=f"{x(i):.1f}",
                    cy=f"{y(value):.1f}",
                    name=s.name,
                    period=x_labels[i] if i < len(x_labels) else "",
                    value=_fmt(value, unit),
                )
            )
            if len(series) == 1 or (len(series) == 2 and index == 0):
                parts.append(
                    format_html(
                        '<text class="value" x="{x}" y="{y}" text-anchor="middle">{v}</text>',
                        x=f"{x(i):.1f}",
                        y=f"{y(value) - 8:.1f}",
                        v=_fmt(value, unit),
                    )
                )
    if not known:
        parts.append(
            format_html(
                '<text class="empty" x="{x}" y="{y}" text-anchor="middle">{text}</text>',
                x=left + plot_w / 2,
                y=top + plot_h / 2,
                text=_("No data for these periods yet."),
            )
        )
    parts.append("</svg>")
    legend = _legend(series) if len(series) > 1 or series and series[0].dashed else ""
    return mark_safe("".join(parts) + legend)  # every value above went through format_html


def bar_chart(
    *,
    chart_id: str,
    title: str,
    items: list[Bar],
    unit: str = "",
    max_value: float | None = None,
    description: str | None = None,
) -> SafeString:
    """Horizontal bars, one per item, each with its value (and note) written at its end."""
    row, left, right, top = 30, 250, 150, 8
    height = top * 2 + row * max(len(items), 1)
    plot_w = WIDTH - left - right
    known = [v for item in items for v in (item.value, item.target) if v is not None]
    top_value = max_value if max_value is not None else nice_ceiling(max(known, default=0))

    def w(value: float) -> float:
        return plot_w * min(value, top_value) / top_value

    if description is None:
        description = "; ".join(
            f"{item.label}: {_fmt(item.value, unit)}" + (f" ({item.note})" if item.note else "")
            for item in items
        ) or _("Nothing to show.")
    parts = [_svg_open(chart_id, height, title, description)]
    for index, item in enumerate(items):
        y0 = top + index * row
        # Room for most service names; a longer one is cut, whole in its tooltip and the table.
        label = item.label if len(item.label) <= 36 else item.label[:35] + "…"
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="end"><title>{full}</title>{label}</text>',
                x=left - 8,
                y=y0 + row / 2 + 4,
                full=item.label,
                label=label,
            )
        )
        parts.append(
            format_html(
                '<rect class="track" x="{x}" y="{y}" width="{w}" height="{h}" rx="3"></rect>',
                x=left,
                y=y0 + 6,
                w=plot_w,
                h=row - 12,
            )
        )
        if item.value is not None:
            parts.append(
                format_html(
                    '<rect class="bar c1" x="{x}" y="{y}" width="{w}" height="{h}" rx="3"></rect>',
                    x=left,
                    y=y0 + 6,
                    w=f"{max(w(item.value), 1):.1f}",
                    h=row - 12,
                )
            )
        if item.target is not None:
            tx = left + w(item.target)
            parts.append(
                format_html(
                    '<line class="target" x1="{x}" x2="{x}" y1="{y1}" y2="{y2}">'
                    "<title>{t}</title></line>",
                    x=f"{tx:.1f}",
                    y1=y0 + 2,
                    y2=y0 + row - 2,
                    t=_("target"),
                )
            )
        text = _fmt(item.value, unit) + (f" · {item.note}" if item.note else "")
        parts.append(
            format_html(
                '<text class="value" x="{x}" y="{y}">{text}</text>',
                x=left + plot_w + 8,
                y=y0 + row / 2 + 4,
                text=text,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every value above went through format_html
