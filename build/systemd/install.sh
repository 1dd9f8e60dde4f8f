#!/bin/sh
# Installs the kiosk's service (run as root from the unpacked bundle, docs/technician.md):
#   sh /tmp/empf-kiosk-VERSION/_internal/systemd/install.sh
# the user empf-kiosk, /opt/empf-kiosk and /var/lib/empf-kiosk owned by it, the systemd unit, the
# polkit rule for pcscd and the technician's command /usr/local/bin/empf-kiosk; then enables the
# unit (it starts at the next boot, or with `systemctl start empf-kiosk` once an update is installed).
# DESTDIR=/some/root installs into that root instead and does not touch the running system.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=${DESTDIR:-}

install -D -m 0644 "$here/empf-kiosk.service" "$root/etc/systemd/system/empf-kiosk.service"
install -D -m 0644 "$here/empf-kiosk.sysusers.conf" "$root/etc/sysusers.d/empf-kiosk.conf"
install -D -m 0644 "$here/empf-kiosk.tmpfiles.conf" "$root/etc/tmpfiles.d/empf-kiosk.conf"
install -D -m 0644 "$here/50-empf-kiosk-pcscd.rules" "$root/etc/polkit-1/rules.d/50-empf-kiosk-pcscd.rules"
install -D -m 0755 "$here/empf-kiosk.sh" "$root/usr/local/bin/empf-kiosk"

if [ -n "$root" ]; then
  systemd-sysusers --root="$root" "$root/etc/sysusers.d/empf-kiosk.conf"
  mkdir -p "$root/var/lib/empf-kiosk"
  systemd-tmpfiles --create --root="$root" "$root/etc/tmpfiles.d/empf-kiosk.conf"
  exit 0
fi
systemd-sysusers /etc/sysusers.d/empf-kiosk.conf
install -d -m 0700 /var/lib/empf-kiosk
systemd-tmpfiles --create /etc/tmpfiles.d/empf-kiosk.conf
systemctl daemon-reload
systemctl enable empf-kiosk.service
echo "installed: empf-kiosk.service (enabled), user empf-kiosk, /usr/local/bin/empf-kiosk"
