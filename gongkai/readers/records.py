"""Records in JSON: one record, an array of them (`gongkai extract --format json`) or JSON Lines.

What `gongkai extract` writes is read back here, so that its output can be piped into
`gongkai render` or `gongkai check`; an input holding several records is not one report,
and is refused with a message saying how many it holds.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from ..errors import ReadError
from ..record import Report


def read_record(text: str) -> Report:
    """The one record of a JSON text (an object, an array of one, or one JSON line)."""
    records = read_records(text)
    if len(records) != 1:
        if not records:
            raise ReadError("JSON 中没有报告记录")
        raise ReadError(f"JSON 中有 {len(records)} 份报告记录，一次只能读取一份；请先拆分（例如 jq '.[0]'）")
    return records[0]


def read_records(text: str) -> list[Report]:
    """Every record of a JSON text: an object, an array of objects, or one object a line."""
    values = _values(text)
    reports = []
    for n, value in enumerate(values, 1):
        which = f"第 {n} 份记录" if len(values) > 1 else "记录"
        if not isinstance(value, dict):
            raise ReadError(f"JSON {which}不是报告记录（应为对象，而不是 {type(value).__name__}）")
        try:
            reports.append(Report.model_validate(value))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first.get("loc", ()))
            raise ReadError(f"JSON {which}不符合报告格式：{field} {first.get('msg', '')}".strip()) from None
    return reports


def _values(text: str) -> list:
    """The JSON values of a text: one document (an array's items), or one document a line."""
    decoder = json.JSONDecoder()
    body = text.strip()
    try:
        value, end = decoder.raw_decode(body)
    except json.JSONDecodeError as exc:
        raise _invalid(exc) from None
    if end == len(body):
        return value if isinstance(value, list) else [value]
    values = []
    for number, line in enumerate(body.splitlines(), 1):
        if line.strip():
            try:
                values.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ReadError(f"JSON Lines 第 {number} 行不是有效的 JSON：{exc.msg}") from None
    return values


def _invalid(exc: json.JSONDecodeError) -> ReadError:
    return ReadError(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）")
