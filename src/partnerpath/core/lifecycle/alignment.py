"""Type alignment: all partners must agree on the type of partnership (brief, learning 3). Each
partner's preferred type is recorded; while they differ, the partnership shows a warning."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from partnerpath.core.lifecycle.partnership_types import TYPE_LABELS, PartnershipType
from partnerpath.core.wording import sentence_end


class AlignmentStatus(StrEnum):
    """Whether the partners agree on the type."""

    ALIGNED = "aligned"
    MISALIGNED = "misaligned"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Alignment:
    """The partners' agreement on the type, who prefers what, who has not said, and a message."""

    status: AlignmentStatus
    by_type: Mapping[PartnershipType, tuple[str, ...]]
    undecided: tuple[str, ...]
    message: str

    @property
    def misaligned(self) -> bool:
        """Show the misalignment warning."""
        return self.status is AlignmentStatus.MISALIGNED


def _names(names: tuple[str, ...]) -> str:
    """Who prefers a type, with the verb agreeing: "A prefers", "A and B prefer"."""
    if len(names) == 1:
        return f"{names[0]} prefers"
    return f"{', '.join(names[:-1])} and {names[-1]} prefer"


def alignment(
    preferences: Mapping[str, PartnershipType | None], chosen: PartnershipType | None = None
) -> Alignment:
    """Misaligned while two partners prefer different types, or a partner prefers a type other
    than the one recorded for the partnership. Undecided while someone has not said and those who
    did agree. Aligned when every partner prefers the same type (the recorded one, if any)."""
    by_type: dict[PartnershipType, tuple[str, ...]] = {}
    for name, kind in preferences.items():
        if kind is not None:
            by_type[kind] = (*by_type.get(kind, ()), name)
    undecided = tuple(n for n, k in preferences.items() if k is None)
    wanted = [t for t in PartnershipType if t in by_type]
    stated = "; ".join(f"{_names(by_type[t])} {TYPE_LABELS[t]}" for t in wanted)
    if len(wanted) > 1 or (chosen is not None and wanted and wanted != [chosen]):
        recorded = f" The partnership is recorded as {TYPE_LABELS[chosen]}." if chosen else ""
        message = (
            f"The partners do not agree on the type of partnership: {stated}.{recorded} "
            "Agree on one type before going further."
        )
        return Alignment(AlignmentStatus.MISALIGNED, by_type, undecided, message)
    if undecided or not wanted:
        if not preferences:
            message = "No partner has said which type of partnership it prefers."
            return Alignment(AlignmentStatus.UNDECIDED, by_type, undecided, message)
        who = ", ".join(undecided)
        so_far = f" So far: {stated}." if stated else ""
        message = sentence_end(f"Not yet agreed: no preferred type from {who}") + so_far
        return Alignment(AlignmentStatus.UNDECIDED, by_type, undecided, message)
    message = f"All partners agree on {TYPE_LABELS[wanted[0]]}."
    return Alignment(AlignmentStatus.ALIGNED, by_type, undecided, message)
