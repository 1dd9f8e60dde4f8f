"""Translations through Qt Linguist: `.ts` sources here (one per language, context "ui", each
message's source is its key in ui/strings.py), `.qm` built from them by Qt's lrelease.

    python -m ui.i18n update    add the keys ui/strings.py has and the .ts files lack (edits kept)
    python -m ui.i18n build     .ts -> .qm (scripts/setup.sh runs this; only what is out of date)
    python -m ui.i18n simplified  regenerate kiosk/simplified_table.py from OpenCC (dev only)

简体中文 (zh_CN) has its own .ts like the others; its text starts as the Traditional side of the
table converted by kiosk.simplified.to_simplified (OpenCC hk2s data plus a reviewed phrase list),
and a translator's edit in Linguist wins over the conversion the same way.

At run time `install()` loads the .qm of every language (building any that is missing or older
than its .ts into a cache folder) and makes `ui.strings.tr` look there first: a translator's
edit in Linguist wins over the table in ui/strings.py, and a key added to the table since the
last `update` still shows (from the table). Texts that come from the core (field labels, errors)
are bilingual by construction in kiosk/domain/messages.py and the forms.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CONTEXT = "ui"
LANGUAGES = {"zh_HK": 0, "zh_CN": 0, "en": 1}  # language -> side of the (zh, en) pairs in ui/strings.py


def table_text(lang: str, pair: tuple[str, str]) -> str:
    """What the table in ui/strings.py says for `lang` (zh_CN: the Traditional text converted)."""
    from kiosk.languages import choose

    return choose(pair[0], pair[1], lang)


def _other(lang: str, pair: tuple[str, str]) -> str:
    """The translator's reference beside each message: the other language(s)."""
    return {"zh_HK": pair[1], "en": pair[0]}.get(lang, f"{pair[0]} / {pair[1]}")


def ts_path(lang: str, folder: Path = HERE) -> Path:
    return folder / f"empf_{lang}.ts"


def lrelease() -> str:
    """Qt's lrelease: the one PySide6 ships, or one on PATH."""
    import shutil

    import PySide6

    bundled = Path(PySide6.__file__).parent / "lrelease"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if not found:
        raise FileNotFoundError("lrelease not found (it comes with PySide6)")
    return found


def _read(path: Path) -> dict[str, tuple[str, str]]:
    """key -> (translation, the table's text when the file was last updated)."""
    import xml.etree.ElementTree as ET  # here, not at start-up: only update() reads .ts files

    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    out: dict[str, tuple[str, str]] = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") != CONTEXT:
            continue
        for msg in ctx.iter("message"):
            source, translation = msg.findtext("source"), msg.find("translation")
            if source and translation is not None and translation.get("type") not in ("unfinished", "obsolete"):
                out[source] = (translation.text or "", msg.findtext("extracomment") or "")
    return out


def update(folder: Path = HERE, out: Path | None = None) -> dict[str, int]:
    """Write the .ts files (into `out`, default the same folder): every key of ui/strings.py. An
    entry a translator changed in Linguist is kept; one nobody changed follows the table (its
    <extracomment> remembers the table's text it was made from). Returns the keys gained per file."""
    import xml.etree.ElementTree as ET

    from ui.strings import STRINGS

    out = out or folder
    out.mkdir(parents=True, exist_ok=True)
    gained: dict[str, int] = {}
    for lang in LANGUAGES:
        existing = _read(ts_path(lang, folder))
        root = ET.Element("TS", version="2.1", language=lang)
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = CONTEXT
        for key, pair in STRINGS.items():
            table = table_text(lang, pair)
            translation, made_from = existing.get(key, (table, table))
            if translation == made_from:  # untouched by a translator: the table's current text
                translation = table
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = key
            ET.SubElement(msg, "comment").text = _other(lang, pair)  # for the translator
            ET.SubElement(msg, "extracomment").text = table
            ET.SubElement(msg, "translation").text = translation
        gained[lang] = len(set(STRINGS) - set(existing))
        ET.indent(root)
        ts_path(lang, out).write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                                      + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    return gained


def build(folder: Path = HERE, out: Path | None = None) -> list[Path]:
    """lrelease every .ts whose .qm is missing or older; returns the .qm files."""
    import subprocess
    out = out or folder
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for lang in LANGUAGES:
        ts = ts_path(lang, folder)
        qm = out / ts.with_suffix(".qm").name
        if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60,
                           capture_output=True)
        if qm.exists():
            built.append(qm)
    return built


def _cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "empf-kiosk" / "i18n"


def _rebuild_cache(folder: Path, cache: Path) -> None:
    """update + lrelease into a private folder, then move each file into `cache` with an atomic
    rename: two kiosk processes starting at once (a restart beside the self-test) must never load
    a .qm the other is half-way through writing (QTranslator crashed on one)."""
    import shutil
    import tempfile

    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=cache.parent))
    try:
        update(folder, work)
        build(work, work)
        (work / "source").write_text(str(folder))  # what cached() compares with; moved in last
        for item in sorted(work.iterdir(), key=lambda p: p.name == "source"):
            os.replace(item, cache / item.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)


_translators: dict[str, object] = {}


def install(folder: Path = HERE, *, frozen: bool | None = None) -> bool:
    """Load the .qm files and route ui.strings.tr through them; False when none could be had.

    `frozen` (default: running from a PyInstaller bundle, sys.frozen): the .qm in `folder` are
    used as they are. build/build.py made them from the bundle's own table, and a bundle has
    nothing to compare them with (no table source, no .ts) nor rebuild them with (no lrelease)."""
    from PySide6.QtCore import QTranslator

    from ui import strings
    from ui import strings as table

    qm_dir = folder

    def is_stale(lang: str) -> bool:
        # In a PyInstaller bundle the table has no source file and the .ts may not be shipped:
        # anything that cannot be compared counts as stale, and a failed rebuild below falls back
        # to the built-in table (the same texts).
        try:
            qm = folder / ts_path(lang).with_suffix(".qm").name
            built = qm.stat().st_mtime
            return built < Path(table.__file__).stat().st_mtime or built < ts_path(lang, folder).stat().st_mtime
        except (OSError, TypeError):
            return True

    def cached() -> bool:
        # Built here by an earlier start and still newer than the table and the shipped .ts: use it
        # as it is (rebuilding ran update and three lrelease processes on every start).
        try:
            if (_cache() / "source").read_text() != str(folder):
                return False  # built from another folder's .ts (a test's, a translator's copy)
            # zh_CN's .ts is made by the conversion: a changed phrase or table makes the cache old too.
            # (Found, not imported: the table is loaded only when a member first reads 简体中文.)
            import importlib.util

            conversion = [importlib.util.find_spec(m) for m in ("kiosk.simplified", "kiosk.simplified_table")]
            newest = max(Path(table.__file__).stat().st_mtime,
                         *(Path(str(spec and spec.origin)).stat().st_mtime for spec in conversion),
                         *(ts_path(lang, folder).stat().st_mtime for lang in LANGUAGES))
            return all((_cache() / f"empf_{lang}.qm").stat().st_mtime >= newest for lang in LANGUAGES)
        except (OSError, TypeError):
            return False

    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    stale = [] if frozen else [lang for lang in LANGUAGES if is_stale(lang)]
    if stale and cached():
        qm_dir = _cache()
    elif stale:
        import subprocess
        import xml.etree.ElementTree as ET

        # The table changed since the last `update` (or nothing was built): bring the .ts up to
        # date and build it in a cache folder (the package folder may be read-only on a kiosk).
        qm_dir = _cache()
        try:
            _rebuild_cache(folder, qm_dir)
        except (OSError, subprocess.SubprocessError, ET.ParseError) as e:
            log.warning("translations not built (%s): the built-in strings are used", type(e).__name__)
            strings.set_lookup(None)
            return False
    loaded: dict[str, object] = {}
    for lang in LANGUAGES:
        translator = QTranslator()
        if translator.load(str(qm_dir / f"empf_{lang}.qm")):
            loaded[lang] = translator
    _translators.clear()
    _translators.update(loaded)
    if frozen and len(loaded) < len(LANGUAGES):
        log.warning("translations missing from the bundle for %s: the built-in strings are used there",
                    ", ".join(sorted(set(LANGUAGES) - set(loaded))))

    def lookup(key: str, lang: str) -> str | None:
        # A language without its .qm gets the table's text (for zh_CN: converted), never another
        # language's .qm: zh_HK's Traditional text for a 简体中文 reader would be a silent fallback.
        alias = "zh_HK" if lang.startswith("zh") else "en"
        t = _translators.get(lang if lang in LANGUAGES else alias)
        if t is None:
            return None
        text = t.translate(CONTEXT, key)  # type: ignore[attr-defined]
        return text or None

    strings.set_lookup(lookup if loaded else None)
    return bool(loaded)


def loaded_languages() -> list[str]:
    """The languages whose .qm the last install() loaded (the self-test checks a bundle has all)."""
    return sorted(_translators)


def missing_keys(lang: str) -> list[str]:
    """Keys of ui/strings.py the loaded .qm for `lang` lacks (all of them when none is loaded)."""
    from ui.strings import STRINGS

    t = _translators.get(lang)
    return [k for k in STRINGS if t is None or not t.translate(CONTEXT, k)]  # type: ignore[attr-defined]
