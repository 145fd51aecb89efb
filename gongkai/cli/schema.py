"""`gongkai schema`: the JSON Schema of the report record."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("schema", help="打印报告记录的 JSON Schema")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..record import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0
