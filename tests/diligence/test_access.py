"""Every due-diligence page: outsiders get 404, read-only roles read but get 403 on writes, team
members can use them; incident pages exist only for the roles allowed to read incident notes
(admins and PSE leads by default) and answer 404 to everyone else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile

from tests import factories
from tests.access import call_page, page_names
from tests.diligence.conftest import answer_all

pytestmark = pytest.mark.django_db

P = "/p/mekong/diligence"
# (URL name, url builder, method, need): need is read, edit, manage, or incident-read / -edit.
DILIGENCE_PAGES: list[tuple[str, Callable[[Any], str], str, str]] = [
    ("overview", lambda w: f"{P}/", "get", "read"),
    ("reference_list", lambda w: f"{P}/reference/", "get", "read"),
    ("settings", lambda w: f"{P}/settings/", "get", "manage"),
    ("organisation_risk", lambda w: f"{P}/organisations/{w.org.pk}/", "get", "read"),
    ("goods_save", lambda w: f"{P}/organisations/{w.org.pk}/goods/", "post", "edit"),
    ("organisation_checklist", lambda w: f"{P}/organisations/{w.org.pk}/checklist/", "get", "read"),
    ("checklist_start", lambda w: f"{P}/organisations/{w.org.pk}/checklist/new/", "post", "edit"),
    ("checklist_detail", lambda w: f"{P}/checklists/{w.checklist.pk}/", "get", "read"),
    (
        "checklist_answer",
        lambda w: f"{P}/checklists/{w.checklist.pk}/questions/policy/",
        "get",
        "edit",
    ),
    (
        "checklist_recompute",
        lambda w: f"{P}/checklists/{w.checklist.pk}/recompute/",
        "post",
        "edit",
    ),
    ("checklist_sign_off", lambda w: f"{P}/checklists/{w.checklist.pk}/sign-off/", "post", "edit"),
    (
        "evidence_document",
        lambda w: f"{P}/checklists/{w.checklist.pk}/answers/{w.answer.pk}/document/",
        "get",
        "read",
    ),
    ("protocol_detail", lambda w: f"{P}/protocol/", "get", "read"),
    ("protocol_edit", lambda w: f"{P}/protocol/edit/", "get", "edit"),
    ("referral_contact_create", lambda w: f"{P}/protocol/contacts/new/", "get", "edit"),
    ("referral_contact_edit", lambda w: f"{P}/protocol/contacts/{w.contact.pk}/", "get", "edit"),
    (
        "referral_contact_delete",
        lambda w: f"{P}/protocol/contacts/{w.contact.pk}/delete/",
        "post",
        "edit",
    ),
    ("protocol_step_create", lambda w: f"{P}/protocol/steps/new/", "get", "edit"),
    ("protocol_step_edit", lambda w: f"{P}/protocol/steps/{w.step.pk}/", "get", "edit"),
    ("protocol_step_delete", lambda w: f"{P}/protocol/steps/{w.step.pk}/delete/", "post", "edit"),
    ("incident_list", lambda w: f"{P}/incidents/", "get", "incident-read"),
    ("incident_create", lambda w: f"{P}/incidents/new/", "get", "incident-edit"),
    ("incident_detail", lambda w: f"{P}/incidents/{w.incident.pk}/", "get", "incident-read"),
    ("incident_edit", lambda w: f"{P}/incidents/{w.incident.pk}/edit/", "get", "incident-edit"),
    (
        "incident_delete",
        lambda w: f"{P}/incidents/{w.incident.pk}/delete/",
        "post",
        "incident-edit",
    ),
]
IDS = [p[0] for p in DILIGENCE_PAGES]
REGULAR = [p for p in DILIGENCE_PAGES if not p[3].startswith("incident")]
INCIDENT = [p for p in DILIGENCE_PAGES if p[3].startswith("incident")]


@dataclass
class World:
    """One record of every due-diligence kind in the cast's programme."""

    org: Any
    checklist: Any
    answer: Any
    contact: Any
    step: Any
    incident: Any


@pytest.fixture
def world(cast: Any) -> World:
    from partnerpath.diligence import services
    from partnerpath.diligence.models import IncidentNote, ProtocolStep, ReferralContact

    org = factories.organisation(cast.programme, hq_country="TH", sectors=["fisheries"])
    checklist = answer_all(services.start_checklist(org, cast.owner), cast.owner)
    answer = checklist.answers.get(question="policy")
    answer.evidence_document.save("statement.pdf", ContentFile(b"%PDF-1.4"))
    protocol = services.ensure_protocol(cast.programme)
    contact = ReferralContact.objects.create(
        programme=cast.programme, protocol=protocol, name="Hotline"
    )
    step = ProtocolStep.objects.create(
        programme=cast.programme, protocol=protocol, action="Call the hotline."
    )
    incident = IncidentNote.objects.create(
        programme=cast.programme, organisation=org, title="Withheld passports"
    )
    return World(org, checklist, answer, contact, step, incident)


@pytest.mark.parametrize(("name", "url", "method", "need"), DILIGENCE_PAGES, ids=IDS)
def test_an_outsider_gets_404_everywhere(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "need"), DILIGENCE_PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world, name, url, method, need):
    response = call_page(client, method, url(world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("name", "url", "method", "need"), REGULAR, ids=[p[0] for p in REGULAR])
def test_read_only_roles_read_but_cannot_change(
    cast, world, client_for, role, name, url, method, need
):
    status = call_page(client_for(getattr(cast, role)), method, url(world)).status_code
    assert status in ((200, 302) if need == "read" else (403,))


@pytest.mark.parametrize(("name", "url", "method", "need"), REGULAR, ids=[p[0] for p in REGULAR])
def test_a_team_member_can_use_every_page_but_the_settings(
    cast, world, client_for, name, url, method, need
):
    status = call_page(client_for(cast.member), method, url(world)).status_code
    assert status == 403 if need == "manage" else status in (200, 302)


@pytest.mark.parametrize("role", ["member", "reviewer", "viewer"])
@pytest.mark.parametrize(("name", "url", "method", "need"), INCIDENT, ids=[p[0] for p in INCIDENT])
def test_incident_pages_do_not_exist_for_roles_without_the_right(
    cast, world, client_for, role, name, url, method, need
):
    assert call_page(client_for(getattr(cast, role)), method, url(world)).status_code == 404


@pytest.mark.parametrize("who", ["owner", "pse_lead"])
@pytest.mark.parametrize(("name", "url", "method", "need"), INCIDENT, ids=[p[0] for p in INCIDENT])
def test_admins_and_pse_leads_use_incident_pages(
    cast, world, client_for, pse_lead, who, name, url, method, need
):
    user = pse_lead if who == "pse_lead" else cast.owner
    assert call_page(client_for(user), method, url(world)).status_code in (200, 302)


def test_a_reviewer_given_the_right_reads_incidents_but_cannot_change_them(cast, world, client_for):
    from partnerpath.diligence.services import save_settings

    save_settings(cast.programme, ["reviewer"], 12)
    client = client_for(cast.reviewer)
    assert client.get(f"{P}/incidents/{world.incident.pk}/").status_code == 200
    assert client.get(f"{P}/incidents/new/").status_code == 403
    assert client_for(cast.member).get(f"{P}/incidents/").status_code == 404


def test_every_diligence_page_is_in_this_table():
    assert page_names("diligence") == set(IDS)
