"""Every change of who may do what goes to the audit log: roles, staff flags, tokens, officers.

Model signals, so a change made in the admin, a command or the shell is
recorded alike. Bulk `.update()` bypasses signals; the code that revokes in
bulk (tokens, officers) records its own events.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from intake.accounts.models import Account, ApiToken
from intake.audit.actor import record_change
from intake.officers.models import EnrolmentCode, Officer

USER_FLAGS = ("is_superuser", "is_staff", "is_active")


def _before(sender, instance, fields):
    if instance.pk is None:
        return None
    return sender.objects.filter(pk=instance.pk).values(*fields).first()


@receiver(pre_save, sender=Account)
def _account_before(sender, instance, **kwargs):
    instance._audit_before = _before(sender, instance, ("role",))


@receiver(post_save, sender=Account)
def _account_after(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    old = None if created or before is None else before["role"]
    if old != instance.role:
        record_change("account.role_changed", {"username": instance.user.get_username(), "from": old, "to": instance.role})


@receiver(pre_save, sender=get_user_model())
def _user_before(sender, instance, **kwargs):
    instance._audit_before = _before(sender, instance, USER_FLAGS)


@receiver(post_save, sender=get_user_model())
def _user_after(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None) or {}
    changed = {flag: getattr(instance, flag) for flag in USER_FLAGS if before.get(flag) != getattr(instance, flag)}
    if created or (before and changed):
        record_change("user.created" if created else "user.flags_changed",
                      {"username": instance.get_username(), **changed})


@receiver(pre_save, sender=ApiToken)
def _token_before(sender, instance, **kwargs):
    instance._audit_before = _before(sender, instance, ("revoked_at",))


@receiver(post_save, sender=ApiToken)
def _token_after(sender, instance, created, **kwargs):
    details = {"username": instance.account.user.get_username(), "prefix": instance.prefix}
    if created:
        record_change("token.issued", details)
    elif (getattr(instance, "_audit_before", None) or {}).get("revoked_at") is None and instance.revoked_at:
        record_change("token.revoked", details)


@receiver(post_save, sender=EnrolmentCode)
def _code_after(sender, instance, created, **kwargs):
    if created:
        record_change("enrolment.code_created", {"code": instance.pk, "expires_at": instance.expires_at.isoformat()})


@receiver(pre_save, sender=Officer)
def _officer_before(sender, instance, **kwargs):
    instance._audit_before = _before(sender, instance, ("revoked_at",))


@receiver(post_save, sender=Officer)
def _officer_after(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None) or {}
    details = {"pseudonym": instance.pseudonym}
    if created:
        record_change("officer.enrolled", details, service="bot")
    elif before.get("revoked_at") is not None and instance.revoked_at is None:
        record_change("officer.re_enrolled", details, service="bot")
    elif before.get("revoked_at") is None and instance.revoked_at is not None:
        record_change("officer.revoked", details)
