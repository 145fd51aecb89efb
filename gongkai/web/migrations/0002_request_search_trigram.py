"""Trigram indexes for the request search, on PostgreSQL only (a no-op on SQLite).

The search (`services/search.py`) is a case-insensitive substring match, which Django emits
on PostgreSQL as `UPPER("col"::text) LIKE UPPER('%words%')`. A B-tree cannot serve a
pattern with a leading wildcard; a GIN index of `pg_trgm` trigrams over the very expression
the ORM emits can, so each index below is on `UPPER(col::text)`.

pg_trgm splits Chinese text into trigrams only when the database's LC_CTYPE is not the plain
"C" locale (C.UTF-8, zh_CN.UTF-8 and the like all work); under "C" the search still returns
the right rows, without the speed-up. Search words shorter than three characters have no
trigram either, so they are answered by a scan as before.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
"""

from django.db import migrations

TABLE = "office_request"
INDEXES = {
    "req_search_number_trgm": "number",
    "req_search_applicant_trgm": "applicant_name",
    "req_search_items_trgm": "items",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("office", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
