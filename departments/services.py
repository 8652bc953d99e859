"""Changes to service teams and hourly costs. Every way a person leaves a team (the admin's inline
rows, a script) goes through here, so that what depends on membership (desk's assignments)
follows; likewise every change of a rate, so that the time logged on its days is priced again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from departments.models import Department, HourlyRate, Membership
from departments.signals import member_left, rates_changed

if TYPE_CHECKING:
    from departments.models import Employee


def membership_remove(*, membership: Membership, actor: Employee | None) -> None:
    """Take the person off the department's team."""
    with transaction.atomic():
        department_id, employee_id = membership.department_id, membership.employee_id
        Membership.objects.filter(pk=membership.pk).delete()
        member_left.send(
            sender=Membership, department_id=department_id, employee_id=employee_id, actor=actor
        )


def membership_save(
    *, membership: Membership, actor: Employee | None, was: tuple[int, int] | None = None
) -> Membership:
    """Save a new or edited membership. An edited row that now names another department or
    person (`was`: the department and employee it had) ended the old membership."""
    with transaction.atomic():
        membership.save()
        if was is not None and was != (membership.department_id, membership.employee_id):
            department_id, employee_id = was
            still_member = Membership.objects.filter(
                department_id=department_id, employee_id=employee_id
            ).exists()
            if not still_member:
                member_left.send(
                    sender=Membership,
                    department_id=department_id,
                    employee_id=employee_id,
                    actor=actor,
                )
    return membership


def _rate_days(rate: HourlyRate) -> tuple:
    return rate.valid_from, rate.valid_until


def lock_pricing(department_ids) -> None:
    """Take the departments' rows in order, inside the caller's transaction. A rate change and a
    new time log in the same department then follow one another: the log sees the new rate, or
    the repricing sees the log; and two admins' overlapping rates cannot both pass validation."""
    list(
        Department.objects.select_for_update(no_key=True)
        .filter(pk__in=sorted(set(department_ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def rate_save(*, rate: HourlyRate, was: tuple | None = None) -> HourlyRate:
    """Save a new or edited hourly rate (validated: no overlap with another of the same department
    and person). The days it covers, and those it covered before an edit (`was`: department id,
    first and last day), are priced again by whoever listens (desk)."""
    with transaction.atomic():
        lock_pricing([rate.department_id, *([was[0]] if was else [])])
        rate.full_clean()
        rate.save()
        rates_changed.send(
            sender=HourlyRate,
            department_id=rate.department_id,
            first=rate.valid_from,
            last=rate.valid_until,
        )
        if was is not None and was != (rate.department_id, *_rate_days(rate)):
            department_id, first, last = was
            rates_changed.send(
                sender=HourlyRate, department_id=department_id, first=first, last=last
            )
    return rate


def rate_delete(*, rate: HourlyRate) -> None:
    with transaction.atomic():
        lock_pricing([rate.department_id])
        department_id, (first, last) = rate.department_id, _rate_days(rate)
        HourlyRate.objects.filter(pk=rate.pk).delete()
        rates_changed.send(sender=HourlyRate, department_id=department_id, first=first, last=last)
