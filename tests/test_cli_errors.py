"""Every command with bad input: one line on stderr, no traceback, the documented exit code
(2 for a command line Click refuses, 1 for a command that cannot do what was asked), nothing
created by a read command, and never a password in the output."""

from __future__ import annotations

import pytest

from tests.clitools import invoke, quiet_env, run_cli

PASSWORD = "s3cret-Pw"
#: A Postgres server that is not there, with a password that must never be printed.
UNREACHABLE_PG = f"postgresql://newsmon:{PASSWORD}@127.0.0.1:9/newsmon"
USAGE, FAILED = 2, 1

# (id, arguments; "{db}" is a crawled demo database, "{missing}" a file that does not exist,
#  "{ro}" the demo database opened read-only, "{tmp}" the test's directory; expected exit code)
CASES = [
    ("global-db-nonsense", ["--db", "nonsense", "articles"], USAGE),
    ("global-db-mysql", ["--db", f"mysql://u:{PASSWORD}@h/db", "articles"], USAGE),
    ("unknown-command", ["--db", "{db}", "artciles"], USAGE),
    ("articles-since-huge", ["--db", "{db}", "articles", "--since", "99999999d"], USAGE),
    ("articles-since-word", ["--db", "{db}", "articles", "--since", "soon"], USAGE),
    ("articles-limit-negative", ["--db", "{db}", "articles", "--limit", "-1"], USAGE),
    ("articles-lang-name", ["--db", "{db}", "articles", "--lang", "french"], USAGE),
    ("articles-fetched-since", ["--db", "{db}", "articles", "--fetched-since", "x"], USAGE),
    ("articles-missing-db", ["--db", "{missing}", "articles"], FAILED),
    ("articles-postgres-down", ["--db", UNREACHABLE_PG, "articles"], FAILED),
    ("article-unknown", ["--db", "{db}", "article", "99999"], FAILED),
    ("article-no-argument", ["--db", "{db}", "article"], USAGE),
    ("deals-min-usd-word", ["--db", "{db}", "deals", "--min-usd", "lots"], USAGE),
    ("deals-since-huge", ["--db", "{db}", "deals", "--since", "99999999d"], USAGE),
    ("deals-type", ["--db", "{db}", "deals", "--type", "gift"], USAGE),
    ("deals-limit", ["--db", "{db}", "deals", "--limit", "-5"], USAGE),
    ("deals-missing-db", ["--db", "{missing}", "deals"], FAILED),
    ("deals-watch-missing-db", ["--db", "{missing}", "deals", "--watch"], FAILED),
    ("deal-unknown", ["--db", "{db}", "deal", "99999"], FAILED),
    ("deal-unknown-key", ["--db", "{db}", "deal", "twelve"], FAILED),
    ("feeds-list-missing-db", ["--db", "{missing}", "feeds", "list"], FAILED),
    ("feeds-export-format", ["--db", "{db}", "feeds", "export", "--format", "xml"], USAGE),
    ("feeds-export-missing-db", ["--db", "{missing}", "feeds", "export"], FAILED),
    ("feeds-add-not-a-url", ["--db", "{db}", "feeds", "add", "notaurl"], USAGE),
    ("feeds-add-language-name", ["--db", "{db}", "feeds", "add", "https://a.example/feed",
                                 "--no-check", "--language", "english"], USAGE),
    ("feeds-add-interval", ["--db", "{db}", "feeds", "add", "https://a.example/feed",
                            "--no-check", "--interval", "1"], USAGE),
    ("feeds-add-read-only", ["--db", "{ro}", "feeds", "add", "https://a.example/feed",
                             "--no-check"], FAILED),
    ("feeds-edit-unknown", ["--db", "{db}", "feeds", "edit", "no such feed", "--name", "x"],
     FAILED),
    ("feeds-edit-nothing", ["--db", "{db}", "feeds", "edit", "1"], USAGE),
    ("feeds-edit-language", ["--db", "{db}", "feeds", "edit", "1", "--language", "fra"], USAGE),
    ("feeds-remove-unknown", ["--db", "{db}", "feeds", "remove", "no such feed"], FAILED),
    ("feeds-remove-read-only", ["--db", "{ro}", "feeds", "remove", "1"], FAILED),
    ("feeds-import-missing-file", ["--db", "{db}", "feeds", "import", "{tmp}/none.opml"], USAGE),
    ("feeds-import-bad-opml", ["--db", "{db}", "feeds", "import", "{tmp}/bad.opml"], FAILED),
    ("feeds-check-unknown-name", ["--db", "{db}", "feeds", "check", "no such feed"], FAILED),
    ("feeds-check-missing-db", ["--db", "{missing}", "feeds", "check"], FAILED),
    ("crawl-unknown-feed", ["--db", "{db}", "crawl", "--feed", "no such feed"], FAILED),
    ("crawl-bad-setting", ["--db", "{db}", "crawl", "-s", "NOEQUALS"], USAGE),
    ("crawl-log-level", ["--db", "{db}", "crawl", "--log-level", "LOUD"], USAGE),
    ("crawl-postgres-down", ["crawl", "--db", UNREACHABLE_PG], FAILED),
    ("crawl-mysql", ["crawl", "--db", f"mysql://u:{PASSWORD}@h/db"], USAGE),
    ("crawl-distributed-no-redis", ["--db", "{db}", "crawl", "--distributed"], FAILED),
    ("worker-no-redis", ["--db", "{db}", "worker", "--max-idle", "1"], FAILED),
    ("status-missing-db", ["--db", "{missing}", "status"], FAILED),
    ("status-format", ["--db", "{db}", "status", "--format", "yaml"], USAGE),
    ("reenrich-since", ["--db", "{db}", "reenrich", "--since", "99999999d"], USAGE),
    ("reenrich-read-only", ["--db", "{ro}", "reenrich"], FAILED),
    ("reenrich-missing-db", ["--db", "{missing}", "reenrich"], FAILED),
    ("enrich-missing-file", ["enrich", "{tmp}/none.jsonl"], USAGE),
    ("eval-unknown-option", ["eval", "--bogus"], USAGE),
    ("db-upgrade-unknown-revision", ["--db", "{db}", "db", "upgrade", "nosuchrev"], FAILED),
    ("db-upgrade-postgres-down", ["--db", UNREACHABLE_PG, "db", "upgrade"], FAILED),
    ("demo-mysql", ["demo", "--db", f"mysql://u:{PASSWORD}@h/db"], USAGE),
]
#: These take the process over (signal handlers, a loop), so they run as a real process.
SUBPROCESS = [
    ("daemon-read-only", ["--db", "{ro}", "daemon"], FAILED),
    ("daemon-postgres-down", ["daemon", "--db", UNREACHABLE_PG], FAILED),
]


def _fill(args, demo_db, tmp_path):
    path = demo_db.removeprefix("sqlite:///")
    (tmp_path / "bad.opml").write_text("<opml><body><outline")
    values = {"{db}": demo_db, "{missing}": str(tmp_path / "missing.db"),
              "{ro}": f"sqlite:///file:{path}?mode=ro&uri=true", "{tmp}": str(tmp_path)}
    out = []
    for arg in args:
        for key, value in values.items():
            arg = arg.replace(key, value)
        out.append(arg)
    return out


def _check(code, stdout, stderr, expected, tmp_path):
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == expected, f"exit {code}, expected {expected}\n{stderr}"
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stdout + stderr
    assert PASSWORD not in stdout + stderr
    assert not (tmp_path / "missing.db").exists(), "a read command created the database"


@pytest.mark.parametrize("args,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_one_line(args, expected, demo_db, tmp_path):
    result = invoke(*_fill(args, demo_db, tmp_path),
                    env={"NEWSMON_REDIS_URL": "", "NEWSMON_DATABASE_URL": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"uncaught {result.exception!r}")
    _check(result.exit_code, result.stdout, result.stderr, expected, tmp_path)


@pytest.mark.parametrize("args,expected", [c[1:] for c in SUBPROCESS],
                         ids=[c[0] for c in SUBPROCESS])
def test_bad_input_gives_one_line_in_a_real_process(args, expected, demo_db,
                                                     tmp_path):
    result = run_cli(*_fill(args, demo_db, tmp_path), env=quiet_env(), timeout=60)
    _check(result.returncode, result.stdout, result.stderr, expected, tmp_path)


def test_read_only_database_is_named_without_sql(demo_db, tmp_path):
    args = _fill(["--db", "{ro}", "feeds", "remove", "1"], demo_db, tmp_path)
    result = invoke(*args)
    assert "readonly" in result.stderr.replace("read-only", "readonly")
    assert "demo.db" in result.stderr
    assert "DELETE" not in result.stderr and "UPDATE" not in result.stderr
