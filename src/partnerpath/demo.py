"""The fictional demo programme: `partnerpath demo load` fills it, `make demo` shows it.

Loading is idempotent: every record is found by a stable natural key (programme slug, username,
organisation name, contact name, interaction title with its first organisation...) and created
only when missing, so a second run creates nothing and leaves records people edited alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Model

from partnerpath import demo_assessments, demo_diligence
from partnerpath.accounts.models import Membership, Programme, User
from partnerpath.audit.context import acting_as, because
from partnerpath.cli import CommandError
from partnerpath.demo_data.diligence import GOODS, PROTOCOL, REFERRAL_CONTACTS, STEPS
from partnerpath.demo_data.industry_services import INDUSTRY_AND_SERVICES
from partnerpath.demo_data.interactions import INTERACTIONS, InteractionSpec
from partnerpath.demo_data.people import CONNECTIONS, CONTACTS, DEMO_PASSWORD, DEMO_USERNAME, TEAM
from partnerpath.demo_data.research import KEY_INDIVIDUALS, POLICIES, SOURCES
from partnerpath.demo_data.seafood_agri import SEAFOOD_AND_AGRICULTURE
from partnerpath.demo_data.stakeholders import LINKS, STAKEHOLDERS
from partnerpath.demo_partnerships import PartnershipDemo
from partnerpath.demo_prioritisation import PrioritisationDemo
from partnerpath.diligence.choices import ProtocolScope
from partnerpath.diligence.models import (
    OrganisationGoods,
    ProtocolStep,
    ReferralContact,
    RiskProtocol,
)
from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.engagement.services import today
from partnerpath.partnerships.models import Partnership
from partnerpath.registry.models import (
    Contact,
    KeyIndividual,
    Organisation,
    OrganisationLink,
    Policy,
    Source,
)

DEMO_SLUG = "mekong-demo"
DEMO_NAME = "Mekong Region CTIP Programme"
DEMO_URL = "http://127.0.0.1:8000/"
_DEMO_NOTE = "Demo data: this organisation and everyone in it are fictional."
ORGANISATIONS: list[dict[str, Any]] = [
    *SEAFOOD_AND_AGRICULTURE,
    *INDUSTRY_AND_SERVICES,
    *STAKEHOLDERS,
]


class DemoError(CommandError):
    """The demo cannot be loaded (for example, a real programme uses the demo's slug)."""


def load() -> str:
    """Load the demo programme and the demo login (idempotent); return a summary to print."""
    with acting_as(None, label="demo loader"), because("Demo data"), transaction.atomic():
        loader = _Loader(today())
        programme = loader.run()
    return _summary(programme, loader.created, loader.notes)


class _Loader:
    """Creates whatever part of the demo is missing, counting what it created."""

    def __init__(self, on: date) -> None:
        self.today = on
        self.created: Counter[tuple[str, str]] = Counter()
        self.users: dict[str, User] = {}
        self.orgs: dict[str, Organisation] = {}
        self.contacts: dict[str, Contact] = {}
        self.notes: list[str] = []
        self.programme: Programme

    def _made(self, obj: Model, created: bool) -> None:
        if created:
            meta = type(obj)._meta
            self.created[(str(meta.verbose_name), str(meta.verbose_name_plural))] += 1

    def run(self) -> Programme:
        self._programme()
        self._team()
        for spec in ORGANISATIONS:
            self._organisation(spec)
        for source, kind, target, note in LINKS:
            self._link(self.orgs[source], kind, self.orgs[target], note)
        self._research()
        for contact in CONTACTS:
            self._contact(contact)
        for a, kind, b in CONNECTIONS:
            self._connection(a, kind, b)
        for item in INTERACTIONS:
            self._interaction(item)
        self._diligence()
        partnerships = PartnershipDemo(
            self.programme, self.users, self.orgs, self.contacts, self.today
        )
        partnerships.run()
        if partnerships.created:
            self.created[("partnership", "partnerships")] += partnerships.created
        self.created.update(
            PrioritisationDemo(self.programme, self.users, self.orgs, self.today).run()
        )
        self.created.update(
            demo_assessments.load(self.programme, self.users, self.orgs, self.contacts, self.today)
        )
        diligence = demo_diligence.load(
            self.programme, self.users, self.orgs, self.contacts, self.today
        )
        self.created.update(diligence)
        self.notes.extend(diligence.notes)
        return self.programme

    def _diligence(self) -> None:
        """The risk protocol with its referral contacts and steps, and goods named for two
        organisations (their risk profiles use them once reference data is imported)."""
        protocol, created = RiskProtocol.objects.get_or_create(
            programme=self.programme, scope=ProtocolScope.PROGRAMME, defaults=dict(PROTOCOL)
        )
        self._made(protocol, created)
        for contact in REFERRAL_CONTACTS:
            item, created = ReferralContact.objects.get_or_create(
                programme=self.programme, protocol=protocol, name=contact["name"], defaults=contact
            )
            self._made(item, created)
        for order, (action, responsible, within) in enumerate(STEPS, start=1):
            step, created = ProtocolStep.objects.get_or_create(
                programme=self.programme,
                protocol=protocol,
                order=order,
                defaults={"action": action, "responsible": responsible, "within": within},
            )
            self._made(step, created)
        for key, goods in GOODS.items():
            record, created = OrganisationGoods.objects.get_or_create(
                programme=self.programme, organisation=self.orgs[key], defaults={"goods": goods}
            )
            self._made(record, created)

    def _programme(self) -> None:
        programme, created = Programme.objects.get_or_create(
            slug=DEMO_SLUG,
            defaults={
                "name": DEMO_NAME,
                "is_demo": True,
                "description": "Fictional demo of a regional counter-trafficking programme in the "
                "Mekong region: every organisation, person and document is invented.",
            },
        )
        if not programme.is_demo:
            raise DemoError(
                f"A programme that is not the demo already uses the slug {DEMO_SLUG!r}; "
                "the demo was not loaded."
            )
        self._made(programme, created)
        self.programme = programme

    def _team(self) -> None:
        for member in TEAM:
            user, created = User.objects.get_or_create(
                username=member.username,
                defaults={
                    "first_name": member.first_name,
                    "last_name": member.last_name,
                    "email": f"{member.username}@example.org",
                },
            )
            if member.username == DEMO_USERNAME:
                # The advertised login must work, even after someone changed it.
                if not user.check_password(DEMO_PASSWORD):
                    user.set_password(DEMO_PASSWORD)
                    user.save(update_fields=["password"])
            elif created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self._made(user, created)
            membership, created = Membership.objects.get_or_create(
                programme=self.programme, user=user, defaults={"role": member.role}
            )
            self._made(membership, created)
            self.users[member.username] = user

    def _organisation(self, spec: dict[str, Any]) -> None:
        fields = {k: v for k, v in spec.items() if k != "key"}
        fields["notes"] = f"{_DEMO_NOTE} {fields.get('notes', '')}".strip()
        org = Organisation.objects.filter(programme=self.programme, name=fields["name"]).first()
        if org is None:
            org = Organisation(programme=self.programme, **fields)
            org.full_clean()
            org.save()
            self._made(org, True)
        self.orgs[spec["key"]] = org

    def _link(self, source: Organisation, kind: str, target: Organisation, note: str) -> None:
        link, created = OrganisationLink.objects.get_or_create(
            programme=self.programme,
            from_organisation=source,
            kind=kind,
            to_organisation=target,
            defaults={"note": note},
        )
        self._made(link, created)

    def _research(self) -> None:
        for key, policies in POLICIES.items():
            for p in policies:
                policy, created = Policy.objects.get_or_create(
                    programme=self.programme,
                    organisation=self.orgs[key],
                    kind=p.kind,
                    title=p.title,
                    defaults={"year": p.year, "url": p.url},
                )
                self._made(policy, created)
        for key, people in KEY_INDIVIDUALS.items():
            for person in people:
                individual, created = KeyIndividual.objects.get_or_create(
                    programme=self.programme,
                    organisation=self.orgs[key],
                    name=person.name,
                    defaults={
                        "role": person.role,
                        "nationality": person.nationality,
                        "date_of_birth": date.fromisoformat(person.born) if person.born else None,
                    },
                )
                self._made(individual, created)
        for key, sources in SOURCES.items():
            for s in sources:
                source, created = Source.objects.get_or_create(
                    programme=self.programme,
                    organisation=self.orgs[key],
                    title=s.title,
                    defaults={
                        "field": s.field,
                        "url": s.url,
                        "accessed_on": self.today - timedelta(days=s.accessed_days_ago),
                        "quote": s.quote,
                        "created_by": self.users[DEMO_USERNAME],
                    },
                )
                self._made(source, created)

    def _contact(self, spec: Any) -> None:
        org = self.orgs[spec.key.split(".", 1)[0]]
        contact, created = Contact.objects.get_or_create(
            programme=self.programme,
            organisation=org,
            name=spec.name,
            defaults={
                "title": spec.title,
                "department": spec.department,
                "email": f"{spec.key.replace('_', '-')}@example.org",
                "is_champion": spec.champion,
                "can_commit_resources": spec.commits,
                "notes": f"{spec.notes} (Fictional demo contact.)".strip(),
            },
        )
        self._made(contact, created)
        self.contacts[spec.key] = contact

    def _person(self, side: str, ref: str) -> dict[str, Any]:
        if ref in self.contacts:
            return {f"{side}_contact": self.contacts[ref], f"{side}_user": None}
        return {f"{side}_user": self.users[ref], f"{side}_contact": None}

    def _connection(self, a: str, kind: str, b: str) -> None:
        connection, created = Connection.objects.get_or_create(
            programme=self.programme, kind=kind, **self._person("from", a), **self._person("to", b)
        )
        self._made(connection, created)

    def _interaction(self, spec: InteractionSpec) -> None:
        first = self.orgs[spec.organisations[0]]
        item = Interaction.objects.filter(
            programme=self.programme, title=spec.title, organisations=first
        ).first()
        if item is None:
            item = Interaction.objects.create(
                programme=self.programme,
                kind=spec.kind,
                occurred_on=self.today - timedelta(days=spec.days_ago),
                title=spec.title,
                summary=spec.summary,
                created_by=self.users[spec.team[0]],
            )
            item.organisations.set([self.orgs[k] for k in spec.organisations])
            item.contacts.set([self.contacts[k] for k in spec.contacts])
            item.team.set([self.users[u] for u in spec.team])
            self._made(item, True)
        for f in spec.follow_ups:
            due = self.today + timedelta(days=f.due_in)
            follow_up, created = FollowUp.objects.get_or_create(
                programme=self.programme,
                interaction=item,
                description=f.description,
                defaults={
                    "owner": self.users[f.owner],
                    "due_on": due,
                    "done_on": min(due, self.today) - timedelta(days=2) if f.done else None,
                },
            )
            self._made(follow_up, created)


def _count(n: int, names: tuple[str, str]) -> str:
    singular, plural = names
    return f"{n} {singular if n == 1 else plural}"


def _summary(
    programme: Programme, created: Counter[tuple[str, str]], notes: list[str] | None = None
) -> str:
    counts = {
        "organisations": Organisation.objects.filter(programme=programme).count(),
        "contacts": Contact.objects.filter(programme=programme).count(),
        "connections": Connection.objects.filter(programme=programme).count(),
        "interactions": Interaction.objects.filter(programme=programme).count(),
        "follow-ups": FollowUp.objects.filter(programme=programme).count(),
        "partnerships": Partnership.objects.filter(programme=programme).count(),
    }
    made = ", ".join(_count(n, what) for what, n in sorted(created.items()))
    return "\n".join(
        [
            f"Demo programme '{programme.name}' ({programme.slug}) is ready: "
            + ", ".join(f"{n} {what}" for what, n in counts.items())
            + ".",
            f"Created this time: {made or 'nothing (it was already loaded)'}.",
            *(notes or []),
            "Every organisation and person in it is fictional.",
            f"Log in at {DEMO_URL} as user '{DEMO_USERNAME}' with password '{DEMO_PASSWORD}'.",
        ]
    )
