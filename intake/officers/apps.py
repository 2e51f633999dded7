from django.apps import AppConfig


class OfficersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake.officers"
    label = "officers"
    verbose_name = "Agenten (Telegram) / Officers (Telegram)"
