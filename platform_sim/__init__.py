"""A stand-in for the eMPF platform API: a real HTTP server on loopback.

It keeps its own SQLite store and can inject faults, so the kiosk's sync engine, the demo and the
benchmarks can talk to something that behaves like the platform without touching the network.
It deliberately imports nothing from the kiosk: it is the other side of the contract in
docs/platform-api.yaml, and sharing code would hide disagreements between the two.
"""

from platform_sim.version import __version__

__all__ = ["__version__"]
