from django.urls import path

from core.caching import cache_for_readers

from . import views, writer_views

app_name = "comments"

urlpatterns = [
    path("<int:pk>/", cache_for_readers(views.permalink), name="permalink"),
    path("<str:kind>/<int:pk>/reageer/", views.reply, name="reply"),
    path("<str:kind>/<int:pk>/formulier/", views.form_fragment, name="form"),
    path("<str:kind>/<int:pk>/ontvangen/", views.received, name="received"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("bevestigen/<str:token>/", writer_views.confirm, name="confirm"),
    path("wijzigen/<str:token>/", writer_views.edit, name="edit"),
    path("intrekken/<str:token>/", writer_views.withdraw, name="withdraw"),
]
