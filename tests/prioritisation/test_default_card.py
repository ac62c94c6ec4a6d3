"""The default score card is stored when a programme is created (and by a migration for the
programmes created before), recorded in the history; pages that only read store nothing, and a
programme without its default card is shown the packaged one until a form is posted with it."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from partnerpath.core.scorecard.template_files import default_template

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"
READING_PAGES = ["weights/", "weights/direct/", "weights/ahp/", "templates/tailor/", "rounds/new/"]
KIND = "scorecardtemplateversion"
MIGRATION = "partnerpath.prioritisation.migrations.0004_store_default_score_cards"


def _stored() -> tuple[int, int]:
    """How many template versions and history entries there are."""
    from partnerpath.audit.models import Change
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    return ScorecardTemplateVersion.objects.count(), Change.objects.count()


def _default_of(programme: Any) -> Any:
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    return ScorecardTemplateVersion.objects.filter(
        programme=programme, name="scorecard-default", version=1
    )


def test_a_new_programme_has_its_default_card_stored_and_in_its_history(cast):
    from partnerpath.accounts.models import Programme
    from partnerpath.accounts.services import create_programme
    from partnerpath.audit.models import Change

    made = create_programme("Delta", "delta", cast.owner)
    plain = Programme.objects.create(name="Created without the service", slug="plain")
    for programme in (made, plain):
        version = _default_of(programme).get()
        assert len(version.template.factors) == 15 and version.created_by is None
        change = Change.objects.get(
            programme=programme, object_id=str(version.pk), content_type__model=KIND
        )
        assert (change.action, change.reason) == (
            "create",
            "The default score card of the new programme",
        )
    plain.name = "Renamed"
    plain.save()
    assert _default_of(plain).count() == 1  # a later save stores nothing more


@pytest.mark.parametrize("page", READING_PAGES)
def test_reading_a_page_stores_nothing(cast, client_for, page):
    before = _stored()
    assert client_for(cast.owner).get(f"{P}/{page}").status_code == 200
    assert _stored() == before
    assert client_for(cast.outsider).get(f"{P}/{page}").status_code == 404


@pytest.mark.parametrize("page", READING_PAGES)
def test_a_programme_without_its_default_card_is_shown_the_packaged_one_unstored(
    cast, client_for, page
):
    _default_of(cast.programme).delete()
    before = _stored()
    response = client_for(cast.owner).get(f"{P}/{page}")
    assert response.status_code == 200
    if page != "rounds/new/":
        assert "Development value" in response.content.decode()
    assert _stored() == before and not _default_of(cast.programme).exists()


def test_weights_posted_for_the_packaged_card_store_it_once(cast, client_for):
    from partnerpath.prioritisation.models import WeightDecision

    _default_of(cast.programme).delete()
    page = client_for(cast.member).get(f"{P}/weights/direct/").content.decode()
    assert 'name="template" value=""' in page
    data = {"template": "", "agreed_on": "2026-11-20", "reason": "Workshop"}
    data |= {"group_development": 40, "group_business": 25}
    data |= {"group_government": 15, "group_risk_costs": 20}
    data |= {f"factor_{f.key}": f.weight for f in default_template().factors}
    assert client_for(cast.member).post(f"{P}/weights/direct/", data).status_code == 302
    assert WeightDecision.objects.get().template_version == _default_of(cast.programme).get()


def test_the_migration_stores_the_default_card_of_existing_programmes_with_their_history(cast):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from partnerpath.audit.models import Change

    _default_of(cast.programme).delete()  # as a programme created before the migration
    kept = _default_of(cast.other_programme).get()
    state = MigrationExecutor(connection).loader.project_state(
        ("prioritisation", "0004_store_default_score_cards")
    )
    migration = importlib.import_module(MIGRATION)
    migration.store_default_cards(state.apps, None)
    version = _default_of(cast.programme).get()
    assert version.template.id == "scorecard-default-v1" and len(version.template.factors) == 15
    assert version.template.anchor("risk", 5) == kept.template.anchor("risk", 5)
    change = Change.objects.get(
        programme=cast.programme, object_id=str(version.pk), content_type__model=KIND
    )
    assert (change.action, change.actor_label) == ("create", "system")
    assert change.changes["name"] == {"old": None, "new": "scorecard-default"}
    assert "migration" in change.reason
    before = _stored()
    migration.store_default_cards(state.apps, None)  # the other programme had it: untouched
    assert _stored() == before and _default_of(cast.other_programme).get() == kept
