"""`gongkai compile`: the annual report record counted from the register's database."""

from __future__ import annotations

import sys

from .. import formats


def register(sub) -> None:
    p = sub.add_parser("compile", help="由登记数据汇编年度报告（表二、表三、表四）")
    p.add_argument("--year", type=int, required=True, help="报告年度")
    p.add_argument("--agency", help="机关名称（数据库中只有一个机关时可省略）")
    p.add_argument("--all", action="store_true",
                   help="汇总多个机关：与 --agency 同用时为该机关及其所属机关，否则为数据库中的全部机关")
    p.add_argument("--format", default="json", choices=formats.WRITABLE, help="输出格式")
    p.add_argument("--output", "-o", help="输出文件（默认标准输出）")
    p.add_argument("--database", help="数据库地址（默认读取 DATABASE_URL 环境变量）")
    p.add_argument("--check", action="store_true", help="同时运行检查，并把检查结果打印到标准错误")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..web import setup

    setup(args.database)
    from .register_db import agency_named

    agency = agency_named(args.agency) if args.agency else None
    if args.all:
        report, findings = _combined(agency, args.year)
    else:
        report, findings = _one(agency, args.year)
    if args.check:
        for f in findings():
            print(f"{f.severity}\t{f.code}\t{f.message}", file=sys.stderr)
    from ..writers import render

    data = render(report, args.format)
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _combined(agency, year: int):
    """The combined report of the agency and those below it, or of every agency."""
    from ..web.services import combined

    result = combined.compile_overseen(agency, year) if agency else combined.compile_all(year)
    return result.report, lambda: combined.findings(result, year)


def _one(agency, year: int):
    """One agency's report; without --agency, the only agency with requests."""
    from ..errors import GongkaiError
    from ..web.models import Agency
    from ..web.services import compiling, versions

    if agency is None:
        with_requests = Agency.objects.filter(requests__isnull=False).distinct()
        if with_requests.count() != 1:
            names = "、".join(with_requests.values_list("name", flat=True)[:10]) or "（无）"
            raise GongkaiError(f"请用 --agency 指定机关，数据库中有登记数据的机关：{names}")
        agency = with_requests.get()
    report, version = versions.as_approved(agency, year)
    if version is not None:
        print(f"{agency.name}{year}年度报告已审核通过：输出第{version.number}版（审核时的内容）", file=sys.stderr)
        return report, lambda: versions.version_findings(version)
    return report, lambda: compiling.year_findings(agency, year, report)
