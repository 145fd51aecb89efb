"""`gongkai import`: published reports of many agencies into the register, as one batch on the job queue.

The files are added to a batch and queued; the command then runs the queue's workers until
the batch is read (a progress bar on a terminal), and lists what needs a person: files that
could not be read, and reports whose agency or year is uncertain or already has a report.
Interrupted, the batch goes on under `gongkai worker` (or `gongkai serve`); nothing is read twice.
Exit status: 0 all stored, 1 some wait for a decision (in the web console), 2 some could not be read.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from ..errors import GongkaiError
from . import batch as files, register_db


def register(sub) -> None:
    p = sub.add_parser("import", help="批量导入各机关已发布的年度报告（读取、匹配机关和年度、检查）")
    p.add_argument("inputs", nargs="+", metavar="PATH", help="报告文件、文件夹（递归查找）或 zip 压缩包")
    p.add_argument("--agency-tree", metavar="FILE", help="机关表（XLSX 或 CSV：名称、上级机关、类型、区划代码），先导入")
    p.add_argument("--scope", metavar="NAME",
                   help="只匹配到该机关及其下级机关；机关表中未填上级的机关归入其下（默认：机关树只有一个顶层机关时为该机关，否则为全部机关）")
    register_db.add_arguments(p)
    p.add_argument("--workers", type=int, help="并行读取的进程数（默认 2，或 GONGKAI_WORKERS）")
    p.add_argument("--no-wait", action="store_true", help="只加入任务队列，由 gongkai worker 或 gongkai serve 读取")
    p.add_argument("--no-progress", action="store_true", help="不显示进度条")
    p.add_argument("--format", choices=("text", "json"), default="text", help="结果的输出格式")
    p.set_defaults(func=run)


def collect(inputs: list[str]) -> list[Path]:
    """Report files and zips named or found in folders named."""
    found = [Path(f) for f in files.collect(inputs)]
    for item in inputs:
        if Path(item).is_dir():
            found += sorted(p for p in Path(item).rglob("*.zip") if p.is_file())
    return found


def run(args) -> int:
    if args.workers:
        os.environ["GONGKAI_WORKERS"] = str(max(1, args.workers))
    paths = collect(args.inputs)
    if not paths:
        raise GongkaiError("没有找到报告文件")
    register_db.open_register(args)
    from django.db import transaction

    from ..web.console import batches, tree

    scope = register_db.agency_named(args.scope) if args.scope else None
    if args.agency_tree:
        sheet = Path(args.agency_tree)
        try:
            data = sheet.read_bytes()
        except OSError as exc:
            raise GongkaiError(f"{sheet}：无法读取（{exc.strerror or exc}）") from None
        created, updated = tree.import_tree(data, sheet.name, None, scope)
        print(f"机关表 {sheet.name}：新增{created}个机关，更新{updated}个", file=sys.stderr)
    if scope is None:
        scope = _only_root()
    label = "、".join(str(p) for p in args.inputs)[:180]
    with transaction.atomic():
        job = batches.create(f"命令行导入：{label}", None, scope)
        for path in paths:
            batches.add_bytes(job, str(path), path.read_bytes())
    print(f"批次 {job.pk}：{len(paths)}个文件已加入任务队列", file=sys.stderr)
    if not args.no_wait:
        _work_until_done(job, not args.no_progress and sys.stderr.isatty())
    return _report(job, args.format)


def _only_root():
    """The top of the tree when there is one top: the batch is then that office's (its console shows it)."""
    from ..web.models import Agency

    roots = list(Agency.objects.filter(parent=None)[:2])
    return roots[0] if len(roots) == 1 else None


def _work_until_done(job, show: bool) -> None:
    """Run the queue's workers in this process until every file of the batch is read."""
    from django.db import connections
    from django_q.cluster import Cluster

    from ..web.console import batches

    connections.close_all()  # the workers are forked: they must not share this process's connection
    cluster = Cluster()
    cluster.start()
    bar = _bar(batches.progress(job).total) if show else None
    try:
        while True:
            state = batches.progress(job)
            if bar is not None:
                bar.update(bar.task_ids[0], completed=state.done, total=state.total)
            if state.finished:
                break
            if not cluster.sentinel.is_alive():
                print("gongkai: 已中断；未读取的文件将在 gongkai worker 或 gongkai serve 运行时继续读取", file=sys.stderr)
                break
            time.sleep(0.5)
    finally:
        if bar is not None:
            bar.stop()
        cluster.stop()


def _bar(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("导入"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    bar.add_task("导入", total=total)
    bar.start()
    return bar


def _report(job, fmt: str) -> int:
    from ..web.console.models import DECISION_STATES, ImportItem, ItemState

    items = list(ImportItem.objects.filter(batch=job).select_related("agency").order_by("pk"))
    if fmt == "json":
        json.dump([{"file": i.name, "state": i.state, "reason": i.reason, "agency": i.agency.name if i.agency else None,
                    "year": i.year} for i in items], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for item in items:
            if item.state not in (ItemState.STORED, ItemState.UNPACKED):
                print(f"{item.name}: {item.get_state_display()}：{item.reason}")
        counts: dict[str, int] = {}
        for item in items:
            counts[item.get_state_display()] = counts.get(item.get_state_display(), 0) + 1
        print(f"批次 {job.pk} 共{len(items)}个文件：" + "，".join(f"{k}{v}个" for k, v in counts.items()))
    states = {i.state for i in items}
    if ItemState.FAILED in states:
        return 2
    if states & set(DECISION_STATES) or states & {ItemState.QUEUED, ItemState.READING}:
        return 1
    return 0
