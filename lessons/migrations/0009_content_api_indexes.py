"""Indexes for the content API's filters and orderings, chosen from EXPLAIN ANALYZE at 100,000
lessons (docs/performance.md has the plans and timings).

Three of them are on Wagtail's own tables, which no Toto model declares, so they are created
here with SQL, on PostgreSQL only (the embedded SQLite default has no such scale, and SQLite's
search uses another table):

- `wagtailcore_page (id::varchar)`: images and documents "in use" match Wagtail's reference
  index, whose object ids are text, against the visible pages (an image's detail took 75 ms,
  hashing every page id as text; 0.2 ms with it);
- `wagtailcore_page (title)`: `?order=title` (104 ms sorting every page; 0.4 ms);
- `wagtailsearch_indexentry USING gin ((title || body))`: `?search=` matches that expression
  (a seq scan of every entry; the GIN index finds the matches directly, about 2.5× faster).

`?order=estimated_duration` gets its index on the lesson field (121 ms → 0.9 ms).
"""

import django.core.validators
from django.db import migrations, models

INDEXES = [
    (
        "toto_page_id_text",
        "CREATE INDEX IF NOT EXISTS toto_page_id_text ON wagtailcore_page (((id)::varchar))",
    ),
    (
        "toto_page_title",
        "CREATE INDEX IF NOT EXISTS toto_page_title ON wagtailcore_page (title)",
    ),
    (
        "toto_search_title_body",
        "CREATE INDEX IF NOT EXISTS toto_search_title_body ON wagtailsearch_indexentry "
        "USING gin ((title || body))",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0008_translators"),
        ("wagtailcore", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lessonpage",
            name="estimated_duration",
            field=models.PositiveSmallIntegerField(
                db_index=True,
                default=10,
                help_text="Minutes a learner needs for the lesson.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(600),
                ],
                verbose_name="estimated duration",
            ),
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
