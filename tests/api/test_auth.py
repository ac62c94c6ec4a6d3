"""Signing in to the API: a token for a good password, a 400 for a bad one, and a lock-out
after repeated failures (the web sign-in's) plus a per-address rate limit."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def _sign_in(username: str, password: str):
    return APIClient().post(TOKEN_URL, {"username": username, "password": password}, format="json")


def test_a_good_password_returns_a_token_that_opens_the_api(cast):
    response = _sign_in("member", "pw-member-secret")
    assert response.status_code == 200
    token = response.json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/programmes/").json()["results"][0]["slug"] == "mekong"


def test_signing_in_twice_returns_the_same_token(cast):
    assert (
        _sign_in("member", "pw-member-secret").json()
        == _sign_in("member", "pw-member-secret").json()
    )


def test_a_wrong_password_is_a_400_that_does_not_say_which_part_was_wrong(cast):
    wrong = _sign_in("member", "not-the-password")
    unknown = _sign_in("nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json()
    assert "token" not in wrong.json()


def test_missing_or_mistyped_fields_are_400_with_field_messages(cast):
    response = APIClient().post(TOKEN_URL, {"username": "member"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()
    response = APIClient().post(TOKEN_URL, ["member", "pw"], format="json")
    assert response.status_code == 400
    response = APIClient().post(TOKEN_URL, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_repeated_failures_lock_the_username_even_for_the_right_password(cast, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert _sign_in("member", "guess").status_code == 400
    locked = _sign_in("member", "pw-member-secret")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.json()["detail"]
    assert _sign_in("viewer", "pw-viewer-secret").status_code == 200  # other users unaffected


def test_a_successful_sign_in_clears_earlier_failures(cast, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        _sign_in("member", "guess")
    assert _sign_in("member", "pw-member-secret").status_code == 200
    assert _sign_in("member", "guess").status_code == 400
    assert _sign_in("member", "pw-member-secret").status_code == 200


def test_the_auth_throttle_scope_limits_attempts_per_address(cast, monkeypatch):
    from partnerpath.api.auth import SignInThrottle

    monkeypatch.setattr(SignInThrottle, "THROTTLE_RATES", {"auth": "3/min"})
    statuses = [_sign_in("viewer", "pw-viewer-secret").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_auth_scope_is_configured_in_settings():
    from django.conf import settings

    assert "auth" in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]


def test_an_invalid_token_is_refused(cast):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/v1/organisations/").status_code == 401


def test_an_inactive_user_gets_no_token(cast):
    cast.member.is_active = False
    cast.member.save()
    assert _sign_in("member", "pw-member-secret").status_code == 400
