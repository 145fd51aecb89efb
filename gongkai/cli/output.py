"""Writing a command's output: to stdout, or to a file that appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import unicodedata


@contextlib.contextmanager
def output_stream(path: str | None, binary: bool = False):
    """Yield a stream; a named file is written beside its target and renamed when complete."""
    if not path:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = os.path.abspath(path)
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        from ..errors import GongkaiError

        raise GongkaiError(f"{path}：输出文件夹不存在")
    fd, tmp = tempfile.mkstemp(prefix=".gongkai-", dir=directory)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as fh:
            yield fh
        os.chmod(tmp, _mode_for(target))  # a temporary file is private (0600); the output is not
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: str) -> int:
    """The mode a file written in place would have: the target's own, or 0666 less the umask."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def printable(text: str) -> str:
    """A file name or text from a file safe to print on a terminal: control and format
    characters (escape sequences, carriage returns, direction overrides) shown escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or (c == " ") else _escaped(c) for c in text)


def _escaped(c: str) -> str:
    if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
        code = ord(c)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return c
