"""The request search: requests whose number, applicant or content contains the words.

A case-insensitive substring match. On PostgreSQL the ORM emits it as
`UPPER("col"::text) LIKE UPPER('%words%')`, and migration 0002 indexes exactly those three
expressions with pg_trgm GIN indexes, so a search over a million requests reads only the
index entries of the words' trigrams instead of every row. SQLite scans, as it always did.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

MAX_WORDS = 100  # characters of search words kept


def clean(words: str | None) -> str:
    return (words or "").strip()[:MAX_WORDS]


def matching(qs: QuerySet, words: str, names: bool = True) -> QuerySet:
    """`qs` narrowed to the requests whose number, applicant name (if `names`) or content contains `words`."""
    words = clean(words)
    if not words:
        return qs
    found = Q(number__icontains=words) | Q(items__icontains=words)
    return qs.filter(found | Q(applicant_name__icontains=words) if names else found)


def ordered_ids(qs: QuerySet, limit: int) -> list[int] | None:
    """The ids of `qs` in its own order when it has at most `limit` rows, else None.

    The ids are read without ORDER BY, so PostgreSQL collects them through the trigram
    indexes, and are sorted here. Asked for `ORDER BY received DESC … LIMIT n` directly, the
    planner may instead walk the date index testing every row against the pattern, counting
    on an early match, which for a rare word means reading the whole agency. When more than
    `limit` rows match, matches are dense and that walk is the fast plan, so None says to
    page the queryset itself.
    """
    ordering = list(qs.query.order_by or qs.model._meta.ordering)
    if not all(isinstance(o, str) for o in ordering):
        return None
    fields = [o.lstrip("-") for o in ordering]
    rows = list(qs.order_by().values_list("pk", *fields)[: limit + 1])
    if len(rows) > limit:
        return None
    for i in reversed(range(len(fields))):  # stable sorts, last key first
        rows.sort(key=lambda r, i=i: (r[i + 1] is None, r[i + 1]), reverse=ordering[i].startswith("-"))
    return [r[0] for r in rows]
