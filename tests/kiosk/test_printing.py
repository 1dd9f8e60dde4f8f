"""The receipt slip's words and the printer setting: both languages in the member's order, only what
the member needs; a setting that names no printer refused in both languages; the doctor's printer
line from a real status query to the virtual printer."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.printer.escpos_printer import EscposReceiptPrinter, SerialLink
from drivers.printer.virtual import Mode, VirtualPrinter
from kiosk import doctor
from kiosk.domain import ValidationError
from kiosk.ports import Receipt
from kiosk.ports.printer import Failed, LineStyle, ReceiptSlip
from kiosk.printing import PrinterService, check_printer_setting
from kiosk.receipt_slip import HOTLINE, NEXT_STEPS, slip_for
from kiosk.settings import SPECS

RECEIPT = Receipt("K7-2611-0042", "secret-idempotency-key", "2026-11-26T04:00:00+00:00")


def test_the_slip_is_bilingual_in_the_members_order_and_carries_no_more_than_needed() -> None:
    zh = slip_for(RECEIPT, "zh_HK", instruction=("基金轉換", "Fund switch"), instruction_type="FUND_SWITCH",
                  masked_hkid="A12****(*)")
    text = zh.text()
    assert zh.lines[0].text == "積金易自助服務站收據" and zh.lines[1].text == "eMPF kiosk receipt"
    assert [line.text for line in zh.lines if line.style is LineStyle.REFERENCE] == ["K7-2611-0042"]
    assert zh.qr_payload == "EMPFK:K7-2611-0042"
    assert NEXT_STEPS["FUND_SWITCH"][0] in text and NEXT_STEPS["FUND_SWITCH"][1] in text
    assert text.index(NEXT_STEPS["FUND_SWITCH"][0]) < text.index(NEXT_STEPS["FUND_SWITCH"][1])
    assert HOTLINE in text and "2026-11-26 12:00" in text  # Hong Kong time
    assert "A12****(*)" in text and "secret-idempotency-key" not in text
    en = slip_for(RECEIPT, "en", instruction_type="TRANSFER_BENEFITS").text()
    assert en.index(NEXT_STEPS["TRANSFER_BENEFITS"][1]) < en.index(NEXT_STEPS["TRANSFER_BENEFITS"][0])
    assert "HKID" not in en  # not given: not printed
    cn = slip_for(RECEIPT, "zh_CN").text()
    assert "积金易自助服务站收据" in cn and "eMPF kiosk receipt" in cn


@pytest.mark.parametrize("raw", ["serial:/dev/ttyUSB0", "serial:/dev/ttyS1@38400", "usb:0416:5011", "virtual"])
def test_printer_settings_accepted(raw: str) -> None:
    assert check_printer_setting(raw) == raw
    assert SPECS["printer"].parse(raw) == raw


@pytest.mark.parametrize("raw", ["lpt1", "serial:ttyUSB0", "usb:416:5011", "serial:/dev/tty USB0"])
def test_printer_settings_refused_in_both_languages(raw: str) -> None:
    with pytest.raises(ValidationError) as refused:
        SPECS["printer"].parse(raw)
    assert "打印機" in refused.value.message_zh and "printer" in refused.value.message_en


def test_a_driver_that_raises_is_a_failed_result_not_an_exception() -> None:
    class Broken:
        def print_slip(self, slip: ReceiptSlip) -> object:
            raise RuntimeError("driver defect")

    service = PrinterService("virtual", lambda: (Broken(), None))  # type: ignore[arg-type,return-value]
    assert service.print_receipt(RECEIPT, "en") == Failed("RuntimeError")


def test_the_doctor_reports_the_printers_state(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path) as virtual:
        def service() -> PrinterService:
            return PrinterService("serial:" + virtual.path,
                                  lambda: (EscposReceiptPrinter(SerialLink(virtual.path)), None))
        probe = doctor.printer_probe("serial:" + virtual.path, service)
        assert probe().status is doctor.Status.PASS
        virtual.mode = Mode.PAPER_OUT
        check = probe()
        assert check.status is doctor.Status.FAIL and "out of paper" in check.summary and "沒有紙" in check.summary_zh
    assert doctor.printer_probe("none", lambda: None)().status is doctor.Status.INFO
