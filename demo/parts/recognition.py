"""The recognition part: help articles for several services (published, and one draft), in
English and Polish, written by each department's first head; and thanks from some of the
requesters who rated a request 5 to the person who resolved it. The data is
demo/data/recognition.yaml."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from demo.common import keeping_timestamps
from demo.data import ARTICLES, KUDOS_CHANCE, KUDOS_MESSAGES
from desk.models import Event, EventKind, Request, Status
from feedback.models import Kudos
from helpcenter import services as help_services
from helpcenter.models import Article

if TYPE_CHECKING:
    from demo.company import Demo


def build_articles(demo: Demo) -> list[Article]:
    """Through the help center's own service, so each article's HTML is rendered as an editor's."""
    organisation = demo.organisation
    services = {service.slug: service for service in organisation.services}
    articles = []
    for spec in ARTICLES:
        code = spec["department"]
        article = help_services.article_save(
            department=organisation.departments[code],
            editor=organisation.heads[code][0],
            title=spec["title"],
            body=spec["body"],
            title_pl=spec.get("title_pl", ""),
            body_pl=spec.get("body_pl", ""),
            status=spec["status"],
            services=[services[slug] for slug in spec["services"]],
        )
        articles.append(article)
    # Written over the last weeks, rather than all in the second the demo was loaded.
    for age, article in enumerate(reversed(articles), start=1):
        Article.objects.filter(pk=article.pk).update(
            created_at=demo.anchor - timedelta(days=9 * age)
        )
    return articles


def build_kudos(demo: Demo, rng: random.Random) -> list[Kudos]:
    """Thanks for some requests rated 5, from their requester to whoever resolved them, a few
    minutes after the rating (and anything else on the timeline), with the timeline's "thanks
    given" event."""
    kudos, events = [], []
    requests = {request.pk: request for request in demo.requests}
    for feedback in sorted(demo.feedback, key=lambda f: f.request_id):
        request = requests.get(feedback.request_id)
        if (
            request is None
            or feedback.rating != 5
            or request.assignee_id is None
            or request.assignee_id == request.requester_id
            or request.status not in (Status.RESOLVED, Status.CLOSED)
            or rng.random() >= KUDOS_CHANCE
        ):
            continue
        # After the rating, and after the timeline's last event (the thanks is its newest).
        latest = max(feedback.created_at, request.last_activity_at)
        when = latest + timedelta(minutes=rng.randint(1, 30))
        if when >= demo.anchor:
            continue
        message = rng.choice(KUDOS_MESSAGES).format(agent=request.assignee.get_short_name())
        kudos.append(
            Kudos(
                request=request,
                giver_id=request.requester_id,
                recipient_id=request.assignee_id,
                department_id=request.department_id,
                service_id=request.service_id,
                message=message,
                created_at=when,
            )
        )
        events.append(
            Event(
                request=request,
                actor_id=request.requester_id,
                kind=EventKind.KUDOS,
                new_value=request.assignee.full_name,
                body=message,
                created_at=when,
            )
        )
    with keeping_timestamps(Kudos, Event):
        Kudos.objects.bulk_create(kudos, batch_size=200)
        Event.objects.bulk_create(events, batch_size=200)
    # The thanks is the request's latest activity, as the timeline shows it.
    moved = []
    for event in events:
        if event.created_at > event.request.last_activity_at:
            event.request.last_activity_at = event.request.updated_at = event.created_at
            moved.append(event.request)
    with keeping_timestamps(Request):
        Request.objects.bulk_update(moved, ["last_activity_at", "updated_at"], batch_size=200)
    return kudos


def build(demo: Demo, rng: random.Random) -> None:
    demo.articles = build_articles(demo)
    demo.kudos = build_kudos(demo, rng)
