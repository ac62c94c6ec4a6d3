"""Country names as the reference lists spell them."""

from __future__ import annotations

import pytest

from partnerpath.core.risk.countries import reference_country


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Thailand", "TH"),
        ("THA", "TH"),
        ("Burma", "MM"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Congo, Republic of the", "CG"),
        ("Turkey (Türkiye)", "TR"),
        ("Côte d'Ivoire", "CI"),
        ("Kyrgyz Republic", "KG"),
        ("North Korea", "KP"),
        ("Cape Verde", "CV"),
        ("The Gambia", "GM"),
        ("West Bank and the Gaza Strip", "PS"),
        ("KOS", "XK"),
        ("Macedonia, the former Yugoslav Republic of", "MK"),
        ("  Viet   Nam ", "VN"),
    ],
)
def test_it_reads_the_names_the_lists_use(name: str, code: str) -> None:
    assert reference_country(name) == code


@pytest.mark.parametrize("name", ["", "Atlantis", "Global"])
def test_unknown_names_are_none(name: str) -> None:
    assert reference_country(name) is None
