"""Login (throttled by django-axes, intake/accounts/lockout.py), logout and the start page."""
from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from intake.accounts.roles import ADMIN, OFFICER, SUPERVISOR, TRAINER, role_of


class ThrottledLoginView(auth_views.LoginView):
    """Failed logins are counted by django-axes and audited by audit.receivers."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class AuditedLogoutView(auth_views.LogoutView):
    """Logout by POST only (Django's default), audited by audit.receivers."""


@login_required
def home(request):
    role = role_of(request.user)
    if role == SUPERVISOR:
        return redirect("review:queue")
    if role == TRAINER:
        return redirect("training:overview")
    if role == ADMIN:
        return redirect("admin:index")
    if role == OFFICER:
        return redirect("chat:page")
    return render(request, "refused.html", status=403)
