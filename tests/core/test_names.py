"""Normalised organisation names for duplicate checks in the registry."""

import pytest

from partnerpath.core.names import normalise_org_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Siam Seafood Co., Ltd.", "SIAM SEAFOOD COMPANY LIMITED"),
        ("PT Nusantara Karya Tbk", "Nusantara Karya"),
        ("Kedai Jaya Sdn. Bhd.", "Kedai Jaya Sendirian Berhad"),
        ("Café Mékong", "cafe mekong"),
        ("Smith & Sons", "Smith and Sons"),
    ],
)
def test_legal_forms_case_accents_and_punctuation_do_not_make_a_new_name(a, b):
    assert normalise_org_name(a) == normalise_org_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thai Union Group", "Thai Union Frozen Products"),
        ("Mekong Builders Holdings", "Mekong Builders"),
    ],
)
def test_different_names_stay_different(a, b):
    assert normalise_org_name(a) != normalise_org_name(b)


def test_a_name_made_only_of_legal_forms_is_kept():
    assert normalise_org_name("The Company Ltd") == "the company ltd"
