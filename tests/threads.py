"""A thread for the concurrency tests: its own database connection, closed at the end, and the
result or the exception kept for the test to look at (an exception in a thread is otherwise lost)."""

from __future__ import annotations

import threading

from django.db import connection


def in_thread(target, results: dict, key) -> threading.Thread:
    def run():
        try:
            results[key] = target()
        except Exception as exc:  # reported by the test, not lost in the thread
            results[key] = exc
        finally:
            connection.close()

    return threading.Thread(target=run)
