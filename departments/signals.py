"""Signals the organisation sends so that other apps react without departments knowing them.

`member_left` is sent inside the transaction that ended the membership: a receiver's writes
(desk releases the person's open requests of that department) commit or roll back with it.
"""

from django.dispatch import Signal

# kwargs: department_id (int), employee_id (int), actor (Employee or None)
member_left = Signal()
