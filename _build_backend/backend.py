"""gongkai's build backend: setuptools, with the compiled build opt-in (setup.py).

mypy (which brings mypyc) is a build requirement only when GONGKAI_COMPILE=1 asks for the
compiled build, so a default install does not fetch it; and an editable install is never
compiled, since a compiled module would shadow every later edit of its source.
"""

from __future__ import annotations

import os

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F401,F403 - every other hook as setuptools has it

MYPY = "mypy==2.4.1"


def _compiling() -> bool:
    return os.environ.get("GONGKAI_COMPILE", "") not in ("", "0")


def get_requires_for_build_wheel(config_settings=None):
    if _compiling():
        # not setuptools' own: it runs setup.py, which needs mypyc already (gongkai has no setup_requires)
        return [MYPY]
    return _setuptools.get_requires_for_build_wheel(config_settings)


def get_requires_for_build_editable(config_settings=None):
    if _compiling():
        raise SystemExit(
            "gongkai: an editable install runs its sources and is never compiled; unset GONGKAI_COMPILE, "
            "or build the compiled one with `GONGKAI_COMPILE=1 pip install .`"
        )
    return _setuptools.get_requires_for_build_editable(config_settings)
