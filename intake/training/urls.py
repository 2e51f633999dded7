from django.urls import path

from intake.training import views

app_name = "training"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("trainees/<str:pseudonym>/", views.trainee, name="trainee"),
    path("scenarios/<str:scenario_id>/", views.scenario, name="scenario"),
]
