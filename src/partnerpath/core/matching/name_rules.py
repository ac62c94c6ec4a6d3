"""Versions of the name rules: each rule added after screening-v1 is a switch, so old versions stay
loadable (see ``scoring.ALGORITHMS``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NameRules:
    """The switches that tell one version of the name rules from the next (old ones stay loadable).

    screening-v1 had none of these; screening-v2 has them all.
    """

    # Two neighbouring letters swapped ("Faiz"/"Afiz") is one typing edit, not two.
    transpositions: bool = True
    # An initial stands for a word the other name spells out; when the initial's own name still
    # has a full word left over ("George Santos" vs "George S. Helmy"), it is not that word.
    initials_need_room: bool = True
    # How much a given name in front of the whole other name weighs ("Raghad Saddam Hussein" vs
    # "Saddam Hussein": in patronymic naming that is the child); 0 = like any extra word.
    leading_name_penalty: float = 3.0
    # Words written as initials ("A.B.C.", "N.A.B.C.") must agree letter for letter.
    exact_acronyms: bool = True
    # Latin words that only sound alike must also share at least half their letters; screening-v1
    # measured that with a capped distance, so "Lauren"/"O'Halleran" passed as a sound match.
    sound_within_half: bool = True
    # Two typos in a short person-name word that also changes its first letter make another
    # name ("Jones"/"Hodes", "Aaron"/"Carol"), unless the two sound alike.
    short_words_keep_first_letter: bool = True
    # Names written in Hangul are compared with Latin ones through a key that merges the ways
    # Korean is romanised (Revised vs McCune-Reischauer: "Gim Jeong-eun" is "Kim Jong Un").
    korean_romanisation: bool = True
    # A number only one organisation or vessel name carries ("Fund I", "Victory 3") tells
    # members of a series apart.
    lone_number_differs: bool = True


RULES_V1 = NameRules(
    transpositions=False,
    initials_need_room=False,
    leading_name_penalty=0.0,
    exact_acronyms=False,
    lone_number_differs=False,
    korean_romanisation=False,
    sound_within_half=False,
    short_words_keep_first_letter=False,
)
RULES_V2 = NameRules()
