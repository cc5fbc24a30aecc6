"""The privacy statement became one of the editors' pages (pages.Page,
slug "privacy"); pages 0002 copied its text before this drops the table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0012_thread_counts'),
        ('pages', '0002_seed_pages'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='privacystatement',
            name='privacy_singleton',
        ),
        migrations.RemoveConstraint(
            model_name='privacystatement',
            name='privacy_singleton_true',
        ),
        migrations.DeleteModel(
            name='PrivacyStatement',
        ),
    ]
