"""Colours, sizes and the style sheet of the kiosk, in a normal and a high-contrast palette, at
normal or large (200%) text.

Everything visual that a reviewer might want to change lives here, as plain values, so that a test
can read the colours and check their contrast (WCAG 2.1 AA asks for 4.5:1 for body text; many of
our members are elderly and the kiosk may stand in a bright hall). The member chooses large text
and high contrast on the attract screen; `apply()` restyles the whole application, and the next
member starts from the normal theme again.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette

# The regional glyph forms of Hong Kong Traditional Chinese; TC first (most complete), HK second.
FONT_FAMILIES: tuple[str, ...] = ("Noto Sans CJK TC", "Noto Sans CJK HK")


@dataclass(frozen=True)
class Palette:
    name: str = "normal"
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
    target_bg: str = "#F3F8FF"  # the field the keys type into
    disabled: str = "#DADFE4"
    on_disabled: str = "#4F5963"
    error: str = "#A4161A"
    error_bg: str = "#FDECEC"
    notice: str = "#7A4A00"  # amber-brown text for neutral notices
    notice_bg: str = "#FFF4DB"
    ok: str = "#1E6B2F"
    header: str = "#003F40"
    on_header: str = "#FFFFFF"
    hero: str = "#003F40"  # the attract screen's title
    pressed: str = "#C5CED6"  # a button while the finger is on it
    on_pressed: str = "#1B1F23"
    status_bg: str = "#26323B"
    on_status: str = "#FFFFFF"
    overlay_scrim: str = "#CC101418"  # ARGB: the page under the idle warning, dimmed


PALETTE = Palette()

# Black page, white text, yellow for what can be pressed and where the keys type: the usual
# high-contrast scheme, readable for members with low vision and in glare.
HIGH_CONTRAST = Palette(
    name="high_contrast",
    background="#000000",
    surface="#000000",
    text="#FFFFFF",
    text_muted="#FFFFFF",
    placeholder="#C8C8C8",
    primary="#FFE500",
    on_primary="#000000",
    primary_pressed="#FFFFFF",
    secondary="#000000",
    on_secondary="#FFFFFF",
    border="#FFFFFF",
    focus="#FFE500",
    target_bg="#1A1A00",
    disabled="#000000",
    on_disabled="#BDBDBD",
    error="#FF8A80",
    error_bg="#000000",
    notice="#FFE500",
    notice_bg="#000000",
    ok="#7CFC7C",
    header="#000000",
    on_header="#FFFFFF",
    hero="#FFFFFF",
    pressed="#FFFFFF",
    on_pressed="#000000",
    status_bg="#000000",
    on_status="#FFFFFF",
    overlay_scrim="#E6000000",
)

PALETTES: dict[str, Palette] = {PALETTE.name: PALETTE, HIGH_CONTRAST.name: HIGH_CONTRAST}

# (what, foreground attribute, background attribute): every text/background pairing the UI uses.
TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("body text", "text", "background"),
    ("text on cards", "text", "surface"),
    ("muted text", "text_muted", "background"),
    ("muted text on cards", "text_muted", "surface"),
    ("placeholder in fields", "placeholder", "surface"),
    ("typed text in the target field", "text", "target_bg"),
    ("placeholder in the target field", "placeholder", "target_bg"),
    ("primary button", "on_primary", "primary"),
    ("primary button pressed", "on_primary", "primary_pressed"),
    ("secondary button", "on_secondary", "secondary"),
    ("keys and choices", "text", "surface"),
    ("disabled button", "on_disabled", "disabled"),
    ("error text", "error", "error_bg"),
    ("error text on cards", "error", "surface"),
    ("error text on the page", "error", "background"),
    ("notice text", "notice", "notice_bg"),
    ("ok text", "ok", "surface"),
    ("ok text on the page", "ok", "background"),
    ("card reading", "primary", "surface"),
    ("header", "on_header", "header"),
    ("status strip", "on_status", "status_bg"),
    ("selected choice", "on_primary", "primary"),
    ("hero text", "hero", "background"),
    ("pressed button", "on_pressed", "pressed"),
    ("language toggle, chosen", "header", "on_header"),
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


def colours(palette: Palette = PALETTE) -> dict[str, str]:
    return {f.name: getattr(palette, f.name) for f in fields(Palette) if f.name != "name"}


# ---------------------------------------------------------------- sizes (pixels at normal text)
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

LARGE_TEXT_SCALE = 2.0  # "large text" doubles every text size


@dataclass(frozen=True)
class Theme:
    palette: Palette = PALETTE
    scale: float = 1.0  # text size factor

    @property
    def large(self) -> bool:
        return self.scale > 1.0

    def font(self, px: int) -> int:
        return round(px * self.scale)

    def size(self, px: int) -> int:
        """Controls grow a quarter as much as text: a button's height follows its text anyway (Qt
        sizes buttons to their font), and 200% text must still fit a 1080-line screen."""
        return round(px * (1 + (self.scale - 1) / 4))

    def key(self, px: int) -> int:
        """Keypad keys grow least: five rows of them must fit beside the question, and ten across a
        portrait card, at 200% text."""
        return round(px * (1 + (self.scale - 1) / 8))

    def display(self, px: int) -> int:
        """Text that is big already (titles, the question, the reference: 40 px and more) grows
        less; every other text is doubled."""
        return round(px * (1 + (self.scale - 1) * 0.3))


_active = Theme()


def active() -> Theme:
    return _active


def palette() -> Palette:
    """The palette in use now (painted widgets read it at paint time)."""
    return _active.palette


def theme_for(high_contrast: bool, large_text: bool) -> Theme:
    return Theme(HIGH_CONTRAST if high_contrast else PALETTE, LARGE_TEXT_SCALE if large_text else 1.0)


def font_family() -> str:
    """The first CJK family Qt knows (needs a QGuiApplication); '' if none is installed."""
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    return ""


def app_font(theme: Theme | None = None) -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize((theme or _active).font(BASE_FONT_PX))
    return font


def apply_palette(qpalette: QPalette, p: Palette | None = None) -> QPalette:
    """Colours that style sheets cannot reach (the placeholder text of line edits)."""
    p = p or _active.palette
    qpalette.setColor(QPalette.ColorRole.PlaceholderText, QColor(p.placeholder))
    qpalette.setColor(QPalette.ColorRole.Window, QColor(p.background))
    qpalette.setColor(QPalette.ColorRole.WindowText, QColor(p.text))
    qpalette.setColor(QPalette.ColorRole.Base, QColor(p.surface))
    qpalette.setColor(QPalette.ColorRole.Text, QColor(p.text))
    return qpalette


def apply(app: object, theme: Theme) -> bool:
    """Restyle the application (a QApplication) for `theme`; False when it is already in use."""
    global _active
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    if theme == _active and app.property("empf_themed"):
        return False
    _active = theme
    app.setFont(app_font(theme))
    app.setPalette(apply_palette(app.palette(), theme.palette))
    app.setStyleSheet(stylesheet(theme))
    app.setProperty("empf_themed", True)
    return True


def stylesheet(theme: Theme | None = None) -> str:
    t = theme or _active
    p = t.palette
    f, s = t.font, t.size
    hc = p.name == "high_contrast"
    # In high contrast every control has a white outline: shapes, not shades, separate them.
    card_border = f"3px solid {p.border}" if hc else f"2px solid {p.secondary}"
    button_border = f"3px solid {p.border}" if hc else "none"
    strong_border = p.border if hc else p.primary
    return f"""
QWidget {{ font-size: {f(BASE_FONT_PX)}px; color: {p.text}; }}
QMainWindow, QStackedWidget, QWidget#page {{ background: {p.background}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}

QLabel#title {{ font-size: {t.display(TITLE_FONT_PX)}px; font-weight: bold; }}
QLabel#question {{ font-size: {t.display(TITLE_FONT_PX - 6)}px; font-weight: bold; }}
QLabel#formTitle {{ font-size: {f(BASE_FONT_PX)}px; color: {p.text_muted}; }}
QLabel#progress {{ font-size: {f(BASE_FONT_PX)}px; font-weight: bold; color: {p.text}; }}
QLabel#hero {{ font-size: {t.display(HERO_FONT_PX)}px; font-weight: bold; color: {p.hero}; }}
QLabel#heroEn {{ font-size: {t.display(TITLE_FONT_PX)}px; color: {p.hero}; }}
QLabel#muted {{ color: {p.text_muted}; }}
QLabel#help {{ color: {p.text_muted}; font-size: {f(SMALL_FONT_PX + 2)}px; }}
QLabel#term {{ color: {p.text_muted}; font-size: {f(SMALL_FONT_PX)}px; }}
QLabel#fieldLabel {{ font-weight: bold; }}
QLabel#fieldError {{ color: {p.error}; font-weight: bold; }}
QLabel#okText {{ color: {p.ok}; font-weight: bold; }}
QLabel#reading {{ font-size: {f(TITLE_FONT_PX - 10)}px; font-weight: bold; color: {p.primary}; }}
QLabel#reference {{ font-size: {t.display(HERO_FONT_PX)}px; font-weight: bold; letter-spacing: 2px;
    background: {p.surface}; border: 3px solid {p.primary}; border-radius: {RADIUS}px; padding: 8px 24px; }}

QFrame#card {{ background: {p.surface}; border: {card_border}; border-radius: {RADIUS}px; }}
QFrame#card QLabel {{ background: transparent; }}

QFrame#header {{ background: {p.header}; min-height: {s(HEADER_HEIGHT)}px; max-height: {s(HEADER_HEIGHT)}px;
    {"border-bottom: 3px solid " + p.border + ";" if hc else ""} }}
QFrame#header QLabel {{ color: {p.on_header}; background: transparent; }}
QLabel#brand {{ font-size: {f(BASE_FONT_PX)}px; font-weight: bold; }}
QLabel#step {{ font-size: {f(BASE_FONT_PX)}px; }}

QFrame#status {{ background: {p.status_bg}; min-height: {s(STATUS_HEIGHT)}px; max-height: {s(STATUS_HEIGHT)}px;
    {"border-top: 3px solid " + p.border + ";" if hc else ""} }}
QFrame#status QLabel {{ color: {p.on_status}; background: transparent; font-size: {f(SMALL_FONT_PX)}px; }}
QFrame#status QLabel#staffCall {{ font-weight: bold; text-decoration: underline; }}

QFrame#errorBox {{ background: {p.error_bg}; border: 2px solid {p.error}; border-radius: {RADIUS}px; }}
QFrame#errorBox QLabel {{ color: {p.error}; background: transparent; }}
QFrame#noticeBox {{ background: {p.notice_bg}; border: 2px solid {p.notice}; border-radius: {RADIUS}px; }}
QFrame#noticeBox QLabel {{ color: {p.notice}; background: transparent; }}
QFrame#okBox {{ background: {p.surface}; border: 2px solid {p.ok}; border-radius: {RADIUS}px; }}
QFrame#okBox QLabel {{ background: transparent; }}

QPushButton {{
    min-height: {s(BUTTON_MIN_HEIGHT)}px; font-size: {f(BUTTON_FONT_PX)}px; border-radius: {RADIUS}px;
    padding: 0 {s(32)}px; background: {p.secondary}; color: {p.on_secondary}; border: 2px solid {p.border};
}}
QPushButton:pressed {{ background: {p.pressed}; color: {p.on_pressed}; }}
QPushButton:disabled {{ background: {p.disabled}; color: {p.on_disabled}; border: 2px dashed {p.on_disabled}; }}
QPushButton#primary {{ background: {p.primary}; color: {p.on_primary}; border: {button_border};
    font-weight: bold; }}
QPushButton#primary:pressed {{ background: {p.primary_pressed}; }}
QPushButton#primary:disabled {{ background: {p.disabled}; color: {p.on_disabled}; border: 2px dashed {p.on_disabled}; }}
QPushButton#hero {{ min-height: {s(128)}px; font-size: {t.display(48)}px; font-weight: bold; background: {p.primary};
    color: {p.on_primary}; border: {button_border}; }}
QPushButton#hero:pressed {{ background: {p.primary_pressed}; }}
QPushButton#menuItem {{ min-height: {s(100)}px; font-size: {f(TITLE_FONT_PX - 12)}px; text-align: left;
    padding-left: {s(40)}px; background: {p.surface}; border: 3px solid {strong_border};
    color: {p.text}; }}
QLabel#menuHeading {{ font-size: {f(TITLE_FONT_PX - 12)}px; font-weight: bold; color: {p.text};
    background: transparent; }}
QLabel#menuSummary {{ font-size: {f(SMALL_FONT_PX + 2)}px; color: {p.text_muted}; background: transparent; }}
QPushButton#menuItem:pressed {{ background: {p.pressed}; color: {p.on_pressed}; }}
QPushButton#key {{ min-height: {t.key(KEY_MIN_HEIGHT)}px; max-height: {t.key(KEY_MIN_HEIGHT)}px;
    min-width: {t.key(KEY_MIN_WIDTH)}px; padding: 0;
    font-size: {s(BUTTON_FONT_PX)}px; background: {p.surface}; color: {p.text}; }}
QPushButton#key:pressed {{ background: {p.pressed}; color: {p.on_pressed}; }}
QPushButton#keyAction {{ min-height: {t.key(KEY_MIN_HEIGHT)}px; max-height: {t.key(KEY_MIN_HEIGHT)}px;
    min-width: {t.key(KEY_MIN_WIDTH)}px; padding: 0 8px;
    font-size: {s(BASE_FONT_PX)}px; background: {p.secondary}; color: {p.on_secondary}; }}
QPushButton#pageTab {{ min-height: {t.key(KEY_MIN_HEIGHT)}px; max-height: {t.key(KEY_MIN_HEIGHT)}px;
    padding: 0 {s(16)}px; font-size: {f(BASE_FONT_PX)}px; background: {p.surface}; color: {p.text}; }}
QPushButton#pageTab:checked {{ background: {p.primary}; color: {p.on_primary}; border: 3px solid {strong_border};
    font-weight: bold; }}
QPushButton#candidate {{ min-height: {t.key(KEY_MIN_HEIGHT + 16)}px; max-height: {t.key(KEY_MIN_HEIGHT + 16)}px;
    min-width: {t.key(KEY_MIN_WIDTH)}px; padding: 0; font-size: {t.display(44)}px; background: {p.surface};
    color: {p.text}; border: {"3px" if hc else "2px"} solid {p.border}; }}
QPushButton#candidate:pressed {{ background: {p.pressed}; color: {p.on_pressed}; }}
QPushButton#candidate:disabled {{ background: {p.background}; border: 2px dashed {p.border}; }}
QPushButton#choice {{ background: {p.surface}; color: {p.text}; padding: 0 {s(24)}px; text-align: left; }}
QPushButton#choice:checked {{ background: {p.primary}; color: {p.on_primary}; border: 3px solid {strong_border};
    font-weight: bold; }}
QPushButton#step {{ min-height: {s(BUTTON_MIN_HEIGHT)}px; min-width: {s(BUTTON_MIN_HEIGHT)}px; padding: 0 {s(12)}px;
    background: {p.surface}; color: {p.text}; }}
QPushButton#lang {{ min-height: {s(60)}px; min-width: {s(96)}px; padding: 0 {s(16)}px; font-size: {f(BASE_FONT_PX)}px;
    background: transparent; color: {p.on_header}; border: 2px solid {p.on_header}; }}
QPushButton#lang:checked {{ background: {p.on_header}; color: {p.header}; font-weight: bold; }}
QPushButton#callStaff {{ min-height: {s(60)}px; padding: 0 {s(20)}px; font-size: {f(BASE_FONT_PX)}px;
    font-weight: bold; background: {p.on_header}; color: {p.header}; border: 2px solid {p.on_header}; }}
QPushButton#callStaff:checked {{ background: transparent; color: {p.on_header}; }}
QPushButton#toggle {{ min-height: {s(BUTTON_MIN_HEIGHT)}px; background: {p.surface}; color: {p.text};
    padding: 0 {s(24)}px; }}
QPushButton#toggle:checked {{ background: {p.primary}; color: {p.on_primary};
    border: 3px solid {strong_border}; }}

QLineEdit {{
    min-height: {s(72)}px; font-size: {f(BUTTON_FONT_PX)}px; padding: 0 16px; background: {p.surface};
    border: 3px solid {p.border}; border-radius: {RADIUS}px; color: {p.text};
}}
QLineEdit:focus {{ border-color: {p.focus}; }}
QLineEdit[target="true"] {{ border: 5px solid {p.focus}; background: {p.target_bg}; }}
QLineEdit[invalid="true"] {{ border-color: {p.error}; border-style: dashed; }}

QScrollBar:vertical {{ width: {s(28)}px; background: {p.secondary}; border-radius: {s(14)}px;
    {"border: 2px solid " + p.border + ";" if hc else ""} }}
QScrollBar::handle:vertical {{ background: {p.border}; border-radius: {s(14)}px; min-height: 80px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QLabel#value {{ font-size: {f(BUTTON_FONT_PX)}px; font-weight: bold; }}
QLabel#valueName {{ font-size: {f(BUTTON_FONT_PX)}px; color: {p.text_muted}; }}

QFrame#overlayPanel {{ background: {p.surface}; border-radius: {RADIUS * 2}px; border: 4px solid {strong_border}; }}
QFrame#overlayPanel QLabel {{ background: transparent; }}
QFrame#fundRow {{ background: {p.surface}; border: {card_border}; border-radius: {RADIUS}px; }}
QFrame#fundRow QLabel {{ background: transparent; }}
"""
