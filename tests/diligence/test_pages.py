"""The due-diligence pages as people use them: the overview, an organisation's risk profile with
its sources, filling and signing off a checklist on the web, the protocol and the reference data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.diligence.conftest import CLEAN_ANSWERS, answer_all

pytestmark = pytest.mark.django_db
P = "/p/mekong/diligence"


def test_the_overview_lists_inherent_risk_rating_status_and_expiry(
    cast, org, reference, client_for, pse_lead
):
    from partnerpath.diligence import services

    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.sign_off(checklist, pse_lead)
    page = client_for(cast.viewer).get(f"{P}/").content.decode()
    assert org.name in page and "very high" in page and "signed off" in page
    assert f"{checklist.expires_on:%-d %b %Y}" in page
    assert "no risk protocol yet" in page


def test_the_nav_links_to_due_diligence(cast, client_for):
    page = client_for(cast.viewer).get("/p/mekong/organisations/").content.decode()
    assert f'href="{P}/"' in page and ">Due diligence</a>" in page


def test_the_risk_page_shows_each_figure_with_its_source_and_date(cast, org, reference, client_for):
    page = client_for(cast.viewer).get(f"{P}/organisations/{org.pk}/").content.decode()
    assert "Tier 2 in 2024" in page
    assert "5.7 per 1,000" in page and "Walk Free Global Slavery Index, 2023 edition" in page
    assert "Shrimp" in page and "forced child labour" in page
    assert "US DOL ILAB List of Goods Produced by Child Labor or Forced Labor, 2022 edition" in page
    assert "inherent-risk-v1" in page
    assert "Save goods" not in page  # viewers read only


def test_the_risk_page_says_what_the_figures_mean_without_pointing_to_a_file(
    cast, org, reference, client_for
):
    page = client_for(cast.viewer).get(f"{P}/organisations/{org.pk}/").content.decode()
    guide = page.split('id="guide-h"')[1].split("</ul>")[0]
    assert "Tier 2 Watch List is high" in guide
    assert "under 3 is low, 3 to under 7 is medium, 7 to under 10 is high" in guide
    assert "US Department of Labor" in guide and "most severe country" in guide
    assert "docs/" not in page and ".md" not in page


def test_goods_named_on_the_risk_page_change_the_profile(cast, client_for, reference):
    from tests import factories

    org = factories.organisation(cast.programme, hq_country="MY")
    client = client_for(cast.member)
    assert "Palm Fruit" not in client.get(f"{P}/organisations/{org.pk}/").content.decode()
    response = client.post(f"{P}/organisations/{org.pk}/goods/", {"goods": "palm fruit, gloves"})
    assert response.status_code == 302
    page = client.get(f"{P}/organisations/{org.pk}/").content.decode()
    assert "Palm Fruit" in page and "named on the risk page" in page


def test_a_checklist_is_filled_and_signed_off_on_the_web(
    cast, org, reference, client_for, pse_lead
):
    member = client_for(cast.member)
    start = member.post(f"{P}/organisations/{org.pk}/checklist/new/")
    url = start["Location"]
    for question, answer in CLEAN_ANSWERS.items():
        data: dict[str, Any] = {"answer": answer, "note": f"Checked {question}."}
        if question == "policy":
            data["evidence_document"] = SimpleUploadedFile(
                "msa.pdf", b"%PDF-1.4", "application/pdf"
            )
        response = member.post(f"{url}questions/{question}/", data)
        assert response.status_code == 302, response.content.decode()[:500]
    page = member.get(url).content.decode()
    assert "Rating medium (dd-checklist-v1)." in page
    assert "A second person must sign off" in page
    member.post(f"{url}sign-off/", {})
    lead = client_for(pse_lead)
    lead_page = lead.get(url).content.decode()
    assert "you can sign it off as the second person" in lead_page
    lead.post(f"{url}sign-off/", {"note": "Proceed."})
    signed = lead.get(url).content.decode()
    assert "Signed off by <strong>lead</strong>" in signed and "Proceed." in signed
    document = member.get(f"{url}answers/{_answer_id(org, 'policy')}/document/")
    assert document.status_code == 200 and b"".join(document.streaming_content) == b"%PDF-1.4"


def _answer_id(org: Any, question: str) -> int:
    from partnerpath.diligence.models import ChecklistAnswer

    return ChecklistAnswer.objects.get(checklist__organisation=org, question=question).pk


def test_an_answer_form_offers_only_its_scale(cast, org, client_for):
    from partnerpath.diligence import services

    checklist = services.start_checklist(org, cast.member)
    page = (
        client_for(cast.member)
        .get(f"{P}/checklists/{checklist.pk}/questions/policy/")
        .content.decode()
    )
    assert 'value="partly"' in page and 'value="serious_concern"' not in page
    assert "remediated" not in page
    response = client_for(cast.member).post(
        f"{P}/checklists/{checklist.pk}/questions/policy/", {"answer": "serious_concern"}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_an_expired_checklist_says_it_must_be_redone(cast, org, client_for, pse_lead):
    from partnerpath.diligence import services

    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.sign_off(checklist, pse_lead)
    checklist.expires_on = dt.date(2020, 1, 1)
    checklist.save()
    page = client_for(cast.member).get(f"{P}/checklists/{checklist.pk}/").content.decode()
    assert "This checklist expired on 1 Jan 2020" in page and "Redo the checklist" in page
    redo = client_for(cast.member).post(f"{P}/organisations/{org.pk}/checklist/new/")
    assert redo["Location"] != f"{P}/checklists/{checklist.pk}/"


def test_the_organisation_page_shows_the_due_diligence_panel(cast, org, reference, client_for):
    page = client_for(cast.viewer).get(f"/p/mekong/organisations/{org.pk}/").content.decode()
    assert 'id="diligence-h"' in page and "very high" in page and "not started" in page


def test_the_protocol_is_written_with_steps_and_contacts(cast, client_for):
    member = client_for(cast.member)
    member.post(
        f"{P}/protocol/edit/",
        {
            "title": "Risk protocol",
            "who_is_told": "The PSE lead at once.",
            "do_no_harm": "Never contact the worker's employer first.",
        },
    )
    member.post(f"{P}/protocol/steps/new/", {"order": 1, "action": "Make sure the person is safe."})
    member.post(
        f"{P}/protocol/contacts/new/",
        {"name": "Hotline 1300", "phone": "1300", "handles": "Referral"},
    )
    page = client_for(cast.viewer).get(f"{P}/protocol/").content.decode()
    assert "Make sure the person is safe." in page and "Hotline 1300" in page
    assert "Never contact the worker" in page and "The PSE lead at once." in page
    assert "Add a step" not in page  # viewers read only


def test_the_reference_page_lists_versions_with_dates(cast, reference, client_for):
    page = client_for(cast.viewer).get(f"{P}/reference/").content.decode()
    assert "TIP Report tier placements" in page and "gsi_2023.csv" in page
    assert reference[0].checksum[:10] in page


def test_an_evidence_document_missing_from_storage_is_a_404_not_a_500(cast, org, client_for):
    from django.core.files.base import ContentFile

    from partnerpath.diligence import services

    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    answer = checklist.answers.get(question="policy")
    answer.evidence_document.save("statement.pdf", ContentFile(b"%PDF-1.4"))
    url = f"{P}/checklists/{checklist.pk}/answers/{answer.pk}/document/"
    assert client_for(cast.viewer).get(url).status_code == 200
    answer.evidence_document.storage.delete(answer.evidence_document.name)
    assert client_for(cast.viewer).get(url).status_code == 404
    assert client_for(cast.outsider).get(url).status_code == 404


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once(cast, client_for):
    org = factories.organisation(cast.programme, "Golden Lotus Placement Agency Co., Ltd.")
    page = client_for(cast.viewer).get(f"{P}/organisations/{org.pk}/checklist/").content.decode()
    assert "started for Golden Lotus Placement Agency Co., Ltd. The checklist asks" in page
    assert "Ltd.." not in page
