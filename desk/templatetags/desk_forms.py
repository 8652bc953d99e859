"""A form field with its label, help and errors, and a form's error summary, for Django templates.

The markup is Jinja2's (templates/jinja2/desk/_field.html and _form_errors.html), one copy for
both engines: the request page's Jinja2 parts include it directly, and it renders a field several
times faster than Django's engine did (the request page shows six).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from desk.jinja2 import field_html, render_fragment

register = template.Library()


@register.simple_tag
def field(bound_field) -> SafeString:
    return field_html(bound_field)


@register.simple_tag
def form_errors(form) -> SafeString:
    return render_fragment("desk/_form_errors.html", {"form": form})
