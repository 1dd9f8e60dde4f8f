#!/bin/sh
# /usr/local/bin/empf-kiosk: a technician's commands (doctor, settings, enrol, staff, update, logs)
# run as the kiosk's user on the kiosk's data, so every file they write stays the service's.
# EMPF_KIOSK_EXE runs another copy (the bundle unpacked from a USB stick, before the first install).
set -eu
exe=${EMPF_KIOSK_EXE:-/opt/empf-kiosk/current/empf-kiosk}
if [ "$(id -u)" -eq 0 ]; then
  exec runuser -u empf-kiosk -- env EMPF_KIOSK_DATA_DIR=/var/lib/empf-kiosk HOME=/var/lib/empf-kiosk "$exe" "$@"
fi
exec env EMPF_KIOSK_DATA_DIR=/var/lib/empf-kiosk "$exe" "$@"
