"""What a department sees of its survey: figures grouped in SQL, each one hidden when fewer than
DESK_SURVEY_MIN_ANSWERS answers make it (it could point at a person)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, Q

from departments.models import ClientType
from surveys.models import Answer, Invitation, Question, QuestionKind, Response, Round, Survey


def minimum() -> int:
    return settings.DESK_SURVEY_MIN_ANSWERS


@dataclass
class Figure:
    """An average of `n` answers; `mean` is None when n is below the threshold."""

    n: int
    mean: float | None

    @property
    def hidden(self) -> bool:
        return self.mean is None


def figure(n: int, mean: float | None) -> Figure:
    return Figure(n=n, mean=round(mean, 2) if mean is not None and n >= minimum() else None)


def suppress_complements(groups: dict[str, Figure]) -> dict[str, Figure]:
    """Hide groups under the threshold, and then the smallest shown ones until the hidden answers
    add up to the threshold: otherwise the total minus the shown groups gives a hidden one."""
    hidden = sum(g.n for g in groups.values() if g.hidden)
    shown = sorted((g for g in groups.values() if not g.hidden), key=lambda g: g.n)
    while 0 < hidden < minimum() and shown:
        smallest = shown.pop(0)
        smallest.mean = None
        hidden += smallest.n
    return groups


@dataclass
class QuestionResult:
    question: Question
    total: Figure
    distribution: list[tuple[int, int, int]] = field(default_factory=list)  # score, n, percent
    by_client: list[tuple[str, Figure]] = field(default_factory=list)
    trend: list[tuple[Round, Figure]] = field(default_factory=list)


@dataclass
class RoundResults:
    round: Round | None
    responses: int
    invited: int
    enough: bool
    questions: list[QuestionResult]
    comments: list[Answer]


def rounds_of(survey: Survey) -> list[Round]:
    return list(survey.rounds.order_by("period_start"))


def round_results(survey: Survey, round_: Round | None, rounds: list[Round]) -> RoundResults:
    """Everything the results page shows for one round, in a fixed number of queries."""
    questions = list(survey.questions.all())
    if round_ is None:
        return RoundResults(
            None, 0, 0, False, [QuestionResult(q, figure(0, None)) for q in questions], []
        )
    # Two counts, not one aggregate over both joins (that would multiply the rows).
    counts = {
        "responses": Response.objects.filter(round=round_).count(),
        "invited": Invitation.objects.filter(round=round_).count(),
    }
    enough = counts["responses"] >= minimum()
    scores = Answer.objects.filter(score__isnull=False, question__survey=survey)
    this_round = scores.filter(response__round=round_)
    distribution: dict[int, dict[int, int]] = {}
    for row in this_round.values("question_id", "score").annotate(n=Count("id")):
        distribution.setdefault(row["question_id"], {})[row["score"]] = row["n"]
    by_client: dict[int, dict[str, Figure]] = {}
    for row in this_round.values("question_id", "response__client_type").annotate(
        n=Count("id"), mean=Avg("score")
    ):
        by_client.setdefault(row["question_id"], {})[row["response__client_type"]] = figure(
            row["n"], row["mean"]
        )
    trend: dict[tuple[int, int], Figure] = {
        (row["question_id"], row["response__round_id"]): figure(row["n"], row["mean"])
        for row in scores.values("question_id", "response__round_id").annotate(
            n=Count("id"), mean=Avg("score")
        )
    }
    labels = dict(ClientType.choices)
    results = []
    for question in questions:
        total = trend.get((question.pk, round_.pk), figure(0, None))
        result = QuestionResult(question, total)
        if question.kind == QuestionKind.SCALE:
            if not total.hidden:
                spread = distribution.get(question.pk, {})
                result.distribution = [
                    (score, spread.get(score, 0), round(100 * spread.get(score, 0) / total.n))
                    for score in range(1, 6)
                ]
            groups = suppress_complements(by_client.get(question.pk, {}))
            result.by_client = [(labels.get(key, key), groups[key]) for key in sorted(groups)]
            result.trend = [(r, trend.get((question.pk, r.pk), figure(0, None))) for r in rounds]
        results.append(result)
    comments = (
        list(
            Answer.objects.filter(response__round=round_, question__kind=QuestionKind.TEXT)
            .exclude(text="")
            .select_related("question", "acted_upon_by")
            .order_by("question__order", "question_id", "pk")
        )
        if enough
        else []
    )
    return RoundResults(round_, counts["responses"], counts["invited"], enough, results, comments)


def replies_for(survey: Survey) -> list[Answer]:
    """The department's replies to comments, for the people it asks (rounds with enough answers
    only, as on the results page)."""
    enough = (
        Response.objects.filter(round__survey=survey)
        .values("round_id")
        .annotate(n=Count("id"))
        .filter(n__gte=minimum())
        .values("round_id")
    )
    return list(
        Answer.objects.filter(
            ~Q(acted_upon_note=""),
            response__round_id__in=enough,
            question__survey=survey,
        )
        .select_related("question")
        .order_by("-acted_upon_at")[:10]
    )
