"""Who manages listings in the Wagtail admin, and the "Listing approval" workflow.

- Institutions (the role group) reach the admin and add and change institutions and programs;
  Homestays add and change homestays. Neither may publish: their drafts go to approval. Which
  listings they see is narrowed to their own by `abroad.permissions.ListingPermissionPolicy`.
  Both upload and choose photos in the "Study abroad" image collection.
- Admins may do everything with listings, approving (publishing) included.
- "Listing approval": one "Admin approval" step (the Admins group) for the three listing
  models. Idempotent: a database that already has the groups, collection or workflow keeps them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OWNER_PERMISSIONS = {
    "Institutions": ["institution", "program"],
    "Homestays": ["homestay"],
}
OWNER_ACTIONS = ["add", "change", "view"]
ADMIN_ACTIONS = ["add", "change", "view", "delete", "publish"]
LISTING_MODELS = ["institution", "program", "homestay"]
COLLECTION_NAME = "Study abroad"
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def setup(apps, schema_editor):
    # Permission rows are normally created after all migrations; the groups need them now.
    for label in ("abroad", "wagtailadmin", "wagtailimages"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    def permissions(model_names, actions):
        return Permission.objects.filter(
            content_type__app_label="abroad",
            codename__in=[f"{action}_{model}" for model in model_names for action in actions],
        )

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    admins, _ = Group.objects.get_or_create(name="Admins")
    admins.permissions.add(*permissions(LISTING_MODELS, ADMIN_ACTIONS))

    # The photo collection, as the last child of the root collection (a treebeard path).
    root = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(name=COLLECTION_NAME, depth=2).first()
    if collection is None:
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = 4  # treebeard's default steplen for Collection
        number = int(last.path[-step:], 36) + 1 if last else 1
        alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        segment = ""
        while number:
            number, digit = divmod(number, 36)
            segment = alphabet[digit] + segment
        collection = Collection.objects.create(
            name=COLLECTION_NAME, path=root.path + segment.rjust(step, "0"), depth=2, numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    image_permissions = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
    )

    for name, model_names in OWNER_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *permissions(model_names, OWNER_ACTIONS))
        for permission in image_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Admin approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Admin approval", content_type=task_type, active=True
        )
    task.groups.add(admins)
    workflow, created = Workflow.objects.get_or_create(
        name="Listing approval", defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for model in LISTING_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="abroad", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("abroad", "0001_initial"),
        ("members", "0003_role_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
