from django.apps import AppConfig


class ReviewConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake.review"
    label = "review"
    verbose_name = "Beoordeling / review"
