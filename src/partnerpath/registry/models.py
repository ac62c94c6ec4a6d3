"""Organisations with their desk-research profile, ownership links, policies, key individuals,
sources and contacts. Every record belongs to one programme."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models

from partnerpath.audit.recorder import audited
from partnerpath.core.names import normalise_org_name
from partnerpath.registry.choices import (
    SOURCED_FIELDS,
    Department,
    ImportKind,
    ImportStatus,
    LinkKind,
    OrganisationKind,
    PolicyKind,
    Size,
)
from partnerpath.registry.fields import CodeListField
from partnerpath.registry.validators import (
    tidy_names,
    validate_country_code,
    validate_lei,
    validate_other_names,
    validate_upload_size,
)


def other_names_field() -> models.JSONField:
    """Former names, trading names and names in local script, each screened like the name."""
    return models.JSONField(
        "other names",
        default=list,
        blank=True,
        validators=[validate_other_names],
        help_text="Former names, trading names, names in local script; each is screened too.",
    )


DOCUMENT_EXTENSIONS = [
    "pdf",
    "docx",
    "doc",
    "xlsx",
    "xls",
    "csv",
    "txt",
    "png",
    "jpg",
    "jpeg",
    "odt",
]


class ProgrammeOwned(models.Model):
    """Base for every record that belongs to a programme."""

    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def audit_programme_id(self) -> int:
        """History is kept per programme."""
        return self.programme_id


@audited(exclude=("normalised_name",))
class Organisation(ProgrammeOwned):
    """A company or stakeholder researched, engaged or partnered with by the programme."""

    name = models.CharField(max_length=300)
    other_names = other_names_field()
    normalised_name = models.CharField(max_length=300, db_index=True, editable=False)
    kind = models.CharField(
        max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.COMPANY
    )
    is_active = models.BooleanField(
        default=True, help_text="Inactive organisations leave the dashboard."
    )
    hq_country = models.CharField(
        "headquarters country", max_length=2, blank=True, validators=[validate_country_code]
    )
    countries_of_operation = CodeListField()
    countries_of_sourcing = CodeListField()
    sectors = CodeListField()
    size = models.CharField(max_length=20, choices=Size.choices, blank=True, default=Size.UNKNOWN)
    employees = models.PositiveIntegerField(
        null=True, blank=True, help_text="Approximate headcount."
    )
    history = models.TextField(blank=True)
    products_services = models.TextField("products and services", blank=True)
    business_model = models.TextField("business model and goals", blank=True)
    values = models.TextField(blank=True)
    value_chain_scope = models.TextField("value-chain scope", blank=True)
    competitors = models.TextField(blank=True)
    reputation = models.TextField(
        blank=True, help_text="With consumers, investors, media and workers."
    )
    recruitment_practices = models.TextField(blank=True)
    grievance_mechanisms = models.TextField(blank=True)
    labour_supply_chain = models.TextField(
        blank=True, help_text="Recruitment agents, brokers, labour hire."
    )
    ctip_commitment = models.TextField("commitment against trafficking", blank=True)
    registration_number = models.CharField(max_length=100, blank=True)
    registration_jurisdiction = models.CharField(
        max_length=2, blank=True, validators=[validate_country_code]
    )
    lei = models.CharField("LEI", max_length=20, blank=True, validators=[validate_lei])
    website = models.URLField(blank=True)
    checkin_every_days = models.PositiveIntegerField(
        "check in every (days)", null=True, blank=True, help_text="Empty: the default for its kind."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["programme", "normalised_name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.normalised_name = normalise_org_name(self.name)
        self.other_names = tidy_names(self.other_names or [], exclude=self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalised_name"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


# The desk-research texts of the brief's landscape assessment, in the order pages show them.
RESEARCH_FIELDS = (
    "history",
    "products_services",
    "business_model",
    "values",
    "value_chain_scope",
    "competitors",
    "reputation",
    "recruitment_practices",
    "grievance_mechanisms",
    "labour_supply_chain",
    "ctip_commitment",
)
# Everything a person edits on an organisation (form, API and spreadsheet alike).
PROFILE_FIELDS = (
    "name",
    "other_names",
    "kind",
    "is_active",
    "hq_country",
    "countries_of_operation",
    "countries_of_sourcing",
    "sectors",
    "size",
    "employees",
    *RESEARCH_FIELDS,
    "registration_number",
    "registration_jurisdiction",
    "lei",
    "website",
    "checkin_every_days",
    "notes",
)


@audited()
class OrganisationLink(ProgrammeOwned):
    """Ownership and other ties between two organisations (parent, affiliate, member, supplier)."""

    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="links_out"
    )
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="links_in"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_organisation", "kind", "to_organisation"],
                name="unique_organisation_link",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_organisation=models.F("to_organisation")),
                name="organisation_link_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} {self.get_kind_display()} {self.to_organisation}"

    def clean(self) -> None:
        if self.from_organisation_id and self.from_organisation_id == self.to_organisation_id:
            raise ValidationError("An organisation cannot be linked to itself.")


@audited()
class Policy(ProgrammeOwned):
    """A published commitment: human-rights policy, codes, modern slavery statement."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="policies"
    )
    kind = models.CharField(max_length=20, choices=PolicyKind.choices)
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField("URL", blank=True, max_length=500)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "-year", "id"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.get_kind_display()}{year}"

    def clean(self) -> None:
        if self.year is not None and not 1950 <= self.year <= 2100:
            raise ValidationError({"year": "Give the four-digit year the document covers."})


@audited()
class KeyIndividual(ProgrammeOwned):
    """A person who owns, directs or runs the organisation (screened against watch lists later)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="key_individuals"
    )
    name = models.CharField(max_length=200)
    other_names = other_names_field()
    role = models.CharField(max_length=200, blank=True)
    nationality = models.CharField(max_length=2, blank=True, validators=[validate_country_code])
    date_of_birth = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.other_names = tidy_names(self.other_names or [], exclude=self.name)
        super().save(*args, **kwargs)


@audited()
class Source(ProgrammeOwned):
    """Where a fact comes from: a web page or an uploaded document, with the date it was read."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sources")
    key_individual = models.ForeignKey(
        KeyIndividual, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    field = models.CharField(
        "backs the fact", max_length=40, blank=True, choices=list(SOURCED_FIELDS.items())
    )
    title = models.CharField(max_length=300)
    url = models.URLField("URL", blank=True, max_length=500)
    document = models.FileField(
        upload_to="sources/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_upload_size],
    )
    accessed_on = models.DateField("accessed on")
    quote = models.TextField(blank=True, help_text="The passage that supports the fact.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-accessed_on", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.url and not self.document:
            raise ValidationError("Give the source's URL or upload the document.")


@audited()
class Contact(ProgrammeOwned):
    """A person at an organisation whom the programme talks to."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    title = models.CharField("job title", max_length=200, blank=True)
    department = models.CharField(
        max_length=20, choices=Department.choices, default=Department.OTHER
    )
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField(max_length=50, blank=True)
    is_champion = models.BooleanField(
        "champion",
        default=False,
        help_text="Someone who can make things happen inside the company.",
    )
    can_commit_resources = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True, help_text="Still at the organisation.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One uploaded spreadsheet of organisations or contacts: previewed, then committed as a whole
    or failed without writing anything. The rows it creates carry their own history."""

    programme = models.ForeignKey("accounts.Programme", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    original_name = models.CharField("file name", max_length=255)
    stored_file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    row_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField("rows with problems", default=0)
    created_count = models.PositiveIntegerField(default=0)
    merged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.original_name}"
