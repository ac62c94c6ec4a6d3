"""Other names (former, trading, local-script) are screened like the name, and a hit says which
of the subject's names matched."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.registry.models import KeyIndividual
from partnerpath.screening import runs
from tests import factories
from tests.screening.conftest import hit_on

pytestmark = pytest.mark.django_db
S = "/p/mekong/screening"


def test_a_listed_company_is_found_through_an_other_name_only(
    cast: Any, imported_lists: Any, screen: Any, client_for: Any
) -> None:
    org = factories.organisation(
        cast.programme,
        "Lanna Rice Mills Co., Ltd.",
        hq_country="GB",
        other_names=["Anglo Caribbean Company Limited", "โรงสีข้าวล้านนา"],
    )
    screening = screen(org)
    hit = hit_on(screening, "ofac-173")
    assert hit.key_individual is None and hit.query_name == "Anglo Caribbean Company Limited"
    assert hit.compared_other_name and hit.score >= hit.threshold
    html = client_for(cast.member).get(f"{S}/runs/{screening.pk}/").content.decode()
    assert "Anglo Caribbean Company Limited" in html and "one of its other names" in html
    html = client_for(cast.member).get(f"{S}/hits/{hit.pk}/").content.decode()
    assert "one of its other names" in html


def test_without_the_other_name_the_same_company_has_no_hit(
    cast: Any, imported_lists: Any, screen: Any
) -> None:
    org = factories.organisation(cast.programme, "Lanna Rice Mills Co., Ltd.", hq_country="GB")
    assert screen(org).hits.count() == 0


def test_a_key_individual_is_found_through_an_other_name(
    cast: Any, imported_lists: Any, screen: Any
) -> None:
    org = factories.organisation(cast.programme, "Lanna Rice Mills Co., Ltd.", hq_country="TH")
    person = KeyIndividual.objects.create(
        programme=cast.programme,
        organisation=org,
        name="Somchai Prasert",
        other_names=["Usama bin Laden"],
        nationality="SA",
    )
    hit = hit_on(screen(org), "ofac-6365")
    assert hit.key_individual == person and hit.query_name == "Usama bin Laden"
    assert hit.compared_other_name


def test_a_hit_on_the_name_itself_is_not_marked_as_an_other_name(
    listed: Any, imported_lists: Any, screen: Any
) -> None:
    listed.org.other_names = ["ACC Trading"]
    listed.org.save()
    hit = hit_on(screen(listed.org), "ofac-173")
    assert hit.query_name == listed.org.name and not hit.compared_other_name


def test_the_queries_carry_every_name_of_the_subject(cast: Any) -> None:
    org = factories.organisation(
        cast.programme, "Thai Union Group PCL", other_names=["ไทยยูเนี่ยน กรุ๊ป", "TUF"]
    )
    person = KeyIndividual.objects.create(
        programme=cast.programme, organisation=org, name="Ann Lee", other_names=["李安"]
    )
    assert runs.organisation_query(org).names == ("Thai Union Group PCL", "ไทยยูเนี่ยน กรุ๊ป", "TUF")
    assert runs.person_query(person).names == ("Ann Lee", "李安")
