"""Pages of the type and the stages: the type advisor with each partner's preferred type, moving
a partnership through the programme's gates (with an override for the roles allowed one), and
the programme's gate settings (admins change them; members read them)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from partnerpath.accounts.access import programme_access
from partnerpath.accounts.choices import Role
from partnerpath.audit.services import history_of
from partnerpath.core.lifecycle.gate_config import GateConfig, GateConfigError, config_from_mapping
from partnerpath.core.lifecycle.gates import GateResult, explain
from partnerpath.core.lifecycle.stages import Stage, label
from partnerpath.core.wording import plural
from partnerpath.partnerships.access import (
    PartnershipAccess,
    need_for,
    partnership_access,
    render_page,
    render_partnership,
)
from partnerpath.partnerships.forms import ANSWER_LABELS, MoveForm, TypeAdvisorForm
from partnerpath.partnerships.forms_gates import (
    CODE_LABELS,
    GATED,
    SETTINGS,
    GateSettingsForm,
    rule_label,
)
from partnerpath.partnerships.services import partners, stages
from partnerpath.partnerships.services.facts import (
    GateChangeRefused,
    gate_settings_of,
    partners_of,
    save_gate_config,
)
from partnerpath.partnerships.services.overview import next_stage


@login_required
def type_advisor(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The type advisor's questions, suggestion and reasons; preferred and agreed types."""
    found = partnership_access(request, programme, pk, need_for(request))
    partnership = found.partnership
    people = partners_of(partnership)
    form = TypeAdvisorForm(request.POST or None, partnership=partnership, partners=people)
    if request.method == "POST" and form.is_valid():
        agreed = form.cleaned_data["partnership_type"]
        done = partners.save_type_work(
            partnership, people, form.answers(), form.preferences(), agreed
        )
        text = f"Saved: {', '.join(done)}." if done else "Nothing changed."
        messages.success(request, text)
        return redirect("partnerships:type_advisor", programme, pk)
    advice = partners.advice_of(partnership, people)
    questions = {k: q for k, (q, _, _) in ANSWER_LABELS.items()}
    questions["partner_roles"] = "What does each partner do in it?"
    return render_partnership(
        request,
        "partnerships/type_advisor.html",
        found,
        "type",
        form=form,
        advice=advice,
        types=partners.types_of(advice),
        unanswered=[questions[k] for k in advice.unanswered],
        alignment=partners.alignment_of(partnership, people),
        partners=people,
    )


def _verdicts(result: GateResult) -> list[dict[str, Any]]:
    """Every rule's verdict in words, with the rule's explanation."""
    return [
        {
            "stage": label(v.stage),
            "rule": rule_label(v.rule),
            "explanation": explain(v.rule, v.version),
            "met": v.met,
            "reason": v.reason,
        }
        for v in result.verdicts
    ]


def _target(value: str, current: str) -> str:
    """The stage asked for, else the next stage of the journey."""
    return value if value in {s.value for s in Stage} else next_stage(current)


def _advance_page(
    request: HttpRequest,
    found: PartnershipAccess,
    form: MoveForm,
    result: GateResult | None,
    problems: tuple[str, ...] = (),
) -> HttpResponse:
    """The stage page with the gate result, and the override for roles allowed one."""
    membership = found.access.membership
    may_override = bool(
        result is not None
        and result.overridable
        and found.access.can_edit
        and membership.role in result.config.override_roles
    )
    return render_partnership(
        request,
        "partnerships/advance.html",
        found,
        "stage",
        form=form,
        result=result,
        verdicts=_verdicts(result) if result else [],
        target_label=label(result.move.target) if result else "",
        may_override=may_override,
        problems=problems,
        changes=stages.changes_of(found.partnership),
        closed_from=label(closed) if (closed := stages.closed_from_of(found.partnership)) else "",
        stages=[(s.value, label(s)) for s in Stage],
        role=Role(membership.role).label,
    )


@login_required
def advance(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The gate check for a chosen target stage, and the move (or an override) itself."""
    found = partnership_access(request, programme, pk, need_for(request))
    partnership = found.partnership
    if request.method != "POST":
        target = _target(request.GET.get("target", ""), partnership.stage)
        form = MoveForm(initial={"target": target})
        result = None
        if target and target != partnership.stage:
            result = stages.check_advance(partnership, target)
        return _advance_page(request, found, form, result)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _advance_page(request, found, form, None)
    data = form.cleaned_data
    start = partnership.get_stage_display()
    try:
        done = stages.advance(
            partnership, data["target"], found.access.membership, data["reason"], data["override"]
        )
    except stages.GateBlocked as blocked:
        return _advance_page(request, found, form, blocked.result)
    except stages.OverrideRefused as refused:
        return _advance_page(request, found, form, refused.result, refused.problems)
    end = partnership.get_stage_display()
    if done.change.is_override:
        count = len(done.change.overridden)
        text = f"Moved from {start} to {end}, overriding {plural(count, 'unmet requirement')}."
        messages.warning(request, text + " The override is flagged on the timeline.")
    else:
        messages.success(request, f"Moved from {start} to {end}.")
    return redirect("partnerships:detail", programme, pk)


def _field_of(problem: str) -> str | None:
    """The form field a configuration problem names, if any."""
    for key in SETTINGS:
        if problem.startswith(key) or f" {key}:" in problem:
            return key
    for stage in GATED:
        if f"for {stage.value}:" in problem:
            return f"rules_{stage.value}"
    return None


@login_required
def gate_settings(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's gates: members read them, admins change them."""
    access = programme_access(request, programme, need_for(request, "manage"))
    stored = gate_settings_of(access.programme)
    broken: list[str] = []
    try:
        config = config_from_mapping(stored.config)
    except GateConfigError as exc:  # shown to the admin, who saves a valid one over it
        config, broken = GateConfig(), exc.problems
    form = GateSettingsForm(request.POST or None, config=config) if access.can_manage else None
    weakened: list[str] = []
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes = save_gate_config(
                access.programme, form.to_mapping(), data["reason"], data["confirm_weaker"]
            )
        except GateConfigError as exc:
            for problem in exc.problems:
                form.add_error(_field_of(problem), problem)
        except GateChangeRefused as refused:
            weakened = refused.weakened
            for problem in weakened:
                form.add_error("confirm_weaker", problem)
        else:
            if changes:
                messages.success(
                    request,
                    "Gate settings saved; they apply to every move from now on. "
                    + " ".join(changes),
                )
            else:
                messages.info(request, "Nothing changed: the gate settings are as they were.")
            return redirect("partnerships:gate_settings", programme)
    gates = [
        {
            "stage": label(s),
            "rules": [(rule_label(r), explain(r, config.ruleset)) for r in config.rules_for(s)],
        }
        for s in GATED
    ]
    roles = dict(Role.choices)
    return render_page(
        request,
        "partnerships/gate_settings.html",
        access,
        config=config,
        gates=gates,
        broken=broken,
        form=form,
        override_roles=[roles.get(r, r) for r in sorted(config.override_roles)],
        locked=[CODE_LABELS.get(c, c) for c in sorted(config.not_overridable)],
        changes=history_of(stored)[:30],
        weakened=weakened,
    )
