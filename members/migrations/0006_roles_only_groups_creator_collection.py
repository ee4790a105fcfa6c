"""Roles are the only groups, and content creators work in their own media collection.

- Wagtail's default "Moderators" and "Editors" groups go, with the unused "Moderators approval"
  workflow and its task: a member ticked into "Moderators" could approve, and so bypass,
  "Lesson review". Roles (`members.roles.ROLE_GROUPS`) are the only groups left.
- A "Content creators" collection is the creators' workspace: they upload images and
  documents there (and, as their owners, may edit those), and choose any media for a lesson,
  but change nothing elsewhere. When a page using their uploads is published, the uploads
  move to the root collection (`members.collections`), out of their reach: media used by live
  pages change only through teachers and admins.
"""

from django.db import migrations

CREATORS_COLLECTION = "Content creators"
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
MEDIA_APPS = {"wagtailimages": "image", "wagtaildocs": "document"}
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def next_child_path(parent, last_child) -> str:
    """Treebeard's path for a new last child (historical models have no tree methods)."""
    if last_child is None:
        return parent.path + "0001"
    number = int(last_child.path[-STEP:], 36) + 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = PATH_ALPHABET[remainder] + digits
    return parent.path + digits.rjust(STEP, "0")


def creators_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.get(depth=1)
    existing = Collection.objects.filter(depth=2, name=CREATORS_COLLECTION).first()
    if existing is not None:
        return root, existing
    last_child = Collection.objects.filter(depth=2).order_by("-path").first()
    collection = Collection.objects.create(
        name=CREATORS_COLLECTION, path=next_child_path(root, last_child), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    return root, collection


def apply(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowState = apps.get_model("wagtailcore.WorkflowState")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    Task = apps.get_model("wagtailcore.Task")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        task_ids = list(
            WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
        )
        if WorkflowState.objects.filter(workflow=workflow).exists():
            # Pages went through it once: keep their history, but nobody can use it again.
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
            Task.objects.filter(pk__in=task_ids).update(active=False)
            continue
        workflow.delete()
        Task.objects.filter(pk__in=task_ids, workflow_tasks__isnull=True).delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()

    creators = Group.objects.filter(name="Content creators").first()
    if creators is None:
        return
    root, collection = creators_collection(apps)
    for app_label, model in MEDIA_APPS.items():

        def permission(action, app_label=app_label, model=model):
            return Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )

        # Everywhere: choose only (any image or sound can go into a lesson).
        GroupCollectionPermission.objects.filter(
            group=creators,
            collection=root,
            permission__in=[permission("add"), permission("change")],
        ).delete()
        GroupCollectionPermission.objects.get_or_create(
            group=creators, collection=root, permission=permission("choose")
        )
        # Their own collection: upload (and, as owners, edit what they uploaded).
        GroupCollectionPermission.objects.get_or_create(
            group=creators, collection=collection, permission=permission("add")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_signinsession_session_key"),
        ("lessons", "0005_lesson_review_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
