"""How ``lexcheck serve`` runs: where it listens, what it accepts, how long an analysis may take."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Real bills are a few hundred kilobytes even as Word or PDF files; a few megabytes leaves room for
# scanned-in annexes while keeping one request's memory and time small.
DEFAULT_MAX_UPLOAD = 5_000_000
DEFAULT_TIMEOUT = 60.0
DEFAULT_WORKERS = 2
# Form fields, boundaries and headers of a multipart upload, on top of the file itself.
FORM_OVERHEAD = 1_000_000


@dataclass(frozen=True)
class ServeSettings:
    """The options of ``lexcheck serve``.

    ``max_upload`` bounds the bill (file or pasted text) in bytes; ``timeout`` is the longest one analysis
    may take, in seconds, before it is stopped; ``workers`` analyses run at once and at most
    ``max_waiting`` more wait for a worker before requests are refused as busy.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_upload: int = DEFAULT_MAX_UPLOAD
    timeout: float = DEFAULT_TIMEOUT
    workers: int = DEFAULT_WORKERS
    max_waiting: int = 16

    @property
    def max_body(self) -> int:
        """The largest request body read: the bill and the form around it."""
        return self.max_upload + FORM_OVERHEAD

    @property
    def loopback(self) -> bool:
        """Whether the server listens on this machine only."""
        return is_loopback(self.host)

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) can be reached from this machine only."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def exposure_warning(host: str) -> str | None:
    """The warning printed when the server is reachable from other machines, or None on loopback."""
    if is_loopback(host):
        return None
    return (
        f"warning: listening on {host}, so other machines on the network can reach this server; "
        "anyone who can reach it can upload bills to it (it has no log-in). Use the default "
        f"--host {DEFAULT_HOST} to serve this machine only."
    )


def check_address(host: str, port: int) -> None:
    """Raise OSError now if the server could not listen on ``host:port`` (in use, or not this machine's)."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server's own socket does, so that connections of a server just stopped do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host.strip("[]"), port))
