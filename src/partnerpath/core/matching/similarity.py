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

Since screening-v4 (switches in :class:`NameRules` too):

* A distinctive word only one organisation name has weighs twice a shared one, so a sibling
  sharing the whole stem of the other ("Andaman Blue Seafood Processing") falls under the
  threshold; "Group"/"Holdings" count fully between two full legal names.
* Short person-name words that differ by an edit agree only when a vowel differs; short
  organisation words with two typos only when they sound alike.
* A country word naming the entity's own country weighs like a class word.
* Thai, Lao, Khmer and Burmese names are compared with Latin spellings through a key that
  merges the habits of their romanisations.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from partnerpath.core.matching.alignment import (
    Pair,
    allowed_edits,
    drop_crowded_initials,
    drop_doubtful_typos,
    is_light,
    korean_key,
    leading_given_name,
    lineage_roles,
    lone_numbers,
    native_form,
    pair_joined,
    trailing_weight,
    word_weights,
)
from partnerpath.core.matching.folding import sea_key
from partnerpath.core.matching.name_rules import RULES_V4, NameRules
from partnerpath.core.matching.normalise import NameForm, skeleton

# How heavily unpaired words count, relative to a paired word.
DIFFERENT_WORD_PENALTY_PERSON = 4.0
DIFFERENT_WORD_PENALTY_ORG = 2.0
EXTRA_WORD_PENALTY_PERSON = 0.3
EXTRA_WORD_PENALTY_ORG = 1.0  # screening-v1 to -v3; see NameRules.extra_org_word_penalty
NO_COUNTRIES: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


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
    light: frozenset[str] = frozenset()  # unpaired words that weighed little (screening-v4)

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
                [f"-{t}{_light(self.left, t, self.light)}" for t in self.extra_left]
                + [f"+{t}{_light(self.right, t, self.light)}" for t in self.extra_right]
            )
        return text


def _light(name: NameForm, token: str, light: frozenset[str]) -> str:
    """A note for an unpaired word that weighs little (screening-v4 says so)."""
    if token not in light or token not in name.tokens:
        return ""
    kind = name.kinds[name.tokens.index(token)]
    return f" ({kind} word, weighs little)"


def token_similarity(
    a: str,
    b: str,
    kind_a: str,
    kind_b: str,
    person: bool,
    abjad: bool,
    cross_script: bool,
    rules: NameRules = RULES_V4,
    loose: bool = False,
) -> tuple[float, str]:
    """Similarity of two words in [0, 1] and how it was found; 0 when they are different words.

    `loose`: one of the names was read from Thai, Lao, Khmer or Burmese script."""
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
    if (
        rules.short_words_differ_in_vowels_only
        and person
        and not (abjad or cross_script)
        and longest <= 3
        and len(a) == len(b)
        and skeleton(a) != skeleton(b)
    ):
        dist = tolerance + 1  # "Min"/"Win", "Lan"/"Lam": one letter in the same place
    if dist <= tolerance:
        best = 1.0 - dist / longest
        how = f"{dist} edit" + ("s" if dist > 1 else "")
    loose = loose and cross_script and rules.southeast_asian_key
    if loose and best < 0.9:
        key_a, key_b = sea_key(a), sea_key(b)
        if key_a == key_b:
            best, how = 0.9, "romanised"
        elif (
            min(len(key_a), len(key_b)) >= 4
            and best < 0.8
            and Levenshtein.distance(key_a, key_b, score_cutoff=1) <= 1
        ):
            best, how = 0.8, "romanised"
    abjad = abjad or loose
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
    left: NameForm,
    right: NameForm,
    person: bool,
    rules: NameRules = RULES_V4,
    countries: tuple[frozenset[str], frozenset[str]] = NO_COUNTRIES,
) -> NameComparison:
    """Compare two normalised names and score their similarity in [0, 1].

    `countries`: the countries the two entities are known to be registered in or nationals of.
    """
    if left.script and left.script == right.script and left.native and right.native:
        left, right = native_form(left), native_form(right)
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
    loose = left.loose or right.loose
    weights_left = word_weights(left, right, countries[0], countries[1], person, rules)
    weights_right = word_weights(right, left, countries[1], countries[0], person, rules)
    roles_left = lineage_roles(left) if person else None
    roles_right = lineage_roles(right) if person else None
    candidates: list[tuple[float, int, int, str]] = []
    for i, (ta, ka) in enumerate(zip(left.tokens, left.kinds, strict=True)):
        for j, (tb, kb) in enumerate(zip(right.tokens, right.kinds, strict=True)):
            if roles_left and roles_right and roles_left[i] != roles_right[j]:
                continue
            sim, how = token_similarity(ta, tb, ka, kb, person, abjad, cross, rules, loose)
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
        drop_crowded_initials(left, right, aligned, used_left, used_right)
    if not person and rules.org_short_words_sound_alike and not (abjad or cross):
        drop_doubtful_typos(left, right, aligned, used_left, used_right)
    pairs = [
        Pair(left.tokens[i], right.tokens[j], sim, how, (weights_left[i] + weights_right[j]) / 2)
        for sim, i, j, how in aligned
    ]
    pair_joined(left, right, used_left, used_right, pairs, person, swap=False)
    pair_joined(right, left, used_right, used_left, pairs, person, swap=True)
    extra_left = [i for i in range(len(left.tokens)) if i not in used_left]
    extra_right = [j for j in range(len(right.tokens)) if j not in used_right]
    weight_left = sum(weights_left[i] for i in extra_left)
    weight_right = sum(weights_right[j] for j in extra_right)
    different = min(weight_left, weight_right)
    extra = abs(weight_left - weight_right)
    matched = sum(p.weight * p.similarity for p in pairs)
    total = sum(p.weight for p in pairs)
    extra_penalty = EXTRA_WORD_PENALTY_PERSON if person else EXTRA_WORD_PENALTY_ORG
    different_penalty = DIFFERENT_WORD_PENALTY_PERSON if person else DIFFERENT_WORD_PENALTY_ORG
    denominator = total + different_penalty * different + extra_penalty * extra
    if not person and rules.extra_org_word_penalty != extra_penalty and extra and not different:
        trailing = trailing_weight(left, weights_left, extra_left, used_left) + trailing_weight(
            right, weights_right, extra_right, used_right
        )
        denominator += (rules.extra_org_word_penalty - extra_penalty) * trailing
    if person and rules.leading_name_penalty and extra and not different:
        leading = leading_given_name(left, right, aligned, extra_left, extra_right)
        denominator += (rules.leading_name_penalty - extra_penalty) * leading
    if not person and rules.lone_number_differs and extra and not different:
        lone = lone_numbers(left, extra_left) + lone_numbers(right, extra_right)
        denominator += (different_penalty - extra_penalty) * lone
    score = matched / denominator if denominator > 0 else 0.0
    if cross and score < 0.9:
        # Transliteration often moves word boundaries (Thai, Japanese): compare the letters only.
        joined_a, joined_b = left.compact, right.compact
        if rules.korean_romanisation and "Hangul" in (left.script, right.script):
            joined_a, joined_b = korean_key(joined_a), korean_key(joined_b)
        elif loose and rules.southeast_asian_key:
            joined_a, joined_b = sea_key(joined_a), sea_key(joined_b)
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
        light=frozenset(
            [left.tokens[i] for i in extra_left if is_light(left, weights_left, i, rules)]
            + [right.tokens[j] for j in extra_right if is_light(right, weights_right, j, rules)]
        ),
    )
