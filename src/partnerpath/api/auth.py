"""Sign-in for API clients: username and password in, a token out. The same lock-out after
repeated failures as the web sign-in, plus a per-address rate limit (throttle scope "auth")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from partnerpath.accounts import services


class TokenRequestSerializer(serializers.Serializer[Any]):
    """A username and password."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, write_only=True, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer[Any]):
    """The token to send as `Authorization: Token <token>`."""

    token = serializers.CharField(read_only=True)


class SignInThrottle(ScopedRateThrottle):
    """Limits sign-in attempts per client address (rate: DEFAULT_THROTTLE_RATES["auth"])."""


class ObtainTokenView(APIView):
    """Exchange a username and password for the user's API token."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [SignInThrottle]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="Missing fields, or a wrong username or password."),
            429: OpenApiResponse(description="Too many attempts: wait and try again."),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        username: str = form.validated_data["username"]
        wait = settings.LOGIN_LOCKOUT_MINUTES * 60
        if services.is_locked_out(username, services.client_ip(request)):
            raise Throttled(
                wait=wait,
                detail=(
                    "Too many failed sign-in attempts for this username. "
                    f"Wait {settings.LOGIN_LOCKOUT_MINUTES} minutes and try again."
                ),
            )
        user = authenticate(
            request._request, username=username, password=form.validated_data["password"]
        )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": ["Unable to sign in with this username and password."]}
            )
        services.clear_login_failures(username)
        token, _ = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data, status=status.HTTP_200_OK)
