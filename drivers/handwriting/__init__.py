"""Chinese handwriting recognition: strokes (lists of points) in, candidate characters out.

`zinnia` binds Debian's libzinnia0 through ctypes (no compiler, no PyPI wheel needed); `recogniser`
runs the tegaki models (Debian's tegaki-zinnia-japanese and tegaki-zinnia-simplified-chinese) and
turns their answers into Traditional Chinese (or Simplified) with the tables in `forms`.
Nothing here imports Qt; the pad that collects the strokes is ui/handwriting_pad.py.
"""

from drivers.handwriting.recogniser import Candidate, HandwritingRecogniser, Stroke, unavailable_reason

__all__ = ["Candidate", "HandwritingRecogniser", "Stroke", "unavailable_reason"]
