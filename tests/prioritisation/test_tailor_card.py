"""Tailoring the whole card: dropping a factor keeps the others' proportions, dropping a group
shares its weight among the other groups (previewed before saving), adding a factor or a group,
turning a benefit into a cost, and refusing a tailoring that changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"
URL = f"{P}/templates/tailor/"
ANCHORS = ["Nobody can raise it", "Rarely", "Sometimes", "Usually", "Always, safely"]


def _form(version: Any, **changes: Any) -> dict[str, Any]:
    """The tailoring form as the browser sends it unchanged, then `changes` (None: unticked)."""
    template = version.template
    data: dict[str, Any] = {"template": version.pk, "action": "save"}
    for group in template.groups:
        data[f"group_{group.key}"] = group.weight
        for factor in group.factors:
            data[f"keep_{factor.key}"] = "on"
            data[f"label_{factor.key}"] = factor.label
            data[f"direction_{factor.key}"] = factor.direction.value
            data[f"weight_{factor.key}"] = factor.weight
            for point, anchor in zip(template.points, factor.anchors, strict=True):
                data[f"anchor_{factor.key}_{point}"] = anchor
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _new_factor(slot: int = 1, **fields: Any) -> dict[str, Any]:
    data = {"label": "Worker voice", "group": "development", "direction": "higher", "weight": 20}
    data |= {f"anchor_{p}": a for p, a in enumerate(ANCHORS, start=1)} | fields
    return {f"new{slot}_{k}": v for k, v in data.items()}


@pytest.fixture
def v1(cast: Any) -> Any:
    from partnerpath.prioritisation.services import templates

    return templates.default_template_version(cast.programme)


def _latest(cast: Any) -> Any:
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    return ScorecardTemplateVersion.objects.filter(programme=cast.programme).latest("version")


def test_dropping_one_factor_keeps_the_proportions_of_the_others(cast, v1, client_for):
    response = client_for(cast.owner).post(URL, _form(v1, keep_time_horizon=None))
    assert response.status_code == 302
    card = _latest(cast).template
    risks = card.group("risk_costs").factors
    assert [f.key for f in risks] == [
        "difficulty",
        "risk",
        "staff_intensity",
        "additional_resources",
    ]
    assert [f.weight for f in risks] == pytest.approx([25, 25, 25, 25])
    assert card.factor("alignment").weight == 30  # other groups untouched


def test_dropping_a_whole_group_is_previewed_then_saved_with_its_weight_shared(
    cast, v1, client_for
):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    client = client_for(cast.owner)
    both = {"keep_local_priorities": None, "keep_law_enforcement": None, "action": "preview"}
    page = client.post(URL, _form(v1, **both)).content.decode()
    assert (
        ScorecardTemplateVersion.objects.filter(programme=cast.programme).count() == 1
    )  # a preview stores nothing
    assert "drops the group Government value (its 15% shared out)" in page
    assert "Development value (47.06)" in page and "Business value (29.41)" in page
    response = client.post(URL, _form(v1, dropgroup_government="on"))
    assert response.status_code == 302
    card = _latest(cast).template
    assert [g.key for g in card.groups] == ["development", "business", "risk_costs"]
    assert [g.weight for g in card.groups] == pytest.approx([40 / 0.85, 25 / 0.85, 20 / 0.85])


def test_the_admin_can_set_the_shares_after_dropping_a_group(cast, v1, client_for):
    data = _form(
        v1, dropgroup_government="on", group_development=50, group_business=25, group_risk_costs=25
    )
    assert client_for(cast.owner).post(URL, data).status_code == 302
    assert [g.weight for g in _latest(cast).template.groups] == pytest.approx([50, 25, 25])


def test_an_admin_adds_a_factor_with_its_key_anchors_direction_and_weight(cast, v1, client_for):
    data = _form(
        v1, **_new_factor(label="Recruitment-fee risk", group="risk_costs", direction="lower")
    )
    assert client_for(cast.owner).post(URL, data).status_code == 302
    card = _latest(cast).template
    added = card.factor("recruitment_fee_risk")
    assert (added.label, added.group, added.direction.value) == (
        "Recruitment-fee risk",
        "risk_costs",
        "lower",
    )
    assert added.weight == 20 and card.anchor("recruitment_fee_risk", 5) == "Always, safely"
    assert card.factor("risk").weight == pytest.approx(16)  # the others share the other 80
    assert len(card.factors) == 16


def test_a_new_factor_needs_every_anchor_and_nothing_is_saved_without(cast, v1, client_for):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    data = _form(v1, **_new_factor(anchor_3=""))
    response = client_for(cast.owner).post(URL, data)
    assert response.status_code == 200 and "A new factor needs this." in response.content.decode()
    assert ScorecardTemplateVersion.objects.filter(programme=cast.programme).count() == 1


def test_an_admin_adds_a_group_with_its_first_factor(cast, v1, client_for):
    data = _form(
        v1,
        newgroup_label="Donor value",
        newgroup_weight=10,
        **_new_factor(label="Fits the donor's strategy", group="new", weight=100),
    )
    assert client_for(cast.owner).post(URL, data).status_code == 302
    card = _latest(cast).template
    donor = card.group("donor_value")
    assert donor.weight == 10 and [f.key for f in donor.factors] == ["fits_the_donor_s_strategy"]
    assert card.group("development").weight == pytest.approx(36)  # 40 x 90%


def test_a_factor_becomes_a_cost_that_lowers_the_total(cast, v1, client_for):
    from partnerpath.core.scorecard.results import rank_round
    from partnerpath.core.scorecard.scores import gather_scores
    from partnerpath.core.scorecard.weights import template_weights

    data = _form(v1, direction_staff_intensity="higher")  # a programme that wants staff time
    assert client_for(cast.owner).post(URL, data).status_code == 302
    card = _latest(cast).template
    assert card.factor("staff_intensity").direction.value == "higher"
    rows = [
        (i, "busy", "r", f.key, "5" if f.key == "staff_intensity" else "3", "", "")
        for i, f in enumerate(card.factors)
    ]
    (scores,) = gather_scores(rows, card)
    high = rank_round(card, scores, template_weights(card)).ranking[0].total
    (scores,) = gather_scores(rows, v1.template)
    low = rank_round(v1.template, scores, template_weights(v1.template)).ranking[0].total
    assert high > 50 > low  # the same 5 now raises the total instead of lowering it


def test_an_unchanged_card_is_refused_as_nothing_changed(cast, v1, client_for):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    response = client_for(cast.owner).post(URL, _form(v1))
    assert response.status_code == 200
    assert "Not saved: nothing changed" in response.content.decode()
    assert ScorecardTemplateVersion.objects.filter(programme=cast.programme).count() == 1


def test_the_same_tailoring_twice_makes_one_version(cast, v1, client_for):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    client = client_for(cast.owner)
    data = _form(v1, label_partner_champion="Company champion")
    assert client.post(URL, data).status_code == 302
    again = client.post(URL, data)
    assert "nothing changed: this card is already scorecard-default-v2" in again.content.decode()
    assert ScorecardTemplateVersion.objects.filter(programme=cast.programme).count() == 2


def test_a_tailoring_is_kept_in_the_history_with_its_changes_and_reason(cast, v1, client_for):
    from django.contrib.contenttypes.models import ContentType

    from partnerpath.audit.models import Change

    data = _form(v1, keep_time_horizon=None, reason="Our pilots all run for one year.")
    client_for(cast.owner).post(URL, data)
    version = _latest(cast)
    kind = ContentType.objects.get_for_model(version)
    change = Change.objects.get(content_type=kind, object_id=str(version.pk), action="create")
    assert change.actor == cast.owner and change.reason.startswith("Our pilots all run")
    assert "drops Time horizon from Risk and transaction costs" in change.reason


def test_errors_name_the_factors_by_their_labels(cast, v1, client_for):
    response = client_for(cast.owner).post(URL, _form(v1, weight_risk=40))
    text = response.content.decode()
    assert "the factor weights of Risk and transaction costs must sum to 100, got 120" in text
    assert "Degree of difficulty 20, Risk 40" in text


def test_only_admins_of_the_programme_tailor(cast, v1, client_for):
    data = _form(v1, keep_time_horizon=None)
    assert client_for(cast.member).post(URL, data).status_code == 403
    assert client_for(cast.outsider).post(URL, data).status_code == 404


@pytest.mark.parametrize(
    ("given", "expected"),
    [("", "worker_voice"), ("Voice-Of-Workers", "voice_of_workers"), ("risk", None)],
    ids=["from the label", "asked for", "already used"],
)
def test_a_new_factors_key_comes_from_its_label_or_is_asked_for(cast, v1, given, expected):
    from partnerpath.prioritisation.services import templates

    spec = templates.NewFactor("Worker voice", 20, ANCHORS, group="development", key=given)
    if expected is None:
        with pytest.raises(templates.TailoringError, match="the key risk is already used"):
            templates.tailored(v1.template, templates.Tailoring(add=[spec]))
        return
    card = templates.tailored(v1.template, templates.Tailoring(add=[spec]))
    assert card.factor(expected).label == "Worker voice"
