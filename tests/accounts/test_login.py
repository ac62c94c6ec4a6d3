"""Sign-in: Argon2 hashes, throttled failures, password reset by e-mail."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core import mail

from partnerpath.accounts.models import User

pytestmark = pytest.mark.django_db


def test_production_settings_hash_passwords_with_argon2():
    from partnerpath.config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("a secret", hasher.salt())
    assert encoded.startswith("argon2$") and hasher.verify("a secret", encoded)


def test_a_member_logs_in_and_out(cast, client):
    response = client.post(
        "/accounts/login/", {"username": "member", "password": "pw-member-secret"}
    )
    assert response.status_code == 302
    assert client.get("/p/mekong/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/p/mekong/").status_code == 302


def test_repeated_failures_lock_the_username_even_for_the_right_password(cast, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        page = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
        assert page.status_code == 200
    page = client.post("/accounts/login/", {"username": "member", "password": "pw-member-secret"})
    assert page.status_code == 200
    assert "Too many failed attempts" in page.content.decode()
    assert client.get("/p/mekong/").status_code == 302  # still not signed in


def test_the_lock_lifts_after_the_lockout_window(cast, client, settings):
    from datetime import timedelta

    from partnerpath.accounts.models import LoginFailure

    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    LoginFailure.objects.update(
        at=LoginFailure.objects.first().at - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    )
    assert (
        client.post(
            "/accounts/login/", {"username": "member", "password": "pw-member-secret"}
        ).status_code
        == 302
    )


def test_password_reset_sends_a_link_that_sets_a_new_password(cast, client):
    client.post("/accounts/reset/", {"email": "member@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"},
    )
    assert done.status_code == 302
    assert User.objects.get(username="member").check_password("a-long-new-pass-42")


def test_password_reset_does_not_reveal_whether_an_address_exists(cast, client):
    response = client.post("/accounts/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 0


def test_a_user_changes_their_password(cast, client_for):
    client = client_for(cast.member)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "pw-member-secret",
            "new_password1": "another-good-pass-7",
            "new_password2": "another-good-pass-7",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="member").check_password("another-good-pass-7")
