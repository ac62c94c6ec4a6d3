"""Benchmark the maturity rule: 10,000 results from stored answers, in the core (no database).

Run from the repository root:

    .venv/bin/python bench/rubric.py [--results 10000] [--seed 7]

Stored answers are what the assessments app keeps per assessment: indicator id -> (value, has
evidence), with some indicators unanswered. The rubric is compiled once (``Ladder``); the timed
part turns each stored set into ``Answer`` objects and computes the full result (level, status and
coverage per level, confidence, gaps, offers, explanation). Prints the best of three runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from partnerpath.core.rubric import Answer, Ladder, load_packaged  # noqa: E402

VALUES = ["met", "partly", "not_met", "unknown", None]  # None: not answered


def stored_answers(count: int, seed: int) -> list[dict[str, tuple[str, bool]]]:
    """Answer sets that climb the ladder with realistic spread (stronger on lower levels)."""
    rubric = load_packaged("maturity-v1")
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        strength = rng.random()
        row: dict[str, tuple[str, bool]] = {}
        for level in rubric.levels:
            p_met = max(0.05, strength - 0.2 * (level.level - 1))
            for ind in level.indicators:
                value = "met" if rng.random() < p_met else rng.choice(VALUES)
                if value is not None:
                    row[ind.id] = (value, rng.random() < 0.6)
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rubric = load_packaged("maturity-v1")
    t0 = time.perf_counter()
    ladder = Ladder(rubric)
    compile_ms = (time.perf_counter() - t0) * 1000
    rows = stored_answers(args.results, args.seed)

    best = float("inf")
    levels: Counter[int] = Counter()
    for _ in range(3):
        levels.clear()
        start = time.perf_counter()
        for row in rows:
            result = ladder.evaluate({k: Answer(v, e) for k, (v, e) in row.items()})
            levels[result.level] += 1
        best = min(best, time.perf_counter() - start)

    per = best / args.results * 1e6
    print(f"rubric {rubric.key}: {sum(1 for _ in rubric.indicators())} indicators, 4 levels")
    print(f"compile once: {compile_ms:.2f} ms")
    print(
        f"{args.results:,} maturity results from stored answers: {best:.3f} s ({per:.1f} us each)"
    )
    print("levels: " + ", ".join(f"{lv}: {levels[lv]}" for lv in sorted(levels)))
    print("target: under 1 s -> " + ("OK" if best < 1.0 else "TOO SLOW"))


if __name__ == "__main__":
    main()
