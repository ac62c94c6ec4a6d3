"""Error pages are plain words, never a stack trace."""

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_pages_get_the_friendly_404(cast, client_for):
    response = client_for(cast.member).get("/p/mekong/no-such-page/")
    assert response.status_code == 404 and "does not exist" in response.content.decode()


def test_a_read_only_role_gets_the_reason_on_the_403_page(cast, client_for):
    response = client_for(cast.viewer).get("/p/mekong/organisations/new/")
    assert response.status_code == 403 and "can read but not change" in response.content.decode()
