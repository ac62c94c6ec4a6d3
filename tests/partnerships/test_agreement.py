"""The agreement: started and edited in place until it is signed, then only amended with a reason
(the replaced version kept whole); the signed document served only to members; contributions,
indicators and the checklist; and what the agreement makes the gates say."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerpath.partnerships.models import (
    Agreement,
    AgreementVersion,
    Contribution,
    SuccessIndicator,
    TimelineEvent,
)
from partnerpath.partnerships.services import agreement as service
from partnerpath.partnerships.services import stages

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"
PDF = b"%PDF-1.4 signed by both partners"


def url(deal: Any, page: str = "") -> str:
    return f"{P}/{deal.partnership.pk}/{page}"


def pdf(name: str = "signed.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_data(**changes: Any) -> dict[str, Any]:
    """A complete agreement form: governance, risk protocol, Do No Harm and a checklist."""
    data: dict[str, Any] = {
        "activities": "Pilot the employer-pays principle with two recruitment agencies.",
        "roles": "The company pays the fees; the NGO runs the worker helpline.",
        "contributions_agreed": "on",
        "steering_body": "Two people from each partner.",
        "cadence": "quarterly",
        "decision_rule": "Consensus of the steering body.",
        "risk_protocol": "A suspected trafficking case goes to the NGO's case manager within 24h.",
        "do_no_harm": "No worker is named in any report.",
        "review_on": "2026-01-31",
        "signed_on": "",
        "check_partners": "fully_in_place",
        "check_resources": "partially_in_place",
        "check_sustainability": "not_relevant",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


ROW_FIELDS = {
    "contributions": ("partner", "kind", "description", "value", "currency"),
    "indicators": ("name", "target", "means_of_verification"),
}


def amend_data(deal: Any, **changes: Any) -> dict[str, Any]:
    """The amendment form as the page sends it: the agreement's fields with ``changes``, and
    every stored contribution and indicator unchanged (plus one empty row of each)."""
    data = form_data(**changes)
    rows = {
        "contributions": list(deal.partnership.contributions.order_by("partner_id", "id")),
        "indicators": list(deal.partnership.success_indicators.order_by("id")),
    }
    for prefix, found in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(found) + 1)
        data[f"{prefix}-INITIAL_FORMS"] = str(len(found))
        for i, row in enumerate(found):
            data[f"{prefix}-{i}-id"] = str(row.pk)
            for name in ROW_FIELDS[prefix]:
                value = getattr(row, f"{name}_id" if name == "partner" else name)
                data[f"{prefix}-{i}-{name}"] = "" if value is None else str(value)
    return data


def events(deal: Any) -> list[str]:
    return list(
        TimelineEvent.objects.filter(partnership=deal.partnership, kind="agreement")
        .order_by("id")
        .values_list("summary", flat=True)
    )


def signed(cast: Any, deal: Any, client_for: Any) -> Agreement:
    """An agreement started, then signed, through the pages."""
    client = client_for(cast.member)
    assert client.post(url(deal, "agreement/edit/"), form_data()).status_code == 302
    data = form_data(signed_on="2025-02-01", signed_document=pdf())
    assert client.post(url(deal, "agreement/edit/"), data).status_code == 302
    return Agreement.objects.get(partnership=deal.partnership)


def test_the_page_offers_to_start_an_agreement_to_those_who_may(cast, deal, client_for):
    page = client_for(cast.member).get(url(deal, "agreement/")).content.decode()
    assert "No agreement has been started yet" in page and "Start the agreement" in page
    page = client_for(cast.viewer).get(url(deal, "agreement/")).content.decode()
    assert "No agreement has been started yet" in page and "Start the agreement" not in page


def test_starting_and_editing_the_agreement_names_what_changed(cast, deal, client_for):
    client = client_for(cast.member)
    assert client.post(url(deal, "agreement/edit/"), form_data()).status_code == 302
    found = Agreement.objects.get(partnership=deal.partnership)
    assert found.version == 1 and found.cadence == "quarterly" and found.contributions_agreed
    assert found.checklist == {
        "partners": "fully_in_place",
        "resources": "partially_in_place",
        "sustainability": "not_relevant",
    }
    changed = form_data(decision_rule="Majority of the steering body.", review_on="2026-06-30")
    assert client.post(url(deal, "agreement/edit/"), changed).status_code == 302
    started, edited = events(deal)
    assert started.startswith("Agreement started: activities for the first year")
    assert edited == "Agreement edited: decision rule, review date."


def test_the_page_shows_every_part_of_the_agreement(cast, deal, client_for):
    service.add_indicator(
        SuccessIndicator(
            programme=cast.programme,
            partnership=deal.partnership,
            name="Workers recruited without fees",
            target="500 by December",
        )
    )
    current = signed(cast, deal, client_for)
    page = client_for(cast.viewer).get(url(deal, "agreement/")).content.decode()
    for text in (
        "Agreement, version 1",
        "Signed</span>",
        "Pilot the employer-pays principle",
        "Quarterly",
        "Consensus of the steering body.",
        "No worker is named",
        "31 Jan 2026",
        "1 Feb 2025",
        "Download signed",
        "Workers recruited without fees",
        "500 by December",
        "Missing:",
        "None: the agreement has not been amended.",
    ):
        assert text in page, text
    assert url(deal, "agreement/document/") in page
    assert service.checklist_summary(current).summary in page
    assert "Edit the agreement" not in page and "Amend the agreement" not in page


def test_the_checklist_summary_names_what_is_missing(cast, deal, client_for):
    client_for(cast.member).post(url(deal, "agreement/edit/"), form_data())
    summary = service.checklist_summary(Agreement.objects.get(partnership=deal.partnership))
    assert summary.relevant == 11 and summary.fully == 1 and summary.partially == 1
    assert "resources" in summary.partial and "governance" in summary.missing
    assert "sustainability" not in summary.missing and summary.summary.startswith("14% in place")


def test_attaching_the_signed_document_is_on_the_timeline(cast, deal, client_for):
    signed(cast, deal, client_for)
    assert events(deal)[-1] == "Signed agreement attached"


def test_a_signed_document_needs_the_date_it_was_signed(cast, deal, client_for):
    client = client_for(cast.member)
    response = client.post(url(deal, "agreement/edit/"), form_data(signed_document=pdf()))
    assert response.status_code == 200
    assert "Give the date the agreement was signed." in response.content.decode()
    assert not Agreement.objects.filter(partnership=deal.partnership).exists()


def test_a_signed_agreement_cannot_be_edited_in_place(cast, deal, client_for):
    current = signed(cast, deal, client_for)
    client = client_for(cast.member)
    response = client.get(url(deal, "agreement/edit/"), follow=True)
    assert response.redirect_chain[-1][0] == url(deal, "agreement/amend/")
    assert "no longer edited in place: amend it" in response.content.decode()
    response = client.post(url(deal, "agreement/edit/"), form_data(activities="Changed quietly"))
    assert response.status_code == 302 and response["Location"] == url(deal, "agreement/amend/")
    current.refresh_from_db()
    assert current.activities.startswith("Pilot the employer-pays") and current.version == 1
    current.activities = "Changed through the service"
    with pytest.raises(service.AgreementSigned):
        service.save_agreement(current, ["activities"])


def test_an_oversized_upload_is_refused_with_a_clear_error(cast, deal, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = pdf(content=b"%PDF" + b"0" * (1024 * 1024 + 1))
    data = form_data(signed_on="2025-02-01", signed_document=big)
    response = client_for(cast.member).post(url(deal, "agreement/edit/"), data)
    assert response.status_code == 200
    assert "The file is larger than the limit of 1 MB." in response.content.decode()
    assert not Agreement.objects.filter(partnership=deal.partnership).exists()


def test_a_file_of_another_kind_is_refused_with_the_kinds_allowed(cast, deal, client_for):
    data = form_data(signed_on="2025-02-01", signed_document=pdf("agreement.exe", b"MZ"))
    response = client_for(cast.member).post(url(deal, "agreement/edit/"), data)
    page = response.content.decode()
    assert response.status_code == 200 and "“exe” is not allowed" in page and "pdf, doc" in page


def test_an_amendment_keeps_the_previous_version(cast, deal, client_for):
    service.add_contribution(
        Contribution(
            programme=cast.programme,
            partnership=deal.partnership,
            partner=deal.company,
            kind="cash",
            description="Fee repayment fund",
            value=12000,
            currency="USD",
        )
    )
    first = signed(cast, deal, client_for)
    old_file = first.signed_document.name
    data = amend_data(
        deal,
        amendment_reason="A third agency joins the pilot.",
        activities="Pilot the employer-pays principle with three recruitment agencies.",
        signed_on="2025-06-01",
        signed_document=pdf("amendment.pdf", b"%PDF-1.4 amendment"),
    )
    assert client_for(cast.member).post(url(deal, "agreement/amend/"), data).status_code == 302
    current = Agreement.objects.get(partnership=deal.partnership)
    assert current.version == 2 and "three recruitment agencies" in current.activities
    kept = AgreementVersion.objects.get(agreement=current)
    assert kept.version == 1 and kept.amendment_reason == "A third agency joins the pilot."
    assert kept.replaced_by == cast.member and kept.signed_document.name == old_file
    assert kept.snapshot["activities"].startswith("Pilot the employer-pays principle with two")
    assert kept.snapshot["signed_on"] == "2025-02-01" and kept.snapshot["cadence"] == "quarterly"
    assert kept.snapshot["checklist"]["partners"] == "fully_in_place"
    assert kept.snapshot["signed_document"] == old_file
    assert kept.snapshot["contributions"] == [
        {
            "partner": str(deal.company.organisation),
            "kind": "cash",
            "description": "Fee repayment fund",
            "value": "12000.00",
            "currency": "USD",
        }
    ]
    assert kept.signed_document.read() == PDF
    assert current.signed_document.name != old_file
    assert events(deal)[-2] == "Agreement amended to version 2: A third agency joins the pilot."


def test_an_amendment_needs_a_reason_and_a_change(cast, deal, client_for):
    signed(cast, deal, client_for)
    client = client_for(cast.member)
    page = client.post(url(deal, "agreement/amend/"), amend_data(deal, signed_on="2025-02-01"))
    assert "This field is required." in page.content.decode()
    same = amend_data(deal, signed_on="2025-02-01", amendment_reason="Nothing really")
    page = client.post(url(deal, "agreement/amend/"), same)
    assert "Nothing was changed" in page.content.decode()
    assert not AgreementVersion.objects.exists()


def test_a_stored_version_shows_what_differs_from_the_current_one(cast, deal, client_for):
    signed(cast, deal, client_for)
    data = amend_data(
        deal,
        amendment_reason="Monthly meetings",
        cadence="monthly",
        signed_on="2025-02-01",
        check_governance="fully_in_place",
    )
    client = client_for(cast.member)
    assert client.post(url(deal, "agreement/amend/"), data).status_code == 302
    page = client_for(cast.viewer).get(url(deal, "agreement/versions/1/")).content.decode()
    assert "Agreement version 1" in page and "Monthly meetings" in page
    diff = page.split('id="diff-h"')[1].split("</section>")[0]
    assert "Meeting cadence" in diff and "Quarterly" in diff and "Monthly" in diff
    assert "Checklist: Governance" in diff and "Fully in place" in diff
    assert "Activities" not in diff
    assert client.get(url(deal, "agreement/versions/7/")).status_code == 404
    assert (
        url(deal, "agreement/versions/1/") in client.get(url(deal, "agreement/")).content.decode()
    )


def test_the_signed_document_is_served_only_to_members(cast, deal, client_for, other_deal):
    link = url(deal, "agreement/document/")
    assert client_for(cast.member).get(link).status_code == 404  # no agreement yet
    client_for(cast.member).post(url(deal, "agreement/edit/"), form_data())
    assert client_for(cast.member).get(link).status_code == 404  # no document yet
    signed(cast, deal, client_for)
    for who in (cast.member, cast.viewer, cast.reviewer):
        response = client_for(who).get(link)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    assert client_for(cast.outsider).get(link).status_code == 404
    assert (
        client_for(cast.outsider)
        .get(f"/p/other/partnerships/{deal.partnership.pk}/agreement/document/")
        .status_code
        == 404
    )
    v2 = b"%PDF-1.4 version 2"
    data = amend_data(
        deal,
        amendment_reason="Re-signed",
        activities="Re-signed activities",
        signed_on="2025-05-05",
        signed_document=pdf("v2.pdf", v2),
    )
    assert client_for(cast.member).post(url(deal, "agreement/amend/"), data).status_code == 302
    old = client_for(cast.viewer).get(link + "?version=1")
    assert b"".join(old.streaming_content) == PDF
    assert b"".join(client_for(cast.viewer).get(link).streaming_content) == v2
    assert client_for(cast.viewer).get(link + "?version=9").status_code == 404


def test_a_contribution_must_come_from_a_partner_of_this_partnership(
    cast, deal, other_deal, client_for
):
    data = {"partner": other_deal.company.pk, "kind": "cash", "description": "Fund"}
    response = client_for(cast.member).post(url(deal, "contributions/"), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("value", "currency", "error"),
    [
        ("-5", "USD", "A value cannot be negative."),
        ("100", "US", "Use a three-letter currency code"),
        ("100", "U5D", "Use a three-letter currency code"),
        ("100", "", "Give the currency of the value"),
    ],
)
def test_a_contribution_value_is_not_negative_and_has_a_three_letter_currency(
    cast, deal, client_for, value, currency, error
):
    data = {
        "partner": deal.company.pk,
        "kind": "cash",
        "description": "Fund",
        "value": value,
        "currency": currency,
    }
    response = client_for(cast.member).post(url(deal, "contributions/"), data)
    assert response.status_code == 200 and error in response.content.decode()
    assert not Contribution.objects.exists()


def test_contributions_are_totalled_per_currency_and_on_the_timeline(cast, deal, client_for):
    client = client_for(cast.member)
    for partner, value, currency in (
        (deal.company, "1000", "usd"),
        (deal.ngo, "250.50", "USD"),
        (deal.ngo, "40000", "THB"),
        (deal.ngo, "", ""),
    ):
        data = {"partner": partner.pk, "kind": "in_kind", "description": "Training"}
        data.update(value=value, currency=currency)
        assert client.post(url(deal, "contributions/"), data).status_code == 302
    assert Contribution.objects.filter(currency="USD").count() == 2
    rows = service.contributions_of(deal.partnership)
    assert service.totals_by_currency(rows) == [("THB", 40000), ("USD", 1250.5)]
    page = client_for(cast.viewer).get(url(deal, "agreement/")).content.decode()
    assert "Total in USD" in page and "1,250.50" in page and "40,000" in page
    assert events(deal)[0].startswith(f"Contribution added: {deal.company.organisation}")
    first = rows[0]
    client = client_for(cast.member)
    assert client.get(url(deal, f"contributions/{first.pk}/remove/")).status_code == 405
    assert client.post(url(deal, f"contributions/{first.pk}/remove/")).status_code == 302
    assert not Contribution.objects.filter(pk=first.pk).exists()
    assert events(deal)[-1].startswith("Contribution removed:")


def test_indicators_are_added_and_removed_on_the_timeline(cast, deal, client_for):
    client = client_for(cast.member)
    data = {"name": "Workers recruited without fees", "target": "500", "means_of_verification": ""}
    assert client.post(url(deal, "indicators/"), data).status_code == 302
    assert client.post(url(deal, "indicators/"), {"name": ""}).status_code == 200
    indicator = SuccessIndicator.objects.get()
    page = client_for(cast.viewer).get(url(deal, "indicators/")).content.decode()
    assert "Workers recruited without fees" in page and "Remove" not in page
    client = client_for(cast.member)
    assert client.post(url(deal, f"indicators/{indicator.pk}/remove/")).status_code == 302
    assert events(deal) == [
        "Success indicator added: Workers recruited without fees",
        "Success indicator removed: Workers recruited without fees",
    ]


AGREEMENT_CODES = {
    "contributions_not_agreed",
    "governance_missing",
    "risk_protocol_missing",
    "success_indicators_too_few",
}


def test_the_agreement_fields_make_the_agreement_gate_pass(cast, deal, client_for):
    before = {u.code for u in stages.check_advance(deal.partnership, "agreement").unmet}
    assert before >= AGREEMENT_CODES
    client = client_for(cast.member)
    client.post(url(deal, "agreement/edit/"), form_data())
    client.post(url(deal, "indicators/"), {"name": "Fees repaid to workers"})
    fresh = type(deal.partnership).objects.get(pk=deal.partnership.pk)
    after = {u.code for u in stages.check_advance(fresh, "agreement").unmet}
    assert not after & AGREEMENT_CODES


def test_the_signed_document_makes_the_implementation_gate_pass(cast, deal, client_for):
    type(deal.partnership).objects.filter(pk=deal.partnership.pk).update(stage="agreement")
    deal.partnership.refresh_from_db()
    client_for(cast.member).post(url(deal, "agreement/edit/"), form_data())
    blocked = stages.check_advance(deal.partnership, "implementation")
    assert [u.code for u in blocked.unmet] == ["signed_agreement_missing"]
    signed(cast, deal, client_for)
    fresh = type(deal.partnership).objects.get(pk=deal.partnership.pk)
    assert stages.check_advance(fresh, "implementation").passed


def test_the_agreement_page_reads_in_a_fixed_number_of_queries(cast, deal, client_for):
    signed(cast, deal, client_for)
    client = client_for(cast.viewer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(deal, "agreement/")).status_code == 200
        return len(queries)

    few = count()
    for n in range(4):  # rows as earlier amendments left them
        Contribution.objects.create(
            programme=cast.programme,
            partnership=deal.partnership,
            partner=deal.ngo,
            kind="expertise",
            description=f"Trainer {n}",
        )
        SuccessIndicator.objects.create(
            programme=cast.programme, partnership=deal.partnership, name=f"I{n}"
        )
    assert count() == few


def _with_rows(cast: Any, deal: Any) -> tuple[Contribution, SuccessIndicator]:
    """A contribution and an indicator recorded before the agreement is signed."""
    contribution = service.add_contribution(
        Contribution(
            programme=cast.programme,
            partnership=deal.partnership,
            partner=deal.company,
            kind="cash",
            description="Fee repayment fund",
            value=12000,
            currency="USD",
        )
    )
    indicator = service.add_indicator(
        SuccessIndicator(programme=cast.programme, partnership=deal.partnership, name="Fees repaid")
    )
    return contribution, indicator


def test_once_signed_contributions_and_indicators_change_only_by_an_amendment(
    cast, deal, client_for
):
    contribution, indicator = _with_rows(cast, deal)
    signed(cast, deal, client_for)
    client = client_for(cast.member)
    new = {"partner": deal.ngo.pk, "kind": "expertise", "description": "Case workers"}
    for page, data in (
        ("contributions/", new),
        (f"contributions/{contribution.pk}/remove/", {}),
        ("indicators/", {"name": "Quietly added"}),
        (f"indicators/{indicator.pk}/remove/", {}),
    ):
        response = client.post(url(deal, page), data, follow=True)
        assert response.status_code == 200, page
        assert "change only by an amendment" in response.content.decode(), page
    assert list(Contribution.objects.values_list("description", flat=True)) == [
        "Fee repayment fund"
    ]
    assert list(SuccessIndicator.objects.values_list("name", flat=True)) == ["Fees repaid"]
    page = client.get(url(deal, "contributions/")).content.decode()
    assert 'id="locked"' in page and "Add a contribution" not in page and "Remove" not in page
    with pytest.raises(service.AgreementSigned):
        service.remove_indicator(indicator)
    with pytest.raises(service.AgreementSigned):
        service.add_contribution(Contribution(partnership=deal.partnership, partner=deal.ngo))


def test_an_amendment_changes_contributions_and_indicators_and_keeps_them_as_they_were(
    cast, deal, client_for
):
    _with_rows(cast, deal)
    signed(cast, deal, client_for)
    data = amend_data(
        deal,
        amendment_reason="The fund grows; the NGO brings case workers.",
        signed_on="2025-06-01",
        signed_document=pdf("amendment.pdf", b"%PDF-1.4 amendment"),
    )
    data["contributions-0-value"] = "15000"  # the fund grows
    data |= {  # a new contribution in the empty row
        "contributions-1-partner": str(deal.ngo.pk),
        "contributions-1-kind": "expertise",
        "contributions-1-description": "Two case workers",
    }
    data["indicators-0-DELETE"] = "on"  # the indicator is dropped
    data["indicators-1-name"] = "Workers reimbursed within 30 days"
    response = client_for(cast.member).post(url(deal, "agreement/amend/"), data)
    assert response.status_code == 302
    rows = sorted(Contribution.objects.values_list("description", "value"))
    assert rows == [("Fee repayment fund", 15000), ("Two case workers", None)]
    assert list(SuccessIndicator.objects.values_list("name", flat=True)) == [
        "Workers reimbursed within 30 days"
    ]
    kept = AgreementVersion.objects.get()
    assert [r["value"] for r in kept.snapshot["contributions"]] == ["12000.00"]
    assert [r["name"] for r in kept.snapshot["success_indicators"]] == ["Fees repaid"]
    amended = TimelineEvent.objects.filter(summary__startswith="Agreement amended").get()
    assert "Contribution changed:" in amended.detail and "15,000 USD" in amended.detail
    assert "Contribution added:" in amended.detail
    assert "Success indicator removed: Fees repaid" in amended.detail
    version = client_for(cast.viewer).get(url(deal, "agreement/versions/1/")).content.decode()
    diff = version.split('id="diff-h"')[1].split("</section>")[0]
    assert "Resource contributions" in diff and "12,000 USD" in diff and "15,000 USD" in diff


def test_an_amendment_without_its_own_signed_document_counts_as_not_signed(cast, deal, client_for):
    signed(cast, deal, client_for)
    type(deal.partnership).objects.filter(pk=deal.partnership.pk).update(stage="agreement")
    data = amend_data(deal, amendment_reason="Three agencies", activities="Three agencies.")
    response = client_for(cast.member).post(url(deal, "agreement/amend/"), data, follow=True)
    assert "counts as not signed until its signed document is attached" in (
        response.content.decode()
    )
    current = Agreement.objects.get(partnership=deal.partnership)
    assert (current.version, current.is_signed, current.signed_on) == (2, False, None)
    assert AgreementVersion.objects.get().signed_document.read() == PDF  # version 1 keeps it
    fresh = type(deal.partnership).objects.get(pk=deal.partnership.pk)
    gate = stages.check_advance(fresh, "implementation")
    assert [u.code for u in gate.unmet] == ["signed_agreement_missing"]
    summary = client_for(cast.viewer).get(url(deal, "summary/")).content.decode()
    assert "Not signed (version 2): attach its signed document" in summary
    page = client_for(cast.viewer).get(url(deal, "agreement/")).content.decode()
    assert "Not signed yet" in page
    # Unsigned again, it is edited in place until its signed document is attached.
    data = form_data(
        activities="Three agencies.", signed_on="2025-07-01", signed_document=pdf("v2.pdf")
    )
    assert client_for(cast.member).post(url(deal, "agreement/edit/"), data).status_code == 302
    current.refresh_from_db()
    assert current.is_signed and current.signed_for == 2


def test_an_amendment_may_say_why_the_signed_document_still_covers_it(cast, deal, client_for):
    signed(cast, deal, client_for)
    client = client_for(cast.member)
    data = amend_data(deal, amendment_reason="Work plan dates", review_on="2026-03-31")
    data["still_covered"] = "on"
    refused = client.post(url(deal, "agreement/amend/"), data)
    assert "Say why the signed document still covers the amendment." in (refused.content.decode())
    data["coverage_reason"] = "Clause 9 lets the steering body move the review date."
    assert client.post(url(deal, "agreement/amend/"), data).status_code == 302
    current = Agreement.objects.get(partnership=deal.partnership)
    assert (current.version, current.is_signed, current.signed_for) == (2, True, 1)
    fresh = type(deal.partnership).objects.get(pk=deal.partnership.pk)
    assert "signed_agreement_missing" not in [
        u.code for u in stages.check_advance(fresh, "implementation").unmet
    ]
    summary = client_for(cast.viewer).get(url(deal, "summary/")).content.decode()
    assert (
        "Yes, by the signed document of version 1 on 1 Feb 2025, which still covers version 2: "
        "Clause 9 lets the steering body move the review date." in summary
    )
    assert "Yes, signed" not in summary
    both = amend_data(
        deal,
        amendment_reason="Again",
        activities="Changed",
        still_covered="on",
        coverage_reason="Because",
        signed_on="2025-08-01",
        signed_document=pdf("v3.pdf"),
    )
    page = client_for(cast.member).post(url(deal, "agreement/amend/"), both).content.decode()
    assert "You attached a new signed document" in page


def test_a_file_that_is_not_what_its_name_says_is_refused(cast, deal, client_for):
    html = b"<!doctype html><html><body>Agreement</body></html>"
    data = form_data(signed_on="2025-02-01", signed_document=pdf("agreement.pdf", html))
    response = client_for(cast.member).post(url(deal, "agreement/edit/"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This file is named .pdf but is not a PDF file" in page
    assert not Agreement.objects.filter(partnership=deal.partnership).exists()
    png = pdf("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    data = form_data(signed_on="2025-02-01", signed_document=png)
    assert client_for(cast.member).post(url(deal, "agreement/edit/"), data).status_code == 302
