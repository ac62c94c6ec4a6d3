"""The partnership types of the brief's Table 2, plus the one-off engagement of learning 3."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class PartnershipType(StrEnum):
    """The kind of partnership the partners agree to build."""

    SUPPORTER = "supporter"
    CSR = "csr_philanthropy"
    SHARED_VALUE = "shared_value"
    ONE_OFF = "one_off"


TYPE_LABELS: Mapping[PartnershipType, str] = {
    PartnershipType.SUPPORTER: "Supporter",
    PartnershipType.CSR: "CSR / philanthropy",
    PartnershipType.SHARED_VALUE: "Shared value",
    PartnershipType.ONE_OFF: "One-off engagement",
}
TYPE_HELP: Mapping[PartnershipType, str] = {
    PartnershipType.SUPPORTER: (
        "The programme gives a company guidance, expertise and support to prevent trafficking "
        "in its own operations, e.g. awareness training for its staff."
    ),
    PartnershipType.CSR: (
        "The company gives money, goods or services as CSR or philanthropy, unrelated or only "
        "nominally related to its operations, e.g. equipment for a survivors' shelter."
    ),
    PartnershipType.SHARED_VALUE: (
        "The partners co-design, co-fund and co-implement a programme with defined roles, a "
        "shared vision of success, and shared risks, rewards and costs."
    ),
    PartnershipType.ONE_OFF: (
        "A single event, campaign or policy push: a quick win or a near-term policy goal, "
        "without months of partnership building."
    ),
}
