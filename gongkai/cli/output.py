"""Writing a command's output: to stdout, or to a file that appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile


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
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
