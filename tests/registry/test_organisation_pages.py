"""Organisation pages: profile with sources, duplicates, links, merge, filters and query counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerpath.registry.models import Contact, Organisation, OrganisationLink, Source
from tests import factories

pytestmark = pytest.mark.django_db
BASE = {"kind": "company", "is_active": "on"}


def test_a_member_adds_an_organisation_with_its_profile(cast, client_for):
    response = client_for(cast.member).post(
        "/p/mekong/organisations/new/",
        {
            **BASE,
            "name": "Andaman Catch Co., Ltd.",
            "hq_country": "TH",
            "sectors": ["fisheries"],
            "countries_of_operation": ["TH", "MM"],
            "countries_of_sourcing": ["ID"],
            "size": "large",
            "recruitment_practices": "Uses two licensed agencies in Yangon",
            "lei": "5493001kjtiigc8y1r12",
            "website": "andaman-catch.example.com",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name="Andaman Catch Co., Ltd.")
    assert org.programme == cast.programme
    assert org.countries_of_operation == ["TH", "MM"] and org.sectors == ["fisheries"]
    assert org.lei == "5493001KJTIIGC8Y1R12"
    assert org.website == "https://andaman-catch.example.com"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required"),
        ("hq_country", "QQ", "Select a valid choice"),
        ("lei", "5493001KJTIIGC8Y1R13", "check digits"),
        ("sectors", ["fishing-boats"], "Select a valid choice"),
        ("website", "not a url at all", "Enter a valid URL"),
    ],
)
def test_the_form_says_exactly_what_is_wrong(cast, client_for, field, value, message):
    data = {**BASE, "name": "Andaman Catch", field: value}
    response = client_for(cast.member).post("/p/mekong/organisations/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_possible_duplicate_is_flagged_before_saving_and_can_be_confirmed(cast, client_for):
    factories.organisation(cast.programme, name="Siam Seafood Co., Ltd.", hq_country="TH")
    client = client_for(cast.member)
    data = {**BASE, "name": "SIAM SEAFOOD COMPANY LIMITED", "hq_country": "TH"}
    page = client.post("/p/mekong/organisations/new/", data)
    assert page.status_code == 200 and "may already be in the registry" in page.content.decode()
    assert Organisation.objects.count() == 1
    assert (
        client.post("/p/mekong/organisations/new/", {**data, "confirm_duplicate": "1"}).status_code
        == 302
    )
    assert Organisation.objects.count() == 2


def test_the_same_name_in_another_country_is_not_a_duplicate(cast, client_for):
    factories.organisation(cast.programme, name="Siam Seafood Co., Ltd.", hq_country="TH")
    response = client_for(cast.member).post(
        "/p/mekong/organisations/new/",
        {**BASE, "name": "Siam Seafood Co., Ltd.", "hq_country": "MY"},
    )
    assert response.status_code == 302


def test_merging_moves_everything_and_fills_empty_fields(cast, client_for):
    keep = factories.organisation(cast.programme, hq_country="TH")
    dup = factories.organisation(
        cast.programme,
        name="SIAM SEAFOOD CO LTD",
        hq_country="TH",
        reputation="Good",
        sectors=["fisheries"],
    )
    factories.contact(dup, name="Dao")
    factories.interaction(cast.programme, [dup], dt.date(2026, 1, 2))
    client_for(cast.member).post(
        f"/p/mekong/organisations/{keep.pk}/merge/", {"duplicate": dup.pk, "reason": "Same company"}
    )
    keep.refresh_from_db()
    assert not Organisation.objects.filter(pk=dup.pk).exists()
    assert keep.reputation == "Good" and keep.sectors == ["fisheries"]
    assert Contact.objects.get(name="Dao").organisation == keep
    assert keep.interactions.count() == 1


def test_ownership_links_cannot_go_round_in_a_loop(cast, client_for):
    parent = factories.organisation(cast.programme, name="Mekong Holdings")
    child = factories.organisation(cast.programme, name="Mekong Builders")
    client = client_for(cast.member)
    client.post(
        f"/p/mekong/organisations/{parent.pk}/links/",
        {"kind": "parent_of", "other": child.pk, "direction": "out"},
    )
    response = client.post(
        f"/p/mekong/organisations/{child.pk}/links/",
        {"kind": "parent_of", "other": parent.pk, "direction": "out"},
        follow=True,
    )
    assert "loop" in response.content.decode()
    assert OrganisationLink.objects.count() == 1
    page = client.get(f"/p/mekong/organisations/{child.pk}/").content.decode()
    assert "Mekong Holdings" in page and "is the parent company of" in page


def test_a_link_to_another_programmes_organisation_is_refused(cast, client_for):
    org = factories.organisation(cast.programme)
    foreign = factories.organisation(cast.other_programme, name="Foreign Co")
    client_for(cast.member).post(
        f"/p/mekong/organisations/{org.pk}/links/",
        {"kind": "affiliate_of", "other": foreign.pk, "direction": "out"},
    )
    assert OrganisationLink.objects.count() == 0


def test_a_fact_carries_its_source_with_the_accessed_date_and_document(cast, client_for):
    org = factories.organisation(cast.programme)
    client = client_for(cast.member)
    response = client.post(
        f"/p/mekong/organisations/{org.pk}/sources/new/",
        {
            "field": "recruitment_practices",
            "title": "NGO audit 2025",
            "accessed_on": "2026-02-03",
            "document": SimpleUploadedFile(
                "audit.pdf", b"%PDF-1.4 test", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.field == "recruitment_practices" and source.created_by == cast.member
    page = client.get(f"/p/mekong/organisations/{org.pk}/").content.decode()
    assert "NGO audit 2025" in page and "3 Feb 2026" in page
    download = client.get(f"/p/mekong/organisations/{org.pk}/sources/{source.pk}/document/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_a_source_needs_a_url_or_a_document(cast, client_for):
    org = factories.organisation(cast.programme)
    response = client_for(cast.member).post(
        f"/p/mekong/organisations/{org.pk}/sources/new/",
        {"title": "Hearsay", "accessed_on": "2026-02-03"},
    )
    assert "URL or upload the document" in response.content.decode()


def test_uploads_over_the_limit_are_refused_with_a_message(cast, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    org = factories.organisation(cast.programme)
    response = client_for(cast.member).post(
        f"/p/mekong/organisations/{org.pk}/sources/new/",
        {
            "title": "Big",
            "accessed_on": "2026-02-03",
            "document": SimpleUploadedFile("big.pdf", b"x" * 5000),
        },
    )
    assert response.status_code == 200 and "larger than the limit" in response.content.decode()
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=fisheries", {"Andaman Catch"}),
        ("country=MM", {"Andaman Catch", "Yangon Staffing"}),
        ("kind=recruitment", {"Yangon Staffing"}),
        ("search=andaman", {"Andaman Catch"}),
        ("search=999-1", {"Yangon Staffing"}),
        ("country=MM&kind=company", {"Andaman Catch"}),
    ],
)
def test_the_list_filters_by_search_kind_sector_and_any_country(cast, client_for, query, expected):
    factories.organisation(
        cast.programme, name="Andaman Catch", sectors=["fisheries"], countries_of_sourcing=["MM"]
    )
    factories.organisation(
        cast.programme,
        name="Yangon Staffing",
        kind="recruitment",
        hq_country="MM",
        registration_number="999-1",
    )
    factories.organisation(
        cast.programme, name="Bangkok Towers", sectors=["construction"], hq_country="TH"
    )
    response = client_for(cast.viewer).get(f"/p/mekong/organisations/?{query}")
    names = {o.name for o in response.context["page_obj"]}
    assert names == expected


def _list_queries(client, programme, n):
    for i in range(n):
        org = factories.organisation(
            programme, name=f"Company {i:04}", sectors=["fisheries", "apparel"]
        )
        factories.contact(org, name=f"Person {i}")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/p/mekong/organisations/?sector=fisheries").status_code == 200
    return len(ctx.captured_queries)


def test_the_organisation_list_runs_a_constant_number_of_queries(cast, client_for):
    client = client_for(cast.viewer)
    small = _list_queries(client, cast.programme, 10)
    Organisation.objects.all().delete()
    large = _list_queries(client, cast.programme, 200)
    assert small == large


def test_outsiders_never_see_another_programmes_organisation_even_by_id(cast, client_for):
    foreign = factories.organisation(cast.other_programme, name="Secret Partner")
    client = client_for(cast.member)
    assert client.get(f"/p/mekong/organisations/{foreign.pk}/").status_code == 404
    assert "Secret Partner" not in client.get("/p/mekong/organisations/").content.decode()
    assert client.get(f"/p/other/organisations/{foreign.pk}/").status_code == 404


def test_merging_keeps_records_of_other_modules_too(cast):
    from partnerpath.diligence.models import Checklist, IncidentNote, OrganisationGoods
    from partnerpath.registry.services import merge_organisations

    keep = factories.organisation(cast.programme, hq_country="TH")
    dup = factories.organisation(cast.programme, name="SIAM SEAFOOD CO LTD", hq_country="TH")
    checklist = Checklist.objects.create(programme=cast.programme, organisation=dup)
    note = IncidentNote.objects.create(programme=cast.programme, organisation=dup, title="Case")
    OrganisationGoods.objects.create(programme=cast.programme, organisation=keep, goods="Shrimp")
    OrganisationGoods.objects.create(programme=cast.programme, organisation=dup, goods="Tuna")
    merge_organisations(keep, dup, "Same company")
    checklist.refresh_from_db()
    note.refresh_from_db()
    assert checklist.organisation == keep and note.organisation == keep
    assert OrganisationGoods.objects.get(organisation=keep).goods == "Shrimp\nTuna"


def test_a_source_document_missing_from_storage_is_a_404_not_a_500(cast, client_for):
    from django.core.files.base import ContentFile

    org = factories.organisation(cast.programme)
    source = Source.objects.create(
        programme=cast.programme, organisation=org, title="NGO audit", accessed_on=dt.date.today()
    )
    source.document.save("audit.pdf", ContentFile(b"%PDF-1.4"))
    url = f"/p/mekong/organisations/{org.pk}/sources/{source.pk}/document/"
    assert client_for(cast.viewer).get(url).status_code == 200
    source.document.storage.delete(source.document.name)
    assert client_for(cast.viewer).get(url).status_code == 404
    assert client_for(cast.outsider).get(url).status_code == 404
