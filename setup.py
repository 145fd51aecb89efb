"""Build gongkai: plain Python by default, compiled with mypyc when GONGKAI_COMPILE=1 asks.

As black does, the compiled build is opt-in: `GONGKAI_COMPILE=1 pip install .` (and the
release wheels, built the same way) compile the modules listed in gongkai/compiled.py to C
extensions, which read and check reports faster (figures in the README); any other install
runs the sources, the same records and findings. An editable install is never compiled
(_build_backend/backend.py refuses it): a compiled module would shadow every later edit of
its source. A type error in a compiled module fails the build: it is a bug to fix, not a
reason to fall back.
"""

from __future__ import annotations

import os
import runpy
import sysconfig
import tempfile
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def asked_to_compile() -> bool:
    return os.environ.get("GONGKAI_COMPILE", "") not in ("", "0")


def can_compile() -> bool:
    """A C compiler that builds against this Python's headers."""
    from setuptools._distutils.ccompiler import new_compiler
    from setuptools._distutils.errors import CCompilerError, DistutilsError
    from setuptools._distutils.sysconfig import customize_compiler

    compiler = new_compiler()
    customize_compiler(compiler)
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp, "probe.c")
        probe.write_text("#include <Python.h>\nint main(void) { return 0; }\n")
        try:
            compiler.compile([str(probe)], output_dir=tmp, include_dirs=[sysconfig.get_paths()["include"]])
        except (CCompilerError, DistutilsError, OSError):
            return False
    return True


def plain() -> list:
    """No extensions; and none left beside the sources by an earlier build to shadow them."""
    leftovers = [*HERE.glob("gongkai__mypyc.*"), *(HERE / "gongkai").rglob("*.so"), *(HERE / "gongkai").rglob("*.pyd")]
    for old in [*leftovers, *(HERE / "gongkai").glob("compiled_sources.json")]:
        old.unlink()
    return []


def extensions() -> list:
    if not asked_to_compile():
        return plain()
    try:
        from mypyc.build import mypycify
    except ImportError:
        raise SystemExit("gongkai: GONGKAI_COMPILE=1 needs mypy (a build requirement then; "
                         "with --no-build-isolation, install mypy==2.4.1 first)") from None
    if not can_compile():
        raise SystemExit("gongkai: GONGKAI_COMPILE=1 needs a C compiler and the Python headers "
                         "(Debian: apt install gcc python3-dev)")
    compiled = runpy.run_path(str(HERE / "gongkai" / "compiled.py"))
    compiled["write_stamp"](HERE)
    sources = [m.replace(".", "/") + ".py" for m in compiled["MODULES"]]
    return mypycify([*sources, "--ignore-missing-imports", "--follow-imports=silent"], opt_level="3", group_name="gongkai")


setup(ext_modules=extensions())
