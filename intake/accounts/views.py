"""Login (rate-limited), logout and the start page that sends each role to its pages."""
from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from intake.accounts import login_throttle
from intake.accounts.roles import ADMIN, SUPERVISOR, TRAINER, role_of
from intake.audit.record import record_event

BLOCKED_MESSAGE = (
    "Te veel mislukte inlogpogingen. Wacht een kwartier en probeer het opnieuw. "
    "/ Too many failed logins; wait fifteen minutes and try again."
)


class ThrottledLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        ip = login_throttle.client_ip(request)
        if login_throttle.is_blocked(username, ip):
            record_event(None, "login.blocked", details={"username": username[:150], "ip": ip})
            form = self.get_form()
            return render(request, self.template_name, {"form": form, "blocked": BLOCKED_MESSAGE}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        # Failed logins are audited by audit.receivers (user_login_failed).
        login_throttle.record_failure(self.request.POST.get("username", ""), login_throttle.client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        login_throttle.clear_failures(form.get_user().get_username())
        return super().form_valid(form)


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
    return render(request, "refused.html", status=403)
