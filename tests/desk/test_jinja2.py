"""Desk's Jinja2 environment writes `{{ value }}` with its own escape (desk.jinja2.escape_output):
the same text as Jinja2's, wherever a template writes a value."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from jinja2 import Environment
from markupsafe import Markup

from desk.jinja2 import escape_output

VALUES = {
    "text": 'Tom\'s <b>"printer"</b> & co',
    "number": 12345,
    "none": None,
    "markup": Markup("<em>trusted</em>"),
    "django_safe": mark_safe("<strong>safe</strong>"),
    "lazy": lazy(lambda: "<lazy & late>", str)(),
    "empty": "",
}

TEMPLATES = [
    "{{ v }}",
    "<a title='{{ v }}'>{{ v }} and {{ v ~ '<' }}</a>",
    "{{ missing }}|{{ v|default('<none>') }}",
    "{% macro m(x) %}<b>{{ x }}</b>{% endmacro %}{{ m(v) }}{{ m(m(v)) }}",
    "{% set block %}<p>{{ v }}</p>{% endset %}{{ block }}{{ block|length }}",
    "{% filter upper %}<i>{{ v }}</i>{% endfilter %}",
    "{% macro c() %}[{{ caller() }}]{% endmacro %}{% call c() %}<u>{{ v }}</u>{% endcall %}",
    "{% for x in [v, '<x>', 3] %}{{ loop.index }}:{{ x }};{% endfor %}",
    "{% autoescape false %}{{ v }}{% endautoescape %}|{{ v }}",
]


@pytest.mark.parametrize("source", TEMPLATES)
@pytest.mark.parametrize("name", VALUES)
def test_values_are_written_as_jinja2_writes_them(source, name):
    ours = engines["jinja2"].env.from_string(source)
    stock = Environment(autoescape=True).from_string(source)
    assert ours.render(v=VALUES[name]) == stock.render(v=VALUES[name])


def test_the_templates_are_compiled_with_desks_escape():
    """A Jinja2 release that renamed the code generator's hook would silently bring markupsafe's
    escape back: the compiled code says which one a template uses."""
    code = engines["jinja2"].env.compile("<p>{{ v }}</p>", raw=True)
    assert "environment.escape_output(" in code
    assert "escape(" not in code.replace("escape_output(", "")


def test_escape_output_is_markupsafes_escape_as_text():
    for value in VALUES.values():
        assert escape_output(value) == str(Markup.escape(value))
    assert type(escape_output("<")) is str
