"""The kiosk's HTTP sessions (requests): to the platform, and to an update server.

A server on loopback (the platform simulator, a technician's local update server) is reached
directly: proxies named in the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) would send the
kiosk's traffic, signed requests and members' data included, through another host. Any other
server goes through whatever proxy the environment names, as a shop's network may require.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import requests


def is_loopback(url: str) -> bool:
    """True for http(s)://localhost, 127.0.0.0/8 and [::1] URLs."""
    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_session(base_url: str, user_agent: str) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.trust_env = not is_loopback(base_url)
    return session
