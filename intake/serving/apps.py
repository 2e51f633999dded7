from django.apps import AppConfig


class ServingConfig(AppConfig):
    name = "intake.serving"
    label = "serving"
    verbose_name = "Webserver"
