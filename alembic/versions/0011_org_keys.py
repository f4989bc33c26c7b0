"""organization keys by the distinctive part of the name

``samedeal.org_key`` now drops a leading article or generic descriptor ("The", "Grupo",
"Groupe", "Brauhaus", "Banco", ...) when a capitalised word follows, so "Grupo Albora" and
"Albora" are one company. Rows stored before keep the old keys in ``deal_mentions.target_key``,
``deals.target_key`` and ``deals.parties_key``, and a new report about "Albora" would not find
the deal stored as "Grupo Albora". The keys are recomputed here with the rule of the code that
runs the migration; names, deal keys and ids do not change. Deals that the new keys make one
are merged at the next report of the same target or by ``newsmon reenrich``. A downgrade keeps
the new keys (the old rule is not kept anywhere to recompute them).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_deals = sa.table("deals", sa.column("id"), sa.column("buyers"), sa.column("target"),
                  sa.column("target_key"), sa.column("parties_key"))
_mentions = sa.table("deal_mentions", sa.column("id"), sa.column("target"),
                     sa.column("target_key"))


def upgrade() -> None:
    from enrich import samedeal
    from storage.dealfields import names

    conn = op.get_bind()
    for row in conn.execute(sa.select(_mentions.c.id, _mentions.c.target,
                                      _mentions.c.target_key)).all():
        key = samedeal.org_key(row.target or "")
        if key != row.target_key:
            conn.execute(sa.update(_mentions).where(_mentions.c.id == row.id)
                         .values(target_key=key))
    for row in conn.execute(sa.select(_deals)).all():
        target_key = samedeal.org_key(row.target or "")
        parties_key = samedeal.parties_key(names(row.buyers), row.target or "")[:600]
        if (target_key, parties_key) != (row.target_key, row.parties_key):
            conn.execute(sa.update(_deals).where(_deals.c.id == row.id)
                         .values(target_key=target_key, parties_key=parties_key))


def downgrade() -> None:
    """Keys stay as they are: the earlier rule is not kept to recompute them."""
