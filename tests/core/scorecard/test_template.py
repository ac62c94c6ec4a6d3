"""Score-card templates: the default card, name resolution, file checks and tailoring."""

from __future__ import annotations

import json

import pytest
import yaml

from partnerpath.core.scorecard.template import Direction, Factor, name_key, refill, tailor
from partnerpath.core.scorecard.template_files import (
    TEMPLATES,
    TemplateError,
    load_template,
    template_from_data,
    template_to_data,
)


def test_the_default_card_is_table_3_with_four_groups_and_fifteen_factors(card):
    assert card.id == "scorecard-default-v1"
    assert [g.label for g in card.groups] == [
        "Development value",
        "Business value",
        "Government value",
        "Risk and transaction costs",
    ]
    assert [len(g.factors) for g in card.groups] == [5, 3, 2, 5]
    assert len({f.key for f in card.factors}) == 15


def test_every_point_of_every_factor_has_a_written_anchor(card):
    for factor in card.factors:
        assert len(factor.anchors) == 5
        assert all(len(anchor) > 15 for anchor in factor.anchors), factor.key
        assert card.anchor(factor.key, 1) != card.anchor(factor.key, 5)


def test_only_risk_and_transaction_costs_lower_the_total(card):
    lower = {f.key for f in card.factors if f.direction is Direction.LOWER}
    assert lower == {f.key for f in card.group("risk_costs").factors}


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("alignment", "alignment"),
        ("Alignment to program objectives", "alignment"),
        ("ALIGNMENT TO PROGRAMME OBJECTIVES", "alignment"),
        ("Systematic change", "systemic_change"),
        ("systemic change", "systemic_change"),
        ("CSR/Reputation", "csr_reputation"),
        ("csr / reputation", "csr_reputation"),
        ("Additional resource", "additional_resources"),
        ("time_horizon", "time_horizon"),
        ("Supports local priorities", "local_priorities"),
        ("Improves law enforcement", "law_enforcement"),
        ("Degree of difficulty", "difficulty"),
        ("Team morale", None),
    ],
)
def test_it_resolves_a_factor_by_key_label_or_the_briefs_label_in_any_case(card, written, key):
    assert card.resolve(written) == key


def _default_data():
    return yaml.safe_load((TEMPLATES / "scorecard-default-v1.yaml").read_text(encoding="utf-8"))


def _break(data, change):
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["groups"][0].update(weight=50), "group weights must sum to 100, got 110"),
        (
            lambda d: d["groups"][1]["factors"][0].update(weight=10),
            'group "Business value" [business]: factor weights must sum to 100, got 70',
        ),
        (
            lambda d: d["groups"][3]["factors"][1]["anchors"].pop(3),
            'factor "Risk" [risk] in group "Risk and transaction costs" [risk_costs]: needs a '
            "written anchor for every point 1-5, got 4",
        ),
        (
            lambda d: d["groups"][2]["factors"][1].update(key="local_priorities"),
            "key 'local_priorities' is already used",
        ),
        (
            lambda d: d["groups"][0]["factors"][0].update(direction="down"),
            'factor "Alignment to programme objectives" [alignment] in group "Development value" '
            "[development]: direction: must be 'higher' or 'lower'",
        ),
        (lambda d: d.pop("version"), "version: required whole number"),
        (
            lambda d: d["groups"][1]["factors"][2].update(aliases=["Risk"]),
            'factor "Risk" [risk] in group "Risk and transaction costs" [risk_costs]: the name '
            "'Risk' is also used by factor \"CSR / reputation\" [csr_reputation] in group",
        ),
        (
            lambda d: d["groups"][0]["factors"][0].pop("label"),
            'factor 1 [alignment] in group "Development value" [development]: label: required',
        ),
        (
            lambda d: d["groups"][0]["factors"][1].update(weight=float("nan")),
            'factor "Scalable regionally" [scalable_regionally] in group "Development value" '
            "[development]: weight must be a finite number, got nan",
        ),
        (
            lambda d: d["groups"][2].update(weight=float("inf")),
            'group "Government value" [government]: weight must be a finite number, got inf',
        ),
        (
            lambda d: d["groups"][0]["factors"][0].update(key="???"),
            'factor "Alignment to programme objectives" [???] in group "Development value" '
            "[development]: the key must contain a letter or a digit",
        ),
    ],
)
def test_it_places_each_problem_by_the_group_and_factor_labels_an_admin_sees(change, message):
    with pytest.raises(TemplateError) as caught:
        template_from_data(_break(_default_data(), change), "my-card.yaml")
    assert str(caught.value).startswith("my-card.yaml: ")
    assert message in str(caught.value)
    assert "groups[" not in str(caught.value)  # no internal paths


def _thai_card():
    """A one-group card labelled in Thai: risk ("ความเสี่ยง") and difficulty ("ความยาก")."""
    anchors = {p: f"anchor {p} written out" for p in range(1, 6)}
    factors = [
        {"key": "risk", "label": "ความเสี่ยง", "weight": 50, "anchors": anchors},
        {"key": "difficulty", "label": "ความยาก", "weight": 50, "anchors": anchors},
    ]
    data = {"name": "thai-card", "version": 1, "groups": [
        {"key": "main", "label": "คุณค่า", "weight": 100, "factors": factors}
    ]}  # fmt: skip
    return template_from_data(data, "thai.yaml")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ความเสี่ยง", "risk"),
        ("ความยาก", "difficulty"),
        (" ความยาก! ", "difficulty"),  # spaces and punctuation ignored in any script
        ("risk", "risk"),
        ("ความเสยง", None),  # the tone mark and vowel are part of the word
        ("???", None),
        ("", None),
        ("   ", None),
        ("Team morale", None),
    ],
)
def test_non_latin_factor_labels_resolve_and_unknown_or_empty_names_never_do(written, key):
    assert _thai_card().resolve(written) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("CSR/Reputation", "csrreputation"),
        ("\uff23\uff33\uff32\uff0fReputation", "csrreputation"),  # full-width forms (NFKC)
        ("Straße", "strasse"),  # case folding, not just lower case
        ("Café", "café"),
        ("ความเสี่ยง", "ความเสี่ยง"),
        ("?!", ""),
    ],
)
def test_name_keys_keep_letters_and_digits_of_any_script(name, key):
    assert name_key(name) == key


def test_it_reports_the_line_of_a_yaml_syntax_error(tmp_path):
    path = tmp_path / "card.yaml"
    path.write_text("name: x\nversion: 1\ngroups: [\n  - key: a\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"card\.yaml: line \d+"):
        load_template(path)


def test_a_template_survives_a_round_trip_through_its_file_format(card, tmp_path):
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(template_to_data(card)), encoding="utf-8")
    assert load_template(path) == card


def test_tailoring_makes_a_new_version_and_keeps_the_other_factors_proportions(card):
    tailored = tailor(card, drop=["innovative_approach"], labels={"risk": "Risk to workers"})
    assert tailored.id == "scorecard-default-v2" and tailored.based_on == "scorecard-default-v1"
    development = tailored.group("development")
    assert [f.key for f in development.factors] == [
        "alignment",
        "scalable_regionally",
        "sustainability",
        "systemic_change",
    ]
    assert sum(f.weight for f in development.factors) == pytest.approx(100)
    assert development.factors[0].weight == pytest.approx(30 / 85 * 100)
    assert tailored.factor("risk").label == "Risk to workers"
    assert card.factor("risk").label == "Risk"  # the original is untouched


def test_tailoring_can_add_a_factor_under_a_new_name(card):
    extra = Factor("survivor_voice", "Survivor voice", "development", 10, tuple("abcde" * 4)[:5])
    weights = {"alignment": 30, "scalable_regionally": 10, "innovative_approach": 15}
    weights |= {"sustainability": 15, "systemic_change": 20, "survivor_voice": 10}
    tailored = tailor(card, name="asia-ctip", add=[extra], factor_weights=weights)
    assert tailored.id == "asia-ctip-v1"
    assert tailored.resolve("survivor voice") == "survivor_voice"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"drop": ["team_morale"]}, "unknown factor or group key"),
        ({"group_weights": {"business": 50}}, "group weights must sum to 100"),
        ({"anchors": {"risk": ["only one"]}}, "needs a written anchor for every point"),
    ],
)
def test_tailoring_refuses_changes_that_leave_an_invalid_card(card, changes, message):
    with pytest.raises(ValueError, match=message):
        tailor(card, **changes)


# Re-weighting after a drop or an add: the weights left keep their proportions and, with the
# weights given to what was added, sum to 100 again (version 1 of the rule, read as a table).
REFILL_CASES = [
    # (weights left, fixed weights of what was added, expected)
    pytest.param(
        {"development": 40, "business": 25, "risk_costs": 20},
        {},
        {"development": 47.06, "business": 29.41, "risk_costs": 23.53},
        id="government's 15 dropped: shared in proportion",
    ),
    pytest.param(
        {"difficulty": 20, "risk": 20, "staff_intensity": 20, "additional_resources": 20},
        {},
        {"difficulty": 25, "risk": 25, "staff_intensity": 25, "additional_resources": 25},
        id="one of five equal factors dropped",
    ),
    pytest.param(
        {"business_goals": 40, "partner_champion": 30, "csr_reputation": 30},
        {"worker_voice": 20},
        {"business_goals": 32, "partner_champion": 24, "csr_reputation": 24, "worker_voice": 20},
        id="a factor added keeps its 20; the others fill 80",
    ),
    pytest.param(
        {"development": 40, "business": 25, "government": 15},
        {"labour_rights": 10},
        {"development": 45, "business": 28.125, "government": 16.875, "labour_rights": 10},
        id="risk dropped and a group added at once",
    ),
    pytest.param(
        {"a": 60, "b": 40},
        {},
        {"a": 60, "b": 40},
        id="already 100: unchanged",
    ),
    pytest.param(
        {"a": 0, "b": 0},
        {"c": 30},
        {"a": 0, "b": 0, "c": 30},
        id="nothing to scale: left for the sum check",
    ),
    pytest.param(
        {"a": 50, "b": 50},
        {"c": 120},
        {"a": 50, "b": 50, "c": 120},
        id="the added alone exceed 100: left for the sum check",
    ),
    pytest.param(
        {"a": 1, "b": 3},
        {"c": 100},
        {"a": 0, "b": 0, "c": 100},
        id="the added take all 100",
    ),
]


@pytest.mark.parametrize(("weights", "fixed", "expected"), REFILL_CASES)
def test_refill_keeps_the_proportions_of_the_weights_left(weights, fixed, expected):
    got = refill(weights, fixed)
    assert got == pytest.approx(expected, abs=0.005)
    assert list(got)[: len(weights)] == list(weights)  # card order kept, added ones after
    assert weights == dict(weights)  # the input is not changed


def test_refill_sums_to_another_total_when_asked():
    assert refill({"a": 1, "b": 1}, {"c": 0.5}, total=1) == {"a": 0.25, "b": 0.25, "c": 0.5}
