"""The timeline, its export, the printable summary and the programme's workbook: outsiders get
404, anonymous visitors the login page, and every member of the programme reads them; and the
partnerships app's access tables together cover every one of its pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.access import call_page, page_names

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"
# (URL name, url builder taking the partnership's id): every one is read by any member.
FILE_PAGES: list[tuple[str, Callable[[int], str]]] = [
    ("timeline", lambda pk: f"{P}/{pk}/timeline/"),
    ("timeline_export", lambda pk: f"{P}/{pk}/timeline/export/"),
    ("summary", lambda pk: f"{P}/{pk}/summary/"),
    ("partnerships_export", lambda pk: f"{P}/export/"),
]
IDS = [p[0] for p in FILE_PAGES]


@pytest.mark.parametrize(("name", "url"), FILE_PAGES, ids=IDS)
def test_an_outsider_gets_404(cast: Any, deal: Any, client_for: Any, name: str, url: Any) -> None:
    response = call_page(client_for(cast.outsider), "get", url(deal.partnership.pk))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "url"), FILE_PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client: Any, deal: Any, name: str, url: Any
) -> None:
    response = call_page(client, "get", url(deal.partnership.pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["viewer", "reviewer", "member", "owner"])
@pytest.mark.parametrize(("name", "url"), FILE_PAGES, ids=IDS)
def test_every_member_reads(
    cast: Any, deal: Any, client_for: Any, who: str, name: str, url: Any
) -> None:
    response = call_page(client_for(getattr(cast, who)), "get", url(deal.partnership.pk))
    assert response.status_code == 200


def test_another_programmes_partnership_is_not_found(
    cast: Any, other_deal: Any, client_for: Any
) -> None:
    client = client_for(cast.member)
    for name, url in FILE_PAGES[:3]:
        assert client.get(url(other_deal.partnership.pk)).status_code == 404, name


def partnerships_pages() -> set[str]:
    """Every partnerships URL name some access table of this folder covers."""
    from tests.partnerships.test_access_agreement_health import PAGES
    from tests.partnerships.test_access_record import RECORD_PAGES
    from tests.partnerships.test_access_trust import TRUST_PAGES

    return (
        {p[0] for p in FILE_PAGES}
        | {p[1] for p in RECORD_PAGES}
        | {p[1] for p in TRUST_PAGES}
        | {p[0] for p in PAGES}
    )


def test_the_access_tables_cover_every_partnerships_page() -> None:
    assert page_names("partnerships") - partnerships_pages() == set()
