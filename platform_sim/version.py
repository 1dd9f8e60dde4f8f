"""The simulator's version, reported by GET /health and --version.

Kept out of __init__.py on purpose: a stale editable install can import the package as a namespace
package, which skips __init__.py; submodules still load.
"""

__version__ = "0.1.0"
