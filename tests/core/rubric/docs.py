"""Small rubric documents for the rule tables: equal-weight indicators in every group."""

from __future__ import annotations

import copy
from typing import Any

MET_SCALE = [
    {"value": "met", "label": "met", "points": 1},
    {"value": "partly", "label": "partly", "points": 0.5},
    {"value": "not_met", "label": "not met", "points": 0},
    {"value": "unknown", "label": "unknown", "points": None},
]


def _indicators(prefix: str, count: int, evidence: bool = False) -> list[dict[str, Any]]:
    weights = [100 // count] * count
    weights[0] += 100 - sum(weights)
    return [
        {
            "id": f"{prefix}{i + 1}",
            "question": f"Question {prefix}{i + 1}?",
            "guidance": "Look it up.",
            "weight": w,
            "evidence_required": evidence,
        }
        for i, w in enumerate(weights)
    ]


def ladder_doc(
    levels: int = 3, per_level: int = 4, threshold: float = 75, min_answered: float = 50
) -> dict[str, Any]:
    """A ladder rubric: levels 1..n, indicators L1a..: ids 'l<level>-<n>' -> 'l1-1'."""
    return {
        "name": "tiny",
        "version": 1,
        "title": "Tiny ladder",
        "rule": {"kind": "ladder", "threshold": threshold, "min_answered": min_answered},
        "default_scale": "met",
        "scales": {"met": copy.deepcopy(MET_SCALE)},
        "base_level": {"level": 0, "label": "None", "description": "Floor.", "offers": ["Wait."]},
        "levels": [
            {
                "level": n,
                "label": f"L{n}",
                "description": f"Level {n}.",
                "offers": [f"Offer for {n}."],
                "partnerships": [{"type": "supporter", "reason": "Fits."}],
                "indicators": _indicators(f"l{n}-", per_level),
            }
            for n in range(1, levels + 1)
        ],
    }


def sections_doc(sections: int = 2, per_section: int = 2, weak_below: float = 66) -> dict[str, Any]:
    """A weighted-sections rubric on a 0-3 rating: indicators 's<n>-<i>'."""
    return {
        "name": "tiny-sections",
        "version": 1,
        "title": "Tiny sections",
        "rule": {"kind": "weighted_sections", "weak_below": weak_below},
        "default_scale": "rating",
        "scales": {"rating": [{"value": v, "label": str(v), "points": v} for v in range(4)]},
        "sections": [
            {
                "id": f"s{n}",
                "title": f"Section {n}",
                "indicators": _indicators(f"s{n}-", per_section),
                "next_steps": [f"Do the next thing for {n}."],
            }
            for n in range(1, sections + 1)
        ],
    }
