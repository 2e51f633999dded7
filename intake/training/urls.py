from django.urls import path

from intake.training import views

app_name = "training"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("classes/new", views.new_class, name="new_class"),
    path("classes/<int:pk>/", views.class_page, name="class"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("trainees/<str:pseudonym>/", views.trainee, name="trainee"),
    path("scenarios/<str:scenario_id>/", views.scenario, name="scenario"),
]
