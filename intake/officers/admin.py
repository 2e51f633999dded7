"""Admin pages: see who is enrolled, revoke an officer, see codes (hashes only)."""
from django.contrib import admin, messages
from django.utils import timezone

from intake.officers.models import EnrolmentCode, Officer


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "language", "enrolled_at", "revoked_at")
    list_filter = ("language", "revoked_at")
    search_fields = ("pseudonym",)
    readonly_fields = ("pseudonym", "telegram_chat_id", "enrolled_at")
    actions = ["revoke_officers"]

    @admin.action(description="Toegang intrekken / Revoke access")
    def revoke_officers(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} ingetrokken / revoked", messages.SUCCESS)

    def has_add_permission(self, request):
        return False  # officers enrol themselves with a code


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(admin.ModelAdmin):
    list_display = ("id", "created_at", "expires_at", "used_at", "used_by")
    readonly_fields = ("code_hash", "created_at", "expires_at", "used_at", "used_by")

    def has_add_permission(self, request):
        return False  # codes come from `make enrolment-code`, shown once
