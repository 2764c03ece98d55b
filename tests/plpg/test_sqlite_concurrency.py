"""make run's SQLite: concurrent autosaves wait their turn instead of "database is locked".

The autosave pattern is a transaction that reads, then writes. On SQLite a deferred
transaction cannot upgrade its read lock while another connection writes, and fails at once
("database is locked") — the busy timeout does not help. plpg.settings.SQLITE_OPTIONS (WAL,
IMMEDIATE transactions, busy timeout) fixes that; this test runs the pattern from 50 threads
on a real SQLite file with and without those options. It needs no PostgreSQL, so it runs in
both the PostgreSQL suite and the SQLite smoke run.
"""

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.smoke


def _connection(path, options, alias):
    wrapper = DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TEST": {},
        },
        alias=alias,
    )
    connections[alias] = wrapper  # per thread, as Django's own connections are
    return wrapper


def _autosaves(path, options, writers=50) -> list[str]:
    setup = _connection(path, options, "sqlite-setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS rating (id INTEGER PRIMARY KEY, score INT)")
        cursor.execute("DELETE FROM rating")
        for n in range(writers):
            cursor.execute("INSERT INTO rating VALUES (%s, 0)", [n])
    setup.close()
    errors = []
    start = threading.Barrier(writers)

    def autosave(n):
        alias = "sqlite-writer"
        connection = _connection(path, options, alias)
        try:
            start.wait()
            with transaction.atomic(using=alias), connection.cursor() as cursor:
                cursor.execute("SELECT score FROM rating WHERE id = %s", [n])
                (score,) = cursor.fetchone()
                time.sleep(0.01)  # the view's work between the read and the write
                cursor.execute("UPDATE rating SET score = %s WHERE id = %s", [score + 1, n])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=autosave, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_autosaves_never_hit_database_is_locked(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        errors = _autosaves(tmp_path / "wal.sqlite3", settings.SQLITE_OPTIONS)
    assert errors == []


def test_without_those_options_they_do(tmp_path, django_db_blocker):
    """The control: the same load on SQLite's defaults fails — so the test above can fail."""
    with django_db_blocker.unblock():
        errors = _autosaves(tmp_path / "default.sqlite3", {"timeout": 0.05})
    assert any("locked" in error for error in errors)
