from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app shares: the content API, media shapes, errors, throttles, visibility.

    `core` imports no other Toto app; every other app may import it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Toto core"

    def ready(self) -> None:
        from core.locales import locales_ensure
        from core.response_cache import invalidation_signals_connect

        # Every change that can make a cached content answer stale (core/response_cache.py).
        invalidation_signals_connect()

        # core has no models (so no post_migrate of its own): after Wagtail's, once per migrate.
        post_migrate.connect(
            locales_ensure,
            sender=apps.get_app_config("wagtailcore"),
            dispatch_uid="core-locales-ensure",
        )
