"""The base moved from movisie_site/ to core/: existing databases keep working."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db


def test_a_database_that_ran_the_group_migration_as_movisie_site_counts_it_done():
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="core").delete()
    recorder.migration_qs.filter(app="movisie_site").delete()
    recorder.record_applied("movisie_site", "0001_redactie_group")

    loader = MigrationLoader(connection)

    assert ("core", "0001_redactie_group") in loader.applied_migrations
    # ... so `migrate` has nothing left to do for it (no second run).
    plan = loader.graph.forwards_plan(("core", "0001_redactie_group"))
    assert all(key in loader.applied_migrations for key in plan)
