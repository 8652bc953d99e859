"""desk.links: a request's links, made from one reverse() per URL name, are reverse()'s."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from desk.links import request_link

REQUEST_URLS = [
    "desk:request-detail",
    "desk:request-comment",
    "desk:request-cancel",
    "desk:request-confirm",
    "desk:request-reopen",
    "desk:request-take",
    "desk:request-assign",
    "desk:request-status",
    "desk:request-priority",
    "desk:request-service",
    "desk:request-log-time",
    "feedback:rate",
    "feedback:thank",
]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("name", REQUEST_URLS)
@pytest.mark.parametrize("prefix", ["/", "/desk/"])
@pytest.mark.parametrize(("code", "number"), [("IT", "0042"), ("HR2", "123456789"), ("F", 7)])
def test_a_request_link_is_what_reverse_gives(script_prefix, name, prefix, code, number):
    script_prefix(prefix)
    assert request_link(name, code, number) == reverse(name, args=[code, number])
    assert request_link(name, code, number).startswith(f"{prefix}requests/{code}-{number}/")


def test_other_links_with_two_arguments_are_reversed_in_full():
    assert request_link("desk:queue-row-actions", "it", 42) == reverse(
        "desk:queue-row-actions", args=["it", 42]
    )


@pytest.mark.parametrize(("code", "number"), [("it", "0042"), ("IT", "-1"), ("IT", "x"), ("", "1")])
def test_a_reference_reverse_refuses_is_refused(code, number):
    with pytest.raises(NoReverseMatch):
        reverse("desk:request-detail", args=[code, number])
    with pytest.raises(NoReverseMatch):
        request_link("desk:request-detail", code, number)
