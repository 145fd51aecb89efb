"""`gongkai worker`: the job queue's workers (django-q2), reading imported reports in the background."""

from __future__ import annotations

import os

from . import register_db


def register(sub) -> None:
    p = sub.add_parser("worker", help="启动后台任务进程（读取批量导入的报告）；gongkai serve 会自动启动")
    register_db.add_arguments(p)
    p.add_argument("--workers", type=int, help="并行进程数（默认 2，或 GONGKAI_WORKERS）")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.workers:
        os.environ["GONGKAI_WORKERS"] = str(max(1, args.workers))
    register_db.open_register(args)
    from django.core.management import call_command

    from ..limits import bound_memory

    bound_memory()  # each of the queue's processes reads at most this much, like the web import's reader

    call_command("qcluster")
    return 0
