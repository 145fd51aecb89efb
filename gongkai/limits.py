"""Bounds on reading one file, so that a hostile or broken file costs little and says why.

- only regular files are opened (a FIFO or a device would block or never end), and a path
  that cannot be opened is named with its reason in Chinese;
- a PDF's compressed streams are measured before any reader inflates them: a decompression
  bomb (2 MB inflating to gigabytes) is refused instead of taking the machine's memory;
- the glyphs of a whole PDF are counted as pages are read (pages: `readers.pdf.MAX_PAGES`);
- `read_isolated` reads in a separate, lower-priority process with a memory and a time
  limit: the web import uses it, so one upload never slows or endangers other users' pages;
- an upload's content must be of the type its name declares (a workbook named .docx is refused).

Every limit can be changed in the environment (GONGKAI_MAX_DECODED_MB, …).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import subprocess
import sys
import threading
import zlib
from pathlib import Path

from .errors import ReadError

MB = 1024 * 1024
MAX_DECODED_BYTES = int(os.environ.get("GONGKAI_MAX_DECODED_MB", 128)) * MB  # all of a PDF's inflated streams
MAX_STREAM_BYTES = int(os.environ.get("GONGKAI_MAX_STREAM_MB", 32)) * MB  # one page-content stream
MAX_GLYPHS = int(os.environ.get("GONGKAI_MAX_GLYPHS", 400_000))  # a dense 100-page report has about 300,000
WORKER_SECONDS = int(os.environ.get("GONGKAI_WORKER_SECONDS", 60))
WORKER_MEMORY_BYTES = int(os.environ.get("GONGKAI_WORKER_MEMORY_MB", 1024)) * MB
WORKERS = int(os.environ.get("GONGKAI_READ_WORKERS", 2))  # files read at once by one server

_OPEN_ERRORS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.ELOOP: "符号链接循环，无法打开",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENAMETOOLONG: "路径过长",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
}


def open_error(exc: OSError) -> ReadError:
    return ReadError(_OPEN_ERRORS.get(exc.errno, f"无法打开文件（{exc.strerror or exc}）"))


def regular_file_size(path: str | os.PathLike) -> int:
    """The size of a regular file; anything else (missing, a loop, a folder, a FIFO) refused at once."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise open_error(exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("这是一个文件夹，不是文件")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("不是普通文件（管道、设备或套接字），不能读取")
    return st.st_size


# --- decompression bombs in PDF ----------------------------------------------------------

_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 16


def check_pdf_streams(data: bytes) -> None:
    """Refuse a PDF whose Flate streams inflate beyond the limits, measured without keeping them.

    Images are not measured: text is read without decoding them.
    """
    total = 0
    for dictionary, start in _streams(data):
        if b"/FlateDecode" not in dictionary or b"/Image" in dictionary:
            continue
        font = b"/Length1" in dictionary or b"/Subtype" in dictionary
        cap = min(MAX_DECODED_BYTES - total, MAX_DECODED_BYTES if font else MAX_STREAM_BYTES)
        size = inflated_size(data, start, cap)
        if size > cap:
            what = "压缩内容" if font or cap < MAX_STREAM_BYTES else "一个压缩的页面内容"
            limit = MAX_DECODED_BYTES if what == "压缩内容" else MAX_STREAM_BYTES
            raise ReadError(f"PDF 中{what}解压后超过 {limit // MB} MB（疑似“压缩炸弹”），已停止读取")
        total += size


def _streams(data: bytes):
    """(the text of the object before the stream, where its data starts) for each stream."""
    for m in _STREAM.finditer(data):
        if data[m.start() - 3:m.start()] == b"end":
            continue
        yield data[max(data.rfind(b"obj", 0, m.start()), 0):m.start()], m.end()


def inflated_size(data: bytes, start: int, cap: int) -> int:
    """How many bytes the zlib stream at `start` inflates to, counting at most cap + 1."""
    inflater = zlib.decompressobj()
    size, pos = 0, start
    try:
        while pos < len(data) and not inflater.eof and size <= cap:
            size += len(inflater.decompress(data[pos:pos + _CHUNK], cap - size + 1))
            pos += _CHUNK
            while inflater.unconsumed_tail and size <= cap:
                size += len(inflater.decompress(inflater.unconsumed_tail, cap - size + 1))
    except zlib.error:
        pass  # the reader will say what is wrong with a broken stream
    return size


class GlyphBudget:
    """The glyphs of a whole document, counted as its pages are read."""

    def __init__(self, limit: int = MAX_GLYPHS):
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ReadError(f"PDF 的文字总量超过 {MAX_GLYPHS} 个字符，不像一份年度报告，已停止读取")


# --- what an upload declares it is --------------------------------------------------------

# The formats `readers.sniff` may find in a file of each declared type.
DECLARED = {
    ".pdf": {"pdf"}, ".docx": {"docx"}, ".xlsx": {"xlsx"}, ".json": {"json"},
    ".html": {"html"}, ".htm": {"html"}, ".txt": {"txt", "md", "html"}, ".md": {"md", "txt", "html"},
}
FORMAT_NAMES = {"pdf": "PDF 文档", "docx": "Word 文档（DOCX）", "xlsx": "Excel 工作簿（XLSX）", "json": "JSON 记录",
                "html": "网页（HTML）", "txt": "文本", "md": "Markdown 文本"}


def check_declared(data: bytes, name: str) -> str:
    """The file's format, when its content is of the type its name declares; else a refusal."""
    from .readers import sniff

    suffix = Path(name).suffix.lower()
    found = sniff(data, name)
    if suffix not in DECLARED:
        raise ReadError(f"不支持的文件类型{suffix or '（无扩展名）'}")
    if found not in DECLARED[suffix]:
        raise ReadError(f"文件内容是{FORMAT_NAMES.get(found, found)}，与扩展名 {suffix} 不符，请上传原始的年度报告文件")
    return found


# --- reading in a separate process ----------------------------------------------------------

_slots = threading.BoundedSemaphore(max(1, WORKERS))


def read_isolated(data: bytes, name: str, seconds: int = WORKER_SECONDS, memory: int = WORKER_MEMORY_BYTES):
    """`readers.read_bytes(data, name)` in a child process at lower priority, within limits.

    At most WORKERS files are read at once; the caller waits its turn (up to `seconds`).
    """
    from .record import Report

    if not _slots.acquire(timeout=seconds):
        raise ReadError("系统正在读取其他文件，请稍后再试")
    try:
        result = _run_worker(data, name, seconds, memory)
    finally:
        _slots.release()
    if "error" in result:
        raise ReadError(result["error"])
    return Report.model_validate(result["record"])


def _run_worker(data: bytes, name: str, seconds: int, memory: int) -> dict:
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "gongkai.limits", name, str(memory)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, preexec_fn=_lower_priority if os.name == "posix" else None,
        )
    except OSError as exc:
        raise ReadError(f"无法启动读取进程（{exc.strerror or exc}）") from None
    try:
        out, _ = child.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise ReadError(f"读取超时（超过 {seconds} 秒），已停止；文件可能过大或过于复杂") from None
    try:
        return json.loads(out)
    except ValueError:
        raise ReadError("文件过于复杂，读取时超出内存或资源限制，已停止") from None


def bound_memory(memory: int = WORKER_MEMORY_BYTES) -> None:
    """Limit this process (and the processes it starts) to `memory` bytes of address space each."""
    if os.name == "posix":
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _lower_priority() -> None:  # pragma: no cover - runs in the child
    os.nice(10)


def _worker_main(name: str, memory: int) -> int:  # pragma: no cover - runs in the child
    """Read stdin as one file and print {"record": …} or {"error": …} on stdout."""
    bound_memory(memory)
    data = sys.stdin.buffer.read()
    try:
        from .readers import read_bytes

        result = {"record": read_bytes(data, name).record()}
    except ReadError as exc:
        result = {"error": str(exc)}
    except MemoryError:
        result = {"error": "文件过于复杂，读取时超出内存限制，已停止"}
    except Exception as exc:  # noqa: BLE001 - a reader's bug is reported, not a traceback
        result = {"error": f"读取时出现内部错误：{type(exc).__name__}"}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_worker_main(sys.argv[1], int(sys.argv[2])))
