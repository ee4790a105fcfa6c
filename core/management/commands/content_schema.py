"""`manage.py content_schema`: the content API's OpenAPI document, as `/api/schema/content/`
serves it, without a server (for client generators and CI). Needs no database.

    manage.py content_schema --file content.json       # JSON (YAML with --format yaml)
    manage.py content_schema --check                    # exit 1 when something is not typed
"""

import json
import sys

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from core.content_schema import ContentSchema


class Command(BaseCommand):
    help = "Write the content API's OpenAPI document (what /api/schema/content/ serves)."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Write here instead of standard output.")
        parser.add_argument("--format", choices=["json", "yaml"], default="json")
        parser.add_argument(
            "--router",
            default="toto_site.api.api_router",
            help="The Wagtail API router to describe (dotted path).",
        )
        parser.add_argument("--prefix", default="/api/v2/", help="Where the router is mounted.")
        parser.add_argument(
            "--check", action="store_true", help="Fail when anything served cannot be typed."
        )

    def handle(self, *args, file=None, format="json", router, prefix, check=False, **options):
        schema = ContentSchema(import_string(router), prefix)
        document = schema.document()
        for problem in schema.problems:
            self.stderr.write(f"not typed: {problem}")
        if check and schema.problems:
            raise CommandError(f"{len(schema.problems)} thing(s) served cannot be typed")
        if format == "yaml":
            text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
        else:
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if file:
            with open(file, "w", encoding="utf-8") as output:
                output.write(text)
        else:
            sys.stdout.write(text)
