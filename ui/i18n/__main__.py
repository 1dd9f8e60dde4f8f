"""python -m ui.i18n update|build|simplified (see ui/i18n/__init__.py)."""

from __future__ import annotations

import sys

from ui.i18n import build, update


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for lang, n in update().items():
            print(f"{lang}: {n} new keys")
        return 0
    if argv[:1] == ["build"]:
        for qm in build():
            print(qm)
        return 0
    if argv[:1] == ["simplified"]:
        from ui.i18n.simplified_gen import TABLE, generate

        print(f"{TABLE}: {generate()} characters")
        return 0
    print("usage: python -m ui.i18n update|build|simplified", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
