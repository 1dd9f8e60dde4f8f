"""Outbox and sync figures beside raw baselines: `.venv/bin/python bench/queue.py [--help]`.

The code is in bench/queue_bench.py. This file is named as the issue asks, which is also the name of
a standard library module: any script run from bench/ has bench/ first on sys.path, so its
`import queue` (urllib3 does one) finds this file. Imported under that name, it loads the real
standard library module and puts it in its place, so no bench script is broken by it.
"""

from __future__ import annotations

import sys

if __name__ == "queue":
    import importlib.util
    import sysconfig
    from pathlib import Path

    _spec = importlib.util.spec_from_file_location("queue", Path(sysconfig.get_paths()["stdlib"]) / "queue.py")
    if _spec is None or _spec.loader is None:
        raise ImportError("the standard library's queue module was not found")
    _real = importlib.util.module_from_spec(_spec)
    sys.modules["queue"] = _real  # the import that brought us here returns this module
    _spec.loader.exec_module(_real)
elif __name__ == "__main__":
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.queue_bench import main

    sys.exit(main())
