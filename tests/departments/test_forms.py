"""departments.forms: a service's extra field as the form field that asks it."""

from __future__ import annotations

import pytest
from django.utils import translation

from departments.forms import extra_form_field
from departments.models import FieldKind
from tests.factories import ServiceFieldFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "widget_type"),
    [
        (FieldKind.TEXT, "text"),
        (FieldKind.NUMBER, "number"),
        (FieldKind.DATE, "date"),
    ],
)
def test_each_kind_gets_a_fitting_input(service_a, kind, widget_type):
    field = extra_form_field(ServiceFieldFactory(service=service_a, kind=kind))
    assert field.widget.input_type == widget_type


def test_long_text_is_a_text_area(service_a):
    field = extra_form_field(ServiceFieldFactory(service=service_a, kind=FieldKind.LONG_TEXT))
    assert field.widget.__class__.__name__ == "Textarea"


def test_a_choice_stores_the_english_option_and_shows_the_pages_language(service_a):
    model = ServiceFieldFactory(
        service=service_a,
        kind=FieldKind.CHOICE,
        label="Model",
        label_pl="Model laptopa",
        options="Standard laptop\nDesktop",
        options_pl="Standardowy laptop\nKomputer stacjonarny",
        required=True,
    )
    with translation.override("pl"):
        field = extra_form_field(model)
    assert field.required
    assert field.label == "Model laptopa"
    assert field.choices == [
        ("", "—"),
        ("Standard laptop", "Standardowy laptop"),
        ("Desktop", "Komputer stacjonarny"),
    ]
