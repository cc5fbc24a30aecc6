from django.urls import path

from . import admin_views, views

app_name = "feedback"

urlpatterns = [
    path(
        "redactie/herzieningspakket/<slug:slug>/",
        admin_views.review_packet_page,
        name="review_packet",
    ),
    path("dossiers/<slug:slug>/nuttig/", views.usefulness, name="usefulness"),
    path(
        "dossiers/<slug:slug>/nuttig/bedankt/<str:token>/",
        views.thanks,
        name="thanks",
    ),
    path(
        "dossiers/<slug:slug>/onderzoek-melden/",
        views.suggest_study,
        name="suggest_study",
    ),
    path(
        "dossiers/<slug:slug>/onderzoek-melden/ontvangen/",
        views.study_received,
        name="study_received",
    ),
]
