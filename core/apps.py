from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: the content API, media shapes, errors, throttles, visibility.

    `core` imports no other Toto app; every other app may import it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Toto core"
