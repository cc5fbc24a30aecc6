"""Two database connections at once, for tests of what a lock guarantees."""

import threading

from django.db import connections, transaction


def second_waits_for_first(first, second):
    """Run ``first()`` in a transaction on a connection of its own and, while
    that is still open, ``second()`` on another; check that the second waits
    for the first to commit. Returns what each returned."""
    first_done, first_may_commit = threading.Event(), threading.Event()
    results = {}

    def run_first():
        try:
            with transaction.atomic():
                results["first"] = first()
                first_done.set()
                first_may_commit.wait(timeout=10)
        finally:
            connections.close_all()  # this thread's

    def run_second():
        try:
            first_done.wait(timeout=10)
            results["second"] = second()
        finally:
            connections.close_all()

    a, b = threading.Thread(target=run_first), threading.Thread(target=run_second)
    a.start()
    b.start()
    first_done.wait(timeout=10)
    b.join(timeout=0.5)
    assert b.is_alive(), "the second should wait for the first"
    first_may_commit.set()
    a.join(timeout=10)
    b.join(timeout=10)
    return results["first"], results["second"]
