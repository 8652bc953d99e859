"""The new part of an email's text: HTML made plain, quoted history and signatures cut off."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCKS = {
    "p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr",
    "ul", "ol", "blockquote", "section", "article", "header", "footer",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "title"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.quote_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "blockquote":
            self.quote_depth += 1
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
            self.parts.append("\n")
        elif tag in _BLOCKS and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skipping:
            return
        text = re.sub(r"\s+", " ", data)
        if self.quote_depth:
            # Quoted history in HTML mail is a <blockquote>: mark it as plain text quotes are.
            text = text.replace("\n", "\n> ")
            if not self.parts or self.parts[-1].endswith("\n"):
                text = "> " + text.lstrip()
        self.parts.append(text)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [line.strip() for line in unescape("".join(extractor.parts)).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Where a mail client starts the quoted message it answers, in English and Polish.
_QUOTE_HEADERS = [
    re.compile(r"^On .{4,200}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^W dniu .{4,200}\b(napisał|napisała|napisał\(a\)|pisze)\s*:\s*$", re.IGNORECASE),
    re.compile(r"^.{0,200}<[^>@\s]+@[^>\s]+>\s+(wrote|napisał|napisała|pisze)\s*:\s*$", re.IGNORECASE),
    re.compile(r"^-{2,}\s*(Original Message|Oryginalna wiadomość|Wiadomość oryginalna)\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),  # Outlook's rule above the quoted header block
]  # fmt: skip
# Outlook's quoted header block starts with From: (only when Sent/To/Subject lines follow).
_OUTLOOK_FROM = re.compile(r"^(From|Od|Von):\s.+$")
# The start of a signature: RFC 3676's "-- " line, and what phones add.
_SIGNATURES = [
    re.compile(r"^--\s?$"),
    re.compile(r"^(Sent from|Wysłane z|Wysłano z) (my )?\S.{0,60}$", re.IGNORECASE),
    re.compile(r"^Get Outlook for .{1,40}$", re.IGNORECASE),
]


def _is_outlook_block(lines: list[str], index: int) -> bool:
    """A "From: …" line starts quoted history only when a Sent/Date/To/Subject line follows."""
    following = " ".join(lines[index + 1 : index + 5])
    return bool(re.search(r"\b(Sent|Date|To|Subject|Wysłano|Data|Do|Temat):", following))


def strip_reply(text: str) -> str:
    """The text the person wrote now, without what their client quoted or signed below it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if any(pattern.match(line.rstrip()) for pattern in _SIGNATURES):
            break
        if any(pattern.match(stripped) for pattern in _QUOTE_HEADERS):
            break
        if _OUTLOOK_FROM.match(stripped) and _is_outlook_block(lines, index):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    result = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", result)
