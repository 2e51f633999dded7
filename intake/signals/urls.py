"""The intake API (paths fixed by the contract)."""
from django.http import HttpResponseNotAllowed
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from intake.signals import api_addendum, api_intake, api_read, api_reporter


@csrf_exempt
def signals_collection(request):
    """POST stores a signal (HMAC-signed); GET lists signals (bearer token)."""
    if request.method == "POST":
        return api_intake.receive_signal(request)
    if request.method in ("GET", "HEAD"):
        return api_read.list_signals(request)
    return HttpResponseNotAllowed(["GET", "POST"])


app_name = "signals"
urlpatterns = [
    path("signals", signals_collection, name="collection"),
    path("signals/", signals_collection),
    path("signals/<str:signal_key>", api_read.get_signal, name="detail"),
    path("signals/<str:signal_key>/addenda", api_addendum.receive_addendum, name="addenda"),
    path("reporters/<str:pseudonym>/signals", api_reporter.reporter_signals, name="reporter_signals"),
]
