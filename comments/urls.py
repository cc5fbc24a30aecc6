from django.urls import path

from core.caching import cache_for_readers

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:pk>/", cache_for_readers(views.permalink), name="permalink"),
    path("<str:kind>/<int:pk>/reageer/", views.reply, name="reply"),
    path("<str:kind>/<int:pk>/formulier/", views.form_fragment, name="form"),
    path("<str:kind>/<int:pk>/ontvangen/", views.received, name="received"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
