"""The surveys part: IT's and HR's pulse surveys, each with two finished quarterly rounds sent to
the colleagues who filed requests in those quarters (the monthly cap applied, as the beat does),
answered by most of them, with comments and a head's reply. The data is demo/data/surveys.yaml."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from demo.common import TZ
from demo.data import SURVEYS
from departments.models import ClientType
from surveys import services
from surveys.models import Answer, Invitation, Question, QuestionKind, Response, Round, Survey

if TYPE_CHECKING:
    from demo.company import Demo

# Executives are a little harder to please, operational clients a little easier.
CLIENT_SHIFT = {ClientType.EXECUTIVE: -0.3, ClientType.BUSINESS: 0.0, ClientType.OPERATIONAL: 0.2}


def _score(rng: random.Random, mood: float) -> int:
    return min(5, max(1, round(rng.gauss(mood, 0.8))))


def build_round(
    survey: Survey,
    questions: list[Question],
    spec: dict,
    *,
    start,
    end,
    sent_at: datetime,
    mood: float,
    rng: random.Random,
    comments: list[str],
) -> tuple[Round, list[Answer]]:
    round_ = Round.objects.create(
        survey=survey,
        period_start=start,
        period_end=end,
        sent_at=sent_at,
        closes_at=sent_at + timedelta(days=14),
    )
    people = list(services.recipients(survey, start, end, sent_at).order_by("pk"))
    count = min(len(people), max(5, round(len(people) * spec["answer"])))
    answering = {person.pk for person in rng.sample(people, count)}
    Invitation.objects.bulk_create(
        Invitation(
            round=round_,
            employee=person,
            token=secrets.token_hex(16),
            created_at=sent_at,
            emailed_at=sent_at,
            answered=person.pk in answering,
        )
        for person in people
    )
    # The responses carry the client type only, in no particular order (no link to a person).
    responders = [person for person in people if person.pk in answering]
    rng.shuffle(responders)
    responses = Response.objects.bulk_create(
        Response(round=round_, client_type=person.client_type) for person in responders
    )
    answers = []
    for n, response in enumerate(responses):
        shift = CLIENT_SHIFT.get(response.client_type, 0.0)
        for question in questions:
            if question.kind == QuestionKind.SCALE:
                answers.append(
                    Answer(response=response, question=question, score=_score(rng, mood + shift))
                )
            elif n < len(comments):
                answers.append(Answer(response=response, question=question, text=comments[n]))
    return round_, Answer.objects.bulk_create(answers)


def build_surveys(demo: Demo, rng: random.Random) -> list[Survey]:
    org = demo.organisation
    # Far enough back that both departments' latest rounds have closed before the anchor.
    latest = services.quarter_before(demo.anchor.date() - timedelta(days=60))
    before = services.quarter_before(latest[0])
    made = []
    # HR sends five weeks after IT: had it sent in the same month, the monthly cap would have
    # kept IT's respondents out of HR's round (as it does in production).
    for offset, (code, spec) in enumerate(SURVEYS.items()):
        department = org.departments[code]
        head = org.heads[code][0]
        survey = Survey.objects.create(
            department=department,
            title=spec["title"],
            title_pl=spec["title_pl"],
            is_active=True,
            created_by=head,
        )
        questions = Question.objects.bulk_create(
            Question(
                survey=survey,
                order=n,
                kind=item["kind"],
                text=item["text"],
                text_pl=item["text_pl"],
            )
            for n, item in enumerate(spec["questions"], start=1)
        )
        for (start, end), mood, comments in (
            (before, spec["mood"] - spec["trend"], spec["comments"][1:]),
            (latest, spec["mood"], spec["comments"]),
        ):
            sent_at = datetime.combine(end + timedelta(days=1 + 35 * offset), time(9), tzinfo=TZ)
            round_, answers = build_round(
                survey,
                questions,
                spec,
                start=start,
                end=end,
                sent_at=sent_at,
                mood=mood,
                rng=rng,
                comments=comments,
            )
        # The head answers the latest round's first comment.
        first = next(a for a in answers if a.text == spec["comments"][0])
        first.acted_upon_at = round_.closes_at + timedelta(days=1)
        first.acted_upon_by = head
        first.acted_upon_note = spec["reply"]
        first.save(update_fields=["acted_upon_at", "acted_upon_by", "acted_upon_note"])
        # Written a week before its first round went out.
        first_sent = datetime.combine(before[1] + timedelta(days=1), time(9), tzinfo=TZ)
        Survey.objects.filter(pk=survey.pk).update(
            created_at=first_sent - timedelta(days=7), updated_at=first_sent - timedelta(days=7)
        )
        made.append(survey)
    return made


def build(demo: Demo, rng: random.Random) -> None:
    demo.surveys = build_surveys(demo, rng)
