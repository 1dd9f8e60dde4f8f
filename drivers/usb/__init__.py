"""Removable media (USB sticks) the kiosk reads statement files from, read-only."""
