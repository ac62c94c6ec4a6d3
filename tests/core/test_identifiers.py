"""LEI check digits (ISO 17442 / ISO 7064 mod 97-10)."""

import pytest

from partnerpath.core.identifiers import lei_problem


@pytest.mark.parametrize(
    ("lei", "ok"),
    [
        ("5493001KJTIIGC8Y1R12", True),  # Bloomberg Finance L.P., published example
        ("529900T8BM49AURSDO55", True),
        ("5493001KJTIIGC8Y1R13", False),  # one check digit off
        ("5493001KJTIIGC8Y1R1", False),  # too short
        ("5493001kjtiigc8y1r12", True),  # case does not matter
        ("5493-01KJTIIGC8Y1R12", False),
    ],
)
def test_it_accepts_valid_leis_and_explains_invalid_ones(lei, ok):
    assert (lei_problem(lei) is None) is ok
