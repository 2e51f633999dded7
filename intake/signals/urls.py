"""The intake API (paths fixed by the contract)."""
from django.http import HttpResponseNotAllowed
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from intake.signals import api_addendum, api_intake, api_read, api_reporter
from intake.signals.openapi import openapi_json


@require_GET
def schema(request):
    """The OpenAPI document of this API (public: it describes, it holds no data)."""
    return HttpResponse(openapi_json(), content_type="application/json")


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
    path("schema", schema, name="schema"),
    path("signals", signals_collection, name="collection"),
    path("signals/", signals_collection),
    path("signals/<str:signal_key>", api_read.get_signal, name="detail"),
    path("signals/<str:signal_key>/addenda", api_addendum.receive_addendum, name="addenda"),
    path("reporters/<str:pseudonym>/signals", api_reporter.reporter_signals, name="reporter_signals"),
]
