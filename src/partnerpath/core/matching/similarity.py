"""Name similarity: align the words of two normalised names and weigh what agrees and what does not.

The rules, in the words an analyst would use:

* Words are paired regardless of order ("Putin, Vladimir" = "Vladimir Putin").
* A paired word may differ by a typo; how many edits are tolerated grows with the word's length.
* Joined and split words are paired too ("SergeiLavrov", "Patr ushev").
* An initial pairs with a word that starts with it (persons only).
* Names written in Arabic or Hebrew script lose their vowels in transliteration; their words are
  also compared by consonant skeleton.
* A word of one name left over without a partner in the other is an *extra* word; a word left over
  on both sides is a *different* word. Different words weigh much more than extra words: "Ali Saddam
  Hussein al-Rawi" is not "Ali Saddam Hussein al-Tikriti". For organisations, extra distinctive
  words weigh heavily too: "Crystalord Systems" is a sibling of "Crystalord", not the same company.
* Particles ("al", "bin", "of") and class words ("company", "group") count for little.

Since screening-v2 (each rule a switch in :class:`NameRules`, so screening-v1 stays loadable):

* Two neighbouring letters swapped is one typo ("Faiz"/"Afiz").
* An initial does not stand for a word when its own name keeps another full word unpaired
  ("George S. Helmy" is not "George Santos"), nor when initials pair crosswise.
* One given name in front of the whole other name, in the same order, is a relative in
  patronymic naming ("Raghad Saddam Hussein al-Tikriti" is not "Saddam Hussein al-Tikriti").
* Organisation words written as initials ("A.B.C.") agree letter for letter; a number that only
  one organisation or vessel name carries marks another member of a series ("Fund I", "Victory 3").
* Hangul is compared with Latin spellings through a key that merges Korean romanisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import OSA, Levenshtein

from partnerpath.core.matching.name_rules import RULES_V2, NameRules
from partnerpath.core.matching.normalise import NameForm, skeleton

# How heavily unpaired words count, relative to a paired word.
DIFFERENT_WORD_PENALTY_PERSON = 4.0
DIFFERENT_WORD_PENALTY_ORG = 2.0
EXTRA_WORD_PENALTY_PERSON = 0.3
EXTRA_WORD_PENALTY_ORG = 1.0


@dataclass(frozen=True, slots=True)
class Pair:
    """Two words paired by the alignment, with their similarity and how they were paired."""

    left: str
    right: str
    similarity: float
    how: str
    weight: float


@dataclass(frozen=True, slots=True)
class NameComparison:
    """The outcome of comparing two names."""

    score: float
    left: NameForm
    right: NameForm
    pairs: tuple[Pair, ...]
    extra_left: tuple[str, ...]
    extra_right: tuple[str, ...]
    different: bool  # both names kept words without a partner

    def describe(self) -> str:
        """One line saying which words agreed and which did not."""
        parts = []
        for p in self.pairs:
            if p.how == "exact":
                parts.append(p.left)
            else:
                parts.append(f"{p.left}~{p.right} ({p.how})")
        text = "paired: " + (", ".join(parts) if parts else "nothing")
        if self.extra_left or self.extra_right:
            text += "; unpaired: " + ", ".join(
                [f"-{t}" for t in self.extra_left] + [f"+{t}" for t in self.extra_right]
            )
        return text


def allowed_edits(length: int, person: bool) -> int:
    """How many typing edits a word of this length may have and still be the same word."""
    if length <= 2:
        return 1 if person else 0
    if length <= 4:
        return 1
    if length <= 11:
        return 2
    return 3


def token_similarity(
    a: str,
    b: str,
    kind_a: str,
    kind_b: str,
    person: bool,
    abjad: bool,
    cross_script: bool,
    rules: NameRules = RULES_V2,
) -> tuple[float, str]:
    """Similarity of two words in [0, 1] and how it was found; 0 when they are different words."""
    if a == b:
        return 1.0, "exact"
    if "number" in (kind_a, kind_b) or "syllable" in (kind_a, kind_b):
        return 0.0, "different"
    if rules.exact_acronyms and "acronym" in (kind_a, kind_b):
        return 0.0, "different"
    if len(a) == 1 or len(b) == 1:
        if person and a[0] == b[0]:
            return 0.8, "initial"
        return 0.0, "different"
    longest = max(len(a), len(b))
    tolerance = allowed_edits(longest, person) + (1 if cross_script and longest > 4 else 0)
    distance = OSA.distance if rules.transpositions else Levenshtein.distance
    dist = distance(a, b, score_cutoff=tolerance + 1)
    best = 0.0
    how = "different"
    if (
        rules.short_words_keep_first_letter
        and person
        and dist >= 2
        and longest <= 6
        and a[:1] != b[:1]
        and not (abjad or cross_script)
    ):
        dist = tolerance + 1
    if dist <= tolerance:
        best = 1.0 - dist / longest
        how = f"{dist} edit" + ("s" if dist > 1 else "")
    if abjad or cross_script or best < 0.8:
        sa, sb = skeleton(a), skeleton(b)
        if rules.sound_within_half and not (abjad or cross_script) and dist > tolerance:
            dist = Levenshtein.distance(a, b, score_cutoff=longest // 2 + 1)
        if (
            len(sa) >= 2
            and (abjad or len(sa) >= 3)
            and (abjad or cross_script or dist <= longest // 2)
        ):
            if sa == sb:
                if best < 0.85:
                    best, how = 0.85, "sound"
            elif (
                abjad
                and len(sa) >= 3
                and best < 0.7
                and Levenshtein.distance(sa, sb, score_cutoff=1) <= 1
            ):
                best, how = 0.7, "sound"
    return best, how


def _acronym(short: NameForm, long: NameForm) -> bool:
    """Whether a one-word name is the initials of the other ("PLA", "People's Liberation Army")."""
    if len(short.tokens) != 1 or len(short.tokens[0]) < 2 or len(long.tokens) < 2:
        return False
    initials = "".join(
        t[0] for t, k in zip(long.tokens, long.kinds, strict=True) if k != "particle"
    )
    return short.tokens[0] == initials


def compare_names(
    left: NameForm, right: NameForm, person: bool, rules: NameRules = RULES_V2
) -> NameComparison:
    """Compare two normalised names and score their similarity in [0, 1]."""
    if left.script and left.script == right.script and left.native and right.native:
        left, right = _native(left), _native(right)
    if left.tokens == right.tokens or (left.compact == right.compact and left.compact):
        how = "exact" if left.tokens == right.tokens else "joined"
        same = tuple(
            Pair(t, t, 1.0, how, w) for t, w in zip(left.tokens, left.weights, strict=True)
        )
        return NameComparison(1.0, left, right, same, (), (), False)
    if not person and (_acronym(left, right) or _acronym(right, left)):
        pair = Pair(" ".join(left.tokens), " ".join(right.tokens), 0.9, "acronym", 1.0)
        return NameComparison(0.9, left, right, (pair,), (), (), False)
    abjad = left.abjad or right.abjad
    cross = left.non_latin != right.non_latin
    roles_left = _lineage_roles(left) if person else None
    roles_right = _lineage_roles(right) if person else None
    candidates: list[tuple[float, int, int, str]] = []
    for i, (ta, ka) in enumerate(zip(left.tokens, left.kinds, strict=True)):
        for j, (tb, kb) in enumerate(zip(right.tokens, right.kinds, strict=True)):
            if roles_left and roles_right and roles_left[i] != roles_right[j]:
                continue
            sim, how = token_similarity(ta, tb, ka, kb, person, abjad, cross, rules)
            if sim > 0.0:
                candidates.append((sim, i, j, how))
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - c[2])))
    used_left: set[int] = set()
    used_right: set[int] = set()
    aligned: list[tuple[float, int, int, str]] = []
    for sim, i, j, how in candidates:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        aligned.append((sim, i, j, how))
    if person and rules.initials_need_room:
        _drop_crowded_initials(left, right, aligned, used_left, used_right)
    pairs = [
        Pair(left.tokens[i], right.tokens[j], sim, how, (left.weights[i] + right.weights[j]) / 2)
        for sim, i, j, how in aligned
    ]
    _pair_joined(left, right, used_left, used_right, pairs, person, swap=False)
    _pair_joined(right, left, used_right, used_left, pairs, person, swap=True)
    extra_left = [i for i in range(len(left.tokens)) if i not in used_left]
    extra_right = [j for j in range(len(right.tokens)) if j not in used_right]
    weight_left = sum(left.weights[i] for i in extra_left)
    weight_right = sum(right.weights[j] for j in extra_right)
    different = min(weight_left, weight_right)
    extra = abs(weight_left - weight_right)
    matched = sum(p.weight * p.similarity for p in pairs)
    total = sum(p.weight for p in pairs)
    extra_penalty = EXTRA_WORD_PENALTY_PERSON if person else EXTRA_WORD_PENALTY_ORG
    different_penalty = DIFFERENT_WORD_PENALTY_PERSON if person else DIFFERENT_WORD_PENALTY_ORG
    denominator = total + different_penalty * different + extra_penalty * extra
    if person and rules.leading_name_penalty and extra and not different:
        leading = _leading_given_name(left, right, aligned, extra_left, extra_right)
        denominator += (rules.leading_name_penalty - extra_penalty) * leading
    if not person and rules.lone_number_differs and extra and not different:
        lone = _lone_numbers(left, extra_left) + _lone_numbers(right, extra_right)
        denominator += (different_penalty - extra_penalty) * lone
    score = matched / denominator if denominator > 0 else 0.0
    if cross and score < 0.9:
        # Transliteration often moves word boundaries (Thai, Japanese): compare the letters only.
        joined_a, joined_b = left.compact, right.compact
        if rules.korean_romanisation and "Hangul" in (left.script, right.script):
            joined_a, joined_b = korean_key(joined_a), korean_key(joined_b)
        longest = max(len(joined_a), len(joined_b))
        tolerance = allowed_edits(longest, person) + 1
        dist = Levenshtein.distance(joined_a, joined_b, score_cutoff=tolerance + 1)
        if longest >= 6 and dist <= tolerance and 0.95 * (1 - dist / longest) > score:
            score = 0.95 * (1 - dist / longest)
            extra_left, extra_right = [], []
            pairs = [Pair(joined_a, joined_b, score, "letters", 1.0)]
    return NameComparison(
        score=round(min(1.0, score), 4),
        left=left,
        right=right,
        pairs=tuple(pairs),
        extra_left=tuple(left.tokens[i] for i in extra_left),
        extra_right=tuple(right.tokens[j] for j in extra_right),
        different=bool(extra_left) and bool(extra_right) and different >= 0.3,
    )


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


def _drop_crowded_initials(
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


def _leading_given_name(
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


def _lone_numbers(name: NameForm, extra: list[int]) -> float:
    """Weight of the unpaired numbers of an organisation or vessel name."""
    return sum(name.weights[k] for k in extra if name.kinds[k] == "number")


def _native(name: NameForm) -> NameForm:
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
    )


_LINEAGE = frozenset({"bin", "bint"})


def _lineage_roles(name: NameForm) -> tuple[bool, ...] | None:
    """For "X bin Y" names, which words name the father's line (they never pair with own names)."""
    positions = [i for i, t in enumerate(name.tokens) if t in _LINEAGE]
    if not positions or positions[0] == 0 or positions[0] == len(name.tokens) - 1:
        return None
    first = positions[0]
    return tuple(i > first for i in range(len(name.tokens)))


def _pair_joined(
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
