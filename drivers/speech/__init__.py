"""Speech for the member: espeak-ng voices for Cantonese, Mandarin and English (espeak.py), with
Simplified Chinese read in Mandarin through pinyin (mandarin.py). No Qt here: ui/accessibility.py
runs it on a worker thread and the tests render it to WAV files (docs/speech.md)."""
