"""The 'unseen urgent signal' banner, on every page a supervisor sees."""
from intake.accounts.roles import SUPERVISOR, role_of
from intake.signals.models import NEW, Signal


def unseen_urgent_signals():
    return Signal.objects.filter(mode="live", priority="urgent", status=NEW, first_viewed_at__isnull=True).order_by(
        "-received_at"
    )


def urgent_banner(request):
    if role_of(getattr(request, "user", None)) != SUPERVISOR:
        return {}
    return {"urgent_unseen": list(unseen_urgent_signals()[:10])}
