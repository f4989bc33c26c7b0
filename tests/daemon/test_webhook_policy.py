"""BLOCK_PRIVATE_ADDRESSES applies to webhooks too, with an explicit allow list."""

from __future__ import annotations

import http.server
import threading

import pytest

from newsmon.alerts import AddressPolicy, WebhookClient
from newsmon.daemonconfig import check_config
from newsmon.errors import DeliveryFailed, SetupError
from tests.daemon.test_config import setup

BLOCK = AddressPolicy(block_private=True)


def no_dns(host):
    raise AssertionError(f"{host} should not need a lookup")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "https://192.168.0.10/h",
    "http://169.254.169.254/latest/meta-data", "http://[::1]:9000/hook", "http://0.0.0.0/h",
    "http://[::ffff:127.0.0.1]/h",
])
def test_private_literal_addresses_are_refused(url):
    assert "BLOCK_PRIVATE_ADDRESSES is on" in BLOCK.refusal(url, resolve=no_dns)
    assert AddressPolicy(block_private=False).refusal(url, resolve=no_dns) is None


def test_host_names_are_resolved_and_every_address_counts():
    assert BLOCK.refusal("https://hooks.example/x",
                         resolve=lambda h: ["93.184.216.34", "10.0.0.7"]) is not None
    assert BLOCK.refusal("https://hooks.example/x", resolve=lambda h: ["93.184.216.34"]) is None
    assert BLOCK.refusal("http://localhost:9/x") is not None  # the real resolver
    allowed = AddressPolicy(True, frozenset({"hooks.intranet", "127.0.0.1"}))
    assert allowed.refusal("http://hooks.intranet/x", resolve=no_dns) is None
    assert allowed.refusal("http://127.0.0.1:9/x", resolve=no_dns) is None
    assert allowed.refusal("http://127.0.0.2:9/x", resolve=no_dns) is not None


class Hook(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_POST(self):
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_client_never_connects_to_a_refused_webhook():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        with pytest.raises(DeliveryFailed) as refused:
            WebhookClient(policy=BLOCK)(url, {"text": "x"})
        assert not refused.value.retry and Hook.hits == 0
        WebhookClient(policy=AddressPolicy(True, frozenset({"127.0.0.1"})))(url, {"text": "x"})
        assert Hook.hits == 1
    finally:
        server.shutdown()
        server.server_close()


def test_daemon_settings_block_private_webhooks_unless_allowed():
    file = check_config({"crawl": {"BLOCK_PRIVATE_ADDRESSES": True},
                         "digest": [{"cron": "0 8 * * *", "to": ["http://10.0.0.5/d"]}]})
    with pytest.raises(SetupError) as caught:
        setup(file, explicit={"webhooks"}, webhooks=("http://127.0.0.1:9/hook",))
    assert len(caught.value.errors) == 2
    assert all("private/loopback" in e for e in caught.value.errors)
    allowed = check_config({"crawl": {"BLOCK_PRIVATE_ADDRESSES": True},
                            "alerts": {"webhook_hosts_allowed": ["127.0.0.1", "10.0.0.5"]},
                            "digest": [{"cron": "0 8 * * *", "to": ["http://10.0.0.5/d"]}]})
    config = setup(allowed, explicit={"webhooks"}, webhooks=("http://127.0.0.1:9/hook",))
    assert config.webhook_client.policy.block_private
    shared = setup(check_config({}), explicit={"webhooks", "pairs"},
                   webhooks=("http://127.0.0.1:9/hook",),
                   pairs=("BLOCK_PRIVATE_ADDRESSES=True", "PRIVATE_HOSTS_ALLOWED=127.0.0.1"))
    assert shared.notifier.webhooks == ("http://127.0.0.1:9/hook",)


def test_daemon_refuses_a_private_webhook_in_one_line(run_newsmon, sqlite_url):
    result = run_newsmon("daemon", "-s", "BLOCK_PRIVATE_ADDRESSES=True", "--notify",
                         "http://127.0.0.1:9/hooks/secret-token", db=sqlite_url, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "private/loopback address 127.0.0.1" in result.stderr
    assert "secret-token" not in result.stderr


def test_a_webhook_name_rebound_to_loopback_is_refused_before_sending(monkeypatch):
    """DNS rebinding: our lookups of the name say public (simulated: no DNS server of ours runs
    here), the connection reaches 127.0.0.1 for real; the client checks the connected peer."""
    import crawler.middlewares
    import newsmon.feedtools

    public = lambda host: ["93.184.216.34"]  # noqa: E731
    monkeypatch.setattr(crawler.middlewares, "resolve_host", public)
    monkeypatch.setattr(newsmon.feedtools, "resolve_host", public)
    Hook.hits = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://localhost:{server.server_address[1]}/hook"
    try:
        assert BLOCK.refusal(url) is None  # the early check is fooled
        with pytest.raises(DeliveryFailed) as refused:
            WebhookClient(policy=BLOCK)(url, {"text": "x"})
        assert "private/loopback address 127.0.0.1" in str(refused.value)
        assert not refused.value.retry and Hook.hits == 0
        WebhookClient(policy=AddressPolicy(True, frozenset({"localhost"})))(url, {"text": "x"})
        WebhookClient()(url, {"text": "x"})  # policy off: plain delivery
        assert Hook.hits == 2
    finally:
        server.shutdown()
        server.server_close()
