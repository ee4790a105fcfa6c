from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("me/avatar/", views.AvatarView.as_view(), name="me-avatar"),
    path("me/role-request/", views.RoleRequestView.as_view(), name="me-role-request"),
    path("members/<int:member_id>/follow/", views.FollowView.as_view(), name="member-follow"),
    path(
        "members/<int:member_id>/followers/",
        views.FollowerListView.as_view(),
        name="member-followers",
    ),
    path(
        "members/<int:member_id>/following/",
        views.FollowingListView.as_view(),
        name="member-following",
    ),
]
