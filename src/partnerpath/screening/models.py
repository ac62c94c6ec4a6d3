"""Watch lists and their versions (shared by every programme), screening runs, hits and the
people's decisions on hits (per programme)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from partnerpath.audit.recorder import audited
from partnerpath.registry.models import KeyIndividual, Organisation, ProgrammeOwned
from partnerpath.screening.choices import (
    Decision,
    HitStatus,
    ScreeningScope,
    ScreeningStatus,
    ScreeningTrigger,
)


def subject_key(organisation_id: int, key_individual_id: int | None = None) -> str:
    """Who a hit is about, as stored in the hit key: 'organisation:12' or 'person:34'."""
    if key_individual_id is not None:
        return f"person:{key_individual_id}"
    return f"organisation:{organisation_id}"


@audited()
class WatchList(models.Model):
    """A named watch list such as "OFAC SDN": public data shared by every programme."""

    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_programme_id(self) -> None:
        """Lists belong to no programme; their history is kept installation-wide."""
        return None


@audited()
class ListVersion(models.Model):
    """One imported file of a watch list, with its publication date and checksum."""

    watch_list = models.ForeignKey(WatchList, on_delete=models.CASCADE, related_name="versions")
    publication_date = models.DateField(help_text="When the list's publisher issued this file.")
    date_is_import_date = models.BooleanField(
        default=False, help_text="The file carries no publication date; the import date stands in."
    )
    checksum = models.CharField(max_length=80, help_text="SHA-256 of the imported file(s).")
    source_format = models.CharField(max_length=40)
    source_name = models.CharField("file", max_length=300)
    entity_count = models.PositiveIntegerField("entries", default=0)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["watch_list__name", "-imported_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["watch_list"],
                condition=models.Q(is_current=True),
                name="one_current_version_per_list",
            )
        ]

    def __str__(self) -> str:
        return f"{self.watch_list.name} of {self.publication_date:%d %b %Y}"

    @property
    def audit_programme_id(self) -> None:
        """List versions belong to no programme."""
        return None


class ListEntry(models.Model):
    """One listed person, company, organisation or vessel in one list version."""

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="entries")
    entity_id = models.CharField("id on the list", max_length=200)
    schema = models.CharField(max_length=20)
    caption = models.CharField("main name", max_length=500)
    names = models.JSONField(default=list, help_text="Main name first, then the aliases.")
    countries = models.JSONField(default=list)
    identifiers = models.JSONField(default=list)
    birth_dates = models.JSONField(default=list)
    dataset = models.CharField(
        "sanctions programme", max_length=300, blank=True, help_text="As the list names it."
    )
    content_hash = models.CharField(
        max_length=64, help_text="Fingerprint of what identifies the entry; changes when it does."
    )

    class Meta:
        ordering = ["version", "caption", "id"]
        verbose_name_plural = "list entries"
        constraints = [
            models.UniqueConstraint(fields=["version", "entity_id"], name="one_entry_per_list_id")
        ]

    def __str__(self) -> str:
        return self.caption


@audited(exclude=("total_count", "done_count", "task_id", "organisations"))
class Screening(ProgrammeOwned):
    """One run of screening: an organisation (or all active ones) and their key individuals
    against the current version of every watch list."""

    scope = models.CharField(max_length=20, choices=ScreeningScope.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The organisation screened; empty when all active organisations were.",
    )
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="screenings")
    trigger = models.CharField(
        max_length=20, choices=ScreeningTrigger.choices, default=ScreeningTrigger.REQUESTED
    )
    status = models.CharField(
        max_length=20, choices=ScreeningStatus.choices, default=ScreeningStatus.QUEUED
    )
    total_count = models.PositiveIntegerField("organisations to screen", default=0)
    done_count = models.PositiveIntegerField("organisations screened", default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    algorithm = models.CharField(max_length=40)
    threshold = models.FloatField()
    list_versions = models.ManyToManyField(ListVersion, blank=True, related_name="screenings")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    task_id = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    hit_count = models.PositiveIntegerField("hits", default=0)
    new_hit_count = models.PositiveIntegerField("hits needing a decision", default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # Own fields only: history writes this while the organisation may be being deleted.
        what = "one organisation" if self.organisation_id else "all active organisations"
        return f"Screening {self.pk} of {what}"

    @property
    def is_running(self) -> bool:
        """Queued or running: the page keeps polling its progress."""
        return self.status in (ScreeningStatus.QUEUED, ScreeningStatus.RUNNING)

    @property
    def percent_done(self) -> int:
        """Progress in whole percent."""
        if not self.total_count:
            return 100 if self.status == ScreeningStatus.DONE else 0
        return round(100 * self.done_count / self.total_count)


@audited()
class Adjudication(ProgrammeOwned):
    """A person's decision on a hit key (programme, subject, list, entry id and entry content):
    it survives re-screening until the list entry changes."""

    # A decision outlives the organisation row: a key individual moved by a merge keeps it.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key_individual = models.ForeignKey(
        KeyIndividual, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=40)
    watch_list = models.ForeignKey(WatchList, on_delete=models.PROTECT, related_name="+")
    entity_id = models.CharField("id on the list", max_length=200)
    entry_hash = models.CharField(max_length=64)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    proposed_decision = models.CharField(
        max_length=20,
        choices=Decision.choices,
        blank=True,
        help_text="A change away from a true match, waiting for a second person.",
    )
    proposed_reason = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The second person who confirmed clearing a true match.",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "subject", "watch_list", "entity_id", "entry_hash"],
                name="one_decision_per_hit_key",
            )
        ]
        indexes = [models.Index(fields=["programme", "subject", "watch_list", "entity_id"])]

    def __str__(self) -> str:
        label = self.get_decision_display() or "No decision"
        return f"{label}: {self.subject} on {self.entity_id}"

    @property
    def awaiting_second_person(self) -> bool:
        """A change away from a true match was asked for and nobody has confirmed it yet."""
        return bool(self.proposed_decision)

    @property
    def status(self) -> str:
        """The hit status this decision gives."""
        if self.awaiting_second_person:
            return HitStatus.AWAITING_SECOND_PERSON
        return self.decision or HitStatus.NEW


@audited(exclude=("is_latest", "adjudication"))
class Hit(ProgrammeOwned):
    """A list entry that scored at or above the threshold for an organisation or one of its key
    individuals: a lead for a person to judge, never a verdict."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="hits")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="screening_hits"
    )
    key_individual = models.ForeignKey(
        KeyIndividual,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="screening_hits",
    )
    subject = models.CharField(max_length=40)
    list_entry = models.ForeignKey(ListEntry, on_delete=models.PROTECT, related_name="hits")
    watch_list = models.ForeignKey(WatchList, on_delete=models.PROTECT, related_name="+")
    entity_id = models.CharField("id on the list", max_length=200)
    entry_hash = models.CharField(max_length=64)
    score = models.FloatField()
    query_name = models.CharField("name screened", max_length=500)
    matched_name = models.CharField("name on the list", max_length=500)
    explanation = models.JSONField(
        default=list, help_text="Each feature's value, effect and reason."
    )
    algorithm = models.CharField(max_length=40)
    threshold = models.FloatField()
    is_new = models.BooleanField(
        default=True, help_text="No decision on this entry's content existed when it was found."
    )
    is_latest = models.BooleanField(
        default=True, help_text="Found by the latest screening of its organisation."
    )
    adjudication = models.ForeignKey(
        Adjudication, on_delete=models.SET_NULL, null=True, blank=True, related_name="hits"
    )
    previous_adjudication = models.ForeignKey(
        Adjudication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The decision on an earlier content of the same list entry, for context.",
    )

    class Meta:
        ordering = ["-score", "id"]
        indexes = [
            models.Index(fields=["programme", "is_latest"]),
            models.Index(fields=["programme", "subject", "watch_list", "entity_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.query_name} ~ {self.matched_name} ({self.score:.2f})"

    @property
    def subject_name(self) -> str:
        """The screened organisation's or key individual's name."""
        if self.key_individual_id and self.key_individual:
            return self.key_individual.name
        return self.organisation.name

    @property
    def compared_other_name(self) -> bool:
        """Whether the name that matched is one of the subject's other names (a former, trading
        or local-script name), not the name it goes by."""
        subject = self.key_individual if self.key_individual_id else self.organisation
        other_names = getattr(subject, "other_names", None) or []
        compared = " ".join(self.query_name.split()).casefold()
        return any(" ".join(n.split()).casefold() == compared for n in other_names)

    @property
    def status(self) -> str:
        """Needs a decision, decided, or awaiting a second person."""
        return self.adjudication.status if self.adjudication else HitStatus.NEW

    @property
    def status_label(self) -> str:
        """The status in words."""
        return str(HitStatus(self.status).label)

    @property
    def entry_changed(self) -> bool:
        """Raised again because the list entry changed since an earlier decision."""
        return self.previous_adjudication_id is not None
