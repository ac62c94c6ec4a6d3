"""The operator's command that creates a programme and its first admin."""

import pytest
from django.core.management import CommandError, call_command

from partnerpath.accounts.models import Membership, Programme, User

pytestmark = pytest.mark.django_db


def test_it_creates_a_programme_with_the_user_as_admin():
    user = User.objects.create_user("lead")
    call_command("create_programme", "Mekong Region CTIP Programme", "mekong", admin="lead")
    programme = Programme.objects.get(slug="mekong")
    assert Membership.objects.get(programme=programme, user=user).role == "admin"


@pytest.mark.parametrize("problem", ["no user", "taken slug"])
def test_it_explains_what_is_wrong(problem):
    User.objects.create_user("lead")
    if problem == "taken slug":
        call_command("create_programme", "First", "mekong", admin="lead")
    with pytest.raises(CommandError, match=r"No user|exists already"):
        call_command(
            "create_programme",
            "Second",
            "mekong",
            admin="nobody" if problem == "no user" else "lead",
        )
