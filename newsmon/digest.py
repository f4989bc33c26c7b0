"""Deal digests: the deals announced in a period, grouped by type, biggest first, with links.

``build_digest`` reads the period's deals; the renderers are pure functions of the digest:
Slack-compatible text and structured JSON for webhooks, Markdown and HTML for files and
``newsmon digest``. Stored text is escaped for each format (a deal's name can hold ``<``, ``*`` or
``]``), and only http(s) source links become links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo

from newsmon.report import money, parties_text
from storage.daemonjobs import digest_deals

UTC_ZONE = ZoneInfo("UTC")
TYPE_TITLES = {"acquisition": "Acquisitions", "merger": "Mergers", "funding": "Funding rounds",
               "investment": "Investments", "stake": "Stakes", "ipo": "IPOs",
               "partnership": "Partnerships"}


@dataclass(frozen=True)
class DigestDeal:
    id: int
    buyers: tuple[str, ...]
    target: str
    deal_type: str
    amount: float | None
    currency: str | None
    amount_usd: float | None
    status: str
    source_url: str | None
    reported_at: datetime
    ai_related: bool
    announced_on: date | None = None
    seller: str | None = None

    @classmethod
    def from_row(cls, deal, reported_at: datetime) -> DigestDeal:
        return cls(id=deal.id, buyers=tuple(b for b in (deal.buyers or "").split("; ") if b),
                   target=deal.target, deal_type=deal.deal_type, amount=deal.amount,
                   currency=deal.currency, amount_usd=deal.amount_usd, status=deal.status,
                   source_url=deal.source_url, reported_at=reported_at,
                   ai_related=bool(deal.ai_related),
                   announced_on=getattr(deal, "announced_on", None),
                   seller=getattr(deal, "seller", None))

    @property
    def parties(self) -> str:
        return parties_text(", ".join(self.buyers), self.target, self.seller)

    @property
    def figures(self) -> str:
        when = f"{self.announced_on:%Y-%m-%d}" if self.announced_on else ""
        return ", ".join(x for x in (money(self.amount, self.currency), self.status, when) if x)

    @property
    def link(self) -> str | None:
        url = self.source_url or ""
        return url if re.match(r"^https?://", url, re.I) else None


@dataclass(frozen=True)
class Digest:
    since: datetime
    until: datetime
    deals: tuple[DigestDeal, ...]
    timezone: tzinfo = UTC_ZONE

    def groups(self) -> list[tuple[str, list[DigestDeal]]]:
        """Deals by type; each group biggest first, groups by their biggest deal."""
        by_type: dict[str, list[DigestDeal]] = {}
        for deal in self.deals:
            by_type.setdefault(deal.deal_type, []).append(deal)
        for deals in by_type.values():
            deals.sort(key=lambda d: (-(d.amount_usd or 0), d.id))
        return sorted(by_type.items(), key=lambda kv: (-(kv[1][0].amount_usd or 0), kv[0]))

    def title(self) -> str:
        start = self.since.astimezone(self.timezone).strftime("%Y-%m-%d %H:%M")
        end = self.until.astimezone(self.timezone).strftime("%Y-%m-%d %H:%M %Z")
        return f"AI deals {start} – {end}: {len(self.deals)} new deal(s)"


def build_digest(session, since: datetime, until: datetime,
                 timezone: tzinfo = UTC_ZONE) -> Digest:
    deals = tuple(DigestDeal.from_row(d, at) for d, at in digest_deals(session, since, until))
    return Digest(since, until, deals, timezone)


def group_title(deal_type: str, count: int) -> str:
    return f"{TYPE_TITLES.get(deal_type, deal_type.capitalize())} ({count})"


# --- Slack-compatible text and JSON ------------------------------------------------------------


def _slack(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_text(digest: Digest) -> str:
    lines = [f"*{_slack(digest.title())}*"]
    for deal_type, deals in digest.groups():
        lines.append(f"*{_slack(group_title(deal_type, len(deals)))}*")
        for d in deals:
            name = _slack(d.parties)
            name = f"<{d.link}|{name}>" if d.link and "|" not in d.link else name
            lines.append(f"• {name} ({_slack(d.figures)})")
    if not digest.deals:
        lines.append("No new deals.")
    return "\n".join(lines)


def digest_json(digest: Digest) -> dict:
    return {
        "since": digest.since.isoformat(), "until": digest.until.isoformat(),
        "count": len(digest.deals),
        "groups": [{"deal_type": t, "deals": [_deal_json(d) for d in deals]}
                   for t, deals in digest.groups()],
    }


def _deal_json(d: DigestDeal) -> dict:
    return {"id": d.id, "buyers": list(d.buyers), "target": d.target, "seller": d.seller,
            "deal_type": d.deal_type,
            "amount": d.amount, "currency": d.currency, "amount_usd": d.amount_usd,
            "status": d.status, "source_url": d.source_url,
            "announced_on": d.announced_on.isoformat() if d.announced_on else None,
            "reported_at": d.reported_at.isoformat(), "ai_related": d.ai_related}


def webhook_payload(digest: Digest, schedule: str | None = None) -> dict:
    """Slack-compatible ``text`` plus the structured digest."""
    body = digest_json(digest)
    if schedule:
        body["schedule"] = schedule
    return {"text": slack_text(digest), "digest": body}


# --- Markdown and HTML -------------------------------------------------------------------------


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def markdown(digest: Digest) -> str:
    lines = [f"# {_md(digest.title())}", ""]
    for deal_type, deals in digest.groups():
        lines += [f"## {_md(group_title(deal_type, len(deals)))}", ""]
        for d in deals:
            name = _md(d.parties)
            if d.link:
                name = f"[{name}](<{d.link.replace('>', '%3E').replace(' ', '%20')}>)"
            lines.append(f"- {name} ({_md(d.figures)})")
        lines.append("")
    if not digest.deals:
        lines += ["No new deals.", ""]
    return "\n".join(lines)


def html_page(digest: Digest) -> str:
    esc = html.escape
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{esc(digest.title())}</title></head><body>",
             f"<h1>{esc(digest.title())}</h1>"]
    for deal_type, deals in digest.groups():
        parts.append(f"<h2>{esc(group_title(deal_type, len(deals)))}</h2><ul>")
        for d in deals:
            name = esc(d.parties)
            if d.link:
                name = f'<a href="{esc(d.link, quote=True)}">{name}</a>'
            parts.append(f"<li>{name} ({esc(d.figures)})</li>")
        parts.append("</ul>")
    if not digest.deals:
        parts.append("<p>No new deals.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
