"""Running a job over many report files: collection, worker processes, progress, errors.

Workers return small, already-serialised results so that memory stays flat however many
files there are; a file that cannot be read becomes one error line, never a crash.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import GongkaiError
from .output import printable

EXTENSIONS = {".txt", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf", ".json", ".xlsx"}
FILE_TIMEOUT = int(os.environ.get("GONGKAI_FILE_TIMEOUT", 120))


@dataclass
class Outcome:
    path: str
    value: object = None
    error: str | None = None


def collect(inputs: Iterable[str]) -> list[str]:
    """Files named, and report files found in folders named (recursively, in a stable order).

    A named path that cannot be read is kept, so that reading it says why in one line and the
    rest of the batch goes on; so is an entry of a folder with a report's name that is not a
    regular file (a FIFO, a broken or looping link). Linked folders are not followed.
    """
    files: list[str] = []
    for item in inputs:
        files.extend(_in_folder(item) if os.path.isdir(item) else [item])
    return files


def _in_folder(root: str) -> list[str]:
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if Path(name).suffix.lower() in EXTENSIONS and not name.startswith(".") \
                    and not name.endswith(".expected.json"):
                found.append(Path(folder, name))
    return [str(f) for f in sorted(found)]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _alarm(signum, frame):  # pragma: no cover - only on a pathological file
    raise TimeoutError


def _guarded(job: Callable[[str], object], path: str) -> Outcome:
    """Run one file's job; every failure becomes a message naming the file."""
    use_alarm = hasattr(signal, "SIGALRM") and FILE_TIMEOUT > 0
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(FILE_TIMEOUT)
    try:
        return Outcome(path, job(path))
    except GongkaiError as exc:
        return Outcome(path, error=str(exc))
    except TimeoutError:
        return Outcome(path, error=f"读取超时（超过 {FILE_TIMEOUT} 秒），已跳过")
    except MemoryError:
        return Outcome(path, error="文件过于复杂，内存不足，已跳过")
    except Exception as exc:  # a reader bug must not stop the batch
        return Outcome(path, error=f"内部错误：{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


class _Call:
    """A picklable job wrapper for the worker processes."""

    def __init__(self, job):
        self.job = job

    def __call__(self, path):
        return _guarded(self.job, path)


def run(job: Callable[[str], object], files: list[str], jobs: int, progress: bool, label: str) -> Iterator[Outcome]:
    """Outcomes of `job` over `files`, in input order."""
    jobs = max(1, min(jobs, len(files) or 1))
    bar = _progress(len(files), label) if progress else None
    try:
        if jobs == 1:
            results = (_guarded(job, f) for f in files)
            yield from _tick(results, bar)
        else:
            ctx = get_context("fork" if sys.platform.startswith("linux") else "spawn")
            with ctx.Pool(jobs, maxtasksperchild=500) as pool:
                yield from _tick(pool.imap(_Call(job), files, chunksize=4), bar)
    finally:
        if bar is not None:
            bar.stop()


def _tick(results, bar):
    for outcome in results:
        if bar is not None:
            bar.advance(bar.task_ids[0])
        yield outcome


def _progress(total: int, label: str):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    bar.add_task(label, total=total)
    bar.start()
    return bar


def add_batch_arguments(parser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="PATH", help="报告文件或文件夹（递归查找）")
    parser.add_argument("-j", "--jobs", type=int, default=default_jobs(), help="并行进程数（默认：全部 CPU 核心）")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")


def show_progress(args) -> bool:
    return not args.no_progress and sys.stderr.isatty()


def report_error(outcome: Outcome) -> None:
    print(f"{printable(outcome.path)}: {outcome.error}", file=sys.stderr)
