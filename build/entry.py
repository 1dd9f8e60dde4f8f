"""The bundle's entry point: `empf-kiosk --self-test`, otherwise the `kiosk` command
(`empf-kiosk run`, `empf-kiosk doctor`, `empf-kiosk update install --from ...`)."""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        from kiosk.app import self_test

        return self_test()
    from kiosk import cli

    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
