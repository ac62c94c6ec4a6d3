"""Type alignment: a misalignment warning while partners prefer different types."""

from __future__ import annotations

import pytest

from partnerpath.core.lifecycle.alignment import AlignmentStatus, alignment
from partnerpath.core.lifecycle.partnership_types import PartnershipType

T = PartnershipType
A = AlignmentStatus

# (case, preferences, recorded type, status)
CASES: list[tuple[str, dict[str, T | None], T | None, AlignmentStatus]] = [
    (
        "all prefer shared value",
        {"Programme": T.SHARED_VALUE, "Acme": T.SHARED_VALUE},
        None,
        A.ALIGNED,
    ),
    ("all agree with the recorded type", {"Programme": T.CSR, "Acme": T.CSR}, T.CSR, A.ALIGNED),
    ("two types preferred", {"Programme": T.SHARED_VALUE, "Acme": T.CSR}, None, A.MISALIGNED),
    (
        "three partners, one differs",
        {"Programme": T.SHARED_VALUE, "Acme": T.SHARED_VALUE, "Ministry": T.SUPPORTER},
        None,
        A.MISALIGNED,
    ),
    (
        "agree with each other, not the record",
        {"Programme": T.CSR, "Acme": T.CSR},
        T.SHARED_VALUE,
        A.MISALIGNED,
    ),
    (
        "differing even while one is undecided",
        {"Programme": T.SUPPORTER, "Acme": T.CSR, "Ministry": None},
        None,
        A.MISALIGNED,
    ),
    ("one has not said", {"Programme": T.SHARED_VALUE, "Acme": None}, None, A.UNDECIDED),
    ("nobody has said", {"Programme": None, "Acme": None}, None, A.UNDECIDED),
    ("no partners recorded", {}, None, A.UNDECIDED),
]


@pytest.mark.parametrize(
    ("preferences", "chosen", "status"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_it_reports_whether_the_partners_agree_on_the_type(
    preferences: dict[str, T | None], chosen: T | None, status: AlignmentStatus
) -> None:
    result = alignment(preferences, chosen)
    assert result.status is status
    assert result.misaligned is (status is A.MISALIGNED)
    assert result.message


def test_the_warning_says_who_prefers_what() -> None:
    result = alignment({"Programme": T.SHARED_VALUE, "Acme Seafood": T.CSR, "Port": T.CSR})
    assert result.message == (
        "The partners do not agree on the type of partnership: Acme Seafood and Port prefer "
        "CSR / philanthropy; Programme prefers Shared value. Agree on one type before going "
        "further."
    )
    assert result.by_type == {T.SHARED_VALUE: ("Programme",), T.CSR: ("Acme Seafood", "Port")}


def test_undecided_names_who_has_not_said() -> None:
    result = alignment({"Programme": T.SHARED_VALUE, "Acme Seafood": None})
    assert result.undecided == ("Acme Seafood",)
    assert result.message == (
        "Not yet agreed: no preferred type from Acme Seafood. "
        "So far: Programme prefers Shared value."
    )


def test_a_name_ending_in_a_full_stop_gets_no_second_one() -> None:
    result = alignment({"Programme": T.SHARED_VALUE, "Golden Lotus Co., Ltd.": None})
    assert result.message == (
        "Not yet agreed: no preferred type from Golden Lotus Co., Ltd. "
        "So far: Programme prefers Shared value."
    )
