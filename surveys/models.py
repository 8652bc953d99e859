"""Pulse surveys of a department's internal clients (issue 15).

Who was asked (Invitation) and what was answered (Response, Answer) are kept apart on purpose:
an invitation knows its employee and whether they answered, a response knows only its round and
the client type, and nothing links the two. The department sees answers only in aggregates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import ClientType, Department, localized

MIN_QUESTIONS, MAX_QUESTIONS = 3, 7


class Survey(models.Model):
    """A department's survey of its clients, or (no department) a company-wide one by an admin."""

    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("department"),
    )
    title = models.CharField(_("title"), max_length=200)
    # As in the catalog: the Polish text, empty falls back to the English one.
    title_pl = models.CharField(_("title in Polish"), max_length=200, blank=True)
    is_active = models.BooleanField(
        _("scheduled"), default=True, help_text=_("Sent every quarter while this is on.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.localized_title

    def get_absolute_url(self) -> str:
        return reverse("surveys:results", args=[self.pk])

    @property
    def localized_title(self) -> str:
        return localized(self, "title")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "text", _("Free text")


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    text = models.CharField(_("question"), max_length=300)
    text_pl = models.CharField(_("question in Polish"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.localized_text

    @property
    def localized_text(self) -> str:
        return localized(self, "text")


class Round(models.Model):
    """One sending of a survey, about the requests filed in period_start..period_end."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("survey")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"))

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["survey", "-period_start"]
        constraints = [
            # A retried or doubled beat never sends the same period twice.
            models.UniqueConstraint(fields=["survey", "period_start"], name="one_round_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.period_start}–{self.period_end}"

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.closes_at


class Invitation(models.Model):
    """Who was asked in a round, and whether they answered; never which answers are theirs."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "employee"], name="one_invitation_per_round")
        ]
        indexes = [
            models.Index(fields=["employee", "created_at"], name="invitation_employee_created")
        ]

    def __str__(self) -> str:
        return f"{self.round} → {self.employee_id}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:answer", args=[self.token])


class Response(models.Model):
    """One anonymous set of answers: the round and the client type, nothing about the person.

    No timestamp either: a time to the second could be matched with a login or an email."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    client_type = models.CharField(_("client type"), max_length=20, choices=ClientType.choices)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    # A head closes the loop on a comment, as on feedback: the reply is shown to respondents.
    acted_upon_at = models.DateTimeField(null=True, blank=True)
    acted_upon_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acted_upon_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="answer_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.text or str(self.score)
