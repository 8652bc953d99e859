"""Changes to service teams. Every way a person leaves a team (the admin's inline rows, a
script) goes through here, so that what depends on membership (desk's assignments) follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from departments.models import Membership
from departments.signals import member_left

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
