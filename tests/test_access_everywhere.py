"""Every page of the web app: outsiders get 404, read-only roles cannot change anything,
team members can. New pages must be added to PAGES (a test below checks that none is missing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests import world as world_module
from tests.access import call_page

pytestmark = pytest.mark.django_db

P = "/p/mekong"
# (url builder, method, need) — need is "read" (any member), "edit" (team) or "manage" (admin).
PAGES: list[tuple[str, Callable[[Any], str], str, str]] = [
    ("dashboard", lambda w: f"{P}/", "get", "read"),
    ("organisation_list", lambda w: f"{P}/organisations/", "get", "read"),
    ("organisation_export", lambda w: f"{P}/organisations/?export=csv", "get", "read"),
    ("organisation_detail", lambda w: f"{P}/organisations/{w.org.pk}/", "get", "read"),
    ("organisation_create", lambda w: f"{P}/organisations/new/", "get", "edit"),
    ("organisation_edit", lambda w: f"{P}/organisations/{w.org.pk}/edit/", "get", "edit"),
    ("organisation_delete", lambda w: f"{P}/organisations/{w.org.pk}/delete/", "get", "edit"),
    ("organisation_merge", lambda w: f"{P}/organisations/{w.org.pk}/merge/", "post", "edit"),
    ("link_add", lambda w: f"{P}/organisations/{w.org.pk}/links/", "post", "edit"),
    (
        "link_delete",
        lambda w: f"{P}/organisations/{w.org.pk}/links/{w.link.pk}/delete/",
        "post",
        "edit",
    ),
    (
        "key_individual_create",
        lambda w: f"{P}/organisations/{w.org.pk}/key-individuals/new/",
        "get",
        "edit",
    ),
    (
        "key_individual_edit",
        lambda w: f"{P}/organisations/{w.org.pk}/key-individuals/{w.key_individual.pk}/",
        "get",
        "edit",
    ),
    ("policy_create", lambda w: f"{P}/organisations/{w.org.pk}/policies/new/", "get", "edit"),
    (
        "policy_edit",
        lambda w: f"{P}/organisations/{w.org.pk}/policies/{w.policy.pk}/",
        "get",
        "edit",
    ),
    ("source_create", lambda w: f"{P}/organisations/{w.org.pk}/sources/new/", "get", "edit"),
    (
        "source_edit",
        lambda w: f"{P}/organisations/{w.org.pk}/sources/{w.source.pk}/",
        "get",
        "edit",
    ),
    (
        "source_document",
        lambda w: f"{P}/organisations/{w.org.pk}/sources/{w.source.pk}/document/",
        "get",
        "read",
    ),
    (
        "child_delete",
        lambda w: f"{P}/organisations/{w.org.pk}/policy/{w.policy.pk}/delete/",
        "post",
        "edit",
    ),
    ("contact_list", lambda w: f"{P}/contacts/", "get", "read"),
    ("contact_create", lambda w: f"{P}/contacts/new/", "get", "edit"),
    ("contact_detail", lambda w: f"{P}/contacts/{w.contact.pk}/", "get", "read"),
    ("contact_edit", lambda w: f"{P}/contacts/{w.contact.pk}/edit/", "get", "edit"),
    ("contact_delete", lambda w: f"{P}/contacts/{w.contact.pk}/delete/", "get", "edit"),
    ("interaction_list", lambda w: f"{P}/interactions/", "get", "read"),
    ("interaction_create", lambda w: f"{P}/interactions/new/", "get", "edit"),
    ("interaction_detail", lambda w: f"{P}/interactions/{w.interaction.pk}/", "get", "read"),
    ("interaction_edit", lambda w: f"{P}/interactions/{w.interaction.pk}/edit/", "get", "edit"),
    ("interaction_delete", lambda w: f"{P}/interactions/{w.interaction.pk}/delete/", "get", "edit"),
    ("follow_up_toggle", lambda w: f"{P}/follow-ups/{w.follow_up.pk}/done/", "post", "edit"),
    ("connection_list", lambda w: f"{P}/connections/", "get", "read"),
    ("connection_delete", lambda w: f"{P}/connections/{w.connection.pk}/delete/", "post", "edit"),
    ("history", lambda w: f"{P}/history/", "get", "read"),
    (
        "history_of_a_record",
        lambda w: f"{P}/history/?kind=registry.organisation&record={w.org.pk}",
        "get",
        "read",
    ),
    ("members", lambda w: f"/accounts{P}/team/", "get", "read"),
    ("programme_settings", lambda w: f"/accounts{P}/settings/", "get", "manage"),
    ("programme_settings_save", lambda w: f"/accounts{P}/settings/", "post", "manage"),
    ("invite", lambda w: f"/accounts{P}/team/invite/", "post", "manage"),
    ("member_role", lambda w: f"/accounts{P}/team/{w.membership.pk}/role/", "post", "manage"),
    ("member_remove", lambda w: f"/accounts{P}/team/{w.membership.pk}/remove/", "post", "manage"),
    (
        "invitation_revoke",
        lambda w: f"/accounts{P}/team/invitations/{w.invitation.pk}/revoke/",
        "post",
        "manage",
    ),
]
# URL names that are not programme pages, or are covered by their own module's tests.
NOT_PROGRAMME_PAGES = {
    "home",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accept",
    "invitation_accept_base",
}


@pytest.fixture
def world(cast: Any) -> Any:
    from partnerpath.accounts.models import Invitation, Membership

    w = world_module.build(cast)
    w.source.document.save(
        "report.txt",
        __import__("django.core.files.base", fromlist=["ContentFile"]).ContentFile(b"x"),
    )
    w.membership = Membership.objects.get(programme=cast.programme, user=cast.viewer)  # type: ignore[attr-defined]
    w.invitation = Invitation.objects.create(programme=cast.programme, email="new@example.org")  # type: ignore[attr-defined]
    return w


@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=[p[0] for p in PAGES])
def test_an_outsider_gets_404_everywhere(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=[p[0] for p in PAGES])
def test_an_anonymous_visitor_is_sent_to_the_login_page_or_gets_404(
    client, world, name, url, method, need
):
    response = call_page(client, method, url(world))
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=[p[0] for p in PAGES])
def test_read_only_roles_read_but_cannot_change(
    cast, world, client_for, role, name, url, method, need
):
    status = call_page(client_for(getattr(cast, role)), method, url(world)).status_code
    if need == "read":
        assert status == 200
    else:
        assert status == 403


@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=[p[0] for p in PAGES])
def test_a_team_member_can_use_every_page_but_team_management(
    cast, world, client_for, name, url, method, need
):
    status = call_page(client_for(cast.member), method, url(world)).status_code
    if need == "manage":
        assert status == 403
    else:
        assert status in (200, 302)


def _names(resolver: Any, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            if item.namespace in {"api", "admin"} or item.app_name in {"api", "admin"}:
                continue
            found |= _names(item)
        elif isinstance(item, URLPattern) and item.name:
            found.add(item.name)
    return found


def test_every_web_page_is_in_the_access_table():
    covered = {p[0] for p in PAGES} | NOT_PROGRAMME_PAGES
    missing = _names(get_resolver()) - covered
    # Import pages have their own access tests in tests/registry/test_import_views.py.
    missing = {m for m in missing if not m.startswith("import_")}
    # Screening pages have their own access table in tests/screening/test_access.py.
    from tests.screening.test_access import SCREENING_PAGES

    missing -= {p[0] for p in SCREENING_PAGES}
    # Due-diligence pages have their own access table in tests/diligence/test_access.py.
    from tests.diligence.test_access import DILIGENCE_PAGES

    missing -= {p[0] for p in DILIGENCE_PAGES}
    # Assessment pages have their own access table in tests/assessments/test_access.py.
    from tests.assessments.test_access import ASSESSMENT_PAGES, PUBLIC_PAGES

    missing -= {p[0] for p in ASSESSMENT_PAGES} | PUBLIC_PAGES
    # Prioritisation pages have their own access table in tests/prioritisation/test_access.py.
    from tests.prioritisation.test_access import PRIORITISATION_PAGES

    missing -= {p[0] for p in PRIORITISATION_PAGES}
    # Partnership pages have their own access table in tests/partnerships/test_access.py.
    from tests.partnerships.test_access import PAGES as PARTNERSHIP_PAGES
    from tests.partnerships.test_access import PUBLIC_PAGES as PARTNERSHIP_PUBLIC_PAGES

    missing -= {p[1] for p in PARTNERSHIP_PAGES} | PARTNERSHIP_PUBLIC_PAGES
    assert missing == set(), f"add these pages to PAGES: {sorted(missing)}"
