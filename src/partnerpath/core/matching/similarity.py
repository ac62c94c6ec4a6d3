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
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

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
) -> tuple[float, str]:
    """Similarity of two words in [0, 1] and how it was found; 0 when they are different words."""
    if a == b:
        return 1.0, "exact"
    if "number" in (kind_a, kind_b) or "syllable" in (kind_a, kind_b):
        return 0.0, "different"
    if len(a) == 1 or len(b) == 1:
        if person and a[0] == b[0]:
            return 0.8, "initial"
        return 0.0, "different"
    longest = max(len(a), len(b))
    tolerance = allowed_edits(longest, person) + (1 if cross_script and longest > 4 else 0)
    dist = Levenshtein.distance(a, b, score_cutoff=tolerance + 1)
    best = 0.0
    how = "different"
    if dist <= tolerance:
        best = 1.0 - dist / longest
        how = f"{dist} edit" + ("s" if dist > 1 else "")
    if abjad or cross_script or best < 0.8:
        sa, sb = skeleton(a), skeleton(b)
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


def compare_names(left: NameForm, right: NameForm, person: bool) -> NameComparison:
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
            sim, how = token_similarity(ta, tb, ka, kb, person, abjad, cross)
            if sim > 0.0:
                candidates.append((sim, i, j, how))
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - c[2])))
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[Pair] = []
    for sim, i, j, how in candidates:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        weight = (left.weights[i] + right.weights[j]) / 2
        pairs.append(Pair(left.tokens[i], right.tokens[j], sim, how, weight))
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
    score = matched / denominator if denominator > 0 else 0.0
    if cross and score < 0.9:
        # Transliteration often moves word boundaries (Thai, Japanese): compare the letters only.
        joined_a, joined_b = left.compact, right.compact
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
