"""The role groups and their permissions, for every fresh database.

- Content creators write lessons but cannot publish: their changes go through "Lesson review"
  (a workflow set up by `lessons.0005_lesson_review_workflow`).
- Teachers and Admins edit and publish, and approve the review tasks.
- Students, Institutions and Homestays have no admin access and never see the lesson tree.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_GROUPS = {
    "student": "Students",
    "teacher": "Teachers",
    "content_creator": "Content creators",
    "institution": "Institutions",
    "homestay": "Homestays",
    "admin": "Admins",
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
PUBLISHER_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]
ADMIN_PAGE_PERMISSIONS = [*PUBLISHER_PAGE_PERMISSIONS, "bulk_delete_page"]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
ADMIN_MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}


def create_role_groups(apps, schema_editor):
    # Permission rows are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    groups = {role: Group.objects.get_or_create(name=name)[0] for role, name in ROLE_GROUPS.items()}
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    def grant_pages(group, codenames):
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )

    def grant_media(group, codenames_by_app):
        for app_label, codenames in codenames_by_app.items():
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    for role in ("content_creator", "teacher", "admin"):
        groups[role].permissions.add(access_admin)
    grant_pages(groups["content_creator"], EDITOR_PAGE_PERMISSIONS)
    grant_pages(groups["teacher"], PUBLISHER_PAGE_PERMISSIONS)
    grant_pages(groups["admin"], ADMIN_PAGE_PERMISSIONS)
    grant_media(groups["content_creator"], MEDIA_PERMISSIONS)
    grant_media(groups["teacher"], MEDIA_PERMISSIONS)
    grant_media(groups["admin"], ADMIN_MEDIA_PERMISSIONS)

    admin_model_permissions = Permission.objects.filter(
        content_type__app_label="members",
        codename__in=[
            "view_user",
            "change_user",
            "view_profile",
            "change_profile",
            "view_rolerequest",
            "change_rolerequest",
        ],
    )
    groups["admin"].permissions.add(*admin_model_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_profiles_roles_tokens"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
