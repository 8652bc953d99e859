"""Signals desk sends so that other parts (notifications, reports) react without desk knowing them.

`event_recorded` is sent inside the transaction that wrote the event: receivers may write rows
(e.g. mark report cells stale) that commit or roll back with it, and must defer anything slow or
external with `transaction.on_commit`.
"""

from django.dispatch import Signal

# kwargs: request (desk.models.Request), event (desk.models.Event)
event_recorded = Signal()

# A request's effort totals changed without an event (its logs were priced again after a rate
# changed); sent inside that transaction. kwargs: request (desk.models.Request)
effort_changed = Signal()
