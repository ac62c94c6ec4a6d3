"""Tailoring a score-card template ("criteria should be tailored to your programme"): an admin
saves a new version; old versions and the rounds scored with them stay as they were."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"


def _form(version: Any, **changes: Any) -> dict[str, Any]:
    """The tailoring form filled with the version's current values, then `changes`."""
    template = version.template
    data: dict[str, Any] = {"template": version.pk}
    for group in template.groups:
        data[f"group_{group.key}"] = group.weight
        for factor in group.factors:
            data[f"keep_{factor.key}"] = "on"
            data[f"label_{factor.key}"] = factor.label
            data[f"weight_{factor.key}"] = factor.weight
            for point, anchor in zip(template.points, factor.anchors, strict=True):
                data[f"anchor_{factor.key}_{point}"] = anchor
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_admin_tailors_the_card_into_a_new_version(cast, client_for):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion
    from partnerpath.prioritisation.services import templates

    v1 = templates.default_template_version(cast.programme)
    weights = {f"weight_{k}": 25 for k in ("difficulty", "risk", "staff_intensity")}
    data = _form(
        v1,
        keep_time_horizon=None,
        weight_additional_resources=25,
        label_partner_champion="Company champion",
        anchor_risk_5="Trafficking found in its supply chain and not remedied.",
        **weights,
    )
    response = client_for(cast.owner).post(f"{P}/templates/tailor/", data)
    assert response.status_code == 302
    v2 = ScorecardTemplateVersion.objects.get(version=2)
    assert (v2.template_id, v2.based_on) == ("scorecard-default-v2", "scorecard-default-v1")
    assert len(v2.template.factors) == 14
    assert v2.template.factor("partner_champion").label == "Company champion"
    assert v2.template.anchor("risk", 5).startswith("Trafficking found")
    assert len(templates.template_versions(cast.programme)[0].template.factors) == 15


def test_a_tailored_card_must_still_add_up(cast, client_for):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion
    from partnerpath.prioritisation.services import templates

    v1 = templates.default_template_version(cast.programme)
    response = client_for(cast.owner).post(
        f"{P}/templates/tailor/", _form(v1, group_development=50)
    )
    assert response.status_code == 200
    assert "group weights must sum to 100, got 110" in response.content.decode()
    assert ScorecardTemplateVersion.objects.filter(programme=cast.programme).count() == 1


def test_only_admins_tailor_templates(cast, client_for):
    assert client_for(cast.member).get(f"{P}/templates/tailor/").status_code == 403


def test_a_round_keeps_the_version_it_was_scored_with(cast, opps, client_for):
    from partnerpath.prioritisation.services import rounds, templates

    v1 = templates.default_template_version(cast.programme)
    found = rounds.create_round(
        cast.programme, "Internal", v1, None, [cast.member], opps, cast.owner
    )
    v2 = templates.tailor_version(v1, cast.owner, drop=["time_horizon"])
    found.refresh_from_db()
    assert found.template_version == v1 and v2.version == 2
    page = client_for(cast.member).get(f"{P}/rounds/{found.pk}/sheet/{opps[0].pk}/")
    assert "Time horizon" in page.content.decode()
