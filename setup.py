"""Build gongkai, compiling the reader's and the checks' modules with mypyc when it can.

The modules listed in gongkai/compiled.py are compiled to C extensions beside their source
(reading and checking about 1.8 times faster; benchmarks/bench_read.py). Without a C compiler and the
Python headers, or with GONGKAI_PURE_PYTHON=1 set, gongkai installs as plain Python: the
same records and findings, read more slowly. A type error in a compiled module fails the
build: it is a bug to fix, not a reason to fall back.
"""

from __future__ import annotations

import os
import runpy
import sysconfig
import tempfile
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


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
    if os.environ.get("GONGKAI_PURE_PYTHON"):
        return plain()
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("gongkai: mypyc is not installed; installing as plain Python")
        return plain()
    if not can_compile():
        print("gongkai: no C compiler or Python headers; installing as plain Python")
        return plain()
    compiled = runpy.run_path(str(HERE / "gongkai" / "compiled.py"))
    compiled["write_stamp"](HERE)
    sources = [m.replace(".", "/") + ".py" for m in compiled["MODULES"]]
    return mypycify([*sources, "--ignore-missing-imports", "--follow-imports=silent"], opt_level="3", group_name="gongkai")


setup(ext_modules=extensions())
