from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake.audit"
    label = "audit"
    verbose_name = "Auditlog / audit log"

    def ready(self):
        from intake.audit import changes, receivers  # noqa: F401  (connects login/logout and change signals)
