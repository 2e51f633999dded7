"""Admin pages: see who is enrolled, revoke an officer, see codes (hashes only)."""
from django.contrib import admin, messages

from intake.officers.models import EnrolmentCode, Officer


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "language", "enrolled_at", "revoked_at")
    list_filter = ("language", "revoked_at")
    search_fields = ("pseudonym",)
    # The chat id (encrypted or not) is never shown: it would name the officer.
    fields = ("pseudonym", "language", "enrolled_at", "revoked_at")
    readonly_fields = ("pseudonym", "enrolled_at", "revoked_at")
    actions = ["revoke_officers"]

    @admin.action(description="Toegang intrekken / Revoke access")
    def revoke_officers(self, request, queryset):
        count = 0
        for officer in queryset.filter(revoked_at__isnull=True):
            officer.revoke()  # one save each, so each revocation is audited
            count += 1
        self.message_user(request, f"{count} ingetrokken / revoked", messages.SUCCESS)

    def has_add_permission(self, request):
        return False  # officers enrol themselves with a code


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(admin.ModelAdmin):
    list_display = ("id", "created_at", "expires_at", "used_at", "used_by")
    readonly_fields = ("code_hash", "created_at", "expires_at", "used_at", "used_by")

    def has_add_permission(self, request):
        return False  # codes come from `make enrolment-code`, shown once
