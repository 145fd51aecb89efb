"""The job queue in tests: tasks are queued for real (django-q2's ORM broker) and run here, one by one,
the way a worker runs them."""

from __future__ import annotations

from django_q.brokers import get_broker
from django_q.signing import SignedPackage
from django.utils.module_loading import import_string


def drain(limit: int = 100_000) -> int:
    """Run queued tasks (and the tasks they queue) until none is left; returns how many ran."""
    broker = get_broker()
    ran = 0
    while ran < limit:
        tasks = broker.dequeue()
        if not tasks:
            return ran
        for ack_id, payload in tasks:
            task = SignedPackage.loads(payload)
            func = import_string(task["func"]) if isinstance(task["func"], str) else task["func"]
            func(*task["args"], **task["kwargs"])
            broker.acknowledge(ack_id)
            ran += 1
    return ran


def queued() -> int:
    from django_q.models import OrmQ

    return OrmQ.objects.count()
