from django.apps import AppConfig


class ChatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake.chat"
    label = "chat"
    verbose_name = "Webchat / web chat"
