"""A programme's gate configuration: which rules apply on entering which stage, their
thresholds, and who may override a gate. Stored with every gate result so an auditor sees the
configuration that decided it; read from and written to plain mappings (JSON in the database)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from partnerpath.core.lifecycle.facts import PartnerRole
from partnerpath.core.lifecycle.stages import Stage
from partnerpath.core.risk.checklist import Rating
from partnerpath.core.wording import noun

RULESET = "gates-v1"
# The rules each ruleset knows; gates.py implements them (a test keeps both in step).
KNOWN_RULES: Mapping[str, frozenset[str]] = {
    RULESET: frozenset(
        {
            "point_persons",
            "due_diligence",
            "no_open_deal_breakers",
            "contributions",
            "governance",
            "risk_protocol",
            "do_no_harm",
            "success_indicators",
            "signed_agreement",
        }
    ),
}
DEFAULT_RULES: Mapping[Stage, tuple[str, ...]] = {
    Stage.CO_CREATION: ("point_persons", "due_diligence"),
    Stage.AGREEMENT: (
        "no_open_deal_breakers",
        "contributions",
        "governance",
        "risk_protocol",
        "success_indicators",
    ),
    Stage.IMPLEMENTATION: ("signed_agreement",),
}
DEFAULT_OVERRIDE_ROLES = frozenset({"admin", "pse_lead"})


class GateConfigError(ValueError):
    """A configuration that cannot be used; ``problems`` lists every reason in words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class GateConfig:
    """One programme's gates. ``rules`` maps the stage being entered to the rule names checked;
    ``require_due_diligence`` makes a missing or unrated checklist block for partners in
    ``due_diligence_roles``; ``blocking_ratings`` are the due-diligence ratings that block;
    ``not_overridable`` lists requirement codes no override may pass."""

    ruleset: str = RULESET
    rules: Mapping[Stage, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_RULES))
    require_due_diligence: bool = False
    due_diligence_roles: frozenset[PartnerRole] = frozenset({PartnerRole.COMPANY})
    blocking_ratings: frozenset[Rating] = frozenset({Rating.UNACCEPTABLE})
    min_success_indicators: int = 1
    every_partner_contributes: bool = False
    override_roles: frozenset[str] = DEFAULT_OVERRIDE_ROLES
    min_reason_length: int = 1
    not_overridable: frozenset[str] = frozenset()

    def rules_for(self, stage: Stage) -> tuple[str, ...]:
        """The rules checked on entering ``stage``."""
        return tuple(self.rules.get(stage, ()))

    def to_mapping(self) -> dict[str, Any]:
        """A JSON-ready copy, read back by ``config_from_mapping``."""
        return {
            "ruleset": self.ruleset,
            "rules": {s.value: list(self.rules[s]) for s in Stage if s in self.rules},
            "require_due_diligence": self.require_due_diligence,
            "due_diligence_roles": sorted(r.value for r in self.due_diligence_roles),
            "blocking_ratings": sorted(r.value for r in self.blocking_ratings),
            "min_success_indicators": self.min_success_indicators,
            "every_partner_contributes": self.every_partner_contributes,
            "override_roles": sorted(self.override_roles),
            "min_reason_length": self.min_reason_length,
            "not_overridable": sorted(self.not_overridable),
        }


def _enum_set(
    data: Mapping[str, Any], key: str, kind: type[PartnerRole] | type[Rating], problems: list[str]
) -> frozenset[Any] | None:
    if key not in data:
        return None
    values = data[key]
    known = {m.value for m in kind}
    bad = [v for v in values if v not in known]
    if bad:
        problems.append(f"{key}: unknown {noun(len(bad), 'value')} {', '.join(map(str, bad))}.")
        return None
    return frozenset(kind(v) for v in values)


def _strings(data: Mapping[str, Any], key: str, problems: list[str]) -> bool:
    value = data.get(key, [])
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return True
    problems.append(f"{key} must be a list of names.")
    return False


def config_from_mapping(data: Mapping[str, Any]) -> GateConfig:
    """Read a stored configuration; keys left out keep their defaults. Raises GateConfigError
    naming every unknown ruleset, stage, rule, role or rating and every bad threshold."""
    problems: list[str] = []
    known_keys = set(GateConfig().to_mapping())
    problems += [f"Unknown setting {k!r}." for k in data if k not in known_keys]
    ruleset = str(data.get("ruleset", RULESET))
    if ruleset not in KNOWN_RULES:
        problems.append(f"Unknown ruleset {ruleset!r}; known: {', '.join(sorted(KNOWN_RULES))}.")
        raise GateConfigError(problems)
    rules: dict[Stage, tuple[str, ...]] = dict(DEFAULT_RULES)
    if "rules" in data and not isinstance(data["rules"], Mapping):
        problems.append("rules must map stages to lists of rule names.")
    elif "rules" in data:
        rules = {}
        for stage_name, names in data["rules"].items():
            if stage_name not in {s.value for s in Stage}:
                problems.append(f"Unknown stage {stage_name!r}.")
                continue
            if not _strings(data["rules"], stage_name, problems):
                continue
            unknown = [n for n in names if n not in KNOWN_RULES[ruleset]]
            if unknown:
                what = noun(len(unknown), "rule")
                problems.append(f"Unknown {what} for {stage_name}: {', '.join(unknown)}.")
            rules[Stage(stage_name)] = tuple(names)
    for key in ("min_success_indicators", "min_reason_length"):
        value = data.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"{key} must be a whole number, 0 or more.")
    for key in ("override_roles", "not_overridable", "due_diligence_roles", "blocking_ratings"):
        _strings(data, key, problems)
    roles = _enum_set(data, "due_diligence_roles", PartnerRole, problems)
    ratings = _enum_set(data, "blocking_ratings", Rating, problems)
    if problems:
        raise GateConfigError(problems)
    base = GateConfig()
    return GateConfig(
        ruleset=ruleset,
        rules=rules,
        require_due_diligence=bool(data.get("require_due_diligence", False)),
        due_diligence_roles=roles if roles is not None else base.due_diligence_roles,
        blocking_ratings=ratings if ratings is not None else base.blocking_ratings,
        min_success_indicators=int(data.get("min_success_indicators", 1)),
        every_partner_contributes=bool(data.get("every_partner_contributes", False)),
        override_roles=frozenset(data.get("override_roles", DEFAULT_OVERRIDE_ROLES)),
        min_reason_length=int(data.get("min_reason_length", 1)),
        not_overridable=frozenset(data.get("not_overridable", ())),
    )


# The requirement that keeps a partner rated unacceptable out, and its rule.
DUE_DILIGENCE_CODE = "due_diligence_blocking"
DUE_DILIGENCE_RULE = "due_diligence"


def _checks_due_diligence(config: GateConfig) -> bool:
    return any(DUE_DILIGENCE_RULE in config.rules_for(s) for s in Stage)


def weakened_protections(old: GateConfig, new: GateConfig) -> list[str]:
    """What a change of configuration turns off of the protection against partners whose due
    diligence is rated unacceptable: the due-diligence rule in every gate, the unacceptable
    rating as a blocking one, or the rule that no override passes it. A programme must confirm
    each of these explicitly, with its reason."""
    found = []
    if _checks_due_diligence(old) and not _checks_due_diligence(new):
        found.append("No gate would check due diligence any more.")
    if Rating.UNACCEPTABLE in old.blocking_ratings and Rating.UNACCEPTABLE not in (
        new.blocking_ratings
    ):
        found.append("A partner whose due diligence is rated unacceptable would no longer block.")
    if DUE_DILIGENCE_CODE in old.not_overridable and DUE_DILIGENCE_CODE not in (
        new.not_overridable
    ):
        found.append(
            "An override could let through a partner whose due diligence is rated unacceptable."
        )
    return found


def _listed(values: Any) -> str:
    if isinstance(values, list):
        return ", ".join(map(str, values)) or "none"
    return str(values)


def config_changes(old: GateConfig, new: GateConfig) -> list[str]:
    """Every difference between two configurations in words, stage by stage, then setting by
    setting (empty: nothing changed)."""
    found = []
    for stage in Stage:
        before, after = old.rules_for(stage), new.rules_for(stage)
        added = [r for r in after if r not in before]
        removed = [r for r in before if r not in after]
        parts = []
        if added:
            parts.append(f"added {', '.join(added)}")
        if removed:
            parts.append(f"removed {', '.join(removed)}")
        if parts:
            found.append(f"Entering {stage.value}: {'; '.join(parts)}.")
    was, now = old.to_mapping(), new.to_mapping()
    for key in was:
        if key != "rules" and was[key] != now[key]:
            found.append(f"{key}: {_listed(was[key])} → {_listed(now[key])}.")
    return found
