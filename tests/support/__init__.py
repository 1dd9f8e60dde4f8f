"""Helpers shared by the tests: real pcscd and virtual cards, the simulator, QR codes, the UI."""
