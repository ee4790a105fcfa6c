"""An index for `?search=` on lessons at scale, chosen from EXPLAIN ANALYZE at 100,000 lessons
(docs/performance.md): Wagtail's search entries name their object by a text id, and its
PostgreSQL backend joins them to the lessons on `page_ptr_id::varchar(50)`. Without an index on
that expression PostgreSQL hashes every lesson's id as text for each search (110 ms for
10,000 matches at 100,000 lessons); with it, it looks up the matches' lessons (49 ms). At 5,000
lessons the plan and its time stay the same. PostgreSQL only, like 0009.
"""

from django.db import migrations

NAME = "toto_lesson_id_text"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON lessons_lessonpage "
            "((((page_ptr_id)::varchar(50))::text))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("lessons", "0009_content_api_indexes")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
