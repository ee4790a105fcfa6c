"""The members API under /api/v1/: thin views over members.services."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from members import follows, services
from members.avatars import avatar_remove, avatar_replace
from members.public import FollowedMemberSerializer, FollowerSerializer, FollowStateSerializer
from members.serializers import (
    AccountDeleteSerializer,
    AvatarUploadSerializer,
    RoleRequestSerializer,
    UserSerializer,
)


class MeView(APIView):
    """The signed-in member, with their profile."""

    serializer_class = UserSerializer

    def get(self, request):
        return Response(UserSerializer(request.user, context={"request": request}).data)

    @extend_schema(request=UserSerializer, responses=UserSerializer)
    def patch(self, request):
        serializer = UserSerializer(
            request.user, data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    @extend_schema(request=AccountDeleteSerializer, responses={204: None})
    def delete(self, request):
        serializer = AccountDeleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user
        if user.has_usable_password() and not user.check_password(
            serializer.validated_data.get("password", "")
        ):
            raise ValidationError({"password": ["The password is not correct."]})
        services.member_deactivate(user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AvatarView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": AvatarUploadSerializer}, responses=UserSerializer
    )
    def put(self, request):
        serializer = AvatarUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user
        avatar_replace(profile=user.profile, decoded=serializer.validated_data["avatar"])
        return Response(UserSerializer(user, context={"request": request}).data)

    @extend_schema(request=None, responses=UserSerializer)
    def delete(self, request):
        user = request.user
        avatar_remove(profile=user.profile)
        return Response(UserSerializer(user, context={"request": request}).data)


class RoleRequestView(APIView):
    serializer_class = RoleRequestSerializer

    @extend_schema(request=RoleRequestSerializer, responses={201: RoleRequestSerializer})
    def post(self, request):
        serializer = RoleRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        role_request = services.role_request_create(user=request.user, **serializer.validated_data)
        return Response(RoleRequestSerializer(role_request).data, status=status.HTTP_201_CREATED)


# --- Follows ----------------------------------------------------------------------------------


class FollowView(APIView):
    """Follow or unfollow the member `member_id`; both are idempotent."""

    serializer_class = FollowStateSerializer

    def get(self, request, member_id: int):
        followed = follows.member_public_get(member_id=member_id)
        follow = follows.follow_get(follower=request.user, followed=followed)
        return Response(
            FollowStateSerializer(
                {"following": follow is not None, "since": follow and follow.created_at}
            ).data
        )

    @extend_schema(request=None, responses={200: FollowStateSerializer, 201: FollowStateSerializer})
    def post(self, request, member_id: int):
        followed = follows.member_public_get(member_id=member_id)
        follow, created = follows.follow_create(follower=request.user, followed=followed)
        return Response(
            FollowStateSerializer({"following": True, "since": follow.created_at}).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, member_id: int):
        followed = follows.member_public_get(member_id=member_id)
        follows.follow_delete(follower=request.user, followed=followed)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FollowerListView(ListAPIView):
    """Members who follow `member_id`, newest first."""

    serializer_class = FollowerSerializer

    def get_queryset(self):
        member = follows.member_public_get(member_id=self.kwargs["member_id"])
        return follows.follower_list(member=member)


class FollowingListView(ListAPIView):
    """Members whom `member_id` follows, newest first."""

    serializer_class = FollowedMemberSerializer

    def get_queryset(self):
        member = follows.member_public_get(member_id=self.kwargs["member_id"])
        return follows.following_list(member=member)
