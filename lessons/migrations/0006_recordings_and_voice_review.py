"""Voice recordings (`Recording`) and teachers' reviews of voice answers.

Attempts named a Wagtail document as their recording before; such links (documents are
editors' files, not learners') are cleared before the link changes to `Recording`. Teachers
and admins get the permission to review voice answers in the admin.
"""

import django.db.models.deletion
import django.utils.timezone
import lessons.models.recordings
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

REVIEWER_GROUPS = ["Teachers", "Admins"]


def clear_document_recordings(apps, schema_editor):
    ExerciseAttempt = apps.get_model("lessons", "ExerciseAttempt")
    for attempt in ExerciseAttempt.objects.filter(recording__isnull=False).iterator():
        attempt.recording_id = None
        if isinstance(attempt.answer, dict):
            attempt.answer = {**attempt.answer, "recording": None}
        attempt.save(update_fields=["recording", "answer"])


def grant_review(apps, schema_editor):
    # Permission rows are normally created after all migrations; the groups need this one now.
    app_config = apps.get_app_config("lessons")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.get(
        content_type__app_label="lessons", codename="review_exerciseattempt"
    )
    for name in REVIEWER_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke_review(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="lessons", codename="review_exerciseattempt"
    ):
        for group in Group.objects.filter(name__in=REVIEWER_GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('lessons', '0005_lesson_review_workflow'),
        ('members', '0003_role_groups'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='exerciseattempt',
            options={'permissions': [('review_exerciseattempt', 'Can review voice answers')]},
        ),
        migrations.AddField(
            model_name='exerciseattempt',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='exerciseattempt',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.CreateModel(
            name='Recording',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=255, storage=lessons.models.recordings.recordings_storage, upload_to='')),
                ('content_type', models.CharField(help_text="As found in the file's bytes.", max_length=32)),
                ('codec', models.CharField(max_length=16)),
                ('duration', models.FloatField(help_text='Seconds of decoded audio.')),
                ('size', models.PositiveIntegerField(help_text='Bytes.')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('learner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recordings', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.RunPython(clear_document_recordings, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='exerciseattempt',
            name='recording',
            field=models.ForeignKey(blank=True, help_text="Voice answers: the learner's recording (cleared if they delete it).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='attempts', to='lessons.recording'),
        ),
        migrations.AddIndex(
            model_name='exerciseattempt',
            index=models.Index(condition=models.Q(('status', 'awaiting_review')), fields=['lesson_translation_key', 'created_at'], name='lessons_attempt_pending_idx'),
        ),
        migrations.AddIndex(
            model_name='recording',
            index=models.Index(fields=['learner', '-created_at'], name='lessons_recording_recent_idx'),
        ),
        migrations.AddConstraint(
            model_name='recording',
            constraint=models.CheckConstraint(condition=models.Q(('duration__gt', 0), ('duration__lte', 121)), name='lessons_recording_duration_limit'),
        ),
        migrations.AddConstraint(
            model_name='recording',
            constraint=models.CheckConstraint(condition=models.Q(('size__gt', 0), ('size__lte', 10485760)), name='lessons_recording_size_limit'),
        ),
        migrations.RunPython(grant_review, revoke_review),
    ]
