"""Every message the rules can give, by code, in 繁體中文 and English.

One table instead of strings scattered through the rules: support staff look a code up here,
docs/forms.md lists them, the translations (Qt Linguist, 简体中文) are made from it, and a test
checks that every code has both languages and the same placeholders in each.
Placeholders are str.format names; their values are already formatted (money as 1,500.00).
"""

from __future__ import annotations

import string

from .errors import Notice, ValidationError

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ one field
    "REQUIRED": ("必須填寫。", "this is required."),
    "TEXT_CONTROL": ("含有不能使用的隱藏或控制字元，請重新輸入。",
                     "it holds a hidden or control character that cannot be used; please type it again."),
    "CODE_NOT_ASCII": ("只可使用半形英文字母及數字（不可使用全形或外觀相似的字元）。",
                       "use plain letters A-Z and digits 0-9 only (no full-width or look-alike characters)."),
    "TOO_LONG": ("不可多於 {max} 個字元。", "must be at most {max} characters."),
    "NAME_EN_FORMAT": ("只可使用英文字母、空格、連字號及撇號。",
                       "use English letters, spaces, hyphens and apostrophes only."),
    "NAME_ZH_FORMAT": ("只可使用中文字。", "use Chinese characters only."),
    "ADDRESS_FORMAT": ("只可使用中文字、英文字母、數字、空格及常用標點。",
                       "use Chinese characters, English letters, digits, spaces and common punctuation only."),
    "TEXT_FORMAT": ("只可使用英文字母、數字、空格及常用標點。",
                    "use English letters, digits, spaces and common punctuation only."),
    "DATE_FORMAT": ("日期格式應為 年年年年-月月-日日，例如 1970-01-31。",
                    "enter the date as YYYY-MM-DD, for example 1970-01-31."),
    "DATE_PARTIAL_FORMAT": ("日期格式應為 年年年年-月月-日日；只知年份或年月亦可，例如 1970 或 1970-01。",
                            "enter the date as YYYY-MM-DD; the year or year and month alone will do, "
                            "for example 1970 or 1970-01."),
    "MOBILE_FORMAT": ("香港手提電話號碼應為 8 位數字，並以 4 至 9 開頭。",
                      "a Hong Kong mobile number has 8 digits and starts with 4 to 9."),
    "EMAIL_FORMAT": ("電郵地址格式不正確，例如 chan@example.com。",
                     "the email address is not valid, for example chan@example.com."),
    "CHOICE_INVALID": ("請從列出的選項中選擇。", "choose one of the options shown."),
    "MULTI_CHOICE_INVALID": ("請只從列出的選項中選擇。", "choose only from the options shown."),
    "YES_NO_INVALID": ("請選擇「是」或「否」。", "choose Yes or No."),
    "CONFIRM_REQUIRED": ("請確認後才可繼續。", "please confirm before you continue."),
    "MONEY_FORMAT": ("金額須為不少於零的數字，最多兩個小數位。",
                     "the amount must be a number of at least zero with at most 2 decimal places."),
    "MONEY_TOO_LARGE": ("金額過大，請核對。", "the amount is too large; please check it."),
    "MONEY_RANGE": ("金額須介乎 HK${min} 至 HK${max}。", "the amount must be from HK${min} to HK${max}."),
    "PERCENT_FORMAT": ("百分比須為 0 至 100 的數字，最多兩個小數位。",
                       "the percentage must be a number from 0 to 100 with at most 2 decimal places."),
    "NUMBER_FORMAT": ("須為整數。", "must be a whole number."),
    "NUMBER_RANGE": ("須為 {min} 至 {max} 的整數。", "must be a whole number from {min} to {max}."),
    "BANK_ACCOUNT_FORMAT": ("銀行戶口應為銀行編號(3位)、分行編號(3位)及戶口號碼(6至9位)。",
                            "a bank account is a 3-digit bank code, a 3-digit branch code and a 6-9 digit "
                            "account number."),
    "ACCOUNT_FORMAT": ("號碼只可包含英文字母、數字及連字號(4至30個字元)。",
                       "use 4 to 30 letters, digits or hyphens."),
    "PASSPORT_FORMAT": ("護照號碼應為 5 至 20 個英文字母或數字。",
                        "a passport number has 5 to 20 letters or digits."),
    "COUNTRY_FORMAT": ("請輸入三個英文字母的國家代碼，例如 PHL。",
                       "enter the three-letter country code, for example PHL."),
    "BR_FORMAT": ("商業登記號碼應為 8 位數字（可附 3 位分行號碼），例如 12345678-000。",
                  "a business registration number has 8 digits (and may end with a 3-digit branch "
                  "number), for example 12345678-000."),
    "FUND_CODE_FORMAT": ("基金代號 {fund} 格式不正確。", "fund code {fund} is not valid."),
    "ALLOCATION_EMPTY": ("請最少選擇一個基金。", "choose at least one fund."),
    "ALLOCATION_PERCENT": ("每個基金的百分比須為 1 至 100 的整數。",
                           "each fund's percentage must be a whole number from 1 to 100."),
    "ALLOCATION_TOTAL": ("百分比總和須為 100（現為 {total}）。", "the percentages must total 100 (now {total})."),
    "SWITCH_PERCENT": ("每個轉出基金的百分比須為 1 至 100 的整數。",
                       "each fund switched out needs a whole percentage from 1 to 100."),
    "ROWS_EMPTY": ("請最少加入一名成員。", "add at least one member."),
    "ROWS_TOO_MANY": ("本機每次最多可處理 {max} 名成員，其餘請分開遞交。",
                      "this kiosk takes at most {max} members at a time; send the rest separately."),
    "ROWS_FORMAT": ("資料格式不正確。", "the data is not in the expected form."),
    "ROW_FIELD": ("第 {row} 名成員：{message}", "Member {row}: {message}"),
    # ------------------------------------------------------------ whole forms: shared rules
    "NOTHING_CHANGED": ("請最少填寫一項要更改的資料。", "Fill in at least one item to change."),
    "PERIOD_ORDER": ("結束日期不可早於開始日期。", "The end date cannot be before the start date."),
    "DATE_IN_FUTURE": ("日期不可在將來。", "The date cannot be in the future."),
    "DATE_TOO_FAR_AHEAD": ("日期不可遲於 {limit}。", "The date cannot be later than {limit}."),
    "DOB_IMPLAUSIBLE": ("出生日期不合理，請核對。", "The date of birth does not look right; please check it."),
    "DOB_CARD_MISMATCH": ("出生日期與身份證明文件上的不符。",
                          "The date of birth differs from the one on your identity document."),
    "CONTACT_REQUIRED": ("請最少提供手提電話或電郵地址其中一項，以便聯絡你。",
                         "Give a mobile number or an email address, so that you can be contacted."),
    "REG_IDENTITY_UNVERIFIED": ("登記須經「智方便」，或由店員核對你的香港身份證。",
                                "Registration needs iAM Smart, or shop staff checking your HKID card."),
    "NAME_DOCUMENT_REQUIRED": ("更改姓名須提供證明文件類別。",
                               "Changing a name needs the kind of supporting document."),
    # ------------------------------------------------------------ investment
    "FUND_UNKNOWN": ("本計劃沒有基金 {fund}。", "This scheme has no fund {fund}."),
    "SWITCH_SAME_FUND": ("基金 {fund} 不可同時轉出及轉入。", "Fund {fund} cannot be both switched out and in."),
    "SWITCH_IN_ONLY_OUT": ("轉入的基金不可全部都是轉出的基金。", "Switch into at least one fund you are not leaving."),
    # ------------------------------------------------------------ transfer
    "TRANSFER_SAME_ACCOUNT": ("原有及新戶口不可相同。", "The original and new accounts cannot be the same."),
    "TRANSFER_ACCOUNT_TYPE": ("{kind} 不可由「{from_type}」轉往「{to_type}」。",
                              "{kind} cannot move benefits from \"{from_type}\" to \"{to_type}\"."),
    "PP_ONCE_A_YEAR": ("僱員自選安排每個公曆年只可轉移一次；今年已轉移過。",
                       "An employee-choice transfer can be made once a calendar year, and one was made "
                       "this year."),
    # ------------------------------------------------------------ withdrawal
    "INSTALMENTS_NOT_ALLOWED": ("只有年滿65歲或60歲提早退休的提取可選擇分期。",
                                "Instalments are only for withdrawals at age 65 or early retirement at 60."),
    "AGE_NOT_REACHED": ("以「{ground}」提取須年滿 {age} 歲；按出生日期計算，你將於 {on} 年滿 {age} 歲。",
                        "Withdrawing on the ground \"{ground}\" needs age {age}; by your date of birth you "
                        "reach {age} on {on}."),
    "EARLY_RETIREMENT_AFTER_65": ("你已年滿65歲，請改以「年滿65歲」提取（手續較簡單）。",
                                  "You are 65 or over: choose \"Reaching age 65\" instead (it needs less)."),
    "DEATH_SELF": ("身故申索須由遺產代理人或受益人提出，不可以申索人本人的身份證號碼。",
                   "A death claim is made by the personal representative or a beneficiary: the "
                   "deceased's HKID cannot be your own."),
    "DEPARTURE_TOO_FAR": ("離港日期須在 {days} 日之內或已過去。",
                          "The departure date must be within {days} days from today or in the past."),
    # ------------------------------------------------------------ voluntary contributions
    "AMOUNT_ZERO": ("金額須大於零。", "The amount must be more than zero."),
    "TVC_TAX_CAP": ("可扣稅自願性供款在 {year} 課稅年度的上限為 HK${cap}；你已供款 HK${paid}，"
                    "今次最多可供 HK${left}（按月供款則為今個課稅年度餘下 {months} 個月合計）。",
                    "Tax-deductible voluntary contributions are capped at HK${cap} in tax year {year}; you "
                    "have paid HK${paid}, so at most HK${left} more (for monthly contributions: in total "
                    "over the {months} months left in this tax year)."),
    "MONTHLY_NEEDS_DIRECT_DEBIT": ("每月供款須以直接付款授權支付。", "Monthly contributions are paid by direct debit."),
    # ------------------------------------------------------------ enrolment and termination
    "AGE_NOT_COVERED": ("僱員在受僱日須年滿18歲而未滿65歲，才須參加強積金計劃（受僱日年齡：{age}）。",
                        "Only employees aged 18 to 64 on the employment date must join an MPF scheme "
                        "(age on that date: {age})."),
    "JOIN_BEFORE_EMPLOYMENT": ("參加計劃日期不可早於受僱日期。",
                               "The scheme-joining date cannot be before the employment date."),
    "JOIN_AFTER_60_DAYS": ("參加計劃日期須在受僱日期起計 60 日內（即 {limit} 或之前）。",
                           "The scheme-joining date must be within 60 days of employment ({limit} or earlier)."),
    "EMPLOYEE_TYPE_NEEDS": ("僱員類別「{type}」須填寫：{what}。", "Employee type \"{type}\" needs: {what}."),
    "LAST_DAY_BEFORE_EMPLOYMENT": ("最後受僱日不可早於受僱日期。",
                                   "The last day of employment cannot be before the employment date."),
    "LSP_SP_AMOUNT_REQUIRED": ("已支付長期服務金或遣散費，須填寫金額。",
                               "A long-service or severance payment was made: enter its amount."),
    "EMPLOYEE_REF_REQUIRED": ("請提供僱員的身份證號碼或成員帳戶號碼。",
                              "Give the employee's HKID number or member account number."),
    # ------------------------------------------------------------ contribution data
    "PAYING_COMPANY_NOT_EMPLOYERS": ("商業登記號碼 {br} 不屬於僱主「{employer}」的公司，請從僱主的公司中選擇付款公司。",
                                     "BR number {br} is not one of {employer}'s companies: choose the paying "
                                     "company from the employer's own."),
    "SCHEME_NOT_EMPLOYERS": ("僱主沒有參加此計劃；僱主參加的計劃：{schemes}。",
                             "The employer does not take part in this scheme; its schemes: {schemes}."),
    "PARTICIPATION_MISMATCH": ("僱主帳戶號碼與僱主在計劃 {scheme} 的參與編號不符。",
                               "The employer account number is not the employer's participation number in "
                               "scheme {scheme}."),
    "MEMBER_NOT_EMPLOYEE": ("第 {row} 名成員不是僱主在此計劃的僱員；請先辦理僱員登記。",
                            "Member {row} is not one of the employer's employees on this scheme; enrol them "
                            "first."),
    "VC_NO_PLAN": ("第 {row} 名成員沒有與僱主協定的自願性供款計劃；更改計劃須另行提交指示。",
                   "Member {row} has no voluntary-contribution plan agreed with the employer; a change of plan "
                   "is an instruction of its own."),
    "VC_INPUT_REQUIRED": ("第 {row} 名成員的自願性供款計劃須按{what}計算，請填寫{what}。",
                          "Member {row}'s voluntary-contribution plan is worked out on the {what}: enter the "
                          "{what}."),
    "VC_GRADE_UNKNOWN": ("第 {row} 名成員的{what}不在其自願性供款計劃的分級之內。",
                         "Member {row}'s {what} is not one of the tiers of their voluntary-contribution plan."),
    "VC_MISMATCH": ("第 {row} 名成員的{what}按協定計劃應為 HK${expected}（{basis}），你輸入了 HK${typed}。"
                    "請更正，或選擇差額的原因。",
                    "Member {row}: under the agreed plan the {what} should be HK${expected} ({basis}); you "
                    "entered HK${typed}. Correct it, or choose the reason for the difference."),
    "PERIOD_LENGTH": ("「{period}」糧期應為 {expected}，現為 {days} 日。",
                      "A \"{period}\" wage period should be {expected}; this one is {days} days."),
    "CONTRIBUTION_MISMATCH": ("第 {row} 名成員的{what}應為 HK${expected}（{basis}），你輸入了 HK${typed}。"
                              "請更正，或選擇差額的原因。",
                              "Member {row}: the {what} should be HK${expected} ({basis}); you entered "
                              "HK${typed}. Correct it, or choose the reason for the difference."),
    "EMPLOYED_AFTER_PERIOD": ("第 {row} 名成員的受僱日期在糧期之後。",
                              "Member {row} was employed after the end of the wage period."),
    "DUPLICATE_MEMBER": ("第 {row} 名成員與第 {first} 名相同。", "Member {row} is the same person as member {first}."),
    "MEMBER_ID_REQUIRED": ("第 {row} 名成員須有身份證號碼或成員帳戶號碼。",
                           "Member {row} needs an HKID number or a member account number."),
    # ------------------------------------------------------------ a statement from a file (statement_csv.py)
    "CSV_TOO_LARGE": ("檔案過大（最多 {max} KiB）。", "The file is too large (at most {max} KiB)."),
    "CSV_ENCODING": ("檔案須為 UTF-8 編碼的 CSV；請在試算表以「CSV UTF-8」格式另存。",
                     "The file must be CSV in UTF-8; save it from the spreadsheet as \"CSV UTF-8\"."),
    "CSV_EMPTY": ("檔案沒有成員資料。", "The file holds no members."),
    "CSV_UNKNOWN_COLUMN": ("第 {column} 欄的標題「{name}」不是範本的欄位。",
                           "Column {column}'s heading \"{name}\" is not one of the template's."),
    "CSV_DUPLICATE_COLUMN": ("第 {column} 欄「{name}」重複。", "Column {column} repeats \"{name}\"."),
    "CSV_MISSING_COLUMN": ("檔案欠缺「{name}」一欄。", "The file has no \"{name}\" column."),
    "CSV_TOO_MANY": ("一份結算書最多 {max} 名成員。", "A statement holds at most {max} members."),
    "CSV_ROW_WIDTH": ("檔案第 {line} 行（第 {row} 名成員）的欄數多於標題的 {columns} 欄。",
                      "File line {line} (member {row}) has more cells than the heading's {columns} columns."),
    "CSV_CELL": ("檔案第 {line} 行（第 {row} 名成員）：{message}", "File line {line} (member {row}): {message}"),
    # ------------------------------------------------------------ notices (not errors)
    "NOTE_CUTOFF_TODAY": ("在 {cutoff} 前收到的指示會於今日（{day}）處理；截止前可取消。",
                          "Received before {cutoff}, this instruction is dealt with today ({day}); it can be "
                          "cancelled until then."),
    "NOTE_CUTOFF_NEXT": ("已過今日 {cutoff} 的截止時間或今日非工作日：指示會於 {day} 處理；該日 {cutoff} 前可取消。",
                         "It is past today's {cutoff} cut-off or not a working day: this instruction is dealt "
                         "with on {day} and can be cancelled until {cutoff} that day."),
    "NOTE_TVC_LEFT": ("{year} 課稅年度的可扣稅上限尚餘 HK${left}（上限 HK${cap}）。",
                      "HK${left} of the HK${cap} tax-deductible cap is left in tax year {year}."),
    "NOTE_CONTRIBUTION_ROW": ("第 {row} 名成員：僱主強制性供款 HK${er}，僱員強制性供款 HK${ee}（{basis}）。",
                              "Member {row}: employer mandatory HK${er}, employee mandatory HK${ee} ({basis})."),
    "NOTE_DIFFERENCE_DECLARED": ("第 {row} 名成員的{what}與計算所得相差 HK${diff}，原因：{reason}。",
                                 "Member {row}: the {what} differs from the computed amount by HK${diff}; "
                                 "reason: {reason}."),
    "NOTE_CONTRIBUTION_DAY": ("供款日：{day}（逾期須繳付 5% 附加費）。",
                              "Contribution day: {day} (late payment carries a 5% surcharge)."),
    "NOTE_CONTRIBUTION_DAY_MOVED": ("供款日：{day}（{nominal} 是{why}，所以順延；逾期須繳付 5% 附加費）。",
                                    "Contribution day: {day} ({nominal} is {why}, so it moves on; late payment "
                                    "carries a 5% surcharge)."),
    "WARN_CONTRIBUTION_OVERDUE": ("已過供款日 {day}：此結算書逾期。強制性供款 HK${mandatory} 的 5% 附加費約為 "
                                  "HK${surcharge}，由積金易平台評定及通知僱主；本機不會代為加上。",
                                  "The contribution day {day} has passed: this statement is late. The 5% "
                                  "surcharge on the mandatory contributions of HK${mandatory} comes to about "
                                  "HK${surcharge}; the eMPF platform assesses it and tells the employer; the "
                                  "kiosk does not add it."),
    "NOTE_VC_ROW": ("第 {row} 名成員：{what} HK${amount}（{basis}）。",
                    "Member {row}: {what} HK${amount} ({basis})."),
    "NOTE_PAYING_COMPANY": ("付款公司：{name}（商業登記號碼 {br}）。", "Paying company: {name} (BR number {br})."),
    "NOTE_LATE_ENROLMENT": ("僱員應在受僱後 60 日內（{limit} 或之前）參加計劃；現已逾期，可能須繳付附加費。",
                            "Employees must be enrolled within 60 days of employment ({limit} or earlier); "
                            "this is late and a surcharge may apply."),
    "NOTE_HOLIDAY": ("第 {row} 名成員在新僱員供款假期內：僱員無須作強制性供款，僱主仍須供款。",
                     "Member {row} is in the new-employee contribution holiday: no employee mandatory "
                     "contribution; the employer still pays."),
    "NOTE_DOCUMENTS": ("請準備以下文件交職員或郵寄：{documents}",
                       "Have these documents ready for the staff or to post: {documents}"),
    "NOTE_DOB_ASSUMED": ("只填寫年份或年月時，以該年 12 月 31 日或該月最後一日作為出生日期。",
                         "With the year or the year and month only, the date of birth is taken as 31 December "
                         "or the month's last day."),
    # ------------------------------------------------------------ identity (kiosk/core/flows)
    "IAMSMART_HKID_MISMATCH": ("「智方便」提供的身份證號碼，與你較早前輸入或由咭讀取的號碼不同，所以未有使用。"
                               "請重新開始，或請店員協助。",
                               "The HKID number iAM Smart gave is not the one you typed or your card gave "
                               "earlier, so it was not used. Start again, or ask shop staff."),
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def placeholders(code: str) -> tuple[set[str], set[str]]:
    zh, en = MESSAGES[code]
    return _fields(zh), _fields(en)


def _side(params: dict[str, object], i: int) -> dict[str, object]:
    """A parameter given as a (zh, en) pair puts each language's word in its own message."""
    return {k: (v[i] if isinstance(v, tuple) and len(v) == 2 else v) for k, v in params.items()}


def text(code: str, **params: object) -> tuple[str, str]:
    zh, en = MESSAGES[code]
    return zh.format(**_side(params, 0)), en.format(**_side(params, 1))


def _strings(params: dict[str, object]) -> dict[str, str]:
    # Kept with the Chinese word for paired parameters: 简体中文 is made from the Chinese side.
    return {k: str(v) for k, v in _side(params, 0).items()}


def error(code: str, field: str = "", *, label: tuple[str, str] | None = None,
          **params: object) -> ValidationError:
    """The ValidationError for `code`, its message prefixed with the field's label when given."""
    zh, en = text(code, **params)
    if label is not None:
        zh, en = f"{label[0]}：{zh}", f"{label[1]}: {en}"
    return ValidationError(code, zh, en, field=field, params=_strings(params), label=label)


def notice(code: str, field: str = "", **params: object) -> Notice:
    zh, en = text(code, **params)
    return Notice(code, zh, en, field=field, params=_strings(params))
