"""A made-up region for trying the supervisor's console: an agency sheet and its published reports.

    python scripts/make_region.py OUT [--agencies 60] [--years 2022 2023 2024] [--seed 14]

Writes OUT/tree.xlsx (名称, 上级机关, 类型, 区划代码), OUT/reports/ (one file per published
agency-year, in every layout family of tests/families, some with planted errors, some late,
some undated, some missing) and OUT/manifest.json (what was planted where). Then:

    gongkai import OUT/reports --agency-tree OUT/tree.xlsx
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--years", type=int, nargs="+", default=[2022, 2023, 2024])
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    from tests.families import region

    manifest = region.write(args.out, size=args.agencies, years=tuple(args.years), seed=args.seed)
    entries = manifest["entries"]
    files = [e for e in entries if e["file"]]
    plants = Counter(p for e in entries for p in e["plants"])
    print(f"{len(manifest['agencies'])} agencies, {len(files)} reports in {args.out / 'reports'} "
          f"({len(entries) - len(files)} not published, {sum(e['late'] for e in files)} late, "
          f"{sum(e['undated'] for e in files)} undated; planted: {dict(plants)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
