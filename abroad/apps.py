from django.apps import AppConfig


class AbroadConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "abroad"
    verbose_name = "Study abroad"
