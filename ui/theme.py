"""Colours, sizes and the style sheet of the kiosk.

Everything visual that a reviewer might want to change lives here, as plain values, so that a test
can read the colours and check their contrast (WCAG 2.1 AA asks for 4.5:1 for body text; many of
our members are elderly and the kiosk may stand in a bright hall).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette

# The regional glyph forms of Hong Kong Traditional Chinese; TC first (most complete), HK second.
FONT_FAMILIES: tuple[str, ...] = ("Noto Sans CJK TC", "Noto Sans CJK HK")


@dataclass(frozen=True)
class Palette:
    background: str = "#F4F6F8"  # page
    surface: str = "#FFFFFF"  # cards, fields
    text: str = "#1B1F23"
    text_muted: str = "#4A5560"  # secondary text, still ≥ 4.5:1 on background and surface
    placeholder: str = "#68717C"  # example text in empty fields: lighter than typed text, still ≥ 4.5:1
    primary: str = "#005A5B"  # main action buttons (deep teal)
    on_primary: str = "#FFFFFF"
    primary_pressed: str = "#003F40"
    secondary: str = "#E3E8ED"  # Back, keypad keys
    on_secondary: str = "#1B1F23"
    border: str = "#8A949E"  # field borders: 3:1 against surface (non-text contrast)
    focus: str = "#0B63CE"
    disabled: str = "#DADFE4"
    on_disabled: str = "#4F5963"
    error: str = "#A4161A"
    error_bg: str = "#FDECEC"
    notice: str = "#7A4A00"  # amber-brown text for neutral notices
    notice_bg: str = "#FFF4DB"
    ok: str = "#1E6B2F"
    header: str = "#003F40"
    on_header: str = "#FFFFFF"
    status_bg: str = "#26323B"
    on_status: str = "#FFFFFF"
    overlay_scrim: str = "#CC101418"  # ARGB: the page under the idle warning, dimmed


PALETTE = Palette()

# (what, foreground attribute, background attribute): every text/background pairing the UI uses.
TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("body text", "text", "background"),
    ("text on cards", "text", "surface"),
    ("muted text", "text_muted", "background"),
    ("muted text on cards", "text_muted", "surface"),
    ("placeholder in fields", "placeholder", "surface"),
    ("primary button", "on_primary", "primary"),
    ("primary button pressed", "on_primary", "primary_pressed"),
    ("secondary button", "on_secondary", "secondary"),
    ("disabled button", "on_disabled", "disabled"),
    ("error text", "error", "error_bg"),
    ("error text on cards", "error", "surface"),
    ("notice text", "notice", "notice_bg"),
    ("ok text", "ok", "surface"),
    ("card reading", "primary", "surface"),
    ("header", "on_header", "header"),
    ("status strip", "on_status", "status_bg"),
    ("selected choice", "on_primary", "primary"),
)


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1) of `#RRGGBB` (the alpha of `#AARRGGBB` is ignored)."""
    hexdigits = colour.lstrip("#")[-6:]
    r, g, b = (int(hexdigits[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def colours() -> dict[str, str]:
    return {f.name: getattr(PALETTE, f.name) for f in fields(Palette)}


# ---------------------------------------------------------------- sizes (pixels)
BASE_FONT_PX = 26  # body text; the brief asks ≥ 20, older eyes read 24+ comfortably
SMALL_FONT_PX = 22  # status strip, hints: still ≥ 20
BUTTON_FONT_PX = 30
TITLE_FONT_PX = 46
HERO_FONT_PX = 64  # attract title, receipt reference
BUTTON_MIN_HEIGHT = 80  # ≥ 60 px touch target, more for unsteady hands
KEY_MIN_HEIGHT = 64  # on-screen keypad keys: ≥ 60 and five rows fit beside a two-line error
KEY_MIN_WIDTH = 68
SPACING = 24  # between touch targets, so a finger does not hit two
PAGE_MARGIN = 48
RADIUS = 12
HEADER_HEIGHT = 96
STATUS_HEIGHT = 56


def font_family() -> str:
    """The first CJK family Qt knows (needs a QGuiApplication); '' if none is installed."""
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    return ""


def app_font() -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(BASE_FONT_PX)
    return font


def apply_palette(palette: QPalette) -> QPalette:
    """Colours that style sheets cannot reach (the placeholder text of line edits)."""
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(PALETTE.placeholder))
    return palette


def stylesheet() -> str:
    p = PALETTE
    return f"""
QWidget {{ font-size: {BASE_FONT_PX}px; color: {p.text}; }}
QMainWindow, QStackedWidget, QWidget#page {{ background: {p.background}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}

QLabel#title {{ font-size: {TITLE_FONT_PX}px; font-weight: bold; }}
QLabel#hero {{ font-size: {HERO_FONT_PX}px; font-weight: bold; color: {p.header}; }}
QLabel#heroEn {{ font-size: {TITLE_FONT_PX}px; color: {p.header}; }}
QLabel#muted {{ color: {p.text_muted}; }}
QLabel#fieldLabel {{ font-weight: bold; }}
QLabel#reading {{ font-size: {TITLE_FONT_PX - 10}px; font-weight: bold; color: {p.primary}; }}
QLabel#reference {{ font-size: {HERO_FONT_PX}px; font-weight: bold; letter-spacing: 2px;
    background: {p.surface}; border: 3px solid {p.primary}; border-radius: {RADIUS}px; padding: 8px 24px; }}

QFrame#card {{ background: {p.surface}; border: 2px solid {p.secondary}; border-radius: {RADIUS}px; }}
QFrame#card QLabel {{ background: transparent; }}

QFrame#header {{ background: {p.header}; }}
QFrame#header QLabel {{ color: {p.on_header}; background: transparent; }}
QLabel#brand {{ font-size: {BASE_FONT_PX}px; font-weight: bold; }}
QLabel#step {{ font-size: {BASE_FONT_PX}px; }}

QFrame#status {{ background: {p.status_bg}; }}
QFrame#status QLabel {{ color: {p.on_status}; background: transparent; font-size: {SMALL_FONT_PX}px; }}

QFrame#errorBox {{ background: {p.error_bg}; border: 2px solid {p.error}; border-radius: {RADIUS}px; }}
QFrame#errorBox QLabel {{ color: {p.error}; background: transparent; }}
QFrame#noticeBox {{ background: {p.notice_bg}; border: 2px solid {p.notice}; border-radius: {RADIUS}px; }}
QFrame#noticeBox QLabel {{ color: {p.notice}; background: transparent; }}

QPushButton {{
    min-height: {BUTTON_MIN_HEIGHT}px; font-size: {BUTTON_FONT_PX}px; border-radius: {RADIUS}px;
    padding: 0 32px; background: {p.secondary}; color: {p.on_secondary}; border: 2px solid {p.border};
}}
QPushButton:pressed {{ background: {p.border}; }}
QPushButton:disabled {{ background: {p.disabled}; color: {p.on_disabled}; border-color: {p.disabled}; }}
QPushButton#primary {{ background: {p.primary}; color: {p.on_primary}; border: none; font-weight: bold; }}
QPushButton#primary:pressed {{ background: {p.primary_pressed}; }}
QPushButton#primary:disabled {{ background: {p.disabled}; color: {p.on_disabled}; }}
QPushButton#hero {{ min-height: 128px; font-size: 48px; font-weight: bold; background: {p.primary};
    color: {p.on_primary}; border: none; }}
QPushButton#hero:pressed {{ background: {p.primary_pressed}; }}
QPushButton#menuItem {{ min-height: 120px; font-size: {TITLE_FONT_PX - 8}px; text-align: left;
    padding-left: 40px; background: {p.surface}; border: 3px solid {p.primary}; color: {p.text}; }}
QPushButton#menuItem:pressed {{ background: {p.secondary}; }}
QPushButton#key {{ min-height: {KEY_MIN_HEIGHT}px; min-width: {KEY_MIN_WIDTH}px; padding: 0;
    font-size: {BUTTON_FONT_PX}px; background: {p.surface}; }}
QPushButton#key:pressed {{ background: {p.secondary}; }}
QPushButton#keyAction {{ min-height: {KEY_MIN_HEIGHT}px; min-width: {KEY_MIN_WIDTH}px; padding: 0;
    font-size: {BASE_FONT_PX}px; background: {p.secondary}; }}
QPushButton#choice {{ background: {p.surface}; padding: 0 24px; }}
QPushButton#choice:checked {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary};
    font-weight: bold; }}
QPushButton#lang {{ min-height: 60px; min-width: 96px; padding: 0 16px; font-size: {BASE_FONT_PX}px;
    background: transparent; color: {p.on_header}; border: 2px solid {p.on_header}; }}
QPushButton#lang:checked {{ background: {p.on_header}; color: {p.header}; font-weight: bold; }}

QLineEdit {{
    min-height: 72px; font-size: {BUTTON_FONT_PX}px; padding: 0 16px; background: {p.surface};
    border: 3px solid {p.border}; border-radius: {RADIUS}px; color: {p.text};
}}
QLineEdit:focus {{ border-color: {p.focus}; }}
QLineEdit[target="true"] {{ border: 4px solid {p.focus}; background: #F3F8FF; }}
QLineEdit[invalid="true"] {{ border-color: {p.error}; }}

QScrollBar:vertical {{ width: 28px; background: {p.secondary}; border-radius: 14px; }}
QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 14px; min-height: 80px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QLabel#value {{ font-size: {BUTTON_FONT_PX}px; font-weight: bold; }}
QLabel#valueName {{ font-size: {BUTTON_FONT_PX}px; color: {p.text_muted}; }}

QFrame#overlayPanel {{ background: {p.surface}; border-radius: {RADIUS * 2}px; border: 4px solid {p.primary}; }}
QScrollBar:vertical {{ width: 28px; background: {p.secondary}; border-radius: 14px; }}
QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 14px; min-height: 80px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QLabel#value {{ font-size: {BUTTON_FONT_PX}px; font-weight: bold; }}
QLabel#valueName {{ font-size: {BUTTON_FONT_PX}px; color: {p.text_muted}; }}

QFrame#overlayPanel QLabel {{ background: transparent; }}
"""
