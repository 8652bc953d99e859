"""Approval steps of requests to services that need them, and approvers' delegations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from departments.models import ApproverKind
from desk.models.requests import Decision, Request


class ApprovalQuerySet(models.QuerySet):
    def current(self) -> ApprovalQuerySet:
        """Steps waiting for a decision now (later steps have not started yet)."""
        return self.filter(decision=Decision.PENDING, started_at__isnull=False)


class Approval(models.Model):
    """One step of a request's approval, with the approvers it had when the request was filed.

    Either one person decides (the line manager, a named person) or any head of a department.
    After escalation the heads of the requester's home department may decide too.
    """

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="approvals")
    position = models.PositiveSmallIntegerField()
    approver_kind = models.CharField(max_length=20, choices=ApproverKind.choices)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approver_department = models.ForeignKey(
        "departments.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when the step becomes the current one; reminders count working days from here.
    started_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_department = models.ForeignKey(
        "departments.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["request", "position"]
        constraints = [
            models.UniqueConstraint(fields=["request", "position"], name="approval_step_unique")
        ]
        indexes = [
            models.Index(
                fields=["approver"],
                condition=models.Q(decision="pending"),
                name="approval_pending_person",
            ),
            models.Index(
                fields=["approver_department"],
                condition=models.Q(decision="pending"),
                name="approval_pending_department",
            ),
            models.Index(
                fields=["started_at"],
                condition=models.Q(decision="pending"),
                name="approval_pending_started",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} #{self.position} {self.decision}"


class Delegation(models.Model):
    """While someone is away, another person decides their approvals (both dates included)."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegations_given",
        verbose_name=_("away"),
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegations_received",
        verbose_name=_("decides instead"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approval delegation")
        verbose_name_plural = _("approval delegations")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="delegation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(delegate=models.F("delegator")),
                name="delegation_not_to_self",
            ),
        ]
        indexes = [models.Index(fields=["delegate", "ends_on"], name="delegation_delegate_ends")]

    def __str__(self) -> str:
        return f"{self.delegator_id} → {self.delegate_id} {self.starts_on}–{self.ends_on}"
