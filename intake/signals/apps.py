from django.apps import AppConfig


class SignalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake.signals"
    label = "signals"
    verbose_name = "Signalen / signals"
