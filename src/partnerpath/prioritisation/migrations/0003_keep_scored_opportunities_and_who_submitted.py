# Opportunities in a round or scored can no longer be deleted (their scores stay on record), and
# a sheet keeps who submitted it (a team member may submit for an offline rater).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('prioritisation', '0002_weight_decision_matrices'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='ratersheet',
            name='submitted_by',
            field=models.ForeignKey(blank=True, help_text='Who submitted the sheet: the rater, or a team member for an offline rater (empty on sheets submitted before this was kept: by the rater).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='score',
            name='opportunity',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='prioritisation.opportunity'),
        ),
        # Round.opportunities gets an explicit through model on the table Django already made for
        # it (same columns, same unique pair): only the migration state changes, the database
        # does not (on_delete is enforced by Django, not by the database).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RoundOpportunity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('opportunity', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='prioritisation.opportunity')),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='prioritisation.round')),
                    ],
                    options={
                        'db_table': 'prioritisation_round_opportunities',
                        'unique_together': {('round', 'opportunity')},
                    },
                ),
                migrations.AlterField(
                    model_name='round',
                    name='opportunities',
                    field=models.ManyToManyField(related_name='rounds', through='prioritisation.RoundOpportunity', to='prioritisation.opportunity'),
                ),
            ],
            database_operations=[],
        ),
    ]
