from django.urls import path

from intake.chat import views

app_name = "chat"
urlpatterns = [
    path("chat", views.chat_page, name="page"),
    path("chat/send", views.chat_send, name="send"),
]
