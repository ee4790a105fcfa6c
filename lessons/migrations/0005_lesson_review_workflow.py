"""The "Lesson review" workflow: one review step, done by teachers or admins, for every page.

Content creators edit but cannot publish, so their changes wait in this workflow. It used to
be created by `members.0003_role_groups` (databases made then already have it: this is
idempotent); it belongs with the lessons it reviews. The role groups come from members.
"""

from django.db import migrations

REVIEWER_GROUPS = ["Teachers", "Admins"]


def create_lesson_review_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Teacher review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Teacher review", content_type=task_type, active=True
        )
    task.groups.set(Group.objects.filter(name__in=REVIEWER_GROUPS))
    workflow, created = Workflow.objects.get_or_create(
        name="Lesson review", defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root_page = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0004_lesson_duration_upper_bound"),
        ("members", "0003_role_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_lesson_review_workflow, migrations.RunPython.noop)]
