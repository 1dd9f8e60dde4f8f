"""MRZ rules: 7-3-1 check digits, the typed BAC key, whole-MRZ parsing (ICAO 9303 parts 3-5)."""

from __future__ import annotations

import datetime

import pytest

from kiosk.domain import ValidationError, mrz

# ICAO 9303-4 specimen passport (Utopia, Anna Maria Eriksson): a published example, not a person.
SPECIMEN_TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
)
# ICAO 9303-5 specimen ID card (TD1).
SPECIMEN_TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<"
    "7408122F1204159UTO<<<<<<<<<<<6"
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TODAY = datetime.date(2025, 1, 1)


@pytest.mark.parametrize(("field", "digit"), [
    ("L898902C<", "3"), ("690806", "1"), ("940623", "6"),  # ICAO 9303-11 appendix D.2
    ("D23145890", "7"), ("740812", "2"), ("120415", "9"), ("<<<<<<<<<", "0"),
])
def test_check_digit(field: str, digit: str) -> None:
    assert mrz.check_digit(field) == digit


def test_key_mrz_information_is_appendix_d2() -> None:
    key = mrz.MrzKey.typed("L898902C", "690806", "940623")
    assert key.mrz_information == "L898902C<369080619406236"


@pytest.mark.parametrize(("typed", "expected"), [
    ("690806", "690806"), ("06/08/1969", "690806"), ("6-8-1969", "690806"), ("06 08 1969", "690806"),
    ("06081969", "690806"), ("1969-08-06", "690806"), (" 06.08.1969 ", "690806"), ("29/02/2000", "000229"),
])
def test_dates_in_the_forms_people_type(typed: str, expected: str) -> None:
    assert mrz.normalise_date(typed, "date_of_birth") == expected


@pytest.mark.parametrize("typed", ["", "691306", "690832", "31/02/1969", "1969/08/06", "tomorrow", "6908061"])
def test_bad_dates_name_the_field_in_both_languages(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        mrz.normalise_date(typed, "date_of_expiry")
    error = info.value
    assert error.code == "MRZ_DATE_OF_EXPIRY" and error.field == "date_of_expiry"
    # Asked for as every other date on the kiosk is written: year-month-day.
    assert "年-月-日" in error.message_zh and "year-month-day" in error.message_en
    assert "2034-06-23" in error.message_en


@pytest.mark.parametrize(("typed", "expected"), [("l898902c", "L898902C"), ("L898 902C<<", "L898902C"),
                                                 ("K1234-5678", "K12345678")])
def test_document_number_normalised(typed: str, expected: str) -> None:
    assert mrz.normalise_document_number(typed) == expected


@pytest.mark.parametrize("typed", ["", "<<<", "L89890é", "A" * 23, "L898/902"])
def test_bad_document_numbers(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        mrz.normalise_document_number(typed)
    assert info.value.code == "MRZ_DOCUMENT_NUMBER" and info.value.field == "document_number"


def test_key_errors_reports_every_field_at_once() -> None:
    errors = mrz.key_errors("", "991399", "01/01/2030")
    assert [e.field for e in errors] == ["document_number", "date_of_birth"]
    assert mrz.key_errors("L898902C", "690806", "940623") == []


def test_key_repr_hides_the_values() -> None:
    key = mrz.MrzKey.typed("L898902C", "690806", "940623")
    assert "L898902C" not in repr(key) and "690806" not in str(key)


def test_parse_td3_specimen() -> None:
    data = mrz.parse(SPECIMEN_TD3)
    assert data.format is mrz.MrzFormat.TD3 and data.is_passport
    assert (data.document_code, data.issuing_state, data.nationality) == ("P", "UTO", "UTO")
    assert (data.surname, data.given_names, data.name) == ("ERIKSSON", "ANNA MARIA", "ERIKSSON ANNA MARIA")
    assert (data.document_number, data.date_of_birth, data.sex, data.date_of_expiry) == (
        "L898902C3", "740812", "F", "120415")
    assert data.optional_data == "ZE184226B"
    assert data.iso_birth(TODAY) == "1974-08-12" and data.iso_expiry(TODAY) == "2012-04-15"
    assert data.key.mrz_information.startswith("L898902C36")
    assert "ERIKSSON" not in repr(data)


def test_parse_accepts_line_breaks_and_lower_case() -> None:
    text = SPECIMEN_TD3[:44].lower() + "\r\n" + SPECIMEN_TD3[44:] + "\n"
    assert mrz.parse(text).surname == "ERIKSSON"


def test_parse_td1_specimen() -> None:
    data = mrz.parse(SPECIMEN_TD1)
    assert data.format is mrz.MrzFormat.TD1 and not data.is_passport
    assert (data.document_code, data.document_number, data.date_of_birth, data.date_of_expiry) == (
        "I", "D23145890", "740812", "120415")
    assert data.name == "ERIKSSON ANNA MARIA"


def test_parse_td1_extended_document_number() -> None:
    # ICAO 9303-5 4.2.4: a 12-character number continues in the optional data, its check digit
    # after it, then a filler; the document number field's own check position holds `<`.
    number = "D23145890123"
    line1 = "I<UTO" + number[:9] + "<" + number[9:] + mrz.check_digit(number) + "<"
    line1 = line1.ljust(30, "<")
    line2 = "7408122F1204159UTO<<<<<<<<<<<"
    line2 += mrz.check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    data = mrz.parse(line1 + line2 + "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
    assert data.document_number == number


@pytest.mark.parametrize(("position", "what"), [(53, "document number"), (63, "date of birth"),
                                                (71, "date of expiry"), (87, "composite")])
def test_parse_rejects_a_wrong_check_digit(position: int, what: str) -> None:
    broken = SPECIMEN_TD3[:position] + str((int(SPECIMEN_TD3[position]) + 1) % 10) + SPECIMEN_TD3[position + 1:]
    with pytest.raises(ValidationError) as info:
        mrz.parse(broken)
    assert info.value.code == "MRZ_CHECK_DIGIT" and what in info.value.message_en


@pytest.mark.parametrize("text", ["", "P<UTO", SPECIMEN_TD3[:-1], SPECIMEN_TD3.replace("<", "-"), "X" * 87])
def test_parse_rejects_what_is_not_an_mrz(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        mrz.parse(text)
    assert info.value.code == "MRZ_FORMAT"


def test_two_digit_years() -> None:
    assert mrz.yymmdd_to_iso("250101", TODAY, past=True) == "2025-01-01"
    assert mrz.yymmdd_to_iso("260101", TODAY, past=True) == "1926-01-01"  # births are never ahead
    assert mrz.yymmdd_to_iso("740101", TODAY, past=False) == "2074-01-01"
    assert mrz.yymmdd_to_iso("940623", TODAY, past=False) == "1994-06-23"
    assert mrz.yymmdd_to_iso("69<<<<", TODAY, past=True) == ""
