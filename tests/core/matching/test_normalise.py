"""Case tables for normalisation: legal forms, honorifics, scripts."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import Schema
from partnerpath.core.matching.legal_forms import PRIVATE, PUBLIC, families_conflict
from partnerpath.core.matching.normalise import fold, normalise_name, skeleton


@pytest.mark.parametrize(
    ("name", "tokens", "form"),
    [
        ("Samsung Electronics Co., Ltd.", ("samsung", "electronics"), "Co., Ltd."),
        ("Thai Union Group Public Company Limited", ("thai", "union", "group"), "PCL"),
        ("PT Indofood Sukses Makmur Tbk", ("indofood", "sukses", "makmur"), "Tbk"),
        ("Sime Darby Sendirian Berhad", ("sime", "darby"), "Sdn Bhd"),
        ("Infosys Private Limited", ("infosys",), "Pvt Ltd"),
        ("Wilmar International Pte. Ltd.", ("wilmar", "international"), "Pte Ltd"),
        ("OAO Gazprom", ("gazprom",), "OJSC"),
        ("Volkswagen Gesellschaft mit beschränkter Haftung", ("volkswagen",), "GmbH"),
        ("A.B.C. Company", ("abc", "company"), None),
    ],
)
def test_it_takes_legal_forms_off_company_names(
    name: str, tokens: tuple[str, ...], form: str | None
) -> None:
    result = normalise_name(name, Schema.COMPANY)
    assert result.tokens == tokens
    if form:
        assert form in result.legal_forms


@pytest.mark.parametrize(
    ("left", "right", "conflict"),
    [
        ({PRIVATE}, {PUBLIC}, True),
        ({PUBLIC}, {PUBLIC}, False),
        ({PRIVATE}, set(), False),
        ({"corporation"}, {PRIVATE}, False),
    ],
)
def test_legal_form_families_conflict_only_when_both_are_known(
    left: set[str], right: set[str], conflict: bool
) -> None:
    assert families_conflict(frozenset(left), frozenset(right)) is conflict


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller-Lüdenscheidt", "muller ludenscheidt"),
        ("Владимир Путин", "vladimir putin"),
        ("Al-Qa'ida", "al qaida"),
        ("AT&T", "at and t"),
        ("習近平", "xi jin ping"),
    ],
)
def test_it_folds_scripts_to_plain_words(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Mr. Rami Makhlouf", ("rami", "makhlouf")),
        ("Shaikh Isa Bin Tarif", ("isa", "bin", "tarif")),
        ("Putin, Vladimir", ("vladimir", "putin")),
        ("Nicolás Maduro SA", ("nicolas", "maduro")),
    ],
)
def test_it_drops_honorifics_and_reads_last_first_order(name: str, tokens: tuple[str, ...]) -> None:
    assert normalise_name(name, Schema.PERSON).tokens == tokens


@pytest.mark.parametrize(
    ("a", "b"), [("usama", "osama"), ("husayn", "hussein"), ("laden", "ladin")]
)
def test_transliteration_variants_share_a_consonant_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_it_keeps_names_in_their_own_script_for_same_script_comparison() -> None:
    form = normalise_name("高市早苗", Schema.PERSON)
    assert form.native == ("高", "市", "早", "苗")
    assert form.script == "Han"
