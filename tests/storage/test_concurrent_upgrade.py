"""Several processes opening one brand-new database at the same moment (a crawl and the
command watching it, two workers starting together) all get the migrated schema: one migrates,
the others wait and find it current. Without a lock, two of them create the same tables and
one dies with "table ... already exists"."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import inspect

from storage.db import make_engine
from tests.conftest import REPO

OPENERS = 6
#: Every process waits at the barrier file's appearance, so they start migrating together.
SCRIPT = """
import os, sys, time
barrier = sys.argv[2]
while not os.path.exists(barrier):
    time.sleep(0.005)
from storage.db import open_database
open_database(sys.argv[1]).dispose()
"""


def test_processes_opening_a_new_database_at_once_all_succeed(db_url, tmp_path):
    barrier = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", SCRIPT, db_url, str(barrier)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(OPENERS)]
    barrier.touch()
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    failed = [err[-1500:] for code, err in results if code != 0]
    assert not failed, failed[0]
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    finally:
        engine.dispose()
    assert {"articles", "deals", "feeds", "organizations"} <= tables
    assert len(versions) == 1
