"""Trust work: concerns, fears and deal-breakers; internal buy-in at company partners; meetings
and co-creation workshops with their decisions and action items. Every change writes a timeline
entry; a meeting is also an entry of the engagement log, and its action items are that entry's
follow-ups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.dateformat import format as format_date

from partnerpath.accounts.models import User
from partnerpath.audit.context import because
from partnerpath.core.wording import sentence_end
from partnerpath.engagement import services as engagement
from partnerpath.engagement.choices import InteractionKind
from partnerpath.engagement.models import FollowUp, Interaction
from partnerpath.partnerships.choices import (
    UNSETTLED,
    ConcernStatus,
    Department,
    EventKind,
    PartnerRole,
    Severity,
    Stance,
)
from partnerpath.partnerships.models import BuyIn, Concern, Decision, Meeting, Partner, Partnership
from partnerpath.partnerships.services import timeline
from partnerpath.registry.models import Contact, Organisation

SETTLED = (ConcernStatus.RESOLVED, ConcernStatus.ACCEPTED)
# What a concern's edit may change; a save that changes none of these leaves no timeline entry.
CONCERN_FIELDS = ["raised_by_id", "title", "description", "category", "severity"]
CONCERN_FIELDS += ["is_deal_breaker", "status", "resolution", "resolved_on"]


# Concerns, fears and deal-breakers


def concerns_of(partnership: Partnership, status: str = "") -> QuerySet[Concern]:
    """The partnership's concerns, unsettled first, deal-breakers and the most severe first
    among them; ``status`` is a status or "unsettled" (open or being resolved)."""
    rows = partnership.concerns.select_related("raised_by__organisation")
    if status == "unsettled":
        rows = rows.filter(status__in=UNSETTLED)
    elif status:
        rows = rows.filter(status=status)
    return rows.annotate(
        settled=Case(
            When(status__in=UNSETTLED, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        weight=Case(
            When(severity=Severity.HIGH, then=Value(0)),
            When(severity=Severity.MEDIUM, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    ).order_by("settled", "-is_deal_breaker", "weight", "raised_on", "id")


def raised_by_label(concern: Concern) -> str:
    """Who raised the concern, in words."""
    if concern.raised_by_id and concern.raised_by is not None:
        return str(concern.raised_by.organisation)
    return "the programme team"


def _kind(concern: Concern) -> str:
    return "Deal-breaker" if concern.is_deal_breaker else "Concern"


def _date_the_settlement(concern: Concern) -> None:
    """A settled concern has a date (today unless given); an unsettled one has none."""
    if concern.status in SETTLED:
        concern.resolved_on = concern.resolved_on or timezone.localdate()
    else:
        concern.resolved_on = None


@transaction.atomic
def raise_concern(partnership: Partnership, concern: Concern) -> Concern:
    """Record a concern, fear or deal-breaker of ``partnership`` and put it on the timeline,
    flagged when it is a deal-breaker. Raises ValidationError for a partner of another
    partnership, or a settled concern without a resolution."""
    concern.partnership = partnership
    concern.programme_id = partnership.programme_id
    _date_the_settlement(concern)
    concern.full_clean()
    with because(concern.resolution.strip() if concern.status in SETTLED else ""):
        concern.save()
    timeline.record(
        partnership,
        EventKind.CONCERN,
        f"{_kind(concern)} raised by {raised_by_label(concern)}: {concern.title}",
        detail=concern.description,
        flagged=concern.is_deal_breaker,
    )
    return concern


def _status_summary(concern: Concern, reason: str) -> str:
    title = f"{_kind(concern)} “{concern.title}”"
    why = f" {reason}" if reason else ""
    if concern.status == ConcernStatus.RESOLVED:
        return f"{title} resolved: {concern.resolution.strip()}"
    if concern.status == ConcernStatus.ACCEPTED:
        return f"{title} accepted by the partners: {concern.resolution.strip()}"
    if concern.status == ConcernStatus.BEING_RESOLVED:
        return f"{title} is being resolved.{why}"
    return f"{title} reopened.{why}"


@transaction.atomic
def update_concern(concern: Concern, reason: str = "") -> Concern:
    """Save changes to a concern. A change of status goes on the timeline and into the history
    with its reason: ``reason`` if given, else the resolution. A save that changes nothing
    leaves no entry."""
    before = Concern.objects.select_for_update().get(pk=concern.pk)
    _date_the_settlement(concern)
    concern.full_clean()
    changed = [f for f in CONCERN_FIELDS if getattr(before, f) != getattr(concern, f)]
    if not changed:
        return concern
    reason = reason.strip()
    moved = before.status != concern.status
    why = reason or (concern.resolution.strip() if moved and concern.status in SETTLED else "")
    with because(why):
        concern.save()
    if moved:
        summary = _status_summary(concern, reason)
    elif before.is_deal_breaker != concern.is_deal_breaker:
        now = "now a deal-breaker" if concern.is_deal_breaker else "no longer a deal-breaker"
        summary = f"Concern “{concern.title}” is {now}."
    else:
        summary = f"{_kind(concern)} “{concern.title}” updated."
    timeline.record(
        concern.partnership,
        EventKind.CONCERN,
        summary,
        detail=reason,
        flagged=concern.is_deal_breaker or before.is_deal_breaker,
    )
    return concern


# Internal buy-in at company partners


@dataclass(frozen=True)
class BuyInRow:
    """One department's stance at a partner, its champion and notes, as the grid saves them."""

    department: str
    stance: str
    champion: Contact | None = None
    notes: str = ""


def buy_in_partners(partnership: Partnership) -> list[Partner]:
    """The company partners with their organisations, the organisations' contacts (who may
    be champions) and their buy-in rows, in three queries."""
    rows = BuyIn.objects.select_related("champion").order_by("department")
    contacts = Contact.objects.order_by("name", "id")
    return list(
        partnership.partners.filter(role=PartnerRole.COMPANY)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("buy_in", queryset=rows),
            Prefetch("organisation__contacts", queryset=contacts, to_attr="people"),
        )
        .order_by("id")
    )


def contacts_at(partner: Partner) -> list[Contact]:
    """The people at the partner's organisation, who may be its champions (read once by
    buy_in_partners)."""
    found: list[Contact] | None = getattr(partner.organisation, "people", None)
    if found is None:
        found = list(partner.organisation.contacts.order_by("name", "id"))
    return found


def grid_of(partner: Partner) -> dict[str, BuyIn]:
    """Every department's row for ``partner`` in the grid's order; a department with nothing
    recorded gets an unsaved row that is not engaged."""
    stored = {row.department: row for row in partner.buy_in.all()}
    return {
        value: stored.get(value)
        or BuyIn(programme_id=partner.programme_id, partner=partner, department=value)
        for value in Department.values
    }


def buy_in_summary(rows: Iterable[BuyIn]) -> str:
    """A line such as “3 of 5 departments supportive; Legal opposed”."""
    found = list(rows)
    supportive = sum(1 for row in found if row.stance == Stance.SUPPORTIVE)
    text = f"{supportive} of {len(found)} departments supportive"
    opposed = [row.get_department_display() for row in found if row.stance == Stance.OPPOSED]
    if opposed:
        text += f"; {', '.join(opposed)} opposed"
    return text


def _buy_in_change(partner: Partner, row: BuyIn, was: tuple[str, int | None, str]) -> str:
    stance, champion, notes = was
    text = f"{partner.organisation}: {row.get_department_display()} {row.get_stance_display()}"
    if row.stance != stance:
        text += f" (was {Stance(stance).label.lower()})"
    parts = []
    if row.champion_id != champion:
        parts.append(f"champion {row.champion}" if row.champion_id else "no champion")
    if row.notes != notes:
        parts.append("notes updated")
    return sentence_end(f"{text}; {', '.join(parts)}" if parts else text)


@transaction.atomic
def save_buy_in(partner: Partner, rows: Sequence[BuyInRow]) -> list[BuyIn]:
    """Save a partner's buy-in grid. Each department whose stance, champion or notes changed is
    saved and gets a timeline entry; the others are left alone. Returns the changed rows."""
    stored = {
        row.department: row for row in BuyIn.objects.select_for_update().filter(partner=partner)
    }
    changed = []
    for new in rows:
        row = stored.get(new.department) or BuyIn(
            programme_id=partner.programme_id, partner=partner, department=new.department
        )
        was = (row.stance, row.champion_id, row.notes)
        now = (new.stance, new.champion.pk if new.champion else None, new.notes.strip())
        if was == now:
            continue
        row.stance, row.champion, row.notes = new.stance, new.champion, new.notes.strip()
        row.full_clean()
        row.save()
        changed.append(row)
        timeline.record(
            partner.partnership, EventKind.BUY_IN, _buy_in_change(partner, row, was), row.notes
        )
    return changed


# Meetings and co-creation workshops


@dataclass(frozen=True)
class ActionItem:
    """An action agreed in a meeting: what, who and by when."""

    description: str
    owner: User | None = None
    due_on: date | None = None


def meetings_of(partnership: Partnership) -> QuerySet[Meeting]:
    """The partnership's meetings, latest first, with their organisations and their decision
    and open-action counts, in two queries however many there are."""
    return (
        partnership.meetings.select_related("interaction")
        .prefetch_related("interaction__organisations")
        .annotate(
            decision_count=Count("decisions", distinct=True),
            action_count=Count("interaction__follow_ups", distinct=True),
            open_action_count=Count(
                "interaction__follow_ups",
                filter=Q(interaction__follow_ups__done_on__isnull=True),
                distinct=True,
            ),
        )
        .order_by("-interaction__occurred_on", "-id")
    )


def _what(meeting: Meeting) -> str:
    return "Co-creation workshop" if meeting.is_workshop else "Meeting"


@transaction.atomic
def record_meeting(
    partnership: Partnership,
    *,
    title: str,
    occurred_on: date,
    is_workshop: bool = False,
    summary: str = "",
    organisations: Iterable[Organisation] = (),
    contacts: Iterable[Contact] = (),
    team: Iterable[User] = (),
    decisions: Sequence[str] = (),
    actions: Sequence[ActionItem] = (),
    user: User | None = None,
) -> Meeting:
    """Log a meeting or co-creation workshop: an entry of the engagement log (with the partners'
    organisations, their people and the team), the partnership's meeting, its decisions and its
    action items (the entry's follow-ups), each on the timeline."""
    interaction = Interaction.objects.create(
        programme_id=partnership.programme_id,
        kind=InteractionKind.WORKSHOP if is_workshop else InteractionKind.MEETING,
        occurred_on=occurred_on,
        title=title,
        summary=summary,
        created_by=user,
    )
    interaction.organisations.set(list(organisations))
    interaction.contacts.set(list(contacts))
    interaction.team.set(list(team))
    meeting = Meeting.objects.create(
        programme_id=partnership.programme_id,
        partnership=partnership,
        interaction=interaction,
        is_workshop=is_workshop,
    )
    timeline.record(
        partnership,
        EventKind.MEETING,
        f"{_what(meeting)} held on {format_date(occurred_on, 'j M Y')}: {title}",
        detail=summary,
        at=timeline.moment(occurred_on),
    )
    add_decisions(meeting, decisions, user)
    add_action_items(meeting, actions)
    return meeting


def _held(meeting: Meeting) -> datetime:
    """When the meeting's decisions and actions go on the timeline: the meeting's date."""
    return timeline.moment(meeting.interaction.occurred_on)


@transaction.atomic
def add_decisions(
    meeting: Meeting, texts: Sequence[str], user: User | None = None
) -> list[Decision]:
    """Record the decisions taken in a meeting, one timeline entry each."""
    found = []
    for text in (t.strip() for t in texts):
        if not text:
            continue
        found.append(
            Decision.objects.create(
                programme_id=meeting.programme_id, meeting=meeting, text=text, recorded_by=user
            )
        )
        timeline.record(
            meeting.partnership,
            EventKind.DECISION,
            f"Decision in “{meeting.interaction.title}”: {text}",
            at=_held(meeting),
        )
    return found


def _action_words(item: FollowUp) -> str:
    who = f" — {item.owner}" if item.owner_id else ""
    due = f", due {format_date(item.due_on, 'j M Y')}" if item.due_on else ""
    return f"{item.description}{who}{due}"


@transaction.atomic
def add_action_items(meeting: Meeting, items: Sequence[ActionItem]) -> list[FollowUp]:
    """Record action items of a meeting as follow-ups of its engagement-log entry, one timeline
    entry each."""
    found = []
    for item in items:
        follow_up = FollowUp.objects.create(
            programme_id=meeting.programme_id,
            interaction=meeting.interaction,
            description=item.description.strip(),
            owner=item.owner,
            due_on=item.due_on,
        )
        found.append(follow_up)
        timeline.record(
            meeting.partnership,
            EventKind.ACTION,
            f"Action item from “{meeting.interaction.title}”: {_action_words(follow_up)}",
            at=_held(meeting),
        )
    return found


@transaction.atomic
def set_action_done(meeting: Meeting, follow_up: FollowUp, done: bool) -> FollowUp:
    """Tick or untick an action item of ``meeting`` (record_tick puts it on the timeline)."""
    if follow_up.interaction_id != meeting.interaction_id:
        raise ValueError("The action item belongs to another meeting.")
    if follow_up.is_done != done:
        engagement.set_follow_up_done(follow_up, done)
    return follow_up
