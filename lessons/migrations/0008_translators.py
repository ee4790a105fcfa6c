"""Content creators, teachers and admins translate pages and listings (wagtail-localize's
"Can submit translations"). Publishing a translation still takes the right to publish the page:
a creator's translation waits for a teacher or an admin, as their own changes do."""

from django.db import migrations

TRANSLATOR_GROUPS = ["Content creators", "Teachers", "Admins"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=TRANSLATOR_GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=TRANSLATOR_GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0007_translatable_labels"),
        ("members", "0003_role_groups"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
