"""desk.forms: the shape of what people type, every rejection shown at its own field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from departments.models import FieldKind
from desk.forms import CommentForm, RequestForm
from desk.models import Priority
from tests.desk import uploads
from tests.factories import ServiceFieldFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def laptop_fields(service_a):
    """The new-laptop service asks five extra questions, one of each kind."""
    return {
        "cost_centre": ServiceFieldFactory(
            service=service_a, label="Cost centre", kind=FieldKind.TEXT, required=True, order=1
        ),
        "reason": ServiceFieldFactory(
            service=service_a, label="Why now", kind=FieldKind.LONG_TEXT, order=2
        ),
        "budget": ServiceFieldFactory(
            service=service_a, label="Budget (PLN)", kind=FieldKind.NUMBER, order=3
        ),
        "start": ServiceFieldFactory(
            service=service_a, label="Start date", kind=FieldKind.DATE, order=4
        ),
        "model": ServiceFieldFactory(
            service=service_a,
            label="Model",
            kind=FieldKind.CHOICE,
            options="ThinkPad T14\nMacBook Air\n",
            required=True,
            help_text="Ask your head if unsure.",
            order=5,
        ),
    }


def _data(fields, **overrides) -> dict:
    data = {
        "title": "Laptop for Marta",
        "description": "She starts on Monday.",
        "priority": str(Priority.HIGH),
        f"extra_{fields['cost_centre'].pk}": "CC-104",
        f"extra_{fields['reason'].pk}": "Replacing a broken one.",
        f"extra_{fields['budget'].pk}": "5200.50",
        f"extra_{fields['start'].pk}": "2025-03-03",
        f"extra_{fields['model'].pk}": "MacBook Air",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _form(service, data, files=()) -> RequestForm:
    return RequestForm(data, MultiValueDict({"attachments": list(files)}), service=service)


def _errors(form, field) -> list[str]:
    assert not form.is_valid()
    return form.errors[field]


def test_it_accepts_a_complete_request(service_a, laptop_fields):
    form = _form(service_a, _data(laptop_fields), [uploads.png(), uploads.pdf()])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["priority"] == Priority.HIGH
    assert len(form.cleaned_data["attachments"]) == 2


def test_it_turns_extra_fields_into_answers_with_labels(service_a, laptop_fields):
    form = _form(service_a, _data(laptop_fields))
    assert form.is_valid(), form.errors
    answers = {a["label"]: a for a in form.extra_answers()}
    assert answers["Cost centre"]["value"] == "CC-104"
    assert answers["Budget (PLN)"]["value"] == str(Decimal("5200.50"))
    assert answers["Start date"]["value"] == date(2025, 3, 3).isoformat()
    assert answers["Model"] == {
        "field": laptop_fields["model"].pk,
        "label": "Model",
        "kind": "choice",
        "value": "MacBook Air",
    }


def test_it_leaves_unanswered_optional_fields_out(service_a, laptop_fields):
    data = _data(laptop_fields, **{f"extra_{laptop_fields['budget'].pk}": ""})
    form = _form(service_a, data)
    assert form.is_valid(), form.errors
    assert "Budget (PLN)" not in {a["label"] for a in form.extra_answers()}


def test_extra_fields_come_in_the_admins_order_before_attachments(service_a, laptop_fields):
    names = list(_form(service_a, {}).fields)
    assert names[:3] == ["title", "description", "priority"]
    assert names[-1] == "attachments"
    assert names[3:-1] == [f"extra_{laptop_fields[k].pk}" for k in laptop_fields]


def test_extra_fields_keep_their_label_and_help_text(service_a, laptop_fields):
    field = _form(service_a, {}).fields[f"extra_{laptop_fields['model'].pk}"]
    assert field.label == "Model"
    assert field.help_text == "Ask your head if unsure."
    assert field.required


def test_a_choice_offers_exactly_its_options(service_a, laptop_fields):
    field = _form(service_a, {}).fields[f"extra_{laptop_fields['model'].pk}"]
    assert [value for value, _ in field.choices] == ["", "ThinkPad T14", "MacBook Air"]


# --- every rejection ----------------------------------------------------------------------------


def test_it_rejects_a_missing_title(service_a, laptop_fields):
    assert _errors(_form(service_a, _data(laptop_fields, title="   ")), "title") == [
        "This field is required."
    ]


def test_it_rejects_a_too_long_title(service_a, laptop_fields):
    errors = _errors(_form(service_a, _data(laptop_fields, title="x" * 201)), "title")
    assert "at most 200 characters" in errors[0]


def test_it_rejects_a_missing_description(service_a, laptop_fields):
    assert _errors(_form(service_a, _data(laptop_fields, description="")), "description")


def test_it_rejects_an_unknown_priority(service_a, laptop_fields):
    errors = _errors(_form(service_a, _data(laptop_fields, priority="9")), "priority")
    assert "Select a valid choice" in errors[0]


def test_it_rejects_a_bad_number(service_a, laptop_fields):
    name = f"extra_{laptop_fields['budget'].pk}"
    assert _errors(_form(service_a, _data(laptop_fields, **{name: "a lot"})), name) == [
        "Enter a number."
    ]


def test_it_rejects_a_bad_date(service_a, laptop_fields):
    name = f"extra_{laptop_fields['start'].pk}"
    assert _errors(_form(service_a, _data(laptop_fields, **{name: "2025-02-30"})), name) == [
        "Enter a valid date."
    ]


def test_it_rejects_a_choice_not_in_the_options(service_a, laptop_fields):
    name = f"extra_{laptop_fields['model'].pk}"
    errors = _errors(_form(service_a, _data(laptop_fields, **{name: "Gaming rig"})), name)
    assert "Select a valid choice" in errors[0]


def test_it_rejects_a_missing_required_extra_field(service_a, laptop_fields):
    name = f"extra_{laptop_fields['cost_centre'].pk}"
    assert _errors(_form(service_a, _data(laptop_fields, **{name: None})), name) == [
        "This field is required."
    ]


def test_it_rejects_a_missing_required_choice(service_a, laptop_fields):
    name = f"extra_{laptop_fields['model'].pk}"
    assert _errors(_form(service_a, _data(laptop_fields, **{name: ""})), name)


def test_it_rejects_too_many_files(service_a, laptop_fields, settings):
    files = [uploads.text(f"note{i}.txt") for i in range(settings.DESK_MAX_ATTACHMENTS + 1)]
    errors = _errors(_form(service_a, _data(laptop_fields), files), "attachments")
    assert errors == [f"Attach at most {settings.DESK_MAX_ATTACHMENTS} files."]


def test_it_accepts_exactly_the_maximum_number_of_files(service_a, laptop_fields, settings):
    settings.DESK_MAX_ATTACHMENTS = 2
    form = _form(service_a, _data(laptop_fields), [uploads.png(), uploads.pdf()])
    assert form.is_valid(), form.errors


def test_it_rejects_a_too_large_file(service_a, laptop_fields, settings):
    settings.DESK_MAX_ATTACHMENT_MB = 1
    big = uploads.of_size(1024 * 1024 + 1, name="huge.txt")
    errors = _errors(_form(service_a, _data(laptop_fields), [big]), "attachments")
    assert errors == ["huge.txt is larger than 1.0\xa0MB, the limit for one file."]


def test_it_rejects_a_file_of_the_wrong_type(service_a, laptop_fields):
    errors = _errors(
        _form(service_a, _data(laptop_fields), [uploads.exe("cat.png")]), "attachments"
    )
    assert "cat.png is not a file type Desk accepts" in errors[0]


def test_it_rejects_text_dressed_as_an_image(service_a, laptop_fields):
    errors = _errors(
        _form(service_a, _data(laptop_fields), [uploads.text("cat.png")]), "attachments"
    )
    assert "does not contain what its name says" in errors[0]


def test_it_names_every_bad_file(service_a, laptop_fields):
    files = [uploads.exe("a.png"), uploads.png("fine.png"), uploads.text("b.pdf")]
    errors = _errors(_form(service_a, _data(laptop_fields), files), "attachments")
    assert len(errors) == 2
    assert "a.png" in errors[0]
    assert "b.pdf" in errors[1]


def test_it_rejects_an_empty_file(service_a, laptop_fields):
    empty = SimpleUploadedFile("blank.txt", b"")
    assert _errors(_form(service_a, _data(laptop_fields), [empty]), "attachments")


def test_it_reports_every_error_at_once(service_a, laptop_fields):
    data = _data(
        laptop_fields,
        title="",
        **{
            f"extra_{laptop_fields['budget'].pk}": "x",
            f"extra_{laptop_fields['start'].pk}": "yesterday",
            f"extra_{laptop_fields['model'].pk}": "Nope",
        },
    )
    form = _form(service_a, data, [uploads.exe()])
    assert not form.is_valid()
    expected = {"title", "attachments"} | {
        f"extra_{laptop_fields[k].pk}" for k in ("budget", "start", "model")
    }
    assert set(form.errors) == expected


def test_the_attachment_help_follows_the_settings(service_a, settings):
    settings.DESK_MAX_ATTACHMENTS = 3
    settings.DESK_MAX_ATTACHMENT_MB = 2
    help_text = str(RequestForm(service=service_a)["attachments"].help_text)
    assert help_text.startswith("Up to 3 files of at most 2 MB each")


# --- comments ------------------------------------------------------------------------------------


def test_a_comment_needs_words_or_a_file():
    form = CommentForm({"body": "  "}, MultiValueDict())
    assert not form.is_valid()
    assert form.errors["body"] == ["Write a message or attach a file."]


def test_a_comment_may_be_only_a_file():
    form = CommentForm({"body": ""}, MultiValueDict({"attachments": [uploads.png()]}))
    assert form.is_valid(), form.errors


def test_a_comment_rejects_a_bad_file():
    form = CommentForm({"body": "see attached"}, MultiValueDict({"attachments": [uploads.exe()]}))
    assert not form.is_valid()
    assert "attachments" in form.errors


def test_a_comment_rejects_a_too_long_body():
    form = CommentForm({"body": "x" * 20001}, MultiValueDict())
    assert not form.is_valid()
    assert "body" in form.errors


def _fields(form) -> list[str]:
    return [str(form[name]) for name in form.fields]


@pytest.mark.parametrize(
    ("form_class", "data"),
    [
        (CommentForm, None),
        (CommentForm, {"body": 'O\'Brien & <Sons> "quoted"\n  second line', "internal": "on"}),
        (CommentForm, {"body": ""}),
        ("TimeLogForm", None),
        ("TimeLogForm", {"minutes": "-5", "spent_on": "2026-13-01", "note": "<b>late</b> & 'x'"}),
    ],
)
def test_desk_widget_templates_give_djangos_markup(form_class, data):
    """JinjaWidgets renders the input widgets from flattened copies of Django's templates: the
    markup is Django's own, unbound and refused, with the person's text escaped as Django does."""
    from django.forms.renderers import Jinja2

    from desk import forms as desk_forms

    if isinstance(form_class, str):
        form_class = getattr(desk_forms, form_class)
    djangos = Jinja2()
    djangos.engine.env.finalize = desk_forms.escape_as_django
    ours, theirs = form_class(data=data), form_class(data=data, renderer=djangos)
    if data is not None:
        assert ours.is_valid() == theirs.is_valid()
    assert _fields(ours) == _fields(theirs)
    assert any("<input" in field or "<textarea" in field for field in _fields(ours))


def _rendered(field) -> str:
    from desk.jinja2 import render_fragment

    return str(render_fragment("desk/_field.html", {"field": field}))


def test_a_blank_forms_fields_are_kept_and_shown_as_rendered():
    """field_html keeps a blank reply form's fields: the second page gets the same markup
    without rendering the field again."""
    from desk import jinja2 as desk_jinja2

    desk_jinja2._BLANK_FIELDS.clear()
    first = str(desk_jinja2.field_html(CommentForm()["body"]))
    assert first == _rendered(CommentForm()["body"])
    assert len(desk_jinja2._BLANK_FIELDS) == 1
    kept = next(iter(desk_jinja2._BLANK_FIELDS))
    desk_jinja2._BLANK_FIELDS[kept] = "kept"
    assert desk_jinja2.field_html(CommentForm()["body"]) == "kept"


def test_a_refused_forms_fields_show_the_persons_text_and_errors():
    from desk.jinja2 import field_html

    field_html(CommentForm()["body"])  # a blank one kept first
    refused = CommentForm({"body": "<b>mine</b> & 'yours'" + "x" * 20000})
    assert not refused.is_valid()
    shown = str(field_html(refused["body"]))
    assert "&lt;b&gt;mine&lt;/b&gt; &amp; &#x27;yours&#x27;" in shown
    assert 'class="errorlist"' in shown
    assert shown == _rendered(refused["body"])


def test_kept_fields_follow_the_language_the_settings_and_the_ids(settings):
    from django.utils import translation

    from desk.forms import TimeLogForm
    from desk.jinja2 import field_html

    with translation.override("en"):
        english = str(field_html(TimeLogForm()["spent_on"]))
    with translation.override("pl"):
        polish = str(field_html(TimeLogForm()["spent_on"]))
    assert english != polish
    with translation.override("pl"):
        assert polish == _rendered(TimeLogForm()["spent_on"])
    settings.DESK_MAX_ATTACHMENTS = 3
    assert "Up to 3 files" in str(field_html(CommentForm()["attachments"]))
    settings.DESK_MAX_ATTACHMENTS = 7
    assert "Up to 7 files" in str(field_html(CommentForm()["attachments"]))
    assert 'id="other_body"' in str(field_html(CommentForm(auto_id="other_%s")["body"]))


def test_only_forms_that_say_so_keep_their_fields(service_a):
    """A form whose fields differ by person (a request form's extra questions and choices) is
    rendered every time."""
    from desk import jinja2 as desk_jinja2

    desk_jinja2._BLANK_FIELDS.clear()
    form = RequestForm(service=service_a)
    assert str(desk_jinja2.field_html(form["title"])) == _rendered(form["title"])
    assert desk_jinja2._BLANK_FIELDS == {}
