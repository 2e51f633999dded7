"""Admin pages for accounts and tokens (admins only; tokens are made by create_account)."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from intake.accounts.models import Account, ApiToken


# What gives a user power: no administrator may change these on their own account.
OWN_POWER_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")


class AccountInline(admin.StackedInline):
    model = Account
    can_delete = False
    fields = ("role",)

    def get_readonly_fields(self, request, obj=None):
        # An administrator cannot raise (or change) their own role; another administrator can.
        if obj is not None and obj.pk == request.user.pk:
            return ("role",)
        return ()


class UserWithRoleAdmin(UserAdmin):
    inlines = [AccountInline]
    list_display = ("username", "role", "is_active", "last_login")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += OWN_POWER_FIELDS
        return fields

    @admin.display(description="rol / role")
    def role(self, user):
        account = getattr(user, "account", None)
        return account.role if account else "-"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "account", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    readonly_fields = ("account", "prefix", "token_hash", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        # A token is shown once, on the command line: `manage.py create_account`.
        return False

    @admin.action(description="Intrekken / revoke")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoke()  # one save each, so each revocation is audited


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserWithRoleAdmin)
admin.site.site_header = "Signaal — beheer / administration"
