"""The role groups, their permissions and the lesson review workflow, for every fresh database.

- Content creators write lessons but cannot publish: their changes go through "Lesson review".
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
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

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

    # One review step, done by teachers or admins, for every page of the site.
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Teacher review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Teacher review", content_type=task_type, active=True
        )
    task.groups.set([groups["teacher"], groups["admin"]])
    workflow, created = Workflow.objects.get_or_create(name="Lesson review", defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_profiles_roles_tokens"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
