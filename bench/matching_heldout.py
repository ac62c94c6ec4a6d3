"""Generalisation check: screening on labelled sets it was not tuned on, at the default threshold.

Run from the repository root (with nomenklatura installed to compare against logic-v2):

    /tmp/venv-bench/bin/python bench/matching_heldout.py          # about 3-5 minutes on 2 cores
    /tmp/venv-bench/bin/python bench/matching_heldout.py --quick  # fewer negatives, 1-2 minutes

Sets under ../shared/data/matching (each skipped with a message when absent), and one in this
repository:

* ``tests/core/matching/fixtures/asia_heldout_pairs.csv``: 340 labelled pairs of the kinds the
  field gets wrong in Asia, written for this check (172 matches, 168 not): legal-form variants and
  conflicts of Thai, Vietnamese, Indonesian, Malaysian, Singaporean, Indian, Philippine, Chinese,
  Japanese, Korean, Cambodian and Myanmar companies; siblings and subsidiaries sharing a name
  stem; the same name in another country (``country1``/``country2``); Thai, Khmer, Burmese, Han
  and Hangul names against their Latin spelling; transliteration variants; word order;
  honorifics. Columns: category,schema,name1,name2,country1,country2,match,note.

* ``opensanctions_name_bench/entity_bench_checks.yml``: 228 full-entity checks (a query entity and a
  candidate entity, match true/false), scored as pairs. Name parts (firstName, lastName, ...) are
  joined into one name for screening-v1, which has no name-part fields; logic-v2 gets them as given.
* ``watchman_probes/cross_script_pairs.csv``: Arabic/Cyrillic/CJK/Hangul/Greek/Hebrew/Thai names
  against their Latin spelling (all matches); every query is also paired with the other rows'
  Latin names (different people) as negatives.
* ``watchman_probes/algorithm-comparison.csv``: 15 spelling probes. The file has no labels; its
  notes say what each probe is. Labelled here from the note: variants of one name are matches; the
  "false-positive control", the drug "look-alike" and the "shared short token" pair (Li Shangfu and
  Li Shanlan are different people) are not; "short vs longer" and "doubled family" are ambiguous and
  only shown.
* ``yente_person_fixtures``: screening. The list is the 683 UN-sanctioned persons (untreated) plus
  the 1,254 members of the US Congress, with birth dates and nationalities. Queries: the "treated"
  UN persons (typos, reshuffles, sometimes a birth year off by one; each should match its own row),
  the untreated ones (sanity), the Congress members (each should match only itself: a common-name
  stress test) and samples of the synthetic negatives (global and US; should match nothing). Run
  twice: with birth date and nationality, and on names alone. Both engines score the candidates
  screening-v1's index proposes (logic-v2 has no index of its own here).

Counting: pairs are counted as usual. For screening, a query whose expected row is among its
matches is a true positive, otherwise a false negative; a query with any other row among its
matches adds one false positive.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from partnerpath.core.matching.entities import Entity, make_entity  # noqa: E402
from partnerpath.core.matching.index import ScreeningIndex  # noqa: E402
from partnerpath.core.matching.scoring import (  # noqa: E402
    ALGORITHM_ID,
    DEFAULT_THRESHOLD,
    MatchResult,
    get_algorithm,
    score_pair,
)

DATA = ROOT / ".." / "shared" / "data" / "matching"
ENTITY_BENCH = DATA / "opensanctions_name_bench" / "entity_bench_checks.yml"
NAME_BENCH = DATA / "opensanctions_name_bench" / "name_bench_cases.csv"
CROSS_SCRIPT = DATA / "watchman_probes" / "cross_script_pairs.csv"
ASIA_PAIRS = ROOT / "tests" / "core" / "matching" / "fixtures" / "asia_heldout_pairs.csv"
PROBES = DATA / "watchman_probes" / "algorithm-comparison.csv"
YENTE = DATA / "yente_person_fixtures"
LOGIC_V2_THRESHOLD = 0.7
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
PROBE_LABELS = {  # note in algorithm-comparison.csv -> is a match (None: ambiguous, shown only)
    "false-positive control": False,
    "LASA look-alike": False,
    "shared short token": False,
    "short vs longer": None,
    "doubled family": None,
}

try:  # benchmark-only comparison
    from followthemoney import model as ftm_model
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.types import ScoringConfig

    HAVE_NK = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_NK = False

OURS = ALGORITHM_ID
NK = "logic-v2"
Props = dict[str, list[str]]


@dataclass
class Tally:
    """Confusion counts for one group of pairs or queries."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add_pair(self, predicted: bool, truth: bool, label: str) -> None:
        if predicted and truth:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.misses.append("FP " + label)
        elif truth:
            self.fn += 1
            self.misses.append("FN " + label)
        else:
            self.tn += 1

    def cell(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        if self.tp + self.fn == 0:  # negatives only: say how many alarms
            return f"{'-':>5} {'-':>5} {'-':>5} fp{self.fp}/{self.fp + self.tn}"
        return f"{p:5.3f} {r:5.3f} {f:5.3f} tp{self.tp} fp{self.fp} fn{self.fn}"


Results = dict[str, dict[str, Tally]]  # engine -> group -> tally


def _print(title: str, results: Results, show_misses: int) -> None:
    engines = list(results)
    groups = list(results[engines[0]])
    print(f"\n== {title} ==")
    print(f"{'':34}" + "".join(f"{e + ': P     R     F1':>38}" for e in engines))
    for group in groups:
        print(f"{group[:34]:34}" + "".join(f"{results[e][group].cell():>38}" for e in engines))
    if show_misses:
        misses = results[OURS][groups[0]].misses
        print(f"{OURS} errors ({len(misses)}):")
        for line in misses[:show_misses]:
            print("   ", line)


# -- entities for both engines -------------------------------------------------------------------


def _joined_name(props: Props) -> list[str]:
    names = list(props.get("name", []))
    if not names:
        parts = [v for key in NAME_PARTS for v in props.get(key, [])]
        names = [" ".join(parts)] if parts else []
    return names


def ours_entity(eid: str, schema: str, props: Props) -> Entity:
    """Our entity from FollowTheMoney-style properties."""
    return make_entity(
        eid,
        schema,
        _joined_name(props),
        countries=props.get("nationality", []) + props.get("country", []),
        identifiers=props.get("idNumber", []) + props.get("registrationNumber", []),
        birth_dates=props.get("birthDate", []),
    )


_serial = count()


def nk_score(schema_q: str, props_q: Props, schema_c: str, props_c: Props) -> float:
    """logic-v2's score for two entities (fresh ids: logic-v2 caches by entity id)."""
    config = _nk_config()
    entities = []
    for schema, props in ((schema_q, props_q), (schema_c, props_c)):
        entity = ftm_model.make_entity(schema)
        entity.id = f"e{next(_serial)}"
        for prop, values in props.items():
            for value in values:
                if value:
                    entity.add(prop, value, quiet=True)
        entities.append(entity)
    return float(LogicV2.compare(entities[0], entities[1], config).score)


_CONFIG: list[Any] = []


def _nk_config() -> Any:
    if not _CONFIG:
        _CONFIG.append(ScoringConfig.defaults())
    return _CONFIG[0]


def _engines(use_nk: bool) -> list[str]:
    return [OURS, NK] if use_nk else [OURS]


# -- pair sets ----------------------------------------------------------------------------------


def entity_bench(use_nk: bool, show_misses: int) -> None:
    """Full-entity checks from nomenklatura's entity bench, scored as pairs."""
    if not ENTITY_BENCH.exists():
        print(f"\nentity bench: skipped, {ENTITY_BENCH} not found")
        return
    checks = yaml.safe_load(ENTITY_BENCH.read_text(encoding="utf-8"))["checks"]
    seen: set[tuple[str, str]] = set()
    if NAME_BENCH.exists():  # many checks are also name-bench pairs (sometimes labelled otherwise)
        with NAME_BENCH.open(encoding="utf-8") as handle:
            seen = {(r["name1"], r["name2"]) for r in csv.DictReader(handle)}
    results: Results = {e: defaultdict(Tally) for e in _engines(use_nk)}
    for number, check in enumerate(checks):
        schema = check["schema"]
        props_q = {k: v if isinstance(v, list) else [str(v)] for k, v in check["query"].items()}
        props_c = {k: v if isinstance(v, list) else [str(v)] for k, v in check["candidate"].items()}
        truth = bool(check["match"])
        groups = ["all", f"schema {schema}"]
        if check.get("label"):
            groups.append(f"label {check['label']}")
        if any(k in NAME_PARTS for k in (*props_q, *props_c)):
            groups.append("has name parts")
        left = ours_entity(f"q{number}", schema, props_q)
        right = ours_entity(f"c{number}", schema, props_c)
        in_bench = (left.caption, right.caption) in seen
        groups.append("pair also in name bench" if in_bench else "pair not in name bench")
        result = score_pair(left, right, algorithm=OURS)
        label = f"{left.caption} | {right.caption} ({result.score:.2f})"
        for group in groups:
            results[OURS][group].add_pair(result.match, truth, label)
        if use_nk:
            score = nk_score(schema, props_q, schema, props_c)
            for group in groups:
                results[NK][group].add_pair(score >= LOGIC_V2_THRESHOLD, truth, label)
    _sort_groups(results)
    _print(f"entity bench: {len(checks)} checks ({ENTITY_BENCH.name})", results, show_misses)


def _sort_groups(results: Results) -> None:
    for engine, groups in results.items():
        order = sorted(groups, key=lambda g: (g != "all", not g.startswith(("schema", "pair")), g))
        results[engine] = {g: groups[g] for g in order}


def asia_pairs(use_nk: bool, show_misses: int) -> None:
    """Asian legal forms, siblings, other countries, scripts, transliteration, order, titles."""
    if not ASIA_PAIRS.exists():
        print(f"\nAsian pairs: skipped, {ASIA_PAIRS} not found")
        return
    rows = list(csv.DictReader(ASIA_PAIRS.open(encoding="utf-8")))
    results: Results = {e: defaultdict(Tally) for e in _engines(use_nk)}
    for row in rows:
        truth = row["match"] == "true"
        ours = score_pair(
            make_entity(
                "q", row["schema"], [row["name1"]], [row["country1"]] if row["country1"] else []
            ),
            make_entity(
                "c", row["schema"], [row["name2"]], [row["country2"]] if row["country2"] else []
            ),
            algorithm=OURS,
        )
        label = f"{row['name1']} | {row['name2']} ({ours.score:.2f})"
        groups = ["all", f"category {row['category']}", f"schema {row['schema']}"]
        for group in groups:
            results[OURS][group].add_pair(ours.match, truth, label)
        if use_nk:
            props: list[Props] = []
            for name, country in ((row["name1"], row["country1"]), (row["name2"], row["country2"])):
                item: Props = {"name": [name]}
                if country:
                    item["country"] = [country]
                props.append(item)
            score = nk_score(row["schema"], props[0], row["schema"], props[1])
            for group in groups:
                results[NK][group].add_pair(score >= LOGIC_V2_THRESHOLD, truth, label)
    _sort_groups(results)
    matches = sum(1 for r in rows if r["match"] == "true")
    title = f"Asian pairs: {len(rows)} ({matches} matches, {len(rows) - matches} not)"
    _print(f"{title}; {ASIA_PAIRS.name}", results, show_misses)


def cross_script(use_nk: bool, show_misses: int) -> None:
    """Names in other scripts against their Latin spelling, and against other people's names."""
    if not CROSS_SCRIPT.exists():
        print(f"\ncross-script pairs: skipped, {CROSS_SCRIPT} not found")
        return
    rows: list[tuple[str, str, str]] = []
    section = ""
    for line in CROSS_SCRIPT.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            text = line.lstrip("# ").strip()
            if " to " in text:
                section = text.split(" to ")[0].split("(")[0].strip()
            continue
        if line.strip():
            query, latin, _min_score, _description = next(csv.reader([line]))
            rows.append((query, latin, section))
    pairs = [(q, m, s, True) for q, m, s in rows]
    pairs += [(q, m2, s, False) for q, m, s in rows for _, m2, _ in rows if m2 != m and m2 != q]
    results: Results = {e: defaultdict(Tally) for e in _engines(use_nk)}
    for query, latin, section, truth in pairs:
        ours = score_pair(
            make_entity("q", "Person", [query]),
            make_entity("c", "Person", [latin]),
            algorithm=OURS,
        )
        label = f"{query} | {latin} ({ours.score:.2f})"
        groups = ["all", f"script {section}", "positives" if truth else "cross-pair negatives"]
        for group in groups:
            results[OURS][group].add_pair(ours.match, truth, label)
        if use_nk:
            score = nk_score("Person", {"name": [query]}, "Person", {"name": [latin]})
            for group in groups:
                results[NK][group].add_pair(score >= LOGIC_V2_THRESHOLD, truth, label)
    _sort_groups(results)
    _print(
        f"watchman cross-script pairs: {len(rows)} matches + {len(pairs) - len(rows)} negatives",
        results,
        show_misses,
    )


def probes(use_nk: bool) -> None:
    """Watchman's spelling probes, labelled from their notes; scores shown for every probe."""
    if not PROBES.exists():
        print(f"\nwatchman probes: skipped, {PROBES} not found")
        return
    rows = list(csv.DictReader(PROBES.open(encoding="utf-8")))
    results: Results = {e: defaultdict(Tally) for e in _engines(use_nk)}
    print(f"\n== watchman algorithm-comparison probes: {len(rows)} pairs (Person) ==")
    print(f"{'query':22}{'index':36}{'note':28}{'label':>7}{OURS:>14}{NK if use_nk else '':>10}")
    for row in rows:
        truth = PROBE_LABELS.get(row["note"], True)
        ours = score_pair(
            make_entity("q", "Person", [row["query"]]),
            make_entity("c", "Person", [row["index"]]),
            algorithm=OURS,
        )
        nk = 0.0
        if use_nk:
            nk = nk_score("Person", {"name": [row["query"]]}, "Person", {"name": [row["index"]]})
        nk_text = f"{nk:10.2f}" if use_nk else ""
        shown = {True: "match", False: "no", None: "?"}[truth]
        print(
            f"{row['query']:22}{row['index']:36}{row['note'][:27]:28}{shown:>7}"
            f"{ours.score:14.2f}{nk_text}"
        )
        if truth is None:
            continue
        label = f"{row['query']} | {row['index']} ({ours.score:.2f})"
        results[OURS]["labelled probes"].add_pair(ours.match, truth, label)
        if use_nk:
            results[NK]["labelled probes"].add_pair(nk >= LOGIC_V2_THRESHOLD, truth, label)
    _print("watchman probes, labelled ones", results, show_misses=0)


# -- screening: yente fixtures ------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One fixture row."""

    key: str
    name: str
    birth_date: str
    nationality: str

    def props(self, attributes: bool) -> Props:
        props: Props = {"name": [self.name]}
        if attributes and self.birth_date:
            props["birthDate"] = [self.birth_date]
        if attributes and self.nationality:
            props["nationality"] = [self.nationality]
        return props


def _people(path: Path, prefix: str) -> list[Person]:
    with path.open(encoding="utf-8") as handle:
        return [
            Person(f"{prefix}{i}", r["full_name"], r["date_of_birth"], r["nationality"])
            for i, r in enumerate(csv.DictReader(handle))
            if r["full_name"].strip()
        ]


class _Scored:
    """Just enough of a MatchResult for ScreeningIndex.screen to rank logic-v2 scores."""

    def __init__(self, score: float) -> None:
        self.score = score
        self.match = score >= LOGIC_V2_THRESHOLD


def yente(negatives: int, use_nk: bool, show_misses: int) -> None:
    """Screen the yente fixture persons against the UN + US Congress list they imply."""
    files = {
        "un_untreated": YENTE / "positives_un_untreated.csv",
        "un_treated": YENTE / "positives_un_treated.csv",
        "congress": YENTE / "positives_us_congress_untreated.csv",
        "negatives_global": YENTE / "negatives_global.csv",
        "negatives_us": YENTE / "negatives_us.csv",
    }
    if not all(p.exists() for p in files.values()):
        print(f"\nyente fixtures: skipped, files missing under {YENTE}")
        return
    un = _people(files["un_untreated"], "un")
    treated = _people(files["un_treated"], "un")  # same row order: same keys
    congress = _people(files["congress"], "congress")
    rng = random.Random(6)
    negative_sets = {
        name: rng.sample(_people(files[name], name), negatives)
        for name in ("negatives_global", "negatives_us")
    }
    listed = {p.key: p for p in (*un, *congress)}
    query_sets: dict[str, list[tuple[Person, str | None]]] = {
        "UN treated (typos, reorder)": [(p, p.key) for p in treated],
        "UN untreated (sanity)": [(p, p.key) for p in un],
        "US Congress (common names)": [(p, p.key) for p in congress],
        **{f"{name} sample": [(p, None) for p in people] for name, people in negative_sets.items()},
    }
    for attributes in (True, False):
        entities = [ours_entity(p.key, "Person", p.props(attributes)) for p in listed.values()]
        index = ScreeningIndex.build(entities)
        results: Results = {e: defaultdict(Tally) for e in _engines(use_nk)}
        timings: dict[str, float] = defaultdict(float)
        queries = 0
        for set_name, items in query_sets.items():
            for person, expected in items:
                queries += 1
                query = ours_entity("query", "Person", person.props(attributes))
                scorers: list[tuple[str, Callable[..., Any] | None]] = [(OURS, None)]
                if use_nk:
                    scorers.append((NK, _nk_scorer(person.props(attributes), listed, attributes)))
                for engine, scorer in scorers:
                    start = time.perf_counter()
                    hits = index.screen(query, scorer=scorer, algorithm=OURS)
                    timings[engine] += time.perf_counter() - start
                    matched = [h.entity.id for h in hits if h.result.match]
                    _count_screening(
                        results[engine], ("all", set_name), person, expected, matched, listed
                    )
        mode = "with birth date and nationality" if attributes else "names only"
        speed = ", ".join(f"{e} {queries / timings[e]:,.0f} q/s" for e in timings)
        _print(
            f"yente fixtures screened against UN ({len(un)}) + US Congress ({len(congress)}), "
            f"{mode}; {queries:,} queries ({speed})",
            results,
            show_misses,
        )


def _nk_scorer(
    query_props: Props, listed: dict[str, Person], attributes: bool
) -> Callable[[Entity, Entity, float], Any]:
    def scorer(query: Entity, candidate: Entity, threshold: float) -> Any:
        props = listed[candidate.id].props(attributes)
        return _Scored(nk_score("Person", query_props, "Person", props))

    return scorer


def _count_screening(
    results: dict[str, Tally],
    groups: Iterable[str],
    person: Person,
    expected: str | None,
    matched: list[str],
    listed: dict[str, Person],
) -> None:
    found = expected in matched
    wrong = [listed[m].name for m in matched if m != expected]
    for group in groups:
        tally = results[group]
        if expected is not None:
            if found:
                tally.tp += 1
            else:
                tally.fn += 1
                tally.misses.append(f"FN {person.name} (expected {listed[expected].name})")
        if wrong:
            tally.fp += 1
            tally.misses.append(f"FP {person.name} -> {'; '.join(wrong[:3])}")
        elif expected is None:
            tally.tn += 1


def main(argv: list[str] | None = None) -> None:
    """Run every held-out set and print precision, recall and F1 per set and category."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 negatives per set, not 5,000")
    parser.add_argument("--negatives", type=int, default=None, help="negatives sampled per set")
    parser.add_argument("--no-nk", action="store_true", help="skip logic-v2 even if installed")
    parser.add_argument("--misses", type=int, default=0, help="list up to N errors per set")
    parser.add_argument(
        "--algorithm", default=ALGORITHM_ID, help=f"scoring version (default {ALGORITHM_ID})"
    )
    args = parser.parse_args(argv)
    global OURS
    OURS = get_algorithm(args.algorithm).id
    use_nk = HAVE_NK and not args.no_nk
    if not HAVE_NK:
        print("logic-v2: skipped, nomenklatura is not importable (benchmark-only dependency)")
    negatives = args.negatives or (1000 if args.quick else 5000)
    print(
        f"{OURS} at its default threshold {DEFAULT_THRESHOLD}"
        + (f"; {NK} at {LOGIC_V2_THRESHOLD}" if use_nk else "")
        + "; no per-set tuning"
    )
    start = time.perf_counter()
    asia_pairs(use_nk, args.misses)
    entity_bench(use_nk, args.misses)
    cross_script(use_nk, args.misses)
    probes(use_nk)
    yente(negatives, use_nk, args.misses)
    print(f"\ntotal {time.perf_counter() - start:.0f}s")


__all__ = ["MatchResult", "main"]

if __name__ == "__main__":
    main()
