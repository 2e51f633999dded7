from django.urls import path

from intake.review import views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("overzicht/", views.overview, name="overview"),
    path("overzicht.csv", views.overview_csv, name="overview_csv"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("export.json", views.export, {"fmt": "json"}, name="export_json"),
    path("signals/<str:reference>/", views.detail, name="detail"),
    path("signals/<str:reference>/status", views.set_status, name="status"),
    path("signals/<str:reference>/assign", views.set_assignee, name="assign"),
    path("signals/<str:reference>/comment", views.comment, name="comment"),
]
