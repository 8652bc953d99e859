"""What desk does when the organisation changes (departments sends the signals, desk reacts)."""

from __future__ import annotations

from django.dispatch import receiver

from departments.signals import member_left, rates_changed
from desk import effort, permissions, services


@receiver(member_left, dispatch_uid="desk.receivers.on_member_left")
def on_member_left(sender, department_id: int, employee_id: int, actor=None, **kwargs) -> None:
    if actor is not None:
        permissions.forget(actor)  # the actor may have just left the team themselves
    services.requests_release(department_id=department_id, employee_id=employee_id, actor=actor)


@receiver(rates_changed, dispatch_uid="desk.receivers.on_rates_changed")
def on_rates_changed(sender, department_id: int, first, last, **kwargs) -> None:
    effort.logs_reprice(department_id=department_id, first=first, last=last)
