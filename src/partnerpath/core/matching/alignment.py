"""Helpers of name similarity: which words may pair, which weigh what, and who is related.

Each function is one rule of ``similarity``; the rule's switch lives in ``name_rules.NameRules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from partnerpath.core.matching.name_rules import NameRules
from partnerpath.core.matching.normalise import CLASS_WEIGHT, NameForm, skeleton


@dataclass(frozen=True, slots=True)
class Pair:
    """Two words paired by the alignment, with their similarity and how they were paired."""

    left: str
    right: str
    similarity: float
    how: str
    weight: float


# Words naming how a group is organised, not which group.
STRUCTURE_WORDS = frozenset(
    {"group", "holding", "holdings", "gruppe", "groupe", "grupo", "gruppo", "jituan", "konzern"}
)


def allowed_edits(length: int, person: bool) -> int:
    """How many typing edits a word of this length may have and still be the same word."""
    if length <= 2:
        return 1 if person else 0
    if length <= 4:
        return 1
    if length <= 11:
        return 2
    return 3


_KOREAN_KEY = (
    ("eo", "o"),
    ("eu", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ng", "N"),  # keep the final "ng" while voiced and voiceless consonants merge
    ("g", "k"),
    ("b", "p"),
    ("d", "t"),
    ("N", "ng"),
)


def korean_key(letters: str) -> str:
    """Korean romanised letters with the differences between romanisation systems merged."""
    for old, new in _KOREAN_KEY:
        letters = letters.replace(old, new)
    return letters


def drop_doubtful_typos(
    left: NameForm,
    right: NameForm,
    aligned: list[tuple[float, int, int, str]],
    used_left: set[int],
    used_right: set[int],
) -> None:
    """Unpair short organisation words with two typos that do not sound alike ("Mellat"/"Melli")
    unless the names agree exactly on two other distinctive words ("State Grid Corporation of
    Chile"): two letters of six or fewer are as likely another name as a typo."""
    exact = sum(
        1
        for _, i, j, how in aligned
        if how == "exact" and left.kinds[i] not in _LIGHT_KINDS and left.weights[i] >= 1.0
    )
    for item in list(aligned):
        _, i, j, how = item
        a, b = left.tokens[i], right.tokens[j]
        doubtful = how == "2 edits" and max(len(a), len(b)) <= 6 and skeleton(a) != skeleton(b)
        if doubtful and exact < 2:
            aligned.remove(item)
            used_left.discard(i)
            used_right.discard(j)


_LIGHT_KINDS = frozenset({"particle", "class", "title", "place"})


def word_weights(
    name: NameForm,
    other: NameForm,
    own: frozenset[str],
    others: frozenset[str],
    person: bool,
    rules: NameRules,
) -> list[float]:
    """The name's word weights for this comparison: structure words between two legal names
    count fully; a country word naming the entity's own country weighs like a class word."""
    weights = list(name.weights)
    if person or (not name.countries and not rules.structure_words_between_legal_names):
        return weights
    structure = (
        rules.structure_words_between_legal_names
        and bool(name.legal_forms)
        and bool(other.legal_forms)
    )
    codes = name.countries or ("",) * len(name.tokens)
    for k, (token, kind, code) in enumerate(zip(name.tokens, name.kinds, codes, strict=True)):
        if structure and token in STRUCTURE_WORDS:
            weights[k] = 1.0
        elif (
            rules.own_country_words
            and kind == "country"
            and code in own
            and (not others or code in others)
        ):
            weights[k] = CLASS_WEIGHT
    return weights


def drop_crowded_initials(
    left: NameForm,
    right: NameForm,
    aligned: list[tuple[float, int, int, str]],
    used_left: set[int],
    used_right: set[int],
) -> None:
    """Unpair initials that cannot stand for the word they were paired with.

    An initial whose own name keeps a full word without partner ("S." in "George S. Helmy" is
    not "Santos" when "Helmy" is left over), and initials on both sides paired crosswise ("James
    B. Renacci" vs "James R. Baird": each surname would be the other's middle initial).
    """
    initials = [a for a in aligned if a[3] == "initial"]
    drop = set()
    for item in initials:
        i = item[1]
        own, own_used = (left, used_left) if len(left.tokens[i]) == 1 else (right, used_right)
        if any(
            k not in own_used and own.kinds[k] == "name" and len(own.tokens[k]) > 1
            for k in range(len(own.tokens))
        ):
            drop.add(item)
    for a in initials:
        for b in initials:
            left_initial_a = len(left.tokens[a[1]]) == 1
            left_initial_b = len(left.tokens[b[1]]) == 1
            crossed = (a[1] - b[1]) * (a[2] - b[2]) < 0
            if left_initial_a != left_initial_b and crossed:
                drop.update((a, b))
    for item in drop:
        aligned.remove(item)
        used_left.discard(item[1])
        used_right.discard(item[2])


def leading_given_name(
    left: NameForm,
    right: NameForm,
    aligned: list[tuple[float, int, int, str]],
    extra_left: list[int],
    extra_right: list[int],
) -> float:
    """Weight of one given name standing in front of the whole other name, in the same order.

    "Raghad Saddam Hussein al-Tikriti" is all of "Saddam Hussein al-Tikriti" after one more given
    name: in patronymic naming that is Saddam's child, not Saddam.
    """
    if extra_left and extra_right:
        return 0.0
    longer, extra, side = (left, extra_left, 1) if extra_left else (right, extra_right, 2)
    if extra != [0] or longer.kinds[0] != "name" or len(aligned) != len(longer.tokens) - 1:
        return 0.0
    if sum(1 for a in aligned if a[3] != "initial") < 2:
        return 0.0  # a surname alone ("Erdogan") is not a whole name
    positions = sorted((a[1], a[2]) if side == 1 else (a[2], a[1]) for a in aligned)
    if any(b[1] < a[1] for a, b in pairwise(positions)):
        return 0.0  # words reordered: the extra word may be a surname written first
    return longer.weights[0]


def trailing_weight(
    name: NameForm, weights: list[float], extra: list[int], used: set[int]
) -> float:
    """Weight of the unpaired words after the last paired word: a sibling or subsidiary adds its
    activity, country or structure after the shared stem ("Andaman Blue Seafood Processing"),
    while a variant of the same name tends to leave out a word inside it."""
    last = max(used, default=len(name.tokens))
    return sum(weights[k] for k in extra if k > last and name.kinds[k] != "number")


def lone_numbers(name: NameForm, extra: list[int]) -> float:
    """Weight of the unpaired numbers of an organisation or vessel name."""
    return sum(name.weights[k] for k in extra if name.kinds[k] == "number")


def native_form(name: NameForm) -> NameForm:
    """The name compared in its own script: two names both in Cyrillic are compared in Cyrillic."""
    syllabic = name.kinds and name.kinds[0] == "syllable"
    kind = "syllable" if syllabic else "name"
    return NameForm(
        original=name.original,
        tokens=name.native,
        weights=tuple(1.0 for _ in name.native),
        kinds=tuple(kind for _ in name.native),
        legal_forms=name.legal_forms,
        families=name.families,
        abjad=False,
        non_latin=True,
        native=name.native,
        script=name.script,
        countries=("",) * len(name.native),
        loose=name.loose,
    )


_LINEAGE = frozenset({"bin", "bint"})


def lineage_roles(name: NameForm) -> tuple[bool, ...] | None:
    """For "X bin Y" names, which words name the father's line (they never pair with own names)."""
    positions = [i for i, t in enumerate(name.tokens) if t in _LINEAGE]
    if not positions or positions[0] == 0 or positions[0] == len(name.tokens) - 1:
        return None
    first = positions[0]
    return tuple(i > first for i in range(len(name.tokens)))


def pair_joined(
    a: NameForm,
    b: NameForm,
    used_a: set[int],
    used_b: set[int],
    pairs: list[Pair],
    person: bool,
    swap: bool,
) -> None:
    """Pair a leftover word of `a` with two or three adjacent leftover words of `b`."""
    for i, token in enumerate(a.tokens):
        if i in used_a or len(token) < 4:
            continue
        for size in (2, 3):
            for j in range(len(b.tokens) - size + 1):
                span = range(j, j + size)
                if any(k in used_b for k in span):
                    continue
                joined = "".join(b.tokens[k] for k in span)
                tolerance = allowed_edits(len(joined), person)
                dist = Levenshtein.distance(token, joined, score_cutoff=tolerance + 1)
                if dist <= tolerance:
                    used_a.add(i)
                    used_b.update(span)
                    sim = 1.0 - dist / max(len(token), len(joined))
                    words = " ".join(b.tokens[k] for k in span)
                    left, right = (words, token) if swap else (token, words)
                    pairs.append(Pair(left, right, sim, "joined", a.weights[i]))
                    break
            if i in used_a:
                break


def is_light(name: NameForm, weights: list[float], k: int, rules: NameRules) -> bool:
    """Whether an unpaired word weighed little for a reason screening-v4 explains."""
    return rules.normalisation >= 2 and weights[k] < 1.0 and name.kinds[k] not in ("particle",)
