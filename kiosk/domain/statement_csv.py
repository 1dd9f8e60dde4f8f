"""Many members at once: a contribution statement's rows from a CSV file in the documented
template (docs/contribution-statement.md, docs/examples/statement-template.csv).

The header names each column in both languages, `中文 / English` as the template has it; a
header cell may also be the Chinese or English label alone or the column's code (`relevant_income`),
in any order, so a payroll system's export can be mapped by renaming its header. Each cell is
checked with the statement's own row fields (kiosk/domain/forms/contribution.py ROW_FIELDS), and
every problem is reported with its file line and member number in both languages. Nothing
partial: a file with any problem gives no rows at all. UTF-8 (with or without a BOM) only.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .errors import ValidationError
from .fields import FieldSpec, check_field
from .forms.contribution import MAX_MEMBERS, ROW_FIELDS
from .messages import error

REQUIRED_COLUMNS = ("relevant_income", "employer_mandatory", "employee_mandatory")
ID_COLUMNS = ("hkid", "member_account_no")
MAX_BYTES = 2 * 1024 * 1024
MAX_ERRORS = 50  # a broken file says enough to be fixed without a wall of text


def header_cell(spec: FieldSpec) -> str:
    return f"{spec.label_zh} / {spec.label_en}"


TEMPLATE_HEADER = tuple(header_cell(s) for s in ROW_FIELDS)


def _names() -> dict[str, FieldSpec]:
    out: dict[str, FieldSpec] = {}
    for s in ROW_FIELDS:
        for key in (s.name, s.label_zh, s.label_en, header_cell(s)):
            out[key.strip().casefold()] = s
    return out


_BY_NAME = _names()


@dataclass
class ParsedStatement:
    rows: list[dict[str, object]] = field(default_factory=list)
    errors: list[ValidationError] = field(default_factory=list)


def _columns(header: list[str]) -> tuple[list[FieldSpec | None], list[ValidationError]]:
    specs: list[FieldSpec | None] = []
    errors: list[ValidationError] = []
    seen: set[str] = set()
    for i, cell in enumerate(header, start=1):
        spec = _BY_NAME.get(cell.strip().casefold())
        if spec is None:
            if cell.strip():
                errors.append(error("CSV_UNKNOWN_COLUMN", "file", column=i, name=cell.strip()[:40]))
            specs.append(None)  # an unnamed, empty column (a trailing comma) is ignored
            continue
        if spec.name in seen:
            errors.append(error("CSV_DUPLICATE_COLUMN", "file", column=i, name=(spec.label_zh, spec.label_en)))
        seen.add(spec.name)
        specs.append(spec)
    missing = [s for s in ROW_FIELDS if s.name in REQUIRED_COLUMNS and s.name not in seen]
    if not seen & set(ID_COLUMNS):
        missing.insert(0, next(s for s in ROW_FIELDS if s.name == "hkid"))
    errors.extend(error("CSV_MISSING_COLUMN", "file", name=(s.label_zh, s.label_en)) for s in missing)
    return specs, errors


def _choice_code(spec: FieldSpec, value: str) -> str:
    """A choice cell may hold the code or either label."""
    wanted = value.strip().casefold()
    for c in spec.choices:
        if wanted in (c.value.casefold(), c.label_zh.casefold(), c.label_en.casefold()):
            return c.value
    return value


def parse_statement_csv(data: bytes) -> ParsedStatement:
    """The rows of a statement file, or every problem found (then no rows)."""
    if len(data) > MAX_BYTES:
        return ParsedStatement(errors=[error("CSV_TOO_LARGE", "file", max=MAX_BYTES // 1024)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParsedStatement(errors=[error("CSV_ENCODING", "file")])
    lines = list(csv.reader(io.StringIO(text, newline="")))
    header_at = next((i for i, r in enumerate(lines) if any(c.strip() for c in r)), None)
    if header_at is None:
        return ParsedStatement(errors=[error("CSV_EMPTY", "file")])
    specs, errors = _columns(lines[header_at])
    if errors:
        return ParsedStatement(errors=errors)
    out = ParsedStatement()
    member = 0
    for line_no, cells in enumerate(lines[header_at + 1:], start=header_at + 2):
        if not any(c.strip() for c in cells):
            continue
        member += 1
        if member > MAX_MEMBERS:
            return ParsedStatement(errors=[error("CSV_TOO_MANY", "file", max=MAX_MEMBERS)])
        if len(cells) > len(specs) and any(c.strip() for c in cells[len(specs):]):
            out.errors.append(error("CSV_ROW_WIDTH", f"members[{member}]", line=line_no, row=member,
                                    columns=len(specs)))
            continue
        row: dict[str, object] = {}
        bad: set[str] = set()
        for spec, cell in zip(specs, cells, strict=False):
            if spec is None:
                continue
            value = _choice_code(spec, cell) if spec.choices else cell
            try:
                row[spec.name] = check_field(spec, value)
            except ValidationError as e:
                bad.add(spec.name)
                out.errors.append(error("CSV_CELL", f"members[{member}].{spec.name}", line=line_no, row=member,
                                        message=(e.message_zh, e.message_en)))
        if not any(row.get(n) for n in ID_COLUMNS) and not bad & set(ID_COLUMNS):
            no_id = error("MEMBER_ID_REQUIRED", row=member)
            out.errors.append(error("CSV_CELL", f"members[{member}].hkid", line=line_no, row=member,
                                    message=(no_id.message_zh, no_id.message_en)))
        out.rows.append(row)
        if len(out.errors) >= MAX_ERRORS:
            break
    if out.errors:
        return ParsedStatement(errors=out.errors[:MAX_ERRORS])
    if not out.rows:
        return ParsedStatement(errors=[error("CSV_EMPTY", "file")])
    return out


def template_csv() -> str:
    """The template: the bilingual header and one fictional example row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    example = {"member_account_no": "MB-0001", "name": "CHAN SIU MING", "relevant_income": "20000.00",
               "employer_mandatory": "1000.00", "employee_mandatory": "1000.00", "employer_voluntary": "1000.00",
               "basic_salary": "18000.00"}
    writer.writerow([example.get(s.name, "") for s in ROW_FIELDS])
    return buf.getvalue()
