"""Versions of the name rules: each rule added after screening-v1 is a switch, so old versions stay
loadable (see ``scoring.ALGORITHMS``)."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class NameRules:
    """The switches that tell one version of the name rules from the next (old ones stay loadable).

    screening-v1 had none of these; screening-v2 and -v3 have those up to ``lone_number_differs``;
    screening-v4 has them all.
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
    # screening-v4. Normalisation edition 2: legal forms and titles written in Asian scripts,
    # Thai/Lao/Khmer/Burmese read syllable by syllable, Asian legal forms, honorifics, country
    # and Chinese place words (``normalise``); edition 1 is screening-v1 to -v3's.
    normalisation: int = 2
    # A distinctive word only one organisation name has after the stem both share weighs twice a
    # shared word: "Andaman Blue Seafood Processing" is a sibling of "Andaman Blue Seafood" (0.6,
    # not 0.75); a word left out inside a name still weighs once.
    extra_org_word_penalty: float = 2.0
    # Between two full legal names, "Group" or "Holdings" tells a holding company from the
    # operating one ("Trafigura Group Pte Ltd" / "Trafigura Pte Ltd"); against a bare name
    # ("Thai Union" / "Thai Union Group") it is a class word that weighs little.
    structure_words_between_legal_names: bool = True
    # A person-name word of three letters or fewer that differs by an edit is another name unless
    # only a vowel differs ("Min"/"Win", "Lan"/"Lam"; "Ali"/"Aly" still agree).
    short_words_differ_in_vowels_only: bool = True
    # Two typos in an organisation word of six letters or fewer make another word unless the two
    # sound alike ("Mellat"/"Melli"; "Baowu"/"Baowei" still agree).
    org_short_words_sound_alike: bool = True
    # A country word naming the country the entity is registered in, when the other entity is
    # in that country too or its country is unknown, weighs like a class word ("Sunrise Garments
    # (Cambodia) Co Ltd" in KH); a Chinese province or city in front of a name likewise.
    own_country_words: bool = True
    # Names read from Thai, Lao, Khmer or Burmese are compared through a key that merges the
    # habits of their romanisations (aspiration, long vowels, "sh"/"ch"/"j", silent "r").
    southeast_asian_key: bool = True


RULES_V4 = NameRules()
RULES_V2 = replace(
    RULES_V4,
    normalisation=1,
    extra_org_word_penalty=1.0,
    structure_words_between_legal_names=False,
    short_words_differ_in_vowels_only=False,
    org_short_words_sound_alike=False,
    own_country_words=False,
    southeast_asian_key=False,
)
RULES_V1 = replace(
    RULES_V2,
    transpositions=False,
    initials_need_room=False,
    leading_name_penalty=0.0,
    exact_acronyms=False,
    lone_number_differs=False,
    korean_romanisation=False,
    sound_within_half=False,
    short_words_keep_first_letter=False,
)
