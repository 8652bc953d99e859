"""Signals the organisation sends so that other apps react without departments knowing them.

`rates_changed` is sent inside the transaction that saved or deleted an hourly rate: desk prices
the time logged on those days again (and marks the report cells it moves) in the same transaction.

`member_left` is sent inside the transaction that ended the membership: a receiver's writes
(desk releases the person's open requests of that department) commit or roll back with it.
"""

from django.dispatch import Signal

# kwargs: department_id (int), employee_id (int), actor (Employee or None)
member_left = Signal()

# kwargs: department_id (int), first (date), last (date or None: no end)
rates_changed = Signal()
