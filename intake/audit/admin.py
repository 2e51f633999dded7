"""The audit log in the admin: readable by admins, changeable by nobody."""
from django.contrib import admin

from intake.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "role", "action", "signal_id")
    list_filter = ("action", "role")
    search_fields = ("actor", "signal_id", "action")
    date_hierarchy = "at"
    readonly_fields = ("at", "actor", "role", "action", "signal_id", "details")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
