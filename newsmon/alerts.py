"""Deal alerts: the message for a deal event, the webhook client, and the daemon's alerts job.

The ``alerts`` job runs in the scheduler's thread pool and never blocks crawling (crawls run in
child processes). With ``BLOCK_PRIVATE_ADDRESSES`` on, webhooks on loopback, private or
link-local addresses are refused (at start-up and before every POST), unless their host is in
``PRIVATE_HOSTS_ALLOWED`` or ``WEBHOOK_HOSTS_ALLOWED``.
Each event goes at most once to each webhook: the delivery row is claimed and committed before
the POST. A POST the receiver refused (connection refused, HTTP 408/429/5xx) is retried with
capped exponential backoff; a POST whose answer never came (read timeout, reset) may have
arrived, so it is recorded as ``uncertain`` and not resent.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError

from newsmon.errors import DeliveryFailed, NewsmonError
from newsmon.report import money, parties_text
from storage import events
from storage.db import transaction
from storage.deals import deal_to_dict
from storage.due import backoff_seconds

logger = logging.getLogger("newsmon.alerts")

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class AlertFilter:
    """Which deals are worth an alert."""

    min_usd: float | None = None
    ai_only: bool = False

    def matches(self, deal) -> bool:
        if self.ai_only and not deal.ai_related:
            return False
        if self.min_usd is not None and (deal.amount_usd or 0) < self.min_usd:
            return False
        return True


def event_line(event, deal) -> str:
    """One line for a terminal or a chat message."""
    parties = parties_text(deal.buyers, deal.target, deal.seller)
    amount = money(deal.amount, deal.currency)
    figures = f", {amount}" if amount else ""
    stake = f", {deal.stake_percent:g}%" if deal.stake_percent else ""
    if event.kind == "new":
        head = "New deal"
        status = deal.status
    else:
        head = "Deal update"
        status = f"{event.old_status} → {event.new_status}"
    link = f" {deal.source_url}" if deal.source_url else ""
    return f"{head}: {parties} ({deal.deal_type}{figures}{stake}; {status}){link}"


def event_payload(event, deal) -> dict:
    """Slack-compatible ``text`` plus the structured event and deal."""
    return {
        "text": event_line(event, deal),
        "event": {"id": event.id, "kind": event.kind, "old_status": event.old_status,
                  "new_status": event.new_status, "created_at": event.created_at.isoformat()},
        "deal": dict(deal_to_dict(deal), ai_related=bool(deal.ai_related)),
    }


def retry_delay(attempts: int, base: float, cap: float = 3600.0) -> timedelta:
    """Wait before attempt ``attempts + 1``: base, 2*base, 4*base ... capped."""
    return timedelta(seconds=backoff_seconds(base, attempts - 1, cap))


def webhook_label(url: str) -> str:
    """A webhook for logs: scheme and host only (webhook paths often hold secrets)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…"


def post_json(url: str, payload: dict, timeout: float, user_agent: str,
              opener: urllib.request.OpenerDirector | None = None) -> None:
    """POST ``payload`` (through ``opener`` if given); raises DeliveryFailed."""
    data = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": user_agent})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as response:
            response.read(65536)
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(f"HTTP {exc.code}", retry=exc.code in RETRYABLE_STATUS) from None
    except urllib.error.URLError as exc:  # raised before the request was sent
        if isinstance(exc.reason, NewsmonError):  # refused by the address policy at connection
            raise DeliveryFailed(f"not sent: {exc.reason}", retry=False) from None
        raise DeliveryFailed(f"not sent: {exc.reason}", retry=True) from None
    except OSError as exc:  # sent, but no answer: it may have arrived
        raise DeliveryFailed(f"no answer: {exc}", retry=False, uncertain=True) from None


@dataclass(frozen=True)
class AddressPolicy:
    """``BLOCK_PRIVATE_ADDRESSES`` for webhooks, with the hosts allowed all the same."""

    block_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()

    def refusal(self, url: str, resolve: Callable[[str], list[str]] | None = None) -> str | None:
        """Why ``url`` may not be posted to, or None."""
        if not self.block_private:
            return None
        from crawler.middlewares import is_private_address, resolve_host

        host = (urlsplit(url).hostname or "").rstrip(".").lower()
        if host in self.allowed_hosts:
            return None
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            addresses = (resolve or resolve_host)(host)
        blocked = [a for a in addresses if is_private_address(a)]
        if not blocked:
            return None
        return (f"webhook {webhook_label(url)} is on private/loopback address {blocked[0]} "
                "(BLOCK_PRIVATE_ADDRESSES is on; list the host in WEBHOOK_HOSTS_ALLOWED "
                "to allow it)")


@dataclass(frozen=True)
class WebhookClient:
    """POSTs JSON to webhooks under the address policy; raises DeliveryFailed."""

    timeout: float = 10.0
    user_agent: str = "newsmon"
    policy: AddressPolicy = AddressPolicy()

    def __call__(self, url: str, payload: dict) -> None:
        refusal = self.policy.refusal(url)
        if refusal:
            raise DeliveryFailed(refusal, retry=False)
        post_json(url, payload, self.timeout, self.user_agent, self._opener())

    def _opener(self) -> urllib.request.OpenerDirector | None:
        """With the policy on, connections that check the address they reach, so a name that
        answers a private address after our check (DNS rebinding) is refused before sending."""
        if not self.policy.block_private:
            return None
        from newsmon.feedtools import FetchPolicy, build_opener

        return build_opener(FetchPolicy(self.user_agent, self.timeout, block_private=True,
                                        allowed_hosts=self.policy.allowed_hosts))


@dataclass(frozen=True)
class NotifierConfig:
    webhooks: tuple[str, ...]
    alert_filter: AlertFilter = AlertFilter()
    poll_seconds: float = 5.0
    retry_base_seconds: float = 30.0
    max_attempts: int = 8
    client: WebhookClient = WebhookClient()


class Notifier:
    """Sends deal events to every webhook; the daemon runs :meth:`deliver_pending` as a job."""

    def __init__(self, factory, config: NotifierConfig,
                 send: Callable[[str, dict], None] | None = None,
                 stop: threading.Event | None = None):
        self.factory = factory
        self.config = config
        self._send = send or config.client
        self._stop_event = stop or threading.Event()
        self._hooks: dict = {}

    def register(self, now: datetime) -> None:
        """Register the webhooks (new ones start after today's newest event)."""
        with transaction(self.factory) as session:
            for url in self.config.webhooks:
                hook = self._hooks[url] = events.register_webhook(session, url, now)
                lost = events.abandon_in_flight(session, url)
                logger.info("alerts to %s after event %d%s", webhook_label(url),
                            hook.baseline_event_id, f" ({lost} left uncertain)" if lost else "")

    def deliver_pending(self, now: datetime | None = None) -> int | str:
        """One pass over every webhook: new events, then retries that are due; return sends."""
        try:
            return self._deliver_all(now)
        except SQLAlchemyError as exc:
            logger.error("alerts: database error, will retry: %s", exc)
            return f"database error: {type(exc).__name__}"

    def _deliver_all(self, now: datetime | None) -> int:
        sent = 0
        for url in self.config.webhooks:
            if self._stop_event.is_set():
                break
            sent += self._deliver_new(url, now)
            sent += self._deliver_retries(url, now)
        return sent

    def _deliver_new(self, url: str, now: datetime | None) -> int:
        with transaction(self.factory) as session:
            hook = self._hooks.get(url)
            if hook is None:
                hook = self._hooks[url] = events.register_webhook(
                    session, url, now or datetime.now(UTC))
            pending = events.unclaimed_events(session, hook)
        sent = 0
        for event, deal in pending:
            wanted = self.config.alert_filter.matches(deal)
            with transaction(self.factory) as session:
                delivery_id = events.claim_event(session, event.id, url,
                                                 "sending" if wanted else "skipped",
                                                 now or datetime.now(UTC))
            if delivery_id is not None and wanted:
                self._attempt(url, delivery_id, 0, event, deal, now)
                sent += 1
        return sent

    def _deliver_retries(self, url: str, now: datetime | None) -> int:
        with transaction(self.factory) as session:
            due = events.retries_due(session, url, now or datetime.now(UTC))
        sent = 0
        for delivery, event, deal in due:
            with transaction(self.factory) as session:
                if not events.reclaim_retry(session, delivery.id):
                    continue
            self._attempt(url, delivery.id, delivery.attempts, event, deal, now)
            sent += 1
        return sent

    def _attempt(self, url, delivery_id, attempts, event, deal, now) -> None:
        error: str | None = None
        try:
            self._send(url, event_payload(event, deal))
        except DeliveryFailed as exc:
            status, retry_in = self._after_failure(exc, attempts + 1)
            error = exc.reason
            logger.warning("alert %d to %s: %s (%s)", event.id, webhook_label(url), error, status)
        else:
            status, retry_in = "delivered", None
            logger.info("alert %d sent to %s", event.id, webhook_label(url))
        with transaction(self.factory) as session:
            events.finish_delivery(session, delivery_id, status, now or datetime.now(UTC),
                                   error=error, retry_in=retry_in)

    def _after_failure(self, exc: DeliveryFailed, attempts: int) -> tuple[str, timedelta | None]:
        if exc.uncertain:
            return "uncertain", None
        if not exc.retry or attempts >= self.config.max_attempts:
            return "failed", None
        return "retry", retry_delay(attempts, self.config.retry_base_seconds)


def webhook_problem(url: str, policy: AddressPolicy = AddressPolicy()) -> str | None:
    """What is wrong with a webhook URL (its form, or the address policy), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"invalid webhook URL {webhook_label(url) if parts.netloc else url!r}: " \
               "use http(s)://host/path"
    return policy.refusal(url)


def parse_webhooks(urls: Sequence[str], policy: AddressPolicy = AddressPolicy()) -> tuple[str, ...]:
    """Validated, de-duplicated webhook URLs; raises ValueError naming a bad one."""
    for url in urls:
        problem = webhook_problem(url, policy)
        if problem:
            raise ValueError(problem)
    return tuple(dict.fromkeys(urls))
