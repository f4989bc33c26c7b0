"""One root exception per tree: every error class derives from NewsmonError and the CLI turns
any of them into a one-line message (exit code 1, no traceback)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import UTC, datetime

import click
import pytest
from click.testing import CliRunner

from enrich import companies
from newsmon.cli import NewsmonGroup, main
from newsmon.errors import DaemonAlreadyRunning, NewsmonError
from storage.errors import UnknownFeed

PACKAGES = ("crawler", "feeds", "pages", "storage", "enrich", "newsmon")
#: Modules with import-time effects (a warmed, frozen fork server; running the CLI).
NOT_IMPORTED = {"crawler.preload", "newsmon.__main__"}


def project_exceptions() -> dict[str, type]:
    found: dict[str, type] = {}
    for package in PACKAGES:
        names = [package] + [
            info.name
            for info in pkgutil.walk_packages(importlib.import_module(package).__path__,
                                              package + ".")
            if info.name not in NOT_IMPORTED
        ]
        for name in names:
            for _, obj in inspect.getmembers(importlib.import_module(name), inspect.isclass):
                if (obj.__module__ == name and issubclass(obj, BaseException)
                        and not issubclass(obj, click.ClickException)):
                    found[f"{name}.{obj.__qualname__}"] = obj
    return found


def test_every_project_error_derives_from_the_root():
    errors = project_exceptions()
    assert len(errors) >= 12, sorted(errors)
    strays = sorted(name for name, cls in errors.items() if not issubclass(cls, NewsmonError))
    assert strays == []


def test_messages_are_built_from_arguments():
    when = datetime(2026, 5, 1, 12, 30, tzinfo=UTC)
    assert str(DaemonAlreadyRunning("host:42", when)) == (
        "another daemon (host:42) is running on this database; "
        "its last heartbeat was at 2026-05-01 12:30:00")
    assert UnknownFeed("Relay").key == "Relay" and "'Relay'" in str(UnknownFeed("Relay"))


@pytest.fixture
def bad_companies(tmp_path, monkeypatch):
    path = tmp_path / "companies.toml"
    path.write_text('[[companies]]\nname = "Acme"\nkind = "spaceship"\n', encoding="utf-8")
    monkeypatch.setattr(companies, "COMPANIES_PATH", path)
    companies.default_gazetteer.cache_clear()
    yield path
    monkeypatch.undo()
    companies.default_gazetteer.cache_clear()


def test_cli_turns_an_enrichment_error_into_one_message(bad_companies):
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # handled, not a crash
    assert result.output.startswith(f"Error: {bad_companies}: ")
    assert "Traceback" not in result.output


def test_the_group_catches_what_a_command_left_out():
    group = NewsmonGroup()

    @group.command()
    def lookup():
        raise UnknownFeed("https://example.com/feed")

    result = CliRunner().invoke(group, ["lookup"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output == "Error: no feed with URL or name 'https://example.com/feed'\n"
