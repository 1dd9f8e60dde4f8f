"""The receipt printer: ESC/POS thermal printers over USB or serial (python-escpos), the slip drawn
as a raster image with a CJK font, and a virtual printer for tests and the demo (virtual.py)."""
