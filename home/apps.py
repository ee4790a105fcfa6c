from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"

    def ready(self) -> None:
        from home.sites import site_sync_after_migrate

        post_migrate.connect(site_sync_after_migrate, sender=self)
