"""Migration 0005 on a database made at 0004 holding the duplicates the old merge key made."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from alembic import command
from storage.db import alembic_config, make_engine, upgrade

T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)

ARTICLES = [
    # id, url, day, language, title
    (1, "http://n/en/mistral", 3, "en", "Mistral AI raises $640m Series B led by General Catalyst"),
    (2, "http://n/fr/mistral", 4, "fr", "Mistral AI lève 600 millions d'euros"),
    (3, "http://n/de/mistral", 5, "de", "Mistral AI sammelt 600 Millionen ein"),
    (4, "http://n/en/roundup", 20, "en", "Roundup"),
]
# old deals: the same round stored three times under three buyers+target keys, one other deal
DEALS = [
    (1, "generalcatalyst>mistralai", "General Catalyst", "Mistral AI", "funding_round", 640e6),
    (2, ">mistralai", "", "Mistral AI", "funding_round", 650e6),
    (3, "andreessenhorowitz+generalcatalyst>mistralai", "General Catalyst; Andreessen Horowitz",
     "Mistral AI", "funding_round", 600e6),
    (4, "microsoft>openai", "Microsoft", "OpenAI", "investment", 13e9),
]
MENTIONS = [
    # id, deal, article, index, buyers, target, type, amount, primary, evidence
    (10, 1, 1, 0, "General Catalyst", "Mistral AI", "funding_round", 640e6, True,
     "Mistral AI raises $640m in a Series B round led by General Catalyst"),
    (11, 2, 2, 0, "", "Mistral AI", "funding_round", 650e6, True,
     "Mistral AI a levé 600 millions d'euros"),
    (12, 3, 3, 0, "General Catalyst; Andreessen Horowitz", "Mistral AI", "funding_round", 600e6,
     True, "Mistral AI hat 600 Millionen Dollar eingesammelt"),
    (13, 4, 4, 0, "Microsoft", "OpenAI", "investment", 13e9, False,
     "Microsoft, which invested $13 billion in OpenAI in 2023, ..."),
]


def _fill_at_0004(conn) -> None:
    for aid, url, day, lang, title in ARTICLES:
        conn.execute(text(
            "INSERT INTO articles (id, url, canonical_url, title, published_at, fetched_at, "
            "language, text, word_count, extraction_method, ai_related) VALUES "
            "(:id, :u, :u, :t, :p, :p, :l, 'x', 1, 'trafilatura', :ai)"),
            {"id": aid, "u": url, "t": title, "p": T0.replace(day=day), "l": lang, "ai": True})
    for did, key, buyers, target, deal_type, amount in DEALS:
        conn.execute(text(
            "INSERT INTO deals (id, parties_key, buyers, target, deal_type, amount, currency, "
            "amount_usd, status, ai_related, first_seen_at, last_seen_at, mention_count, "
            "updated_at) VALUES (:id, :k, :b, :t, :ty, :a, 'USD', :a, 'completed', :ai, :s, :s, "
            "1, :s)"),
            {"id": did, "k": key, "b": buyers, "t": target, "ty": deal_type, "a": amount,
             "s": T0, "ai": True})
    for mid, did, aid, index, buyers, target, deal_type, amount, primary, evidence in MENTIONS:
        conn.execute(text(
            "INSERT INTO deal_mentions (id, deal_id, article_id, mention_index, buyers, target, "
            "deal_type, amount, currency, amount_usd, status, is_primary, confidence, evidence, "
            "seen_at) VALUES (:id, :d, :a, :i, :b, :t, :ty, :am, 'USD', :am, 'completed', :p, "
            "0.9, :e, :s)"),
            {"id": mid, "d": did, "a": aid, "i": index, "b": buyers, "t": target,
             "ty": deal_type, "am": amount, "p": primary, "e": evidence,
             "s": T0.replace(day=ARTICLES[aid - 1][2])})
    conn.execute(text("INSERT INTO deal_events (deal_id, kind, new_status, created_at) "
                      "VALUES (1, 'new', 'completed', :s), (2, 'new', 'completed', :s)"),
                 {"s": T0})


def test_upgrade_merges_duplicates_and_keeps_every_mention(db_url):
    upgrade(db_url, "0004")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            _fill_at_0004(conn)
        upgrade(db_url)
        command.check(alembic_config(db_url))
        with engine.connect() as conn:
            mentions = dict(conn.execute(text("SELECT id, deal_id FROM deal_mentions")).all())
            deals = conn.execute(text(
                "SELECT id, deal_key, target, round_stage, announced_on, is_context_only, "
                "lead_investors, investors, mention_count FROM deals ORDER BY id")).all()
            parties = conn.execute(text(
                "SELECT deal_id, organization, role FROM deal_parties_view "
                "ORDER BY deal_id, organization, role")).all()
            orgs = dict(conn.execute(text("SELECT name, mention_count FROM organizations")).all())
            events = conn.execute(text("SELECT deal_id FROM deal_events")).all()
    finally:
        engine.dispose()
    assert sorted(mentions) == [10, 11, 12, 13]
    assert mentions[10] == mentions[11] == mentions[12] == 1 != mentions[13] == 4
    assert [d.id for d in deals] == [1, 4]
    mistral, openai = deals
    assert (mistral.target, mistral.round_stage, str(mistral.announced_on)) == (
        "Mistral AI", "series_b", "2025-03-03")
    assert not mistral.is_context_only and mistral.mention_count == 3
    assert set(mistral.investors.split("; ")) == {"General Catalyst", "Andreessen Horowitz"}
    assert openai.is_context_only and str(openai.announced_on) == "2023-01-01"
    assert (1, "Andreessen Horowitz", "investor") in parties
    assert (1, "Mistral AI", "target") in parties and (4, "Microsoft", "investor") in parties
    assert orgs["Mistral AI"] == 3 and orgs["General Catalyst"] == 2
    assert [e.deal_id for e in events] == [1]  # the duplicate's event went with it
