import pytest

pytestmark = pytest.mark.django_db


def test_the_dashboard_answers_members_and_hides_from_outsiders(cast, client_for):
    assert client_for(cast.viewer).get("/p/mekong/").status_code == 200
    assert client_for(cast.outsider).get("/p/mekong/").status_code == 404
