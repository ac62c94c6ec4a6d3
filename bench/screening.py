"""Benchmark the screening engine: name-bench F1, pair speed, screening throughput, 1M-name index.

Run from the repository root:

    python bench/screening.py            # everything (about 3-4 minutes on 2 cores)
    python bench/screening.py --quick    # skip the 1,000,000-name part

It reads ../shared/data (skips a part with a message when a file is absent). It also measures
OpenSanctions' nomenklatura logic-v2 on the same pairs and queries when nomenklatura is importable;
install it for the benchmark only (not a product dependency):

    pip install nomenklatura==4.17.4
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from partnerpath.core.matching.entities import Entity, Schema, make_entity  # noqa: E402
from partnerpath.core.matching.index import ScreeningIndex  # noqa: E402
from partnerpath.core.matching.scoring import (  # noqa: E402
    ALGORITHM_ID,
    DEFAULT_THRESHOLD,
    compare,
    score_pair,
)
from partnerpath.core.matching.sources import load_source  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
BENCH = DATA / "matching" / "opensanctions_name_bench" / "name_bench_cases.csv"
OFAC = DATA / "watchlists" / "ofac_sdn_2021"
UN = DATA / "watchlists" / "un_consolidated_2026" / "UN_consolidated.xml"
LOGIC_V2_THRESHOLD = 0.7
SCHEMAS = ("Person", "Company", "Organization", "LegalEntity", "Vessel")

try:  # benchmark-only comparison
    from followthemoney import model as ftm_model
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.types import ScoringConfig

    HAVE_NK = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_NK = False


def f1(rows: list[tuple[bool, bool]]) -> tuple[float, int, int, int]:
    """F1, TP, FP, FN over (predicted, truth) pairs."""
    tp = sum(1 for p, t in rows if p and t)
    fp = sum(1 for p, t in rows if p and not t)
    fn = sum(1 for p, t in rows if not p and t)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return score, tp, fp, fn


def _nk_entity(schema: str, names: list[str], eid: str) -> object:
    entity = ftm_model.make_entity(schema)
    entity.id = eid
    for name in names:
        entity.add("name", name)
    return entity


def name_bench() -> None:
    """F1 on the OpenSanctions name bench, ours and logic-v2 side by side."""
    if not BENCH.exists():
        print(f"name bench: skipped, {BENCH} not found")
        return
    cases = list(csv.DictReader(BENCH.open(encoding="utf-8")))
    truth = [c["is_match"] == "true" for c in cases]
    runs: dict[str, list[bool]] = {}
    speed: dict[str, float] = {}
    for case in cases[:50]:  # warm caches (data loading) before timing
        compare(case["schema"], case["name1"], case["name2"])
    start = time.perf_counter()
    runs[ALGORITHM_ID] = [compare(c["schema"], c["name1"], c["name2"]).match for c in cases]
    speed[ALGORITHM_ID] = len(cases) / (time.perf_counter() - start)
    if HAVE_NK:
        config = ScoringConfig.defaults()
        # logic-v2 caches by entity id: every entity needs its own.
        pairs = [
            (
                _nk_entity(c["schema"], [c["name1"]], f"a{i}"),
                _nk_entity(c["schema"], [c["name2"]], f"b{i}"),
            )
            for i, c in enumerate(cases)
        ]
        LogicV2.compare(pairs[0][0], pairs[0][1], config)
        start = time.perf_counter()
        runs["logic-v2"] = [
            LogicV2.compare(a, b, config).score >= LOGIC_V2_THRESHOLD for a, b in pairs
        ]
        speed["logic-v2"] = len(cases) / (time.perf_counter() - start)
    else:
        print("logic-v2: skipped (pip install nomenklatura==4.17.4 to compare)")
    print(f"\n== name bench: {len(cases)} labelled pairs ({BENCH.name}) ==")
    header = f"{'':14}" + "".join(f"{name:>24}" for name in runs)
    print(header)
    groups = [("overall", list(range(len(cases))))] + [
        (s, [i for i, c in enumerate(cases) if c["schema"] == s]) for s in SCHEMAS
    ]
    for label, idx in groups:
        cells = []
        for preds in runs.values():
            score, tp, fp, fn = f1([(preds[i], truth[i]) for i in idx])
            cells.append(f"{score:.3f} (tp{tp} fp{fp} fn{fn})")
        print(f"{label:14}" + "".join(f"{c:>24}" for c in cells))
    print(f"{'pairs/s':14}" + "".join(f"{speed[n]:>24,.0f}" for n in runs))
    print(
        f"thresholds: {ALGORITHM_ID} {DEFAULT_THRESHOLD} (default), logic-v2 {LOGIC_V2_THRESHOLD}"
    )


_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "zu",
    "ne",
    "to",
    "ba",
    "shi",
    "dor",
    "vek",
    "lan",
    "qua",
    "fen",
    "gri",
    "hol",
    "jus",
    "pim",
    "sor",
    "tal",
    "wen",
    "yar",
    "bex",
    "cru",
    "dai",
]
_FIRST = [
    "Anna",
    "Boris",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hassan",
    "Ines",
    "Jamal",
    "Kofi",
    "Lina",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sanjay",
    "Tariq",
]
_ORG_WORDS = [
    "Trading",
    "Holdings",
    "Logistics",
    "Shipping",
    "Textiles",
    "Seafood",
    "Mining",
    "Energy",
    "Capital",
    "Foods",
    "Garments",
    "Fisheries",
    "Rubber",
    "Electronics",
]
_FORMS = ["Co., Ltd.", "LLC", "Ltd", "PT", "Sdn Bhd", "GmbH", "JSC", "Pvt Ltd", "", "Inc."]


def random_word(rng: random.Random) -> str:
    """A made-up name word."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def random_entity(rng: random.Random, number: int) -> Entity:
    """A made-up person or company that matches nothing on purpose."""
    if rng.random() < 0.5:
        name = f"{rng.choice(_FIRST)} {random_word(rng)} {random_word(rng)}"
        return make_entity(f"syn-{number}", Schema.PERSON, [name])
    name = f"{random_word(rng)} {rng.choice(_ORG_WORDS)} {rng.choice(_FORMS)}".strip()
    return make_entity(f"syn-{number}", Schema.COMPANY, [name])


def perturb(name: str, rng: random.Random) -> str:
    """A realistic variant of a list name: typo, word order, dropped word, case, punctuation."""
    words = name.split()
    kind = rng.randrange(5)
    if kind == 0 and words:
        i = rng.randrange(len(words))
        word = words[i]
        if len(word) > 3:
            j = rng.randrange(1, len(word) - 1)
            words[i] = word[:j] + rng.choice("aeioulnrst") + word[j + 1 :]
    elif kind == 1 and len(words) > 1:
        words = words[1:] + words[:1]
    elif kind == 2 and len(words) > 2:
        del words[rng.randrange(1, len(words) - 1)]
    elif kind == 3:
        return name.lower()
    else:
        return name.replace("-", " ").replace(",", "").upper()
    return " ".join(words)


def screening_bench(sample_nk: int) -> None:
    """Screen 10,000 queries against OFAC SDN (all aliases) plus the UN list."""
    if not OFAC.exists() or not UN.exists():
        print("\nscreening: skipped, OFAC/UN files not found under ../shared/data/watchlists")
        return
    start = time.perf_counter()
    lists = [load_source(OFAC), load_source(UN)]
    entities = [e for loaded in lists for e in loaded.entities if e.schema is not Schema.VESSEL]
    entities += [e for loaded in lists for e in loaded.entities if e.schema is Schema.VESSEL]
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    index = ScreeningIndex.build(entities)
    build_s = time.perf_counter() - start
    rng = random.Random(6)
    queries: list[tuple[Entity, str | None]] = []
    listed = [e for e in entities if e.schema in (Schema.PERSON, Schema.ORGANIZATION)]
    for number in range(7000):
        source = rng.choice(listed)
        name = perturb(rng.choice(source.names), rng)
        queries.append((make_entity(f"q{number}", source.schema, [name]), source.id))
    for number in range(3000):
        queries.append((random_entity(rng, number), None))
    rng.shuffle(queries)
    for query, _ in queries[:200]:  # warm the normalisation caches of common list names
        index.screen(query)
    start = time.perf_counter()
    results = [(index.screen(q), expected) for q, expected in queries]
    screen_s = time.perf_counter() - start
    found = sum(
        1
        for hits, exp in results
        if exp and any(h.entity.id == exp and h.result.match for h in hits)
    )
    positives = sum(1 for _, exp in results if exp)
    false_alarms = sum(1 for hits, exp in results if not exp and any(h.result.match for h in hits))
    names = len(index)
    print(
        f"\n== screening: OFAC SDN 2021 + alt ({lists[0].meta.entity_count} entries) and UN "
        f"consolidated {lists[1].meta.publication_date} ({lists[1].meta.entity_count}); {names:,} "
        "names =="
    )
    print(f"load {load_s:.1f}s, index build {build_s:.2f}s")
    print(
        f"{ALGORITHM_ID}: {len(queries):,} queries in {screen_s:.1f}s = "
        f"{len(queries) / screen_s:,.0f} queries/s; perturbed list names found "
        f"{found}/{positives} ({found / positives:.1%}); random names with a match "
        f"{false_alarms}/{len(queries) - positives}"
    )
    if HAVE_NK and sample_nk:
        _logic_v2_screening(index, queries[:sample_nk])


def _logic_v2_screening(index: ScreeningIndex, queries: list[tuple[Entity, str | None]]) -> None:
    """Score the same candidates with logic-v2 for a sample of the queries."""
    config = ScoringConfig.defaults()
    counter = iter(range(10**9))

    def nk_scorer(query: Entity, candidate: Entity, threshold: float) -> object:
        # logic-v2 caches by entity id: give every compared entity its own.
        number = next(counter)
        left = _nk_entity(query.schema.value, list(query.names), f"q{number}")
        right = _nk_entity(candidate.schema.value, list(candidate.names), f"c{number}")
        score = LogicV2.compare(left, right, config).score
        return _Fake(score, score >= LOGIC_V2_THRESHOLD)

    for label, scorer in ((ALGORITHM_ID, None), ("logic-v2", nk_scorer)):
        start = time.perf_counter()
        found = positives = alarms = 0
        for query, expected in queries:
            hits = index.screen(query, scorer=scorer)  # type: ignore[arg-type]
            if expected:
                positives += 1
                found += any(h.entity.id == expected and h.result.match for h in hits)
            else:
                alarms += any(h.result.match for h in hits)
        elapsed = time.perf_counter() - start
        print(
            f"  same {len(queries)} queries, same candidates, {label:>12}: "
            f"{len(queries) / elapsed:7,.0f} queries/s, found {found}/{positives}, "
            f"random names with a match {alarms}/{len(queries) - positives}"
        )


class _Fake:
    """Just enough of a MatchResult for ScreeningIndex.screen to rank logic-v2 scores."""

    def __init__(self, score: float, match: bool) -> None:
        self.score = score
        self.match = match


def _synthetic_child(
    size: int, out: multiprocessing.Queue[tuple[float, float, float, int]]
) -> None:
    rng = random.Random(1_000_000)
    start = time.perf_counter()
    index = ScreeningIndex()
    for number in range(size):
        index.add(random_entity(rng, number))
    index.freeze()
    build_s = time.perf_counter() - start
    queries: list[Entity] = []
    for number in range(2000):
        source = index.entities[rng.randrange(size)]
        queries.append(make_entity(f"q{number}", source.schema, [perturb(source.names[0], rng)]))
    start = time.perf_counter()
    found = 0
    for query in queries:
        hits = index.screen(query)
        found += bool(hits and hits[0].result.match)
    qps = len(queries) / (time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put((build_s, rss_mb, qps, found))


def synthetic_bench(size: int) -> None:
    """Index a synthetic list of `size` names in a fresh process; time, peak memory, queries/s."""
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[tuple[float, float, float, int]] = ctx.Queue()
    child = ctx.Process(target=_synthetic_child, args=(size, queue))
    child.start()
    build_s, rss_mb, qps, found = queue.get()
    child.join()
    print(f"\n== synthetic list of {size:,} names (fresh process) ==")
    print(
        f"index build {build_s:.1f}s, peak RSS {rss_mb:,.0f} MB, {qps:,.0f} queries/s "
        f"(2,000 perturbed queries, top hit a match for {found} = {found / 2000:.1%})"
    )


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark parts and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1,000,000-name part")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument(
        "--nk-sample", type=int, default=500, help="queries also screened with logic-v2 (0 = none)"
    )
    args = parser.parse_args(argv)
    name_bench()
    screening_bench(args.nk_sample)
    if not args.quick:
        synthetic_bench(args.size)


__all__ = ["main", "perturb", "random_entity", "score_pair"]
_: Callable[..., object] = main

if __name__ == "__main__":
    main()
