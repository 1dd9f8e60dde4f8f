"""Logs to the journal under systemd (kiosk/logging_setup.py): with $JOURNAL_STREAM naming stderr, each
line carries its syslog priority as `<N>` (what journald reads for `journalctl -p`), information is
logged too, and HKIDs are scrubbed there as in the file; elsewhere stderr stays as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk import logging_setup

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import logging, sys
    from pathlib import Path
    from kiosk import logging_setup
    logging_setup.configure(Path(sys.argv[1]))
    log = logging.getLogger("kiosk.example")
    log.info("sync: 3 instructions sent")
    log.warning("card of %s could not be read", "A123456(3)")
    try:
        raise RuntimeError("reader gone")
    except RuntimeError:
        log.exception("reader failed")
    log.debug("not shown")
""")


def _run(tmp_path: Path, *, journal: bool) -> tuple[list[str], str]:
    """Run the child with stderr on a file, which $JOURNAL_STREAM names (or not); its lines and log file."""
    err = tmp_path / "stderr"
    with err.open("wb") as f:
        st = os.fstat(f.fileno())
        env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
        if journal:
            env["JOURNAL_STREAM"] = f"{st.st_dev}:{st.st_ino}"
        else:
            env["JOURNAL_STREAM"] = f"{st.st_dev}:{st.st_ino + 1}"  # the journal's stream, but not our stderr
        subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "logs")], cwd=ROOT, env=env, stderr=f,
                       timeout=60, check=True)
    return err.read_text(encoding="utf-8").splitlines(), (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_under_the_journal_every_line_carries_its_priority_and_no_hkid(tmp_path: Path) -> None:
    lines, file_text = _run(tmp_path, journal=True)
    assert lines[0] == "<6>kiosk.example: sync: 3 instructions sent"
    assert lines[1] == "<4>kiosk.example: card of [HKID] could not be read"
    assert lines[2] == "<3>kiosk.example: reader failed"
    traceback = lines[3:]
    assert traceback and all(line.startswith("<3>") for line in traceback)  # one entry per line, all errors
    assert any("RuntimeError: reader gone" in line for line in traceback)
    assert not any("not shown" in line for line in lines)
    # The file for USB export keeps its own format, and is scrubbed too.
    assert "WARNING kiosk.example: card of [HKID] could not be read" in file_text
    assert "A123456" not in file_text and not any("A123456" in line for line in lines)


def test_a_stderr_that_is_not_the_journal_keeps_the_plain_format(tmp_path: Path) -> None:
    lines, _ = _run(tmp_path, journal=False)
    assert lines[0].endswith("WARNING kiosk.example: card of [HKID] could not be read")
    assert not any(line.startswith("<") for line in lines)
    assert not any("instructions sent" in line for line in lines)  # information only in the file here


def test_levels_map_to_syslog_priorities() -> None:
    assert [logging_setup.syslog_priority(n) for n in (50, 40, 30, 20, 10, 25, 5)] == [2, 3, 4, 6, 7, 6, 7]
