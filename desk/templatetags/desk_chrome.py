"""The parts of every page around its content, for base.html: {% page_head %}, {% page_header %},
{% page_notices %} and {% page_footer %}. Their markup is Jinja2's and their values come from
desk.chrome, as for the pages written in Jinja2 (desk/page.html): one copy for both engines.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from desk import chrome
from desk.jinja2 import render_fragment

register = template.Library()


@register.simple_tag
def page_head() -> SafeString:
    return render_fragment("desk/_page_head.html", {})


@register.simple_tag(takes_context=True)
def page_header(context) -> SafeString:
    return render_fragment("desk/_page_header.html", chrome.header_values(context))


@register.simple_tag(takes_context=True)
def page_notices(context) -> SafeString:
    return render_fragment("desk/_page_notices.html", chrome.notices_values(context))


@register.simple_tag(takes_context=True)
def page_footer(context) -> SafeString:
    return render_fragment("desk/_page_footer.html", chrome.footer_values(context))
