"""Use-cases of the engagement log: check-ins, the dashboard, warm introductions, follow-ups."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from partnerpath.accounts.choices import EDIT_ROLES
from partnerpath.accounts.models import Membership, Programme, User
from partnerpath.core import checkins, network
from partnerpath.engagement.choices import ConnectionKind
from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.registry.models import Contact, Organisation

if TYPE_CHECKING:
    from partnerpath.partnerships.models import Meeting


def today() -> date:
    """Today's date in the configured time zone."""
    return timezone.localdate()


# An interaction is logged once it happened; a day ahead is allowed for people in time zones
# ahead of the server's.
DAYS_AHEAD_ALLOWED = 1


def interaction_date_problem(day: date | None) -> str:
    """Why an interaction cannot carry this date ("" when it can): it must not lie in the future."""
    if day is None or day <= today() + timedelta(days=DAYS_AHEAD_ALLOWED):
        return ""
    return (
        f"{day:%d %b %Y} is in the future. Log an interaction once it has happened; for a "
        "planned meeting, add a follow-up with that due date to an earlier interaction."
    )


def last_contact_expression() -> Max:
    """The latest interaction date of an organisation (for ``annotate``), ignoring dates after
    today, so a wrongly dated entry cannot hide an organisation from the overdue lists."""
    return Max("interactions__occurred_on", filter=Q(interactions__occurred_on__lte=today()))


def _checkin_input(org: Organisation, last: date | None) -> checkins.CheckinInput:
    return checkins.CheckinInput(org.pk, org.kind, org.checkin_every_days, last)


def checkin_of(org: Organisation) -> checkins.Checkin:
    """Where one organisation stands against its check-in cadence (future dates ignored)."""
    now = today()
    last = org.interactions.filter(occurred_on__lte=now).aggregate(last=Max("occurred_on"))["last"]
    return checkins.checkin(_checkin_input(org, last), now)


@dataclass(frozen=True)
class DueCheckin:
    """A check-in that is due, with its organisation."""

    organisation: Organisation
    checkin: checkins.Checkin


@dataclass(frozen=True)
class Dashboard:
    """What the home dashboard shows for one programme."""

    due_checkins: list[DueCheckin]
    open_follow_ups: list[FollowUp]
    stale: list[tuple[Organisation, date | None]]
    stale_after_days: int
    counts: dict[str, int]


def dashboard(programme: Programme, stale_after_days: int | None = None) -> Dashboard:
    """Due and overdue check-ins, open follow-ups and organisations not contacted for a while."""
    days = stale_after_days or programme.stale_after_days
    now = today()
    orgs = list(
        Organisation.objects.filter(programme=programme, is_active=True)
        .annotate(last_contact=last_contact_expression())
        .order_by("name")
    )
    by_id = {o.pk: o for o in orgs}
    due = checkins.due_checkins((_checkin_input(o, o.last_contact) for o in orgs), now)
    stale: list[tuple[Organisation, date | None]] = [
        (o, o.last_contact) for o in orgs if checkins.is_stale(o.last_contact, now, days)
    ]
    stale.sort(key=lambda pair: (pair[1] is not None, pair[1] or now))
    follow_ups = list(
        FollowUp.objects.filter(programme=programme, done_on__isnull=True)
        .select_related("owner", "interaction")
        .order_by("due_on", "id")
    )
    counts = {
        "organisations": len(orgs),
        "contacts": Contact.objects.filter(programme=programme).count(),
        "interactions_90d": Interaction.objects.filter(
            programme=programme, occurred_on__gte=now - timedelta(days=90)
        ).count(),
        "overdue": sum(1 for d in due if d.status is checkins.CheckinStatus.OVERDUE),
    }
    return Dashboard(
        [DueCheckin(by_id[c.organisation_id], c) for c in due], follow_ups, stale, days, counts
    )


def recent_interactions(org: Organisation, limit: int = 10) -> list[Interaction]:
    """The organisation's latest interactions."""
    return list(
        org.interactions.order_by("-occurred_on", "-id").prefetch_related("follow_ups")[:limit]
    )


def _person(kind: str, pk: int | None) -> network.Person | None:
    return (kind, pk) if pk is not None else None


def programme_edges(programme: Programme) -> list[network.Edge]:
    """Every connection of the programme as a graph edge."""
    edges = []
    for c in Connection.objects.filter(programme=programme).values_list(
        "from_user_id", "from_contact_id", "to_user_id", "to_contact_id", "kind"
    ):
        a = _person("user", c[0]) or _person("contact", c[1])
        b = _person("user", c[2]) or _person("contact", c[3])
        if a and b:
            edges.append(network.Edge(a, b, c[4]))
    return edges


@dataclass(frozen=True)
class IntroductionStep:
    """One person in a warm-introduction chain, with how they know the next one."""

    label: str
    is_team: bool
    link: str


@dataclass(frozen=True)
class Introductions:
    """The chains shown on an organisation's page, and how many contacts could be reached."""

    chains: list[list[IntroductionStep]]
    reachable: int

    @property
    def more(self) -> int:
        """Reachable contacts whose chain is not shown."""
        return self.reachable - len(self.chains)

    def __iter__(self) -> Iterator[list[IntroductionStep]]:
        """The chains shown (callers that only want those can iterate)."""
        return iter(self.chains)


# How a link reads when the chain walks it against the direction it was recorded in.
_REVERSED = {ConnectionKind.INTRODUCED_BY.value: "introduced"}


def link_label(kind: str, as_recorded: bool) -> str:
    """A connection as it reads from one person to the next ("was introduced by" one way,
    "introduced" the other; "knows" and "worked with" read the same both ways)."""
    if not as_recorded and kind in _REVERSED:
        return _REVERSED[kind]
    try:
        return str(ConnectionKind(kind).label)
    except ValueError:
        return kind.replace("_", " ")


def introduction_team(programme: Programme) -> list[network.Person]:
    """Who counts as "our team" for warm introductions: active users whose role in the programme
    may change records (admins, PSE leads, team members). Reviewers and viewers, often the donor
    or the wider programme, do not make introductions on the team's behalf."""
    ids = Membership.objects.filter(
        programme=programme, role__in=EDIT_ROLES, user__is_active=True
    ).values_list("user_id", flat=True)
    return [("user", uid) for uid in ids]


def warm_introductions_to(org: Organisation, limit: int = 5) -> Introductions:
    """Shortest chains of connections from the programme's team to the organisation's contacts
    who are still there (inactive contacts can pass an introduction on but are not targets)."""
    programme = org.programme
    targets = [
        ("contact", cid) for cid in org.contacts.filter(is_active=True).values_list("pk", flat=True)
    ]
    if not targets:
        return Introductions([], 0)
    team = introduction_team(programme)
    every = network.warm_introductions(programme_edges(programme), team, targets, limit=None)
    chains = every[:limit]
    user_ids = {pid for c in chains for kind, pid in c.people if kind == "user"}
    contact_ids = {pid for c in chains for kind, pid in c.people if kind == "contact"}
    users = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)}
    contacts = {
        c.pk: f"{c.name} ({c.organisation.name})"
        for c in Contact.objects.filter(pk__in=contact_ids).select_related("organisation")
    }
    result = []
    for chain in chains:
        steps = []
        for i, (kind, pid) in enumerate(chain.people):
            label = users.get(pid, "?") if kind == "user" else contacts.get(pid, "?")
            link = ""
            if i < len(chain.links):
                link = link_label(chain.links[i], chain.as_recorded[i])
            steps.append(IntroductionStep(label, kind == "user", link))
        result.append(steps)
    return Introductions(result, len(every))


def connections_of_contact(contact: Contact) -> QuerySet[Connection]:
    """Connections that involve a contact."""
    return Connection.objects.filter(
        Q(from_contact=contact) | Q(to_contact=contact)
    ).select_related(
        "from_user", "to_user", "from_contact__organisation", "to_contact__organisation"
    )


class ConnectionExists(Exception):
    """The two people are already connected; the message names the connection."""


def _side(person: Any) -> dict[str, Any]:
    """Filter of one side of a connection: a user (team member) or a contact."""
    return {"user": person} if isinstance(person, User) else {"contact": person}


def connection_between(programme: Programme, a: Any, b: Any) -> Connection | None:
    """The connection already recorded between two people, in either direction."""
    one, two = _side(a), _side(b)
    forward = Q(**{f"from_{k}": v for k, v in one.items()}) & Q(
        **{f"to_{k}": v for k, v in two.items()}
    )
    backward = Q(**{f"from_{k}": v for k, v in two.items()}) & Q(
        **{f"to_{k}": v for k, v in one.items()}
    )
    return (
        Connection.objects.filter(programme=programme)
        .filter(forward | backward)
        .select_related("from_user", "to_user", "from_contact", "to_contact")
        .first()
    )


def duplicate_connection_message(existing: Connection) -> str:
    """What to tell someone who records a connection that exists already."""
    return (
        f"These two people are already connected: “{existing}”. Each pair is recorded once, "
        "whichever way round; remove that connection first to record it differently."
    )


@transaction.atomic
def record_connection(
    programme: Programme, a: Any, kind: str, b: Any, note: str = ""
) -> Connection:
    """Record that ``a`` <kind> ``b``; raises ConnectionExists when the pair is connected already
    (in either direction)."""
    existing = connection_between(programme, a, b)
    if existing is not None:
        raise ConnectionExists(duplicate_connection_message(existing))
    fields: dict[str, Any] = {"programme": programme, "kind": kind, "note": note}
    fields.update({f"from_{k}": v for k, v in _side(a).items()})
    fields.update({f"to_{k}": v for k, v in _side(b).items()})
    return Connection.objects.create(**fields)


@transaction.atomic
def set_follow_up_done(follow_up: FollowUp, done: bool) -> FollowUp:
    """Tick or untick a follow-up (a meeting's action item also goes on the timeline)."""
    follow_up.done_on = today() if done else None
    follow_up.save(update_fields=["done_on", "updated_at"])
    return follow_up


class InteractionKept(Exception):
    """The interaction may not be deleted from the engagement log; the message says why."""


def partnership_meeting_of(interaction: Interaction) -> Meeting | None:
    """The partnership meeting that the interaction is, if any (the partnerships app's record)."""
    return getattr(interaction, "partnership_meeting", None)


def kept_because(interaction: Interaction) -> str:
    """Why the engagement log keeps the interaction ("" when it may be deleted)."""
    meeting = partnership_meeting_of(interaction)
    if meeting is None:
        return ""
    return (
        f"“{interaction.title}” is a meeting of the partnership “{meeting.partnership.title}”: "
        "deleting it would erase its decisions and action items from the partnership's record, "
        "so it is kept. Open it from the partnership's meetings; edit it here if it is wrong."
    )


@transaction.atomic
def delete_interaction(interaction: Interaction) -> None:
    """Delete an interaction and its follow-ups; a partnership's meeting raises InteractionKept."""
    why = kept_because(interaction)
    if why:
        raise InteractionKept(why)
    interaction.delete()


def team_of(programme: Programme) -> QuerySet[User]:
    """Users who belong to the programme."""
    return User.objects.filter(memberships__programme=programme).order_by("username")


@dataclass(frozen=True)
class InteractionFilter:
    """What the engagement log can be filtered by (web, API and export alike)."""

    search: str = ""
    kind: str = ""
    organisation: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def filter_interactions(qs: QuerySet[Interaction], flt: InteractionFilter) -> QuerySet[Interaction]:
    """Apply a filter; sub-queries instead of joins keep each interaction once."""
    if flt.search:
        matching = Interaction.objects.filter(
            Q(title__icontains=flt.search)
            | Q(summary__icontains=flt.search)
            | Q(organisations__name__icontains=flt.search)
        )
        qs = qs.filter(pk__in=matching.values("pk"))
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.organisation is not None:
        through = Interaction.organisations.through.objects.filter(organisation_id=flt.organisation)
        qs = qs.filter(pk__in=through.values("interaction_id"))
    if flt.date_from:
        qs = qs.filter(occurred_on__gte=flt.date_from)
    if flt.date_to:
        qs = qs.filter(occurred_on__lte=flt.date_to)
    return qs


def interactions_of(
    programme: Programme, flt: InteractionFilter | None = None
) -> QuerySet[Interaction]:
    """The programme's engagement log, filtered, newest first, with what the list shows."""
    qs = filter_interactions(
        Interaction.objects.filter(programme=programme), flt or InteractionFilter()
    )
    return qs.prefetch_related("organisations", "follow_ups").order_by("-occurred_on", "-id")
