# Every programme has its default score card stored (new programmes get it when they are
# created), so the pages that only read never store it. Each card stored here is recorded in
# the programme's history, as the app records it.

from django.db import migrations

REASON = "The default score card of the programme, stored for every programme (migration)"


def store_default_cards(apps, schema_editor):
    """The packaged scorecard-default-v1 for every programme that has not stored it yet."""
    from partnerpath.core.scorecard.template_files import default_template, template_to_data

    Programme = apps.get_model("accounts", "Programme")
    Version = apps.get_model("prioritisation", "ScorecardTemplateVersion")
    Change = apps.get_model("audit", "Change")
    ContentType = apps.get_model("contenttypes", "ContentType")
    template = default_template()
    have = Version.objects.filter(name=template.name, version=template.version)
    missing = Programme.objects.exclude(pk__in=have.values("programme_id")).order_by("pk")
    if not missing.exists():
        return
    kind, _ = ContentType.objects.get_or_create(
        app_label="prioritisation", model="scorecardtemplateversion"
    )
    for programme in missing:
        document = template_to_data(template)
        for group in document["groups"]:  # anchor points as text keys, as JSON stores them
            for factor in group["factors"]:
                factor["anchors"] = {str(k): v for k, v in factor["anchors"].items()}
        stored = Version.objects.create(
            programme=programme,
            name=template.name,
            version=template.version,
            title=template.title,
            document=document,
        )
        fields = {
            "programme": programme.pk,
            "name": stored.name,
            "version": stored.version,
            "title": stored.title,
            "document": document,
        }
        Change.objects.create(
            programme=programme,
            content_type=kind,
            object_id=str(stored.pk),
            object_repr=f"{stored.name}-v{stored.version}",
            action="create",
            actor=None,
            actor_label="system",
            changes={k: {"old": None, "new": v} for k, v in fields.items()},
            reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("prioritisation", "0003_keep_scored_opportunities_and_who_submitted"),
        ("accounts", "0002_stale_after_days_from_setting"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(store_default_cards, migrations.RunPython.noop),
    ]
