"""QR code sources behind kiosk.ports.QrSource: camera frames decoded by zxing-cpp (DecodePipeline),
hand-held HID keyboard-wedge scanners (WedgeSource with WedgeRecogniser), serial scanners
(SerialScanner), merged and de-duplicated by QrHub. No Qt here: the Qt camera adapter and the key
event filter live in ui/ and hand frames and keys to these classes."""
