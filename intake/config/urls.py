"""Top-level routes: API, review (supervisors), training (trainers), web chat, admin."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/", include("signals.urls")),
    path("review/", include("review.urls")),
    path("training/", include("training.urls")),
    path("", include("chat.urls")),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
]
