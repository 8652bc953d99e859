"""Desk in Polish: the catalogue covers every string, and pages, emails and admin use it.

The coverage test extracts the project's strings into a copy of the tree, exactly as
`make messages` does, so a string added anywhere without its Polish translation fails here.
"""

from __future__ import annotations

import gettext
import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from demo.common import demo_anchor
from demo.data import DEPARTMENTS
from demo.parts.organisation import build_organisation
from departments.models import FieldKind, ServiceField
from desk import services
from desk.models import Priority, Request
from tests.factories import ServiceFactory, ServiceFieldFactory, file_request

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
PO_FILE = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# What `make messages` scans: the apps and the templates (not tests, benchmarks or the venv).
SOURCES = ["departments", "desk", "feedback", "templates", "locale"]
WARSAW = ZoneInfo("Europe/Warsaw")
PL = {"HTTP_ACCEPT_LANGUAGE": "pl"}


def needs_gettext() -> None:
    """makemessages and msgfmt need GNU gettext: skip on a laptop without it, fail in CI."""
    missing = [tool for tool in ("xgettext", "msgmerge", "msgfmt") if shutil.which(tool) is None]
    if missing:
        message = f"needs GNU gettext ({', '.join(missing)} missing): apt-get install gettext"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


# --- a tiny .po reader (enough for what makemessages writes) ------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return context + self.msgid + (f" / {self.msgid_plural}" if self.msgid_plural else "")


def _unquote(text: str) -> str:
    return text.strip()[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header included (msgid "")."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def finish() -> None:
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            line = line[2:].strip()
            if not line or line.startswith("#"):
                continue
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        elif line.startswith("#"):
            continue
        if line.startswith('"'):
            kind, index = target
            if kind == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, kind, getattr(entry, kind) + _unquote(line))
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgid", "msgid_plural", "msgctxt"):
            if keyword in ("msgid", "msgctxt") and target is not None and target[0] == "msgstr":
                finish()
            target = (keyword, 0)
            setattr(entry, keyword, _unquote(value))
        else:
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
            assert match, f"cannot read {path}: {raw!r}"
            index = int(match.group(1) or 0)
            target = ("msgstr", index)
            entry.msgstr[index] = _unquote(value)
    finish()
    return entries


def untranslated(entries: list[Entry]) -> list[str]:
    """Every live msgid whose Polish text is missing, partial (plurals) or fuzzy."""
    problems = []
    for entry in entries:
        if entry.obsolete or entry.msgid == "":
            continue
        expected = 3 if entry.msgid_plural else 1  # Polish: one, few, many
        texts = [entry.msgstr.get(i, "") for i in range(expected)]
        if "fuzzy" in entry.flags or not all(text.strip() for text in texts):
            problems.append(entry.label)
    return problems


# --- the catalogue ------------------------------------------------------------------------------


def test_every_string_of_the_project_is_translated_into_polish(tmp_path, settings, monkeypatch):
    """Extract the strings as `make messages` does, into a copy, and check each has Polish."""
    needs_gettext()
    for name in SOURCES:
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["pl"], no_obsolete=True, verbosity=0)
    entries = read_po(tmp_path / "locale" / "pl" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 500  # the extraction really ran over the project
    missing = untranslated(entries)
    assert not missing, (
        f"{len(missing)} string(s) have no Polish translation; run `make messages` and "
        "translate them in locale/pl/LC_MESSAGES/django.po:\n" + "\n".join(missing)
    )


def test_the_committed_catalogue_is_complete_and_well_formed(tmp_path):
    """The .po itself: no fuzzy or empty entry, Polish plural rules, placeholders kept."""
    needs_gettext()
    entries = read_po(PO_FILE)
    assert untranslated(entries) == []
    header = next(e for e in entries if e.msgid == "").msgstr[0]
    assert "nplurals=3;" in header
    # --check-format: every %(name)s of the msgid is in the msgstr, and no stray ones.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "check.mo"), str(PO_FILE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_committed_mo_matches_the_po(tmp_path):
    """django.mo is committed: it must hold exactly what django.po says (compare catalogues)."""
    needs_gettext()
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(PO_FILE)], check=True)

    def catalogue(path: Path) -> dict:
        with path.open("rb") as handle:
            messages = dict(gettext.GNUTranslations(handle)._catalog)
        messages.pop("", None)  # the header's dates change with every extraction
        return messages

    assert MO_FILE.exists(), "compile it: make messages"
    committed = catalogue(MO_FILE)
    assert committed == catalogue(fresh), "locale/pl/LC_MESSAGES/django.mo is stale: make messages"


def test_git_does_not_ignore_the_compiled_catalogue():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(
        ["git", "check-ignore", "-q", str(MO_FILE.relative_to(ROOT))], cwd=ROOT, check=False
    )
    assert result.returncode == 1, ".gitignore hides django.mo; it must be committed"


def test_polish_plurals_follow_polish_rules():
    with translation.override("pl"):
        words = [
            translation.ngettext("%(count)s request", "%(count)s requests", n) % {"count": n}
            for n in (1, 2, 5, 12, 22, 25)
        ]
    assert words == [
        "1 zgłoszenie",
        "2 zgłoszenia",
        "5 zgłoszeń",
        "12 zgłoszeń",
        "22 zgłoszenia",
        "25 zgłoszeń",
    ]


# --- pages in the browser's, the profile's or the chosen language -------------------------------


def test_the_browser_language_gives_polish_pages(login, requester, service_a):
    response = login(requester).get(reverse("desk:catalog"), **PL)
    assert response["Content-Language"] == "pl"
    page = response.content.decode()
    assert '<html lang="pl">' in page
    assert "Czego potrzebujesz?" in page
    assert "Moje zgłoszenia" in page
    assert "W ciągu 16 godzin roboczych" in page  # a plural inside a blocktranslate


def test_an_english_browser_gets_english_pages(login, requester, service_a):
    response = login(requester).get(reverse("desk:catalog"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    assert "What do you need?" in response.content.decode()


def test_the_login_page_follows_the_browser(client):
    response = client.get(reverse("login"), **PL)
    assert "Zaloguj się" in response.content.decode()


def test_the_profile_language_wins_over_the_browser(login, requester, service_a):
    requester.language = "pl"
    requester.save(update_fields=["language"])
    response = login(requester).get(reverse("desk:catalog"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "pl"
    assert "Czego potrzebujesz?" in response.content.decode()


def test_the_footer_switcher_changes_the_language(login, requester, service_a):
    client = login(requester)
    catalog = reverse("desk:catalog")
    response = client.post(reverse("set_language"), {"language": "pl", "next": catalog})
    assert response.status_code == 302
    assert response["Location"] == catalog
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"
    page = client.get(catalog, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Czego potrzebujesz?" in page
    # The switcher offers both languages, named in the page's language, the current one chosen.
    assert '<option value="pl" selected>polski</option>' in page
    client.post(reverse("set_language"), {"language": "en", "next": catalog})
    assert "What do you need?" in client.get(catalog, **PL).content.decode()


def test_the_switcher_ignores_an_unknown_language(login, requester):
    client = login(requester)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


# --- dates, numbers and durations ---------------------------------------------------------------


@time_machine.travel(datetime(2026, 3, 5, 10, 15, tzinfo=WARSAW), tick=False)
def test_dates_and_durations_on_the_request_page_are_polish(login, requester, service_a):
    desk_request = file_request(requester, service_a, title="Laptop for new hire")
    client = login(requester)
    url = desk_request.get_absolute_url()
    polish = client.get(url, **PL).content.decode()
    assert "05-03-2026" in polish  # Polish short date: day-month-year
    assert re.search(r"termin za \d+ (godz\.|dni|dzień)", polish)
    assert "Nowe" in polish  # the status badge
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5 Mar 2026" in english  # desk/formats/en: day, month name, year
    assert "05-03-2026" not in english


def test_numbers_use_the_polish_decimal_comma():
    template = Template("{{ value|floatformat:1 }}")
    with translation.override("pl"):
        assert template.render(Context({"value": 2.5})) == "2,5"
    with translation.override("en"):
        assert template.render(Context({"value": 2.5})) == "2.5"


# --- the demo catalogue in Polish ---------------------------------------------------------------


def test_the_catalog_shows_polish_names_of_services_and_departments(
    login, requester, dept_a, service_a
):
    dept_a.name_pl, dept_a.description_pl = "Dział IT", "Komputery i konta."
    dept_a.save()
    service_a.name_pl = "Nowy laptop"
    service_a.description_pl = "Laptop skonfigurowany na pierwszy dzień."
    service_a.save()
    untranslated_service = ServiceFactory(department=dept_a, name="Printer toner", slug="toner")
    client = login(requester)

    polish = client.get(reverse("desk:catalog"), **PL).content.decode()
    assert "Dział IT" in polish
    assert "Komputery i konta." in polish
    assert "Nowy laptop" in polish
    assert "Laptop skonfigurowany na pierwszy dzień." in polish
    assert untranslated_service.name in polish  # no Polish name: the English one

    english = client.get(reverse("desk:catalog"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "New laptop" in english
    assert "Nowy laptop" not in english


def test_the_catalog_finds_a_service_by_its_polish_name(login, requester, service_a, service_a2):
    service_a.name_pl = "Nowy laptop"
    service_a.save()
    response = login(requester).get(reverse("desk:catalog"), {"q": "nowy"}, **PL)
    assert "Nowy laptop" in response.content.decode()
    assert service_a2.name not in response.content.decode()


def test_the_request_pages_use_the_polish_service_name(login, requester, service_a):
    service_a.name_pl = "Nowy laptop"
    service_a.save()
    client = login(requester)
    new_page = client.get(
        reverse("desk:request-new", args=[service_a.department.slug, service_a.slug]), **PL
    )
    assert "<h1>Nowy laptop</h1>" in new_page.content.decode()
    desk_request = file_request(requester, service_a, title="Laptop for new hire")
    assert "Nowy laptop" in client.get(desk_request.get_absolute_url(), **PL).content.decode()


def test_the_demo_company_catalog_is_polish_on_polish_pages(login, requester):
    build_organisation(anchor=demo_anchor(), rng=random.Random(1))
    client = login(requester)
    polish = client.get(reverse("desk:catalog"), **PL).content.decode()
    english = client.get(reverse("desk:catalog"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for spec in DEPARTMENTS:
        assert escape(spec["name_pl"]) in polish
        for service in spec["services"]:
            assert escape(service["name_pl"]) in polish
            assert escape(service["name"]) in english


def test_the_queue_and_the_report_use_polish_names(login, head_a, dept_a, service_a):
    dept_a.name_pl = "Dział IT"
    dept_a.save()
    service_a.name_pl = "Nowy laptop"
    service_a.save()
    client = login(head_a)
    queue = client.get(reverse("desk:queue", args=[dept_a.slug]), **PL).content.decode()
    assert "Kolejka: Dział IT" in queue
    report = client.get(reverse("feedback:department-report", args=[dept_a.slug]), **PL)
    assert "Dział IT – obsługa współpracowników" in report.content.decode()
    assert "Nowy laptop" in report.content.decode()  # the by-service table and charts


def test_choices_name_services_in_the_page_language(service_a):
    service_a.name_pl = "Nowy laptop"
    with translation.override("pl"):
        assert str(service_a) == "Nowy laptop"
    with translation.override("en"):
        assert str(service_a) == "New laptop"


# --- emails in the recipient's language ---------------------------------------------------------


def test_emails_are_polish_for_a_polish_recipient(
    django_capture_on_commit_callbacks, requester, agent_a, desk_request
):
    requester.language = "pl"
    requester.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(request=desk_request, author=agent_a, body="Which model?")
    (message,) = mail.outbox
    assert "Nowa odpowiedź: Laptop for new hire" in message.subject
    assert "Dzień dobry, Olga," in message.body
    assert "odpowiedział(a) na Twoje zgłoszenie IT-0001" in message.body
    assert "Which model?" in message.body


def test_emails_stay_english_for_an_english_recipient(
    django_capture_on_commit_callbacks, requester, agent_a, desk_request
):
    mail.outbox.clear()
    with (
        translation.override("pl"),  # the sender's page language does not leak into the email
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.comment_add(request=desk_request, author=agent_a, body="Which model?")
    (message,) = mail.outbox
    assert "New reply: Laptop for new hire" in message.subject


# --- the admin ----------------------------------------------------------------------------------


def test_the_admin_speaks_polish(login, admin_user):
    page = login(admin_user).get(reverse("admin:index"), **PL).content.decode()
    assert "Panel administracyjny Desk" in page  # our site header, translated
    assert "Witaj" in page  # Django's own admin catalogue
    assert "Organizacja" in page  # an app's name


def test_the_admin_speaks_english(login, admin_user):
    page = login(admin_user).get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Desk administration" in page
    assert "Welcome" in page


def test_the_admin_edits_the_polish_names(login, admin_user, service_a):
    page = login(admin_user).get(
        reverse("admin:departments_service_change", args=[service_a.pk]), **PL
    )
    assert 'name="name_pl"' in page.content.decode()
    assert 'name="description_pl"' in page.content.decode()


# --- the services' extra questions in Polish ----------------------------------------------------


def test_the_request_form_asks_the_extra_questions_in_the_page_language(
    login, requester, service_a
):
    question = ServiceFieldFactory(
        service=service_a,
        label="Model",
        label_pl="Rodzaj sprzętu",
        kind=FieldKind.CHOICE,
        required=True,
        help_text="Ask your manager if unsure.",
        help_text_pl="W razie wątpliwości zapytaj przełożonego.",
        options="Standard laptop\nDesktop workstation",
        options_pl="Standardowy laptop\nKomputer stacjonarny",
    )
    url = reverse("desk:request-new", args=[service_a.department.slug, service_a.slug])
    client = login(requester)

    polish = client.get(url, **PL).content.decode()
    assert ">Rodzaj sprzętu" in polish
    assert "W razie wątpliwości zapytaj przełożonego." in polish
    # Polish on the page, the English option as the value sent back.
    assert '<option value="Standard laptop">Standardowy laptop</option>' in polish
    assert '<option value="Desktop workstation">Komputer stacjonarny</option>' in polish
    assert "Ask your manager if unsure." not in polish

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Model" in english
    assert "Ask your manager if unsure." in english
    assert '<option value="Desktop workstation">Desktop workstation</option>' in english
    assert "Rodzaj sprzętu" not in english

    response = client.post(
        url,
        {
            "title": "Laptop dla Marty",
            "description": "Zaczyna w poniedziałek.",
            "priority": str(Priority.NORMAL),
            f"extra_{question.pk}": "Desktop workstation",
        },
        **PL,
    )
    assert response.status_code == 302
    (answer,) = Request.objects.get().extra
    # Stored in English whatever the filing language, so history and reports stay stable.
    assert (answer["label"], answer["value"]) == ("Model", "Desktop workstation")

    # The request page asks the question in the page's language too; the answer stays as given.
    detail = Request.objects.get().get_absolute_url()
    polish_page = client.get(detail, **PL).content.decode()
    assert "<dt>Rodzaj sprzętu</dt><dd>Desktop workstation</dd>" in polish_page
    english_page = client.get(detail, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dt>Model</dt><dd>Desktop workstation</dd>" in english_page


def test_an_answer_to_a_deleted_question_keeps_its_stored_label(login, requester, service_a):
    req = file_request(requester=requester, service=service_a)
    req.extra = [{"field": 987654, "label": "Old question", "kind": "text", "value": "Yes"}]
    req.save(update_fields=["extra"])
    page = login(requester).get(req.get_absolute_url(), **PL).content.decode()
    assert "<dt>Old question</dt><dd>Yes</dd>" in page


def test_mismatched_polish_options_fall_back_to_english(service_a):
    question = ServiceFieldFactory(
        service=service_a,
        kind=FieldKind.CHOICE,
        options="Yes\nNo",
        options_pl="Tak",  # a line missing: pairing by position would mislabel
    )
    with translation.override("pl"):
        assert question.option_choices == [("Yes", "Yes"), ("No", "No")]
        assert question.localized_label == question.label  # no Polish label: the English one
    with pytest.raises(ValidationError) as caught:
        question.clean()
    assert "options_pl" in caught.value.message_dict


def test_every_demo_service_question_has_polish_text():
    for department in DEPARTMENTS:
        for service in department["services"]:
            for spec in service["fields"]:
                where = f"{service['slug']}: {spec['label']}"
                assert spec.get("label_pl"), where
                assert bool(spec.get("help")) == bool(spec.get("help_pl")), where
                if spec["kind"] == FieldKind.CHOICE:
                    assert len(spec.get("options_pl", [])) == len(spec["options"]), where


def test_the_demo_stores_the_polish_questions():
    build_organisation(anchor=demo_anchor(), rng=random.Random(1))
    fields = ServiceField.objects.all()
    assert fields.count() == sum(
        len(service["fields"]) for dept in DEPARTMENTS for service in dept["services"]
    )
    for question in fields:
        assert question.label_pl, question.label
        if question.kind == FieldKind.CHOICE:
            assert len(question.options_pl.splitlines()) == len(question.option_list)
            with translation.override("pl"):
                shown = [label for _, label in question.option_choices]
            assert shown == question.options_pl.splitlines()


def test_the_admin_edits_the_polish_questions(login, admin_user, service_a):
    ServiceFieldFactory(service=service_a, label="Model")
    page = login(admin_user).get(
        reverse("admin:departments_service_change", args=[service_a.pk]), **PL
    )
    for name in ("label_pl", "help_text_pl", "options_pl"):
        assert f'name="fields-0-{name}"' in page.content.decode()
