"""Study-abroad endpoints under /api/v1/abroad/ (paths fixed by the contract)."""

from django.urls import path

from abroad import views

app_name = "abroad"
urlpatterns = [
    path("institutions/", views.InstitutionListView.as_view(), name="institutions"),
    path("institutions/<int:pk>/", views.InstitutionDetailView.as_view(), name="institution"),
    path("programs/", views.ProgramListView.as_view(), name="programs"),
    path("programs/<int:pk>/", views.ProgramDetailView.as_view(), name="program"),
    path("homestays/", views.HomestayListView.as_view(), name="homestays"),
    path("homestays/<int:pk>/", views.HomestayDetailView.as_view(), name="homestay"),
    path("applications/", views.ApplicationListView.as_view(), name="applications"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application"),
    path(
        "applications/<int:pk>/messages/",
        views.ApplicationMessageListView.as_view(),
        name="application-messages",
    ),
]
