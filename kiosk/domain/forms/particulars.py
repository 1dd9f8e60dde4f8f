"""Change of personal particulars (更改個人資料). DOMAIN.md: the exact field list is not confirmed;
the kiosk offers mobile, e-mail, correspondence address, language and name (with a document)."""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..fields import Choice, FieldSpec, Kind, is_blank
from ..messages import error
from ..model import FormContext, InstructionType, Rule, Step, Values, has
from ..rules import at_least_one
from .common import LANGUAGE

ITEMS = (
    Choice("mobile", "手提電話", "Mobile number"),
    Choice("email", "電郵地址", "Email address"),
    Choice("address", "通訊地址", "Correspondence address"),
    Choice("language", "通訊語言", "Correspondence language"),
    Choice("name", "姓名（須提供證明文件）", "Name (needs a document)"),
)
# Which values each item fills in, for inferring `changes` when a caller leaves it out.
ITEM_FIELDS = {"mobile": ("mobile",), "email": ("email",), "address": ("address",), "language": ("language",),
               "name": ("name_en", "name_zh")}

NAME_DOCUMENTS = (
    Choice("HKID_CARD", "新香港身份證", "New Hong Kong identity card"),
    Choice("DEED_POLL", "改名契", "Deed poll"),
    Choice("MARRIAGE_CERT", "結婚證書", "Marriage certificate"),
    Choice("OTHER", "其他官方文件", "Other official document"),
)


def _infer_changes(values: dict[str, Any]) -> dict[str, Any]:
    if values.get("changes") is None:
        values["changes"] = [item for item, names in ITEM_FIELDS.items()
                             if any(not is_blank(values.get(n)) for n in names)]
    return values


def _name_needs_document(values: Values, ctx: FormContext) -> list[ValidationError]:
    named = values.get("name_en") or values.get("name_zh")
    if named and not values.get("name_document"):
        return [error("NAME_DOCUMENT_REQUIRED", "name_document")]
    if "name" in (values.get("changes") or ()) and not named:
        return [error("REQUIRED", "name_en", label=("新英文姓名", "New name in English"))]
    return []


CHANGE_PARTICULARS = InstructionType(
    "CHANGE_PARTICULARS", "更改個人資料", "Change of personal particulars",
    (
        FieldSpec("changes", "要更改的項目", "Items to change", Kind.MULTI_CHOICE, required=False, choices=ITEMS,
                  transient=True),
        FieldSpec("mobile", "新手提電話", "New mobile number", Kind.MOBILE, required=False, personal=True,
                  help_zh="8 位數字，例如 91234567", help_en="8 digits, e.g. 91234567"),
        FieldSpec("email", "新電郵地址", "New email address", Kind.EMAIL, required=False, personal=True),
        FieldSpec("address", "新通訊地址", "New correspondence address", Kind.ADDRESS, required=False,
                  personal=True, max_length=200, help_zh="中文或英文皆可", help_en="In Chinese or English"),
        FieldSpec("language", "通訊語言", "Correspondence language", Kind.CHOICE, required=False,
                  choices=LANGUAGE),
        FieldSpec("name_en", "新英文姓名", "New name in English", Kind.NAME_EN, required=False, personal=True),
        FieldSpec("name_zh", "新中文姓名", "New name in Chinese", Kind.NAME_ZH, required=False, personal=True),
        FieldSpec("name_document", "姓名證明文件", "Document for the new name", Kind.CHOICE, required=False,
                  choices=NAME_DOCUMENTS),
    ),
    rules=(
        at_least_one("changes", "mobile", "email", "address", "language", "name_en", "name_zh"),
        Rule(("NAME_DOCUMENT_REQUIRED", "REQUIRED"), ("changes", "name_en", "name_zh", "name_document"),
             _name_needs_document, "a new name needs a document; ticking name needs a name"),
    ),
    steps=(
        Step("changes", "你想更改哪些資料？", "What would you like to change?", ("changes",),
             help_zh="可選多項。", help_en="You may choose more than one."),
        Step("mobile", "你的新手提電話號碼是？", "What is your new mobile number?", ("mobile",),
             when=has("changes", "mobile"), required=True),
        Step("email", "你的新電郵地址是？", "What is your new email address?", ("email",),
             when=has("changes", "email"), required=True),
        Step("address", "你的新通訊地址是？", "What is your new correspondence address?", ("address",),
             when=has("changes", "address"), required=True),
        Step("language", "你想以哪種語言收取通知？", "Which language should letters be in?", ("language",),
             when=has("changes", "language"), required=True),
        Step("name", "你的新姓名是？", "What is your new name?", ("name_en", "name_zh"),
             when=has("changes", "name"), help_zh="填寫英文或中文姓名，或兩者。",
             help_en="Give the new name in English or Chinese, or both."),
        Step("name_document", "你會用哪份文件證明新姓名？", "Which document shows the new name?", ("name_document",),
             when=has("changes", "name"),
             help_zh="請把文件交職員核對。", help_en="Please show the document to the staff."),
    ),
    derive=_infer_changes,
    summary_zh="電話、電郵、地址、語言或姓名", summary_en="Phone, email, address, language or name",
)
