"""The demo's data files (demo/data/*.yaml): complete, consistent, and refused with a clear
message when they are not."""

from __future__ import annotations

import copy
import re
import string

import pytest

from demo import data

PLACEHOLDERS = {
    "me",
    "first",
    "dept",
    "person",
    "date",
    "month",
    "floor",
    "phone",
    "nip",
    "plate",
    "invoice",
    "n4",
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in texts(item)]
    return []


def test_every_placeholder_in_the_request_texts_is_one_the_builder_fills():
    known = PLACEHOLDERS | set(data.WORDS)
    used = set()
    for department in data.DEPARTMENTS:
        for service in department["services"]:
            for text in texts(
                [service["samples"], [f.get("samples", []) for f in service["fields"]]]
            ):
                used |= placeholders(text)
    for text in texts([data.TALK, data.NOTES, data.ACKNOWLEDGEMENTS, data.CHASER_REPLIES]):
        used |= placeholders(text)
    assert used <= known, f"unknown placeholders: {sorted(used - known)}"
    assert {"customer", "city", "newhire", "date"} <= used  # the check sees the texts


def test_ratings_texts_name_only_the_agent():
    comments = [
        data.PRAISE,
        data.QUICK,
        data.NEUTRAL,
        data.CRITICAL,
        data.LATE,
        data.REOPENED,
        data.SERVICE_COMMENTS,
        data.THANKED,
    ]
    used = {name for text in texts(comments) for name in placeholders(text)}
    assert used == {"agent"}


def test_every_catalogue_text_has_its_polish_beside_it():
    for department in data.DEPARTMENTS:
        assert department["name_pl"]
        assert department["description_pl"]
        for service in department["services"]:
            assert service["name_pl"], service["slug"]
            assert service["description_pl"] != service["description"], service["slug"]
            for field in service["fields"]:
                assert field["label_pl"], (service["slug"], field["label"])
                if "help" in field:
                    assert field["help_pl"], (service["slug"], field["label"])


def test_people_teams_and_logins_fit_together():
    codes = {department["code"] for department in data.DEPARTMENTS}
    names = [name for name, *_ in data.PEOPLE]
    assert len(names) == len(set(names))
    assert {code for _, _, code, _, _ in data.PEOPLE} == codes
    for code in codes:
        assert any(c == code and role == "head" for _, _, c, _, role in data.PEOPLE), code
    assert set(data.LEVELS) == codes
    assert {name for _, name, _ in data.FEATURED} <= {*names, data.ADMIN[0]}
    assert all(
        department["contact_email"].endswith("@kestrel.example") for department in data.DEPARTMENTS
    )


def test_the_request_data_of_each_service_is_joined_to_its_catalogue_entry():
    laptop = next(
        service
        for department in data.DEPARTMENTS
        for service in department["services"]
        if service["slug"] == "new-laptop"
    )
    assert laptop["weight"] == 4
    title, description, fixed = laptop["samples"][0]
    assert "{newhire}" in title
    assert fixed["Model"] == 'Standard laptop (14")'
    accessories = next(field for field in laptop["fields"] if field["label"] == "Accessories")
    assert accessories["label_pl"] == "Akcesoria"
    assert "Docking station and a second monitor." in accessories["samples"]


@pytest.fixture
def files():
    return {name: data.read(name) for name in ("organisation", "requests", "feedback")}


def test_a_service_without_request_data_is_refused_by_name(files):
    del files["requests"]["services"]["new-laptop"]
    with pytest.raises(
        data.DemoDataError, match=r"requests\.yaml: no entry for service 'new-laptop'"
    ):
        data.departments(files["organisation"], files["requests"])


def test_request_data_for_an_unknown_service_is_refused(files):
    files["requests"]["services"]["teleporter"] = copy.deepcopy(
        files["requests"]["services"]["new-laptop"]
    )
    with pytest.raises(
        data.DemoDataError, match=re.escape("not in organisation.yaml: ['teleporter']")
    ):
        data.departments(files["organisation"], files["requests"])


def test_a_text_field_with_nothing_to_answer_is_refused(files):
    del files["requests"]["services"]["new-laptop"]["answers"]["Accessories"]
    with pytest.raises(data.DemoDataError, match="field 'Accessories' needs samples"):
        data.departments(files["organisation"], files["requests"])


def test_polish_options_must_match_the_english_ones_line_for_line(files):
    system = files["organisation"]["departments"][0]["services"][0]["fields"][0]
    system["options_pl"] = system["options_pl"][:-1]
    with pytest.raises(data.DemoDataError, match="options_pl must match options line for line"):
        data.departments(files["organisation"], files["requests"])


def test_a_person_of_an_unknown_department_is_refused(files):
    files["organisation"]["people"]["XX"] = [
        {"name": "Nobody", "title": "Ghost", "client_type": "business"}
    ]
    with pytest.raises(data.DemoDataError, match="people of an unknown department 'XX'"):
        data.people(files["organisation"])


def test_levels_must_cover_the_departments_that_have_a_pace(files):
    del files["feedback"]["levels"]["IT"]
    with pytest.raises(data.DemoDataError, match="feedback.yaml: levels"):
        data.levels(files["requests"], files["feedback"])
