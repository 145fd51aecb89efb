"""Batches of published reports: files in, each one read, matched to an agency and year, and settled.

An item is settled once: stored, listed as failed with the reason, or put before a person
(an uncertain agency or year, the same file again, a second report for an agency-year), who
then decides. A zip is an item too; reading it adds its files to the batch.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.readers import MAX_BYTES
from gongkai.supervision.matching import CERTAIN, decide, year_from_filename

from ..errors import Refused
from ..models import Agency, PublishedReport
from ..services import audit
from . import originals, storing, tree
from .models import DECISION_STATES, OPEN_STATES, ImportBatch, ImportItem, ItemState

JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


# --- making a batch ------------------------------------------------------------------------

def create(label: str, user, scope: Agency | None) -> ImportBatch:
    return ImportBatch.objects.create(label=label[:200], created_by=user if getattr(user, "pk", None) else None,
                                      scope=scope)


def add(batch: ImportBatch, name: str, stored: str, sha256: str, size: int) -> ImportItem:
    """One file of the batch, queued for reading (in the caller's transaction: both happen or neither)."""
    from . import jobs

    item = ImportItem.objects.create(batch=batch, name=_unique_name(batch, name), original=stored, sha256=sha256,
                                     size=size)
    jobs.enqueue_item(item)
    return item


def add_bytes(batch: ImportBatch, name: str, data: bytes) -> ImportItem:
    stored, digest = originals.save(data, name)
    return add(batch, name, stored, digest, len(data))


def add_upload(batch: ImportBatch, upload) -> ImportItem:
    stored, digest, size = originals.save_stream(upload.chunks(), upload.name)
    return add(batch, upload.name, stored, digest, size)


def _unique_name(batch: ImportBatch, name: str) -> str:
    name = name[:280]
    taken = set(ImportItem.objects.filter(batch=batch, name__startswith=name).values_list("name", flat=True))
    n, candidate = 1, name
    while candidate in taken:
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def is_archive(name: str) -> bool:
    return name.lower().endswith(".zip")


# --- what a batch has come to --------------------------------------------------------------

@dataclass
class Progress:
    total: int = 0
    by_state: dict = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.total - sum(self.by_state.get(s, 0) for s in OPEN_STATES)

    @property
    def finished(self) -> bool:
        return self.done == self.total

    @property
    def waiting(self) -> int:
        return sum(self.by_state.get(s, 0) for s in DECISION_STATES)

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)

    def as_dict(self) -> dict:
        return {"total": self.total, "done": self.done, "finished": self.finished, "percent": self.percent,
                "waiting": self.waiting,
                "states": {ItemState(s).label: n for s, n in self.by_state.items()}}


def progress(batch: ImportBatch) -> Progress:
    from django.db.models import Count

    rows = ImportItem.objects.filter(batch=batch).values_list("state").annotate(n=Count("pk")).order_by()
    by_state = {state: n for state, n in rows}
    return Progress(sum(by_state.values()), by_state)


def resume(batch: ImportBatch) -> int:
    """Queue again every item not yet read (after a lost queue; reading an item twice stores it once)."""
    from . import jobs

    items = list(ImportItem.objects.filter(batch=batch, state__in=OPEN_STATES))
    with transaction.atomic():
        for item in items:
            jobs.enqueue_item(item)
    return len(items)


# --- settling one item ------------------------------------------------------------------------

def _finish(item: ImportItem, state: str, reason: str = "", **fields) -> None:
    item.state, item.reason, item.finished_at = state, reason[:2000], timezone.now()
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()


def fail(item_id: int, reason: str) -> None:
    with transaction.atomic():
        item = ImportItem.objects.select_for_update().get(pk=item_id)
        if item.state in OPEN_STATES:
            _finish(item, ItemState.FAILED, reason)


def settle(item_id: int, report, lines: dict) -> str:
    """Match a reading to an agency and year and store it, or put it before a person; returns the state."""
    with transaction.atomic():
        item = ImportItem.objects.select_for_update(of=("self",)).select_related("batch__scope").get(pk=item_id)
        if item.state != ItemState.READING:
            return item.state  # settled meanwhile by another delivery of the same task
        match = decide(tree.index(item.batch.scope), report.agency, item.name)
        year = report.year or year_from_filename(item.name)
        record = report.record()
        kept = {"record": record, "lines": lines, "year": year, "certainty": match.certainty,
                "candidates": match.candidates, "agency_id": match.agency_id}
        same = _same_file(item)
        if same:
            _finish(item, ItemState.DUPLICATE, same[0], existing=same[1], **kept)
        elif match.certainty != CERTAIN or year is None:
            why = [match.how] if match.certainty != CERTAIN else []
            if year is None:
                why.append("报告和文件名中均未识别出报告年度")
            _finish(item, ItemState.REVIEW, "；".join(why), **kept)
        else:
            _store(item, Agency.objects.get(pk=match.agency_id), year, record, lines, replace=False)
        return item.state


def _same_file(item: ImportItem) -> tuple[str, PublishedReport | None] | None:
    stored = (PublishedReport.objects.filter(sha256=item.sha256, current=True).select_related("agency")
              .only("year", "source_name", "agency__name").first())
    if stored is not None:
        return f"与已入库的{storing.describe(stored)}是同一文件", stored
    earlier = (ImportItem.objects.filter(batch=item.batch, sha256=item.sha256, pk__lt=item.pk)
               .exclude(state__in=(ItemState.FAILED, ItemState.SKIPPED, ItemState.DUPLICATE)).first())
    if earlier is not None:
        return f"与本批文件“{earlier.name}”是同一文件", None
    return None


def _store(item: ImportItem, agency: Agency, year: int, record: dict, lines: dict, replace: bool) -> None:
    outcome = storing.store(agency=agency, year=year, record=record, lines=lines, original=item.original.name,
                            sha256=item.sha256, source_name=PurePosixPath(item.name).name, replace=replace)
    if outcome.state == storing.STORED:
        _finish(item, ItemState.STORED, agency=agency, year=year, report=outcome.report, record=None, lines={},
                existing=None)
    else:
        state = ItemState.DUPLICATE if outcome.state == storing.DUPLICATE else ItemState.CONFLICT
        _finish(item, state, outcome.reason, agency=agency, year=year, existing=outcome.report, record=record,
                lines=lines)


# --- a person's decision -------------------------------------------------------------------------

ACTIONS = {"store": "确认入库", "replace": "替换已有报告", "skip": "跳过"}


def decide_item(item: ImportItem, user, action: str, agency: Agency | None = None, year: int | None = None) -> str:
    """Store (with the agency and year a person confirmed), replace what is there, or skip."""
    if action not in ACTIONS:
        raise Refused("未知的操作")
    with transaction.atomic():
        item = ImportItem.objects.select_for_update(of=("self",)).select_related("batch__scope").get(pk=item.pk)
        if item.state not in DECISION_STATES:
            raise Refused(f"该文件的状态为“{item.get_state_display()}”，无需处理")
        if action == "skip":
            _finish(item, ItemState.SKIPPED, f"{item.reason}（已选择跳过）", decided_by=user, record=None, lines={})
        else:
            agency = agency or item.agency
            year = year or item.year
            if agency is None or year is None:
                raise Refused("请选择机关并填写年度")
            if agency.pk not in set(tree.scope_ids(item.batch.scope)):
                raise Refused("所选机关不在本批导入的范围内")
            if item.record is None:
                raise Refused("该文件没有可入库的读取结果")
            item.decided_by = user
            _store(item, agency, year, item.record, item.lines, replace=action == "replace")
        audit.record(user, f"import.{action}", item.name, item.agency, state=item.state,
                     year=item.year)
    return item.state


# --- zips ------------------------------------------------------------------------------------

def unpack(item_id: int) -> str:
    """Add a zip's files to its batch (again after an interruption: the names already added are skipped)."""
    item = ImportItem.objects.select_related("batch").get(pk=item_id)
    try:
        archive = zipfile.ZipFile(io.BytesIO(originals.read(item.original.name)))
        members = [m for m in archive.infolist() if not m.is_dir() and not any(j in m.filename for j in JUNK)]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        fail(item.pk, f"压缩包已损坏，无法解压（{type(exc).__name__}）")
        return ItemState.FAILED
    limit, budget = settings.MAX_BATCH_FILES, settings.MAX_BATCH_BYTES
    if len(members) > limit:
        fail(item.pk, f"压缩包内有{len(members)}个文件，超过上限{limit}个")
        return ItemState.FAILED
    if sum(m.file_size for m in members) > budget:
        fail(item.pk, f"压缩包解压后超过{budget // 1048576} MB")
        return ItemState.FAILED
    done = set(ImportItem.objects.filter(batch=item.batch, name__startswith=f"{item.name}/").values_list("name", flat=True))
    added = 0
    for member in members:
        name = f"{item.name}/{_member_name(member)}"
        if name in done:
            continue
        with transaction.atomic():
            if member.file_size > MAX_BYTES:
                ImportItem.objects.create(batch=item.batch, name=name[:300], original="", sha256="", size=member.file_size,
                                          state=ItemState.FAILED, finished_at=timezone.now(),
                                          reason=f"文件过大（{member.file_size / 1048576:.0f} MB，上限 {MAX_BYTES // 1048576} MB）")
                continue
            with archive.open(member) as fh:
                data = fh.read(MAX_BYTES + 1)
            if is_archive(name):
                ImportItem.objects.create(batch=item.batch, name=name[:300], original="", sha256="", size=len(data),
                                          state=ItemState.FAILED, finished_at=timezone.now(),
                                          reason="压缩包中的压缩包不予解压，请单独上传")
                continue
            add_bytes(item.batch, name, data)
            added += 1
    with transaction.atomic():
        locked = ImportItem.objects.select_for_update().get(pk=item.pk)
        if locked.state in OPEN_STATES:
            _finish(locked, ItemState.UNPACKED, f"压缩包内共{len(members)}个文件")
    return ItemState.UNPACKED


def _member_name(member: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it: zips made on Chinese Windows store names in GBK, unflagged."""
    name = member.filename
    if not member.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for encoding in ("utf-8", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name
