"""Teachers and admins moderate comments in the Wagtail admin ("Reported comments")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_GROUPS = ["Teachers", "Admins"]
COMMENT_PERMISSIONS = ["view_comment", "change_comment", "delete_comment"]


def grant_comment_moderation(apps, schema_editor):
    # Permission rows are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("lessons")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="lessons", codename__in=COMMENT_PERMISSIONS
    )
    for name in MODERATOR_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke_comment_moderation(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="lessons", codename__in=COMMENT_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=MODERATOR_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0002_learner_data"),
        ("members", "0003_role_groups"),
    ]

    operations = [migrations.RunPython(grant_comment_moderation, revoke_comment_moderation)]
