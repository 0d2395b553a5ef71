"""Who a request comes from and which name it was sent to, believed only as far as it can be.

- `ProxyHeaders`: X-Forwarded-For/-Host/-Proto are believed only from the reverse proxies the
  operator names (ASSISTANT_TRUSTED_PROXIES); for such a peer the request's client address,
  scheme and Host are rewritten from the validated values, and from anyone else the headers
  are dropped. Either way no X-Forwarded-* header reaches anything behind it, so Gradio, the
  origin check and the Embed tab only ever see validated values. (uvicorn's own proxy-header
  handling is off: it trusts 127.0.0.1 by default, so any local client could pick its address.)
- `TrustedHosts`: 400 for a Host header not on ASSISTANT_ALLOWED_HOSTS (as starlette's
  TrustedHostMiddleware, with a JSON reason): a page on another name that resolves to this
  server (DNS rebinding) gets nothing.
"""

from __future__ import annotations

import ipaddress
import logging
import re

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")
_HOST = re.compile(rf"(?:{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{{1,5}})?")
SCHEMES = ("http", "https")


def valid_host(value: str | None) -> str | None:
    """`value` lower-cased when it is a host name or IP address with an optional port (what a
    Host header may hold), else None: no scheme, path, quotes, spaces or markup."""
    value = (value or "").strip()
    if not value or len(value) > 260 or not _HOST.fullmatch(value):
        return None
    return value.lower()


def host_name(host: str) -> str:
    """ "example.com:8080" -> "example.com"; "[::1]:80" -> "::1"."""
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if ":" in host else host


def parse_proxies(value: str | tuple[str, ...] | None) -> tuple[Network, ...]:
    """ "127.0.0.1, 10.0.0.0/8" -> the networks; raises ValueError naming a bad entry."""
    items = value.split(",") if isinstance(value, str) else list(value or ())
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"'{item}' is not an IP address or network like 127.0.0.1 or 10.0.0.0/8") from None
    return tuple(networks)


def parse_hosts(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """ "Assistant.example.com, *.intranet.example" -> lower-cased names (a leading "*." allows
    every subdomain; "*" alone allows any name); raises ValueError naming a bad entry."""
    items = value.split(",") if isinstance(value, str) else list(value or ())
    hosts = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        name = item[2:] if item.startswith("*.") else item
        ip = _address(name)
        if item != "*" and ip is None and not _NAME.fullmatch(name):
            raise ValueError(f"'{item}' is not a host name like assistant.example.com (no scheme or port)")
        hosts.append(str(ip) if ip is not None else item.rstrip("."))
    return tuple(dict.fromkeys(hosts))


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


class ProxyHeaders:
    """Rewrite the client, scheme and Host from a trusted proxy's X-Forwarded-* headers; drop
    those headers from every request."""

    def __init__(self, app: ASGIApp, trusted: tuple[Network, ...]):
        self.app, self.trusted = app, trusted

    def _is_trusted(self, address: str) -> bool:
        ip = _address(address)
        return ip is not None and any(ip in network for network in self.trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        peer = (scope.get("client") or ("", 0))[0]
        kept = [(k, v) for k, v in scope["headers"] if not k.startswith(b"x-forwarded-") and k != b"forwarded"]
        scope = dict(scope)
        if self.trusted and self._is_trusted(peer):
            client = self._client(headers.get("x-forwarded-for"))
            if client:
                scope["client"] = (client, 0)
            proto = (headers.get("x-forwarded-proto") or "").split(",")[0].strip().lower()
            if proto in SCHEMES:
                scope["scheme"] = proto if scope["type"] == "http" else {"http": "ws", "https": "wss"}[proto]
            host = valid_host((headers.get("x-forwarded-host") or "").split(",")[0])
            if host:
                kept = [(k, v) for k, v in kept if k != b"host"] + [(b"host", host.encode("latin-1"))]
        scope["headers"] = kept
        await self.app(scope, receive, send)

    def _client(self, forwarded_for: str | None) -> str | None:
        """The nearest address that is not one of our proxies (the rightmost entry a client
        could not have written); None when the header holds no valid address."""
        entries = [e.strip() for e in (forwarded_for or "").split(",") if e.strip()]
        if not entries or any(_address(e) is None for e in entries):
            return None
        for entry in reversed(entries):
            if not self._is_trusted(entry):
                return str(_address(entry))
        return str(_address(entries[0]))


class TrustedHosts:
    """400 with a JSON reason for a request whose Host is not one of `allowed`."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app = app
        self.any = "*" in allowed
        self.names = {h for h in allowed if not h.startswith("*")}
        self.suffixes = tuple(h[1:] for h in allowed if h.startswith("*."))
        self._named: set[str] = set()  # refused names already logged (one line each, bounded)

    def allows(self, host: str | None) -> bool:
        valid = valid_host(host)
        if valid is None:
            return False
        name = host_name(valid).rstrip(".")
        return self.any or name in self.names or name.endswith(self.suffixes or ("\0",))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.any:
            return await self.app(scope, receive, send)
        host = Headers(scope=scope).get("host")
        if self.allows(host):
            return await self.app(scope, receive, send)
        if len(self._named) < 100 and host not in self._named:
            self._named.add(host or "")
            log.warning("refused requests for host %r: not in ASSISTANT_ALLOWED_HOSTS", (host or "")[:100])
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        refusal = JSONResponse(
            {
                "error": "this server does not answer to that host name; an administrator can add it to "
                "ASSISTANT_ALLOWED_HOSTS"
            },
            status_code=400,
        )
        await refusal(scope, receive, send)
