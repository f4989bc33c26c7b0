"""Alembic environment: target_metadata is the models' metadata; batch mode for SQLite."""

from logging.config import fileConfig

from sqlalchemy import text

from alembic import context
from newsmon import defaults
from storage.db import make_engine
from storage.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata
#: ``alembic.ini`` names no database: the caller sets ``sqlalchemy.url``, else the default.
DATABASE_URL = config.get_main_option("sqlalchemy.url") or defaults.DATABASE_URL

#: pg_advisory_xact_lock key of newsmon's migrations (any fixed 64-bit number).
MIGRATION_LOCK_KEY = 0x6E6577736D6F6E

#: Indexes that migrations create on one dialect only (see 0004); not in the models.
DIALECT_ONLY_INDEXES = frozenset({"ix_articles_published_fetched_order"})


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and reflected and name in DIALECT_ONLY_INDEXES)


def run_migrations_offline() -> None:
    context.configure(
        url=DATABASE_URL,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = make_engine(DATABASE_URL)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes upgrading one database at once: the second waits here, then finds
            # the schema current. Held until the migration transaction ends.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
