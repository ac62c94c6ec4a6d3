"""Contacts, key individuals, policies, sources and links: filters, ids that must belong to the
record's programme, and the rules the web forms apply."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Anong S.", "Bao T."]),
        ("?search=bao", ["Bao T."]),
        ("?search=bangkok", ["Bao T."]),
        ("?department=sustainability", ["Anong S."]),
        ("?champion=yes", ["Anong S."]),
        ("?programme=mekong", ["Anong S.", "Bao T."]),
    ],
)
def test_the_contact_list_filters(cast, records, api_for, query, expected):
    factories.contact(records.sister, name="Bao T.", department="hr")
    response = api_for(cast.reviewer).get("/api/v1/contacts/" + query)
    assert [r["name"] for r in response.json()["results"]] == expected


def test_contacts_filter_by_organisation(cast, records, api_for):
    factories.contact(records.sister, name="Bao T.")
    url = f"/api/v1/contacts/?organisation={records.sister.pk}"
    body = api_for(cast.viewer).get(url).json()
    assert [(r["name"], r["organisation_name"]) for r in body["results"]] == [
        ("Bao T.", "Bangkok Garments Ltd")
    ]


@pytest.mark.parametrize("query", ["?department=finance", "?organisation=abc", "?champion=1"])
def test_bad_contact_filters_are_400(cast, api_for, query):
    assert api_for(cast.viewer).get("/api/v1/contacts/" + query).status_code == 400


@pytest.mark.parametrize(
    ("url", "payload"),
    [
        ("/api/v1/contacts/", {"name": "Spy"}),
        ("/api/v1/key-individuals/", {"name": "Spy"}),
        ("/api/v1/policies/", {"kind": "other"}),
        (
            "/api/v1/sources/",
            {"title": "Spy", "url": "https://example.org", "accessed_on": "2026-01-01"},
        ),
    ],
)
def test_an_organisation_of_another_programme_reads_as_unknown(
    cast, records, api_for, url, payload
):
    body = {"programme": "mekong", "organisation": records.foreign_org.pk, **payload}
    response = api_for(cast.member).post(url, body, format="json")
    assert response.status_code == 400
    assert "No record with id" in response.json()["organisation"][0]


def test_an_organisation_of_the_users_other_programme_is_named_as_the_wrong_one(
    cast, records, api_for
):
    from partnerpath.accounts.models import Membership

    Membership.objects.create(programme=cast.other_programme, user=cast.member, role="member")
    body = {"programme": "mekong", "organisation": records.foreign_org.pk, "name": "Lan"}
    response = api_for(cast.member).post("/api/v1/contacts/", body, format="json")
    assert response.status_code == 400
    assert "belongs to another programme" in response.json()["organisation"][0]


@pytest.mark.parametrize(
    ("url", "change", "field"),
    [
        ("/api/v1/key-individuals/", {"nationality": "ZZ"}, "nationality"),
        ("/api/v1/key-individuals/", {"date_of_birth": "1970-02-30"}, "date_of_birth"),
        ("/api/v1/key-individuals/", {"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ("/api/v1/policies/", {"year": 1800}, "year"),
        ("/api/v1/policies/", {"year": "last year"}, "year"),
        ("/api/v1/policies/", {"kind": "manifesto"}, "kind"),
        ("/api/v1/contacts/", {"email": "not-an-address"}, "email"),
        ("/api/v1/contacts/", {"department": "marketing"}, "department"),
        ("/api/v1/contacts/", {"organisation": "abc"}, "organisation"),
        ("/api/v1/sources/", {"accessed_on": "yesterday"}, "accessed_on"),
        ("/api/v1/sources/", {"field": "shoe_size"}, "field"),
        ("/api/v1/sources/", {"url": ""}, "url"),
    ],
)
def test_bad_values_are_400_naming_the_field(cast, records, api_for, url, change, field):
    record = {
        "/api/v1/key-individuals/": records.key_individual,
        "/api/v1/policies/": records.policy,
        "/api/v1/contacts/": records.contact,
        "/api/v1/sources/": records.source,
    }[url]
    response = api_for(cast.member).patch(f"{url}{record.pk}/", change, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_source_about_a_key_individual_of_another_organisation_is_refused(cast, records, api_for):
    from partnerpath.registry.models import KeyIndividual

    stranger = KeyIndividual.objects.create(
        programme=cast.programme, organisation=records.sister, name="Other director"
    )
    change = {"key_individual": stranger.pk}
    response = api_for(cast.member).patch(
        f"/api/v1/sources/{records.source.pk}/", change, format="json"
    )
    assert response.status_code == 400
    assert "key_individual" in response.json()


def test_a_document_source_is_uploaded_and_downloaded_by_members_only(cast, records, api_for):
    upload = SimpleUploadedFile("audit.txt", b"Audit findings", content_type="text/plain")
    payload = {
        "programme": "mekong",
        "organisation": records.org.pk,
        "title": "Social audit",
        "accessed_on": "2026-02-02",
        "document": upload,
    }
    created = api_for(cast.member).post("/api/v1/sources/", payload, format="multipart")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["document_name"] == "audit.txt"
    assert body["created_by"] == cast.member.pk
    download = api_for(cast.viewer).get(body["document_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"Audit findings"
    assert api_for(cast.outsider).get(body["document_url"]).status_code == 404
    no_document = f"/api/v1/sources/{records.source.pk}/document/"
    assert api_for(cast.viewer).get(no_document).status_code == 404


def test_documents_over_the_size_limit_or_of_odd_types_are_refused(
    cast, records, api_for, settings
):
    settings.UPLOAD_MAX_BYTES = 1024
    base = {
        "programme": "mekong",
        "organisation": records.org.pk,
        "title": "Big",
        "accessed_on": "2026-02-02",
    }
    api = api_for(cast.member)
    big = SimpleUploadedFile("big.pdf", b"x" * 2048)
    response = api.post("/api/v1/sources/", {**base, "document": big}, format="multipart")
    assert response.status_code == 400 and "document" in response.json()
    odd = SimpleUploadedFile("run.exe", b"MZ")
    response = api.post("/api/v1/sources/", {**base, "document": odd}, format="multipart")
    assert response.status_code == 400 and "document" in response.json()


def test_links_cannot_loop_point_to_themselves_or_repeat(cast, records, api_for):
    api = api_for(cast.member)
    url = "/api/v1/organisation-links/"

    def link(src, kind, dst):
        body = {
            "programme": "mekong",
            "from_organisation": src.pk,
            "kind": kind,
            "to_organisation": dst.pk,
        }
        return api.post(url, body, format="json")

    assert "to_organisation" in link(records.org, "member_of", records.org).json()
    assert link(records.org, "parent_of", records.sister).status_code == 400  # already recorded
    loop = link(records.sister, "parent_of", records.org)
    assert loop.status_code == 400 and "loop" in loop.json()["to_organisation"][0]
    foreign = link(records.org, "supplier_of", records.foreign_org)
    assert foreign.status_code == 400 and "to_organisation" in foreign.json()


def test_a_links_ends_cannot_change_but_its_note_can(cast, records, api_for):
    api = api_for(cast.member)
    url = f"/api/v1/organisation-links/{records.link.pk}/"
    assert api.patch(url, {"kind": "affiliate_of"}, format="json").status_code == 400
    assert api.patch(url, {"note": "100% owned"}, format="json").json()["note"] == "100% owned"


def test_links_filter_by_either_end(cast, records, api_for):
    body = (
        api_for(cast.viewer)
        .get(f"/api/v1/organisation-links/?organisation={records.sister.pk}")
        .json()
    )
    assert [r["id"] for r in body["results"]] == [records.link.pk]
    none = api_for(cast.viewer).get("/api/v1/organisation-links/?kind=member_of").json()
    assert none["count"] == 0
