"""Top-level routes: API, review (supervisors), training (trainers), web chat, admin."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/", include("intake.signals.urls")),
    path("review/", include("intake.review.urls")),
    path("training/", include("intake.training.urls")),
    path("", include("intake.chat.urls")),
    path("admin/", admin.site.urls),
    path("", include("intake.accounts.urls")),
]
