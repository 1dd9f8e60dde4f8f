"""Technician settings: validated with bilingual reasons, persisted, applied under flags and env."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.config import KioskConfig
from kiosk.domain import ValidationError
from kiosk.settings import KioskSettings, SettingsStore, apply, settings_path
from offline_cache.audit import open_audit_log


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(settings_path(tmp_path))


@pytest.mark.parametrize(("name", "value", "code"), [
    ("platform_url", "ftp://example.hk", "SETTING_URL"),
    ("platform_url", "http://empf.example.hk", "SETTING_URL_HTTPS"),
    ("platform_url", "https://user:pw@empf.example.hk", "SETTING_URL"),
    ("idle_timeout_s", "5", "SETTING_RANGE"),
    ("idle_timeout_s", "two minutes", "SETTING_RANGE"),
    ("idle_warning_s", "120", "SETTING_IDLE_ORDER"),  # not shorter than the 120 s wipe
    ("staff_idle_timeout_s", "10000", "SETTING_RANGE"),
    ("shop_id", "shop 1!", "SETTING_SHOP"),
    ("languages", "fr", "SETTING_LANGUAGES"),
    ("languages", "en", "SETTING_DEFAULT_LANG"),  # the default zh_HK would no longer be offered
    ("default_lang", "de", "SETTING_LANGUAGES"),
    ("no_such_setting", "1", "SETTING_UNKNOWN"),
])
def test_bad_values_are_refused_and_change_nothing(store: SettingsStore, name: str, value: str, code: str) -> None:
    with pytest.raises(ValidationError) as e:
        store.set(name, value)
    assert e.value.code == code and e.value.message_zh and e.value.message_en
    assert not store.path.exists()
    assert store.load() == KioskSettings()


def test_good_values_persist_normalised(store: SettingsStore) -> None:
    assert store.set("shop_id", " tst-01 ") == ("", "TST-01")
    assert store.set("platform_url", "https://empf.example.hk/") == ("", "https://empf.example.hk")
    assert store.set("idle_warning_s", "20")[1] == 20
    store.set("default_lang", "en")
    store.set("languages", "en")
    again = SettingsStore(store.path).load()
    assert (again.shop_id, again.platform_url, again.idle_warning_s, again.languages, again.default_lang) == (
        "TST-01", "https://empf.example.hk", 20, ("en",), "en")
    assert json.loads(store.path.read_text()) == {"shop_id": "TST-01", "platform_url": "https://empf.example.hk",
                                                  "idle_warning_s": 20, "languages": ["en"], "default_lang": "en"}
    assert store.reset("languages") == (("en",), ("zh_HK", "zh_CN", "en"))


def test_a_damaged_file_falls_back_to_defaults_and_says_so(store: SettingsStore) -> None:
    store.path.write_text('{"idle_timeout_s": 3}')
    assert store.load() == KioskSettings()
    assert "settings.json" in store.problem


def test_settings_apply_under_explicit_flags() -> None:
    cfg = KioskConfig(platform_url="http://127.0.0.1:8765")
    s = KioskSettings(platform_url="https://empf.example.hk", idle_timeout_s=300, default_lang="en")
    applied = apply(cfg, s, platform_url_explicit=False)
    assert (applied.platform_url, applied.idle_timeout_s, applied.default_lang) == (
        "https://empf.example.hk", 300.0, "en")
    assert apply(cfg, s, platform_url_explicit=True).platform_url == "http://127.0.0.1:8765"
    assert apply(cfg, KioskSettings(), platform_url_explicit=False) == cfg  # defaults change nothing


def test_cli_settings_set_show_and_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMPF_KIOSK_PLATFORM_URL", raising=False)
    d = ["--data-dir", str(tmp_path)]
    assert cli.main(["settings", "set", "platform_url", "http://127.0.0.1:9999", *d]) == 0
    assert cli.main(["settings", "set", "idle_timeout_s", "9", *d]) == 1
    err = capsys.readouterr().err
    assert "SETTING_RANGE" in err and "秒" in err
    assert cli.main(["settings", "show", "--json", *d]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["platform_url"] == "http://127.0.0.1:9999" and shown["idle_timeout_s"] == 120
    args = cli.build_parser().parse_args(["doctor", *d])
    assert cli.load_config(args).platform_url == "http://127.0.0.1:9999"
    args = cli.build_parser().parse_args(["doctor", "--platform-url", "http://127.0.0.1:1", *d])
    assert cli.load_config(args).platform_url == "http://127.0.0.1:1"
    entries = open_audit_log(tmp_path).entries()
    assert [(e["event"], e["detail"]["name"], e["role"]) for e in entries] == [
        ("tech.setting_changed", "platform_url", "technician")]
