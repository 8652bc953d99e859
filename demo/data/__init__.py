"""The demo's data, read from the YAML files beside this module, one per part:

- organisation.yaml: departments, services and their request forms (English and Polish side by
  side), people and teams, the admin, the logins to show, public holidays;
- requests.yaml: per service, what people file and answer, what the team says on the timeline,
  and each team's pace; the words that fill the texts' {placeholders};
- feedback.yaml: how well each team is liked, who rates, and the comments ratings come with;
- effort.yaml: each team's hourly cost and how long its requests take.
- surveys.yaml: the departments' pulse surveys, how they are answered, the comments and replies.

The files are read once, at import, and checked: a service without requests, a field that cannot
be answered or an unknown department stops here with the file and the entry named, rather than
as a KeyError halfway through a build. The builders (demo/parts/) use the names below, in the
shapes they had when the data was Python (tuples where a builder unpacks them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).resolve().parent
FIELD_KINDS = {"text", "long_text", "number", "date", "choice"}
CLIENT_TYPES = {"business", "executive", "operational"}
ROLES = {"head", "agent"}
APPROVERS = {"manager", "person", "department_head"}
# How a field's answer is drawn; these keys live in requests.yaml, beside the samples.
ANSWER_KEYS = ("samples", "range", "days")


class DemoDataError(ValueError):
    """A data file says something the builders cannot use."""


def read(name: str) -> dict[str, Any]:
    path = FOLDER / f"{name}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser, when there is one
    with path.open(encoding="utf-8") as file:
        return yaml.load(file, Loader=loader)


def _check(condition: bool, file: str, message: str) -> None:
    if not condition:
        raise DemoDataError(f"demo/data/{file}.yaml: {message}")


def departments(organisation: dict[str, Any], requests: dict[str, Any]) -> list[dict[str, Any]]:
    """The departments of organisation.yaml, each service completed with what requests.yaml says
    about it: its weight and sample requests (title, description[, fixed answers]), and for each
    field how it is answered."""
    services = requests["services"]
    result = []
    seen = set()
    for department in organisation["departments"]:
        for key in ("code", "slug", "name", "description", "contact_email", "services"):
            _check(key in department, "organisation", f"a department has no {key}")
        completed = []
        for service in department["services"]:
            slug = service["slug"]
            _check(slug not in seen, "organisation", f"service {slug!r} appears twice")
            seen.add(slug)
            _check(slug in services, "requests", f"no entry for service {slug!r}")
            how = services[slug]
            for key in ("weight", "requests", "questions", "resolutions"):
                _check(bool(how.get(key)), "requests", f"service {slug!r} has no {key}")
            answers = how.get("answers", {})
            labels = [item["label"] for item in service["fields"]]
            unknown = set(answers) - set(labels)
            _check(not unknown, "requests", f"service {slug!r} answers no field {sorted(unknown)}")
            fields = []
            for item in service["fields"]:
                kind = item["kind"]
                _check(kind in FIELD_KINDS, "organisation", f"{slug!r}: unknown kind {kind!r}")
                drawn = answers.get(item["label"], {})
                field = dict(item) | {
                    key: tuple(value) if key != "samples" else value
                    for key, value in drawn.items()
                    if key in ANSWER_KEYS
                }
                needed = {"text": "samples", "long_text": "samples", "number": "range"}.get(kind)
                if kind == "choice":
                    _check(bool(item.get("options")), "organisation", f"{slug!r}: no options")
                    _check(
                        len(item.get("options_pl", item["options"])) == len(item["options"]),
                        "organisation",
                        f"{slug!r}: options_pl must match options line for line",
                    )
                elif needed:
                    _check(
                        needed in field,
                        "requests",
                        f"service {slug!r}: field {item['label']!r} needs {needed}",
                    )
                fields.append(field)
            samples = [
                (
                    (sample["title"], sample["description"], sample["answers"])
                    if "answers" in sample
                    else (sample["title"], sample["description"])
                )
                for sample in how["requests"]
            ]
            completed.append(
                service | {"weight": how["weight"], "fields": fields, "samples": samples}
            )
        result.append(department | {"services": completed})
    extra = set(services) - seen
    _check(not extra, "requests", f"services not in organisation.yaml: {sorted(extra)}")
    return result


def people(organisation: dict[str, Any]) -> list[tuple[str, str, str, str, str | None]]:
    """(full name, job title, home department code, client type, role in that team or None)."""
    codes = {department["code"] for department in organisation["departments"]}
    rows = []
    for code, members in organisation["people"].items():
        _check(code in codes, "organisation", f"people of an unknown department {code!r}")
        for person in members:
            name = person["name"]
            _check(person["client_type"] in CLIENT_TYPES, "organisation", f"{name}: client_type")
            _check(person.get("role") in ROLES | {None}, "organisation", f"{name}: role")
            rows.append((name, person["title"], code, person["client_type"], person.get("role")))
    return rows


def talk(requests: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """What the team and the requester say on each service's timelines, by service slug."""
    result = {}
    for slug, how in requests["services"].items():
        texts: dict[str, list[Any]] = {
            "questions": [(pair["ask"], pair["reply"]) for pair in how["questions"]],
            "resolutions": how["resolutions"],
        }
        if "notes" in how:
            texts["notes"] = how["notes"]
        result[slug] = texts
    return result


def _pairs(items: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(item["comment"], item["answer"]) for item in items]


def levels(requests: dict[str, Any], feedback: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each team's level of service: its pace (requests.yaml) and how it is liked (feedback.yaml)."""
    _check(
        set(requests["pace"]) == set(feedback["levels"]),
        "feedback",
        "levels must name the departments that requests.yaml gives a pace",
    )
    return {
        code: {
            "pace": pace,
            "mood": feedback["levels"][code]["mood"],
            "aspects": tuple(feedback["levels"][code]["aspects"]),
            "acts": feedback["levels"][code]["acts"],
        }
        for code, pace in requests["pace"].items()
    }


def service_comments(feedback: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    return {
        slug: {
            kind: _pairs(texts) if kind in ("slow", "critical") else texts
            for kind, texts in kinds.items()
        }
        for slug, kinds in feedback["service_comments"].items()
    }


def approvals(approvals_data: dict[str, Any], organisation: dict[str, Any]) -> dict[str, Any]:
    """approvals.yaml, checked against the organisation: known people, services and fields."""
    names = {person["name"] for members in organisation["people"].values() for person in members}
    codes = {department["code"] for department in organisation["departments"]}
    services = {
        service["slug"]: service
        for department in organisation["departments"]
        for service in department["services"]
    }
    managers = approvals_data["managers"]
    for code, name in managers["heads"].items():
        _check(code in codes and name in names, "approvals", f"heads of {code}: {name}")
    for name, manager in managers["people"].items():
        _check(name in names and manager in names | {None}, "approvals", f"manager of {name}")
    for slug, steps in approvals_data["services"].items():
        _check(slug in services, "approvals", f"unknown service {slug!r}")
        labels = {field["label"] for field in services[slug].get("fields", [])}
        for step in steps:
            kind = step["approver"]
            _check(kind in APPROVERS, "approvals", f"{slug}: approver {kind!r}")
            _check(kind != "person" or step.get("person") in names, "approvals", f"{slug}: person")
            _check(
                kind != "department_head" or step.get("department") in codes,
                "approvals",
                f"{slug}: department",
            )
            _check("field" not in step or step["field"] in labels, "approvals", f"{slug}: field")
    for item in approvals_data["waiting"]:
        _check(item["service"] in approvals_data["services"], "approvals", f"waiting: {item}")
        _check(item["requester"] in names, "approvals", f"waiting: {item['requester']}")
    return approvals_data


_ORGANISATION = read("organisation")
_REQUESTS = read("requests")
_FEEDBACK = read("feedback")
_EFFORT = read("effort")
_SURVEYS = read("surveys")

# --- organisation.yaml ---------------------------------------------------------------------------
DEPARTMENTS = departments(_ORGANISATION, _REQUESTS)
PEOPLE = people(_ORGANISATION)
ADMIN = (
    _ORGANISATION["admin"]["name"],
    _ORGANISATION["admin"]["title"],
    _ORGANISATION["admin"]["department"],
)
FEATURED = [(item["role"], item["name"], item["what"]) for item in _ORGANISATION["featured"]]
FIXED_HOLIDAYS = [
    ((item["month"], item["day"]), item["name"], item["name_pl"])
    for item in _ORGANISATION["holidays"]["fixed"]
]
EASTER_HOLIDAYS = [
    (item["days"], item["name"], item["name_pl"])
    for item in _ORGANISATION["holidays"]["after_easter"]
]

# --- requests.yaml -------------------------------------------------------------------------------
MONTHS: list[str] = _REQUESTS["months"]
WORDS: dict[str, list[str]] = _REQUESTS["words"]
TALK = talk(_REQUESTS)
NOTES = _REQUESTS["notes"]
ACKNOWLEDGEMENTS = _REQUESTS["acknowledgements"]
THANKS = _REQUESTS["thanks"]
CHASERS = _REQUESTS["chasers"]
CHASER_REPLIES = _REQUESTS["chaser_replies"]
REOPEN_REASONS = _REQUESTS["reopen_reasons"]
REQUESTER_CANCEL_REASONS = _REQUESTS["requester_cancel_reasons"]
STAFF_CANCEL_REASONS = _REQUESTS["staff_cancel_reasons"]

# --- feedback.yaml -------------------------------------------------------------------------------
LEVELS = levels(_REQUESTS, _FEEDBACK)
SERVICE_MOODS: dict[str, float] = _FEEDBACK["service_moods"]
RATE_WHEN_CONFIRMED = _FEEDBACK["rate"]["when_confirmed"]
RATE_WHEN_EXPIRED = _FEEDBACK["rate"]["when_expired"]
RATE_MORE_WHEN_DISAPPOINTED = _FEEDBACK["rate"]["more_when_disappointed"]
COMMENT_CHANCE: dict[int, float] = _FEEDBACK["comment_chance"]
PRAISE = _FEEDBACK["praise"]
QUICK = _FEEDBACK["quick"]
NEUTRAL = _pairs(_FEEDBACK["neutral"])
CRITICAL = _pairs(_FEEDBACK["critical"])
LATE = _pairs(_FEEDBACK["late"])
REOPENED = _pairs(_FEEDBACK["reopened"])
SERVICE_COMMENTS = service_comments(_FEEDBACK)
THANKED = _FEEDBACK["thanked"]

# --- effort.yaml ---------------------------------------------------------------------------------


def effort(organisation: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """effort.yaml, checked: a rate and a range of minutes for every department, and sane ones."""
    codes = {department["code"] for department in organisation["departments"]}
    for key in ("rates", "minutes"):
        missing = codes - set(data[key])
        _check(not missing, "effort", f"{key} has no entry for {sorted(missing)}")
        unknown = set(data[key]) - codes
        _check(not unknown, "effort", f"{key} names unknown departments {sorted(unknown)}")
    for code, (low, high) in data["minutes"].items():
        _check(
            0 < low <= high <= 720, "effort", f"minutes of {code} must be 0 < low <= high <= 720"
        )
    for code, rate in data["rates"].items():
        _check(rate["amount"] > 0, "effort", f"the rate of {code} must be above zero")
    return data


EFFORT = effort(_ORGANISATION, _EFFORT)

# --- approvals.yaml ------------------------------------------------------------------------------
APPROVALS = approvals(read("approvals"), _ORGANISATION)

# --- recognition.yaml ----------------------------------------------------------------------------
_RECOGNITION = read("recognition")
ARTICLES = _RECOGNITION["articles"]
KUDOS_CHANCE = _RECOGNITION["kudos"]["chance"]
KUDOS_MESSAGES = _RECOGNITION["kudos"]["messages"]
for _article in ARTICLES:
    _check(
        _article["department"] in {spec["code"] for spec in DEPARTMENTS},
        "recognition",
        f"article {_article['title']!r} names an unknown department",
    )

# --- surveys.yaml --------------------------------------------------------------------------------
SURVEYS: dict[str, dict] = _SURVEYS["surveys"]
for _code, _survey in SURVEYS.items():
    _check(
        3 <= len(_survey["questions"]) <= 7, "surveys", f"{_code}: a survey has 3 to 7 questions"
    )
    _check(
        {q["kind"] for q in _survey["questions"]} <= {"scale", "text"},
        "surveys",
        f"{_code}: a question is a scale or a text",
    )
    _check(bool(_survey["comments"]), "surveys", f"{_code}: no comments")
