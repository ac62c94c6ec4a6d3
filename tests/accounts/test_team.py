"""Team management: invitations, roles, the last admin."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from partnerpath.accounts.models import Invitation, Membership, User

pytestmark = pytest.mark.django_db


def _invite(client, email="new.person@example.org", role="reviewer"):
    return client.post("/accounts/p/mekong/team/invite/", {"email": email, "role": role})


def test_an_admin_invites_a_person_who_creates_an_account_and_joins_with_the_role(
    cast, client_for, client
):
    _invite(client_for(cast.owner))
    assert len(mail.outbox) == 1
    invitation = Invitation.objects.get(email="new.person@example.org")
    assert invitation.token in mail.outbox[0].body
    client.logout()
    response = client.post(
        f"/accounts/invitations/{invitation.token}/",
        {
            "username": "newperson",
            "email": "new.person@example.org",
            "password1": "a-very-good-pass-9",
            "password2": "a-very-good-pass-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newperson")
    assert Membership.objects.get(user=user, programme=cast.programme).role == "reviewer"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_a_signed_in_user_accepts_an_invitation_to_a_second_programme(cast, client_for):
    _invite(client_for(cast.owner), email="outsider@example.org", role="viewer")
    token = Invitation.objects.get().token
    client = client_for(cast.outsider)
    assert client.get(f"/accounts/invitations/{token}/").status_code == 200
    client.post(f"/accounts/invitations/{token}/")
    assert client.get("/p/mekong/").status_code == 200


@pytest.mark.parametrize("state", ["expired", "revoked", "used"])
def test_an_unusable_invitation_says_so(cast, client, state):
    invitation = Invitation.objects.create(programme=cast.programme, email="x@example.org")
    if state == "expired":
        invitation.expires_at = timezone.now() - timedelta(days=1)
    elif state == "revoked":
        invitation.revoked_at = timezone.now()
    else:
        invitation.accepted_at = timezone.now()
    invitation.save()
    response = client.get(f"/accounts/invitations/{invitation.token}/")
    assert response.status_code == 404
    assert "cannot be used" in response.content.decode()


def test_only_admins_invite(cast, client_for):
    assert _invite(client_for(cast.member)).status_code == 403
    assert Invitation.objects.count() == 0


def test_the_last_admin_cannot_step_down_or_be_removed(cast, client_for):
    client = client_for(cast.owner)
    mine = Membership.objects.get(user=cast.owner, programme=cast.programme)
    client.post(f"/accounts/p/mekong/team/{mine.pk}/role/", {"role": "viewer"})
    client.post(f"/accounts/p/mekong/team/{mine.pk}/remove/")
    mine.refresh_from_db()
    assert mine.role == "admin"


def test_an_admin_changes_a_role_and_it_is_recorded(cast, client_for):
    membership = Membership.objects.get(user=cast.viewer, programme=cast.programme)
    client_for(cast.owner).post(
        f"/accounts/p/mekong/team/{membership.pk}/role/", {"role": "member"}
    )
    membership.refresh_from_db()
    assert membership.role == "member"
    page = client_for(cast.owner).get("/accounts/p/mekong/team/").content.decode()
    assert "viewer" in page and "History" in page


def test_the_home_page_lists_only_the_users_programmes(cast, client_for):
    from partnerpath.accounts.models import Membership as M

    M.objects.create(programme=cast.other_programme, user=cast.member, role="viewer")
    page = client_for(cast.member).get("/").content.decode()
    assert "Mekong Test Programme" in page and "Other Programme" in page
    assert client_for(cast.viewer).get("/").status_code == 302  # one programme: straight to it
