"""Quality floors on labelled sets in ../shared/data (read there, never copied): OpenSanctions'
name bench, and held-out sets the rules were not tuned on (bench/matching_heldout.py); and on
the Asian pairs in fixtures/asia_heldout_pairs.csv, written for screening-v4's check."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from partnerpath.core.matching.scoring import compare

MATCHING = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "matching"
BENCH = MATCHING / "opensanctions_name_bench" / "name_bench_cases.csv"
ENTITY_BENCH = MATCHING / "opensanctions_name_bench" / "entity_bench_checks.yml"
CROSS_SCRIPT = MATCHING / "watchman_probes" / "cross_script_pairs.csv"
ASIA_PAIRS = Path(__file__).resolve().parent / "fixtures" / "asia_heldout_pairs.csv"
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
# Measured 0.904 overall, 0.930 companies, 0.899 persons at the default threshold (screening-v4;
# screening-v3 and -v2 0.901, 0.930, 0.895; screening-v1 0.899, 0.912 and 0.898).
FLOORS = {"overall": 0.89, "Company": 0.92, "Person": 0.885}


def _f1(pairs: list[tuple[bool, bool]]) -> float:
    tp = sum(1 for p, t in pairs if p and t)
    fp = sum(1 for p, t in pairs if p and not t)
    fn = sum(1 for p, t in pairs if not p and t)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.shared_data
def test_f1_on_the_opensanctions_name_bench_stays_above_its_floor() -> None:
    if not BENCH.exists():
        pytest.skip(f"{BENCH} not found: the shared data folder is absent")
    cases = list(csv.DictReader(BENCH.open(encoding="utf-8")))
    outcomes = [
        (c["schema"], compare(c["schema"], c["name1"], c["name2"]).match, c["is_match"] == "true")
        for c in cases
    ]
    scores = {"overall": _f1([(p, t) for _, p, t in outcomes])}
    for schema in ("Company", "Person"):
        scores[schema] = _f1([(p, t) for s, p, t in outcomes if s == schema])
    for group, floor in FLOORS.items():
        assert scores[group] >= floor, f"{group}: F1 {scores[group]:.3f} below {floor}"


def _entity_name(props: dict[str, object]) -> str:
    if "name" in props:
        return str(props["name"])
    return " ".join(str(props[k]) for k in NAME_PARTS if k in props)


@pytest.mark.shared_data
def test_f1_on_held_out_sets_stays_above_its_floor() -> None:
    # Measured 0.881 on nomenklatura's entity checks and 0.872 on watchman's cross-script pairs
    # (each query also against the other rows' names as negatives) with screening-v4;
    # screening-v3 and -v2: 0.876, 0.872; screening-v1: 0.866, 0.778.
    yaml = pytest.importorskip("yaml")
    if not ENTITY_BENCH.exists() or not CROSS_SCRIPT.exists():
        pytest.skip("held-out sets not found: the shared data folder is absent")
    checks = yaml.safe_load(ENTITY_BENCH.read_text(encoding="utf-8"))["checks"]
    entity = [
        (
            compare(c["schema"], _entity_name(c["query"]), _entity_name(c["candidate"])).match,
            bool(c["match"]),
        )
        for c in checks
    ]
    rows = [
        next(csv.reader([line]))[:2]
        for line in CROSS_SCRIPT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    pairs = [(q, m, True) for q, m in rows] + [
        (q, other, False) for q, m in rows for _, other in rows if other != m
    ]
    scripts = [(compare("Person", q, m).match, truth) for q, m, truth in pairs]
    assert _f1(entity) >= 0.86, f"entity checks: F1 {_f1(entity):.3f}"
    assert _f1(scripts) >= 0.86, f"cross-script pairs: F1 {_f1(scripts):.3f}"


# Measured with screening-v4 (screening-v3 in brackets): F1 0.927 (0.669) on all 340 pairs;
# accuracy per category legal_form 0.988 (0.768), sibling 0.964 (0.855), other_country 1.000
# (0.939), cross_script 0.869 (0.426), transliteration 0.825 (0.700), word_order 0.750 (0.750),
# honorific 0.925 (0.585).
ASIA_FLOORS = {
    "legal_form": 0.95,
    "sibling": 0.92,
    "other_country": 0.95,
    "cross_script": 0.82,
    "transliteration": 0.78,
    "word_order": 0.7,
    "honorific": 0.88,
}


def test_f1_on_the_asian_pairs_stays_above_its_floor() -> None:
    rows = list(csv.DictReader(ASIA_PAIRS.open(encoding="utf-8")))
    outcomes = [
        (
            row["category"],
            compare(
                row["schema"], row["name1"], row["name2"], row["country1"], row["country2"]
            ).match,
            row["match"] == "true",
        )
        for row in rows
    ]
    assert _f1([(p, t) for _, p, t in outcomes]) >= 0.90
    for category, floor in ASIA_FLOORS.items():
        in_category = [p == t for c, p, t in outcomes if c == category]
        accuracy = sum(in_category) / len(in_category)
        assert accuracy >= floor, f"{category}: accuracy {accuracy:.3f} below {floor}"
