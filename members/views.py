"""The members API under /api/v1/: thin views over members.services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from members import services
from members.avatars import avatar_remove, avatar_replace
from members.models import User
from members.serializers import (
    AccountDeleteSerializer,
    AvatarUploadSerializer,
    RoleRequestSerializer,
    UserSerializer,
)


def as_drf_error(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"detail": error.messages})


def current_member(request) -> User:
    return User.objects.select_related("profile").get(pk=request.user.pk)


class MeView(APIView):
    """The signed-in member, with their profile."""

    serializer_class = UserSerializer

    def get(self, request):
        return Response(UserSerializer(current_member(request), context={"request": request}).data)

    @extend_schema(request=UserSerializer, responses=UserSerializer)
    def patch(self, request):
        serializer = UserSerializer(
            current_member(request), data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    @extend_schema(request=AccountDeleteSerializer, responses={204: None})
    def delete(self, request):
        serializer = AccountDeleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = current_member(request)
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
        user = current_member(request)
        try:
            avatar_replace(profile=user.profile, upload=serializer.validated_data["avatar"])
        except DjangoValidationError as error:
            raise ValidationError({"avatar": error.messages}) from None
        return Response(UserSerializer(user, context={"request": request}).data)

    @extend_schema(request=None, responses=UserSerializer)
    def delete(self, request):
        user = current_member(request)
        avatar_remove(profile=user.profile)
        return Response(UserSerializer(user, context={"request": request}).data)


class RoleRequestView(APIView):
    serializer_class = RoleRequestSerializer

    @extend_schema(request=RoleRequestSerializer, responses={201: RoleRequestSerializer})
    def post(self, request):
        serializer = RoleRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            role_request = services.role_request_create(
                user=current_member(request), **serializer.validated_data
            )
        except DjangoValidationError as error:
            raise as_drf_error(error) from None
        return Response(RoleRequestSerializer(role_request).data, status=status.HTTP_201_CREATED)
