from django.urls import path

from intake.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", views.AuditedLogoutView.as_view(), name="logout"),
]
