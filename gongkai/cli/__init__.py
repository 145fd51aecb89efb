"""The `gongkai` command: one module per subcommand, each with `register(subparsers)`.

A subcommand module defines `register(sub)`, which adds its parser and sets
`func(args) -> int` (the exit code). Errors a user can act on are `GongkaiError`s: they
print as one line and exit 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__, compiled
from ..errors import GongkaiError
from .output import printable

COMMANDS = ("extract", "check", "schema", "render", "deadline", "calendar", "compile", "demo", "serve", "import",
            "worker")
MODULES = {"import": "import_reports"}  # a subcommand whose name is not a valid module name


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="政府信息公开工作年度报告：读取、检查、登记与编写",
    )
    parser.add_argument("--version", action="version", version=f"gongkai {__version__} ({compiled.describe()})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module_name = f"{__name__}.{MODULES.get(name, name.replace('-', '_'))}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # a command whose module is not part of this installation
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except GongkaiError as exc:
        print(f"gongkai: {printable(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("gongkai: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
