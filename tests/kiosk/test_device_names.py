"""Shop staff see devices by name, technicians by path: the staff dashboard's camera and scanner
tiles (kiosk.doctor.quick_health) hold no /dev path in either language, while the doctor's own
checks keep the paths for technicians. Real files stand in for the devices (a tmp folder, and a
sysfs-like folder with the driver's name)."""

from __future__ import annotations

from pathlib import Path

from kiosk import doctor
from kiosk.device_names import camera_name, scanner_name, staff_words


def tiles(tmp_path: Path, camera_glob: str, ports: list[str]) -> dict[str, doctor.HealthItem]:
    items = doctor.quick_health(readers=lambda: ["ACS ACR39U ICC Reader 00 00"], online=True, queue={},
                                data_dir=tmp_path,
                                probes=[doctor.scanner_probe(lambda: ports), doctor.camera_probe(camera_glob)])
    return {i.key: i for i in items}


def test_the_dashboard_names_devices_without_paths(tmp_path: Path) -> None:
    (tmp_path / "video0").touch()
    (tmp_path / "video1").touch()
    port = tmp_path / "usb-Honeywell_Imaging_Scanner_3310g_1A2B3C4D5E-if00"
    port.touch()
    shown = tiles(tmp_path, str(tmp_path / "video*"), [str(port)])
    for key in ("camera", "scanner"):
        for lang in ("zh_HK", "en", "zh_CN"):
            text = shown[key].text(lang)
            assert "/" not in text and "video0" not in text and str(tmp_path) not in text, (key, lang, text)
    assert shown["camera"].text("en") == "camera 1, camera 2" and shown["camera"].text("zh_HK") == "鏡頭 1、鏡頭 2"
    assert shown["scanner"].text("en") == "Honeywell Imaging Scanner 3310g"
    # The technician's doctor keeps the paths.
    assert str(tmp_path / "video0") in doctor.camera_probe(str(tmp_path / "video*"))().summary
    assert str(port) in doctor.scanner_probe(lambda: [str(port)])().summary


def test_no_camera_and_a_missing_scanner_in_plain_words(tmp_path: Path) -> None:
    shown = tiles(tmp_path, str(tmp_path / "none*"), ["/dev/ttyACM0"])
    assert shown["camera"].text("zh_HK") == "沒有鏡頭：只可用手提掃描器讀取二維碼"
    assert "/dev" not in shown["camera"].text("en")
    assert shown["scanner"].status is doctor.Status.FAIL
    assert shown["scanner"].text("en") == "scanner 1: not connected; check the cable or call a technician"
    assert "/dev" not in shown["scanner"].text("zh_HK")


def test_a_cameras_own_name_from_sysfs(tmp_path: Path) -> None:
    sysfs = tmp_path / "video4linux"
    (sysfs / "video2").mkdir(parents=True)
    (sysfs / "video2" / "name").write_text("USB2.0 HD UVC WebCam\n")
    assert camera_name("/dev/video2", 1, sysfs) == ("USB2.0 HD UVC WebCam", "USB2.0 HD UVC WebCam")
    assert camera_name("/dev/video3", 2, sysfs) == ("鏡頭 2", "camera 2")
    assert scanner_name("/dev/ttyUSB0", 1) == ("掃描器 1", "scanner 1")
    assert staff_words("card_readers", False, {}) is None  # other probes keep the doctor's words
