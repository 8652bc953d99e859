"""Markdown to safe HTML: Python-Markdown renders, nh3 keeps only what an article needs.

Images may only come from the article's own checked uploads (helpcenter:image), never from
another site: an image from elsewhere would tell that site who read the article, and when.
"""

from __future__ import annotations

import markdown as md
import nh3
from django.urls import reverse

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


def _image_prefix() -> str:
    return reverse("helpcenter:image", args=["0" * 32]).removesuffix("0" * 32 + "/")


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.startswith(_image_prefix()):
        return None
    return value


def render(text: str) -> str:
    """Sanitised HTML of an article's Markdown. Headings start at h2: the page has the h1."""
    html = md.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_filter,
    )
