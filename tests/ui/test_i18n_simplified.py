"""简体中文: the stdlib conversion the kiosk uses at run time covers every Han character of the
project's strings, agrees with OpenCC (hk2s) on every one of those strings once the reviewed Hong
Kong terms are applied, and reaches every text the core hands to the UI in zh/en pairs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from kiosk.languages import LANGUAGES, choose
from kiosk.simplified import PHRASES, known, to_simplified
from kiosk.simplified_table import SIMPLIFIED, TRADITIONAL
from ui.i18n.simplified_gen import ROOT, generate, han_characters, han_strings

STRINGS = list(han_strings())


def test_every_han_character_in_the_sources_is_in_the_table() -> None:
    """A new message with a character the table has never seen fails here, not on a member's screen."""
    assert len(STRINGS) > 500  # the scan found the project's strings (forms, errors, screens)
    missing = [c for c in han_characters() if not known(c)]
    assert missing == [], f"run: python -m ui.i18n simplified   (new characters: {''.join(missing)})"


def test_the_committed_table_is_opencc_character_for_character() -> None:
    """Nobody edited the generated table by hand (reviewed wording belongs in PHRASES); a character
    no longer used may stay in it, so removing a message needs no regeneration."""
    hk2s = opencc.OpenCC("hk2s")
    assert len(TRADITIONAL) == len(SIMPLIFIED) and len(set(TRADITIONAL)) == len(TRADITIONAL)
    assert [t for t, s in zip(TRADITIONAL, SIMPLIFIED, strict=True) if hk2s.convert(t) != s] == []


def test_the_generator_writes_a_table_that_covers_the_sources(tmp_path: Path) -> None:
    out = tmp_path / "table.py"
    assert generate(ROOT, out) == len(han_characters())
    table: dict[str, str] = {}
    exec(compile(out.read_text(encoding="utf-8"), str(out), "exec"), table)
    assert set(han_characters()) == set(table["TRADITIONAL"])


def test_the_conversion_agrees_with_opencc_on_every_string() -> None:
    hk2s = opencc.OpenCC("hk2s")
    wrong = []
    for path, text in STRINGS:
        reviewed = text
        for traditional, simplified in PHRASES:
            reviewed = reviewed.replace(traditional, simplified)
        if to_simplified(text) != hk2s.convert(reviewed):
            wrong.append((path.name, text, to_simplified(text), hk2s.convert(reviewed)))
    assert wrong == [], "a character converts differently in context: add a phrase to kiosk/simplified.py"


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("積金易", "积金易"),
    ("強積金", "强积金"),
    ("身份證", "身份证"),
    ("香港身份證號碼", "香港身份证号码"),  # still the Hong Kong identity card
    ("正在讀取你的咭", "正在读取你的卡"),  # HK 咭 is 卡
    ("你想辦理甚麼？", "你想办理什么？"),  # hk2s alone gives 甚么
    ("款項存入哪個銀行戶口？", "款项存入哪个银行账户？"),  # 户口 is household registration
    ("你的新手提電話號碼是？", "你的新手机号码是？"),
    ("僱主", "雇主"),
    ("為保障私隱", "为保障隐私"),
    ("成員帳戶號碼", "成员账户号码"),  # hk2s alone gives 帐户
    ("不多於 {max} 個字元。", "不多于 {max} 个字符。"),
    ("不選擇則按預設投資策略投資。", "不选择则按预设投资策略投资。"),  # the MPF's DIS keeps its name
    ("預設語言", "默认语言"),
    ("使用「智方便」登入", "使用「智方便」登录"),  # iAM Smart keeps its name
])
def test_reviewed_hong_kong_terms(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_what_is_not_chinese_passes_through_and_converting_twice_changes_nothing() -> None:
    for text in ("A123456(3)", "HK$1,500.00", "CHAN TAI MAN", "{n} / {of}", ""):
        assert to_simplified(text) == text
    for _, text in STRINGS[:300]:
        once = to_simplified(text)
        assert to_simplified(once) == once


def test_choose_picks_and_converts() -> None:
    assert LANGUAGES == ("zh_HK", "zh_CN", "en")
    assert choose("強積金", "MPF", "zh_HK") == "強積金"
    assert choose("強積金", "MPF", "zh_CN") == "强积金"
    assert choose("強積金", "MPF", "en") == "MPF"
    assert choose("強積金", "MPF", "zh_TW") == "強積金"  # any other Chinese reads the Traditional side


def test_every_text_the_core_hands_over_in_pairs_comes_out_simplified() -> None:
    from kiosk.domain import TYPES, ValidationError
    from kiosk.domain.funds import DEFAULT_FUNDS
    from kiosk.domain.hkid import normalise
    from kiosk.qr.refusals import CODES, refusal
    from kiosk.settings import SPECS

    with pytest.raises(ValidationError) as e:
        normalise("A123456(4)")  # wrong check digit
    assert e.value.message("zh_CN") == to_simplified(e.value.message("zh_HK")) != e.value.message("zh_HK")
    assert e.value.message("en") == e.value.message_en
    texts: list[tuple[str, str]] = []  # (Traditional, what zh_CN shows)
    for t in TYPES.values():
        texts += [(t.title("zh_HK"), t.title("zh_CN")), (t.summary("zh_HK"), t.summary("zh_CN"))]
        texts += [(f.label("zh_HK"), f.label("zh_CN")) for f in t.fields]
        texts += [(s.title("zh_HK"), s.title("zh_CN")) for s in t.plan()]
    texts += [(f.name("zh_HK"), f.name("zh_CN")) for f in DEFAULT_FUNDS]
    texts += [(refusal(c).message("zh_HK"), refusal(c).message("zh_CN")) for c in CODES]
    texts += [(s.label("zh_HK"), s.label("zh_CN")) for s in SPECS.values()]
    assert len(texts) > 60
    assert [zh for zh, cn in texts if cn != to_simplified(zh)] == []
    assert sum(zh != cn for zh, cn in texts) > len(texts) // 2  # most do change: the conversion ran


def test_the_conversion_needs_no_qt_and_no_opencc() -> None:
    code = ("import sys; import kiosk.languages, kiosk.domain; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'opencc')]; "
            "print(kiosk.languages.choose('強積金', 'MPF', 'zh_CN')); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "强积金"


def test_kiosk_validate_speaks_simplified_when_asked() -> None:
    """`kiosk validate --lang zh_CN`: support staff see the same errors the member would in 简体中文."""
    from kiosk.domain.messages import error

    bad = '{"type": "CHANGE_PARTICULARS", "values": {"mobile": "123"}}'
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "validate", "-", "--lang", "zh_CN"], input=bad,
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    expected = error("MOBILE_FORMAT", "mobile").message("zh_CN")
    assert expected != error("MOBILE_FORMAT", "mobile").message("zh_HK")
    assert "MOBILE_FORMAT" in done.stdout and expected.split("：")[-1][:8] in done.stdout
    assert [line for line in done.stdout.splitlines() if to_simplified(line) != line] == []


def test_staff_strings_follow_the_member_into_simplified() -> None:
    from ui.staff.strings import STAFF_STRINGS, age_text, tr_staff

    assert tr_staff("staff_mode", "zh_CN") == to_simplified(STAFF_STRINGS["staff_mode"][0]) == "职员模式"
    assert age_text(600, "zh_CN") == "10 分钟" and age_text(600, "zh_HK") == "10 分鐘"
    assert age_text(600, "en") == "10 min"
