"""drivers/handwriting as kiosk.ports.handwriting.Handwriting: what the composition root provides."""

from __future__ import annotations

from drivers.handwriting.recogniser import HandwritingRecogniser, unavailable_reason


class ZinniaHandwriting:
    def unavailable_reason(self) -> str:
        return unavailable_reason()

    def recogniser(self) -> HandwritingRecogniser:
        return HandwritingRecogniser()
