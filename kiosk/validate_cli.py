"""`kiosk validate`: checks an instruction file (JSON) by the rules the kiosk's forms apply, with
the member's sign-in and the employer's data the file carries, and prints the bilingual errors and
notes a member would see; `--example` prints each type's example."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import Any

from kiosk.config import KioskConfig


def run(args: argparse.Namespace, cfg: KioskConfig) -> int:
    """Prints each error and note of the file's instruction (or an example); 0 valid, 1 refused, 2 unusable."""
    import datetime as dt

    from kiosk.domain import TYPES, FormContext, Identity, IdentitySource, ValidationError, explain, get_type, validate
    from kiosk.domain.examples import example

    if args.example:
        if args.example == "list":
            for code, t in TYPES.items():
                print(f"{code}\t{t.title_zh} / {t.title_en}")
            return 0
        if args.example not in TYPES:
            print(f"unknown type {args.example!r}; `kiosk validate --example list` lists them", file=sys.stderr)
            return 2
        print(json.dumps({"type": args.example, "values": example(args.example)}, ensure_ascii=False, indent=2))
        return 0
    if args.file is None:
        print("give a FILE (or - for stdin), or --example TYPE", file=sys.stderr)
        return 2
    text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    try:
        now = dt.datetime.fromisoformat(args.today) if args.today else None
    except ValueError:
        print("--today must look like 2026-11-26 or 2026-11-26T15:30", file=sys.stderr)
        return 2
    try:
        doc = json.loads(text)
        member_doc = doc.get("member") or {}
        # The member block as the platform receives it: how the identity was checked matters to
        # registration (source, verified_by_staff).
        member = Identity(hkid=str(member_doc.get("hkid", "")),
                          date_of_birth=str(member_doc.get("date_of_birth", "")),
                          source=IdentitySource(str(member_doc.get("source") or "typed")),
                          verified_by_staff=str(member_doc.get("verified_by_staff") or "")) if member_doc else None
        employer = _employer_block(doc)
        ctx = FormContext(member=member, employer=employer) if now is None else FormContext(
            now=now, member=member, employer=employer)
        itype = get_type(str(doc["type"]))
        values, errors = validate(itype, doc.get("values") or {}, ctx)
        errors += _assurance_errors(itype.code, member, member_doc, errors)
        notes = explain(itype, values, ctx) if not errors else []
    except ValidationError as refused:
        errors, notes = [refused], []
    except EmployerBlockError as bad:
        print(f"the employer block is not usable: {bad}", file=sys.stderr)
        return 2
    except (ValueError, KeyError, TypeError, AttributeError):
        print('the file must be JSON like {"type": "CHANGE_PARTICULARS", "values": {...}}', file=sys.stderr)
        return 2

    def said(zh: str, en: str) -> str:
        from kiosk.languages import choose

        return " / ".join({"zh": [zh], "zh_CN": [choose(zh, en, "zh_CN")], "en": [en], "both": [zh, en]}[args.lang])

    for e in errors:
        print(f"{e.code}\t{e.field or '-'}\t" + said(e.message_zh, e.message_en))
    for n in notes:  # computed amounts, cut-off, cap left: what the member would see before confirming
        kind = "warning" if n.code.startswith("WARN_") else "note"
        print(f"{kind}\t{n.code}\t" + said(n.message_zh, n.message_en))
    if not errors:
        print("ok")
    return 1 if errors else 0


class EmployerBlockError(ValueError):
    """The file's "employer" block does not hold together (kiosk/domain/employer.py says why)."""


def _employer_block(doc: Mapping[str, Any]) -> Any:
    """The file's "employer" block as the domain's Employer, or None without one."""
    from kiosk.domain.employer import employer_from_doc

    block = doc.get("employer")
    if block is None:
        return None
    try:
        return employer_from_doc(block)
    except ValueError as e:
        raise EmployerBlockError(str(e)) from None


def _assurance_errors(type_code: str, member: Any, member_doc: Mapping[str, Any], errors: list[Any]) -> list[Any]:
    """The sign-in the member block claims (`signed_in_by`: iamsmart or sms_otp) against the type's
    assurance level (kiosk/domain/assurance.py); no member block, no verdict."""
    from kiosk.domain.assurance import SignIn, SignInMethod, check_assurance

    if member is None:
        return []
    method = member_doc.get("signed_in_by")
    sign_in = SignIn(member.hkid, SignInMethod(str(method))) if method else None
    refused = check_assurance(type_code, member, sign_in)
    return [refused] if refused is not None and refused.code not in {e.code for e in errors} else []
