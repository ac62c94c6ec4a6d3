"""Stage gates (gates-v1): each rule is a small pure function over the partnership's facts and
the programme's configuration; its docstring is the explanation users read. ``check_move`` plans
a stage change, runs the gates of every stage it enters and lists every unmet requirement in
plain words (the body of a 409 answer)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from partnerpath.core.lifecycle.facts import PartnershipFacts
from partnerpath.core.lifecycle.gate_config import RULESET, GateConfig
from partnerpath.core.lifecycle.stages import Move, Stage, label, plan_move
from partnerpath.core.risk.checklist import RATING_ORDER
from partnerpath.core.wording import plural, sentence_end

MOVE_RULE = "stages"  # the pseudo-rule of requirements that come from the move, not a gate


@dataclass(frozen=True)
class Check:
    """What one rule found: met or not, the reason, and each missing thing as (code, message)."""

    met: bool
    reason: str
    missing: tuple[tuple[str, str], ...] = ()


Rule = Callable[[PartnershipFacts, GateConfig], Check]


def _check(met_reason: str, missing: list[tuple[str, str]]) -> Check:
    if missing:
        return Check(False, " ".join(m for _, m in missing), tuple(missing))
    return Check(True, met_reason)


def point_persons(facts: PartnershipFacts, config: GateConfig) -> Check:
    """Every side names a point-person who leads the partnership's development for it: the
    programme and each partner (brief, learning 5)."""
    missing = []
    if not facts.partners:
        missing.append(("partners_missing", "Add at least one partner."))
    if not facts.programme_point_person:
        missing.append(("point_person_missing", "Name the programme's point-person."))
    missing += [
        ("point_person_missing", sentence_end(f"Name a point-person for {p.name}"))
        for p in facts.partners
        if not p.point_person
    ]
    return _check("Every side has a point-person.", missing)


def due_diligence(facts: PartnershipFacts, config: GateConfig) -> Check:
    """No partner's due diligence is rated in a blocking rating (by default: unacceptable). A
    partner without a checklist does not block unless the programme requires due diligence for
    partners of its role; then a missing or not yet rated checklist blocks too."""
    blocking = " or ".join(r.value for r in RATING_ORDER if r in config.blocking_ratings)
    missing = []
    for p in facts.partners:
        rating = facts.due_diligence.get(p.key)
        required = config.require_due_diligence and p.role in config.due_diligence_roles
        if rating is not None and rating in config.blocking_ratings:
            msg = (
                f"Due diligence on {p.name} is rated {rating.value}; the programme does not go "
                f"on with a partner rated {blocking}. Remediate and re-rate, or close."
            )
            missing.append(("due_diligence_blocking", msg))
        elif required and p.key not in facts.due_diligence:
            msg = sentence_end(f"Do the due diligence on {p.name}")
            missing.append(("due_diligence_missing", msg))
        elif required and rating is None:
            msg = f"Finish and sign off the due diligence on {p.name}: it is not rated yet."
            missing.append(("due_diligence_unrated", msg))
    return _check(f"No partner's due diligence is rated {blocking}.", missing)


def no_open_deal_breakers(facts: PartnershipFacts, config: GateConfig) -> Check:
    """Every deal-breaker is resolved or accepted by the partners before they agree: unresolved
    deal-breakers found during implementation are toxic (brief, learning 2)."""
    missing = [
        (
            "open_deal_breaker",
            f'Settle the deal-breaker "{c.title}" raised by {facts.partner_name(c.raised_by)} '
            f"({c.status.value.replace('_', ' ')}).",
        )
        for c in facts.open_deal_breakers
    ]
    return _check("No deal-breaker is open.", missing)


def contributions(facts: PartnershipFacts, config: GateConfig) -> Check:
    """The partners have agreed what each brings (cash, in kind, expertise); where the programme
    asks for it, every partner has at least one contribution recorded."""
    missing = []
    if not facts.contributions_agreed:
        msg = "Agree the resource contributions of each partner (cash, in kind, expertise)."
        missing.append(("contributions_not_agreed", msg))
    if config.every_partner_contributes:
        missing += [
            ("contribution_missing", f"Record what {p.name} contributes.")
            for p in facts.partners
            if facts.contributions.get(p.key, 0) < 1
        ]
    return _check("Resource contributions are agreed.", missing)


def governance(facts: PartnershipFacts, config: GateConfig) -> Check:
    """A governance structure is agreed: a steering body, a meeting cadence and a decision rule,
    to make decisions and navigate challenges as they arise (brief, learning 5)."""
    gaps = facts.governance.missing
    missing = []
    if gaps:
        missing.append(("governance_missing", f"Agree the governance: {', '.join(gaps)}."))
    return _check("The governance structure is agreed.", missing)


def risk_protocol(facts: PartnershipFacts, config: GateConfig) -> Check:
    """A risk protocol says what the partners do if a trafficking case is found."""
    missing = []
    if not facts.risk_protocol:
        msg = "Agree a risk protocol: what happens if a trafficking case is found."
        missing.append(("risk_protocol_missing", msg))
    return _check("A risk protocol is agreed.", missing)


def do_no_harm(facts: PartnershipFacts, config: GateConfig) -> Check:
    """Do No Harm commitments are written down: nothing the partnership does may endanger
    workers, survivors or staff. Not in the default gates; a programme may add it."""
    missing = []
    if not facts.do_no_harm:
        msg = "Write down the Do No Harm commitments for workers, survivors and staff."
        missing.append(("do_no_harm_missing", msg))
    return _check("Do No Harm commitments are written down.", missing)


def success_indicators(facts: PartnershipFacts, config: GateConfig) -> Check:
    """The partners agree what success looks like and how it is measured: at least the
    programme's minimum number of success indicators (default 1)."""
    need, have = config.min_success_indicators, facts.success_indicators
    missing = []
    if have < need:
        msg = f"Agree at least {plural(need, 'success indicator')}; {have} so far."
        missing.append(("success_indicators_too_few", msg))
    return _check(f"{plural(have, 'success indicator')} agreed.", missing)


def signed_agreement(facts: PartnershipFacts, config: GateConfig) -> Check:
    """The partnership agreement is signed and its signed document attached."""
    missing = []
    if not facts.signed_document:
        missing.append(("signed_agreement_missing", "Attach the signed partnership agreement."))
    return _check("The signed agreement is attached.", missing)


RULESETS: Mapping[str, Mapping[str, Rule]] = {
    RULESET: {
        "point_persons": point_persons,
        "due_diligence": due_diligence,
        "no_open_deal_breakers": no_open_deal_breakers,
        "contributions": contributions,
        "governance": governance,
        "risk_protocol": risk_protocol,
        "do_no_harm": do_no_harm,
        "success_indicators": success_indicators,
        "signed_agreement": signed_agreement,
    },
}


def explain(rule: str, ruleset: str = RULESET) -> str:
    """The rule's explanation in words (its docstring, on one line)."""
    doc = RULESETS[ruleset][rule].__doc__ or ""
    return " ".join(doc.split())


@dataclass(frozen=True)
class Unmet:
    """One unmet requirement: a stable code, a message in plain words, the rule and its version,
    and the stage whose gate asked for it."""

    code: str
    message: str
    rule: str
    version: str
    stage: Stage

    def as_dict(self) -> dict[str, str]:
        """A JSON-ready copy."""
        return {
            "code": self.code,
            "message": self.message,
            "rule": self.rule,
            "version": self.version,
            "stage": self.stage.value,
        }


@dataclass(frozen=True)
class Verdict:
    """One rule's outcome on one stage's gate, kept for the audit trail."""

    stage: Stage
    rule: str
    version: str
    met: bool
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, as a stage change stores it and the gate check answers it."""
        return {
            "stage": self.stage.value,
            "rule": self.rule,
            "met": self.met,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class GateResult:
    """The outcome of a stage change: the move, whether it may go ahead, every unmet requirement,
    every rule's verdict, and the configuration that decided it."""

    move: Move
    passed: bool
    unmet: tuple[Unmet, ...]
    verdicts: tuple[Verdict, ...]
    config: GateConfig

    @property
    def overridable(self) -> bool:
        """Blocked only by gate rules that the programme lets a person override."""
        return (
            not self.passed
            and self.move.allowed
            and all(u.rule != MOVE_RULE for u in self.unmet)
            and not any(u.code in self.config.not_overridable for u in self.unmet)
        )

    def problem(self) -> dict[str, Any]:
        """The body of the 409 answer when the gate blocks."""
        target = label(self.move.target)
        count = len(self.unmet)
        return {
            "detail": f"{target} cannot be entered yet: {plural(count, 'requirement')} unmet.",
            "current": self.move.current.value,
            "target": self.move.target.value,
            "ruleset": self.config.ruleset,
            "overridable": self.overridable,
            "unmet": [u.as_dict() for u in self.unmet],
        }


def check_move(
    facts: PartnershipFacts,
    current: Stage,
    target: Stage,
    config: GateConfig | None = None,
    reason: str = "",
    closed_from: Stage | None = None,
) -> GateResult:
    """Plan the move, then run the configured rules of every stage it enters. A move that is not
    allowed, or that needs a reason it lacks, is unmet under the pseudo-rule "stages".
    ``closed_from`` is the stage a closed partnership closed from (it reopens no further)."""
    config = config or GateConfig()
    rules = RULESETS[config.ruleset]
    move = plan_move(current, target, closed_from)
    unmet: list[Unmet] = []
    if not move.allowed:
        unmet.append(Unmet("move_not_allowed", move.explanation, MOVE_RULE, config.ruleset, target))
    elif move.needs_reason and len(reason.strip()) < max(config.min_reason_length, 1):
        msg = f"Write the reason for moving to {label(target)}."
        unmet.append(Unmet("reason_missing", msg, MOVE_RULE, config.ruleset, target))
    verdicts: list[Verdict] = []
    seen: set[tuple[str, str]] = set()
    for stage in move.gates:
        for name in config.rules_for(stage):
            found = rules[name](facts, config)
            verdicts.append(Verdict(stage, name, config.ruleset, found.met, found.reason))
            for code, message in found.missing:
                if (code, message) not in seen:
                    seen.add((code, message))
                    unmet.append(Unmet(code, message, name, config.ruleset, stage))
    return GateResult(move, not unmet, tuple(unmet), tuple(verdicts), config)
