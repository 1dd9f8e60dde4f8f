"""Settings a technician may change on site, validated and kept in `settings.json` in the data folder.

Precedence: built-in defaults, then this file, then the environment and command-line flags (a
systemd unit or a test that sets a flag always wins). Every value is checked before it is stored,
with the reason in both languages; a damaged file falls back to the defaults and says so.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.config import KioskConfig
from kiosk.domain import ValidationError
from kiosk.languages import LANGUAGES, choose

_SHOP = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class KioskSettings:
    platform_url: str = ""  # empty: the default (or the environment's)
    shop_id: str = ""
    device_name: str = ""
    idle_timeout_s: int = 120
    idle_warning_s: int = 30
    receipt_timeout_s: int = 60
    staff_idle_timeout_s: int = 120
    languages: tuple[str, ...] = LANGUAGES
    default_lang: str = "zh_HK"
    update_url: str = ""  # where `kiosk update` looks when no source is given
    # The release ring this kiosk follows: a pilot shop takes a release before the rest of the fleet.
    update_channel: str = "stable"
    printer: str = ""  # empty: the configuration's (kiosk/printing.py lists the values)
    receipt_auto_print: bool = False

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["languages"] = list(self.languages)
        return d


@dataclass(frozen=True)
class SettingSpec:
    name: str
    label_zh: str
    label_en: str
    parse: Callable[[str], Any]
    restart: bool = False  # takes effect when the kiosk restarts

    def label(self, lang: str) -> str:
        return choose(self.label_zh, self.label_en, lang)


def _refuse(name: str, code: str, zh: str, en: str) -> ValidationError:
    return ValidationError(code, zh, en, field=name)


def _url(name: str, allow_empty: bool) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        text = raw.strip().rstrip("/")
        if not text and allow_empty:
            return ""
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _refuse(name, "SETTING_URL", "請輸入完整網址，例如 https://empf.example.hk。",
                          "Enter a full address, for example https://empf.example.hk.")
        if parts.scheme == "http" and not _loopback(parts.hostname):
            raise _refuse(name, "SETTING_URL_HTTPS", "網址必須以 https:// 開頭（本機測試除外）。",
                          "The address must start with https:// (except for a test server on this machine).")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise _refuse(name, "SETTING_URL", "網址不可包含查詢字串、錨點或密碼。",
                          "The address must not contain a query, fragment or password.")
        return text
    return parse


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress  # here: `kiosk run` loads the settings before its first paint

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _seconds(name: str, low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        try:
            value = int(str(raw).strip())
        except ValueError:
            value = -1
        if not low <= value <= high:
            raise _refuse(name, "SETTING_RANGE", f"請輸入 {low} 至 {high} 之間的秒數。",
                          f"Enter a number of seconds from {low} to {high}.")
        return value
    return parse


def _shop(raw: str) -> str:
    text = raw.strip().upper()
    if not _SHOP.match(text):
        raise _refuse("shop_id", "SETTING_SHOP", "分店編號須為 2 至 20 個英文字母、數字或 -。",
                      "The shop id must be 2 to 20 letters, digits or -.")
    return text


def _device_name(raw: str) -> str:
    text = raw.strip()
    if not _NAME.match(text):
        raise _refuse("device_name", "SETTING_NAME", "終端機名稱須為 1 至 40 個英文字母、數字或 . _ -。",
                      "The terminal name must be 1 to 40 letters, digits or . _ -.")
    return text


def _languages(raw: str) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(x.strip() for x in str(raw).replace(" ", ",").split(",") if x.strip()))
    if not items or any(x not in LANGUAGES for x in items):
        raise _refuse("languages", "SETTING_LANGUAGES", "語言只可為 zh_HK、zh_CN 或 en（以逗號分隔）。",
                      "Languages must be among zh_HK, zh_CN and en, separated by commas.")
    return items


_CHANNELS = ("pilot", "stable")


def _channel(raw: str) -> str:
    text = raw.strip().lower()
    if text not in _CHANNELS:
        raise _refuse("update_channel", "SETTING_CHANNEL", "更新頻道只可為 pilot（試點分店）或 stable。",
                      "The update channel must be pilot (a pilot shop) or stable.")
    return text


def _printer(raw: str) -> str:
    from kiosk.printing import NONE, check_printer_setting

    value = check_printer_setting(raw)
    return "" if value == NONE and not raw.strip() else value


def _yes_no(name: str) -> Callable[[str], bool]:
    def parse(raw: str) -> bool:
        text = raw.strip().lower()
        if text in ("yes", "true", "1", "on"):
            return True
        if text in ("no", "false", "0", "off", ""):
            return False
        raise _refuse(name, "SETTING_YES_NO", "請輸入 yes 或 no。", "Enter yes or no.")
    return parse


def _language(raw: str) -> str:
    text = raw.strip()
    if text not in LANGUAGES:
        raise _refuse("default_lang", "SETTING_LANGUAGES", "預設語言只可為 zh_HK、zh_CN 或 en。",
                      "The default language must be zh_HK, zh_CN or en.")
    return text


SPECS: dict[str, SettingSpec] = {s.name: s for s in (
    SettingSpec("platform_url", "積金易平台網址", "eMPF platform address", _url("platform_url", True), restart=True),
    SettingSpec("shop_id", "分店編號", "Shop id", _shop),
    SettingSpec("device_name", "終端機名稱", "Terminal name", _device_name),
    SettingSpec("idle_timeout_s", "閒置清除時間（秒）", "Idle wipe after (seconds)",
                _seconds("idle_timeout_s", 30, 600)),
    SettingSpec("idle_warning_s", "閒置警告時間（秒）", "Idle warning for (seconds)",
                _seconds("idle_warning_s", 5, 120)),
    SettingSpec("receipt_timeout_s", "收據顯示時間（秒）", "Receipt shown for (seconds)",
                _seconds("receipt_timeout_s", 10, 300)),
    SettingSpec("staff_idle_timeout_s", "職員模式閒置登出（秒）", "Staff mode idle sign-out (seconds)",
                _seconds("staff_idle_timeout_s", 30, 900)),
    SettingSpec("languages", "可選語言", "Languages offered", _languages),
    SettingSpec("default_lang", "預設語言", "Default language", _language),
    SettingSpec("update_url", "更新伺服器網址", "Update server address", _url("update_url", True)),
    SettingSpec("update_channel", "更新頻道", "Update channel", _channel),
    SettingSpec("printer", "收據打印機", "Receipt printer", _printer, restart=True),
    SettingSpec("receipt_auto_print", "自動列印收據", "Print the receipt automatically",
                _yes_no("receipt_auto_print"), restart=True),
)}


def _check_together(s: KioskSettings) -> None:
    """Rules across settings, checked on the result of every change."""
    if s.idle_warning_s >= s.idle_timeout_s:
        raise _refuse("idle_warning_s", "SETTING_IDLE_ORDER", "閒置警告時間必須短於閒置清除時間。",
                      "The idle warning must be shorter than the idle wipe time.")
    if s.default_lang not in s.languages:
        raise _refuse("default_lang", "SETTING_DEFAULT_LANG", "預設語言必須是可選語言之一。",
                      "The default language must be one of the languages offered.")


def _from_doc(doc: Mapping[str, Any]) -> KioskSettings:
    values: dict[str, Any] = {}
    for f in fields(KioskSettings):
        if f.name in doc:
            raw = doc[f.name]
            text = ",".join(raw) if isinstance(raw, list) else str(raw)
            values[f.name] = SPECS[f.name].parse(text)
    result = replace(KioskSettings(), **values)
    _check_together(result)
    return result


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""  # why the file was not used, for the doctor report

    def load(self) -> KioskSettings:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(doc, dict):
                raise ValueError("not an object")
            self.problem = ""
            return _from_doc(doc)
        except FileNotFoundError:
            self.problem = ""
            return KioskSettings()
        except (ValueError, ValidationError) as e:
            self.problem = f"{self.path.name} not used: {e}"
            return KioskSettings()

    def set(self, name: str, raw: str) -> tuple[Any, Any]:
        """Validate and store one setting; returns (old, new). Raises ValidationError (bilingual)."""
        if name not in SPECS:
            raise _refuse(name, "SETTING_UNKNOWN", f"沒有名為 {name} 的設定。", f"There is no setting called {name}.")
        current = self.load()
        new_value = SPECS[name].parse(raw)
        updated = replace(current, **{name: new_value})
        _check_together(updated)
        self._save(updated)
        return getattr(current, name), new_value

    def reset(self, name: str) -> tuple[Any, Any]:
        if name not in SPECS:
            raise _refuse(name, "SETTING_UNKNOWN", f"沒有名為 {name} 的設定。", f"There is no setting called {name}.")
        current = self.load()
        default = getattr(KioskSettings(), name)
        updated = replace(current, **{name: default})
        _check_together(updated)
        self._save(updated)
        return getattr(current, name), default

    def _save(self, s: KioskSettings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        defaults = KioskSettings().as_dict()
        doc = {k: v for k, v in s.as_dict().items() if v != defaults[k]}
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)


def settings_path(data_dir: Path) -> Path:
    return data_dir / "settings.json"


def apply(config: KioskConfig, settings: KioskSettings, *, platform_url_explicit: bool) -> KioskConfig:
    """The configuration with the settings a technician changed applied (values left at their
    defaults do not touch the configuration); an explicit --platform-url or environment wins."""
    defaults = KioskSettings()
    changes: dict[str, Any] = {}
    for name in ("idle_timeout_s", "idle_warning_s", "receipt_timeout_s"):
        if getattr(settings, name) != getattr(defaults, name):
            changes[name] = float(getattr(settings, name))
    if settings.default_lang != defaults.default_lang:
        changes["default_lang"] = settings.default_lang
    if settings.device_name:
        changes["device_name"] = settings.device_name
    if settings.printer:
        changes["printer"] = settings.printer
    if settings.receipt_auto_print:
        changes["receipt_auto_print"] = True
    if settings.platform_url and not platform_url_explicit:
        changes["platform_url"] = settings.platform_url
    return config.with_overrides(**changes)
