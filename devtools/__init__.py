"""Development tools: screenshot walks, fake services, the form driver and the layout check.

Tests, benches and `make screenshots` use them (the repository root on sys.path); the kiosk never
imports them and the bundle leaves them out (build/kiosk.spec)."""
