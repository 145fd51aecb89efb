"""The console's work on the job queue: django-q2, whose ORM broker keeps tasks in the register's database.

A task is taken up again when its worker dies (after the queue's `retry` time), so each task
may run more than once: the item's state, changed under a row lock, makes a second run a
no-op, and a file that stops its worker twice is failed with the reason instead of being
tried for ever. Workers run as `gongkai worker` (or under `gongkai serve`).
"""

from __future__ import annotations

import logging

from django.db import transaction

from gongkai.errors import GongkaiError

from . import batches, originals, reading
from .models import OPEN_STATES, ImportItem, ItemState

MAX_ATTEMPTS = 2
log = logging.getLogger(__name__)


def enqueue_item(item: ImportItem) -> None:
    from django_q.tasks import async_task

    async_task("gongkai.web.console.jobs.read_item", item.pk, task_name=f"import-item-{item.pk}",
               group=f"import-batch-{item.batch_id}")


def read_item(item_id: int) -> str:
    """Read one file of a batch and settle it; returns the state it ends in."""
    with transaction.atomic():
        item = ImportItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None or item.state not in OPEN_STATES:
            return item.state if item else "missing"
        if item.attempts >= MAX_ATTEMPTS:
            batches.fail(item.pk, f"已尝试读取{item.attempts}次均未完成（读取超时或进程中断），已跳过")
            return ItemState.FAILED
        item.state, item.attempts = ItemState.READING, item.attempts + 1
        item.save(update_fields=["state", "attempts"])
    if batches.is_archive(item.name):
        return batches.unpack(item.pk)
    try:
        report, lines = reading.read(originals.read(item.original.name), item.name)
    except GongkaiError as exc:
        batches.fail(item.pk, str(exc))
        return ItemState.FAILED
    except (MemoryError, RecursionError) as exc:
        batches.fail(item.pk, f"文件过于复杂，无法读取（{type(exc).__name__}）")
        return ItemState.FAILED
    except Exception as exc:  # a reader bug fails this file, never the batch
        log.exception("reading import item %s", item_id)
        batches.fail(item.pk, f"内部错误：{type(exc).__name__}: {str(exc)[:200]}")
        return ItemState.FAILED
    return batches.settle(item.pk, report, lines)
