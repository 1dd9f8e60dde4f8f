"""The operator's fleet page: every kiosk by shop, its health, what needs a visit, last seen, version.

Plain server-rendered HTML with its CSS inline: no script, no font or asset from elsewhere, so it
works on a machine without internet and in any browser. It refreshes itself every minute. Each
kiosk row carries data-device / data-health / data-needs-visit attributes for scripts and tests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from html import escape

from platform_sim.fleet import Assessment, FleetRules, assess, span
from platform_sim.fleet_store import KioskRecord
from platform_sim.store import HONG_KONG

REFRESH_S = 60
NO_SHOP = ("未指定分店", "No shop set")
HEALTH_TEXT = {"ok": ("正常", "OK"), "warn": ("注意", "Warning"), "fail": ("故障", "Failing")}

_CSS = """
:root { --ok: #1b7f3b; --warn: #a15c00; --fail: #b3261e; --line: #d7dbe0; --ink: #1d232b; --muted: #5b6570; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", system-ui, sans-serif;
       color: var(--ink); background: #f4f6f8; font-size: 15px; }
header { background: #123c69; color: #fff; padding: 16px 24px; }
header h1 { margin: 0; font-size: 22px; font-weight: 600; }
header p { margin: 4px 0 0; opacity: .85; font-size: 13px; }
main { padding: 16px 24px 32px; }
.en { color: var(--muted); font-weight: normal; }
header .en { color: #d6e2f0; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 20px; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.tile b { display: block; font-size: 26px; }
.tile.visit b { color: var(--fail); }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-bottom: 20px; overflow-x: auto; }
section h2 { margin: 0; padding: 12px 16px; font-size: 17px; border-bottom: 1px solid var(--line); }
section h2 small { font-weight: normal; color: var(--muted); font-size: 13px; margin-left: 8px; }
table { border-collapse: collapse; width: 100%; }
section.shop table { table-layout: fixed; min-width: 1100px; }
td { overflow-wrap: anywhere; }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
tr:last-child td { border-bottom: none; }
tr.needs-visit { background: #fdf1f0; }
.badge { display: inline-block; border-radius: 12px; padding: 2px 10px; color: #fff; font-size: 13px;
         white-space: nowrap; }
.badge.ok { background: var(--ok); } .badge.warn { background: var(--warn); } .badge.fail { background: var(--fail); }
ul.reasons { margin: 0; padding-left: 18px; } ul.reasons li { margin: 2px 0; }
.none { color: var(--muted); }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; }
.stale { color: var(--fail); font-weight: 600; }
.empty { padding: 24px; color: var(--muted); }
"""


def _both(zh: str, en: str) -> str:
    return f'{escape(zh)} <span class="en">{escape(en)}</span>'


def _ago(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 120:
        return f"{seconds:.0f} 秒前 · {seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} 分鐘前 · {seconds / 60:.0f} min ago"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} 小時前 · {seconds / 3600:.1f} h ago"
    return f"{seconds / 86400:.1f} 日前 · {seconds / 86400:.1f} days ago"


def _clock(unix: float) -> str:
    return datetime.fromtimestamp(unix, HONG_KONG).strftime("%Y-%m-%d %H:%M:%S HKT")


def _row(rec: KioskRecord, a: Assessment, now: float) -> str:
    r = rec.report
    kiosk = r.get("kiosk", {})
    name = kiosk.get("device_name") or rec.enrolled_name or rec.device_id
    zh, en = HEALTH_TEXT[a.health]
    reasons = ("<ul class=\"reasons\">" + "".join(
        f'<li data-reason="{escape(x.code)}">{escape(x.zh)}<br>{_both("", x.en)}</li>' for x in a.reasons) + "</ul>"
               if a.reasons else '<span class="none">—</span>')
    warn_checks = [c["name"] for c in r.get("checks", []) if c["status"] == "warn"]
    if warn_checks:
        reasons += f'<div class="none">{_both("注意：", "warnings: ")}{escape(", ".join(warn_checks))}</div>'
    stale = any(x.code == "NOT_SEEN" for x in a.reasons)
    queue = r.get("queue", {})
    counts = queue.get("counts", {})
    waiting = int(counts.get("queued", 0)) + int(counts.get("sending", 0))
    oldest = queue.get("oldest_pending_age_s")
    queue_text = f"{waiting} 等待 waiting"
    if oldest is not None:
        queue_text += f"<br><span class=\"none\">最舊 oldest {escape(_ago(float(oldest)).split(' · ')[1])}</span>"
    version = escape(kiosk.get("version") or "?")
    slot = kiosk.get("slot")
    sync = r.get("sync", {})
    online = {True: ("在線", "online"), False: ("離線", "offline"), None: ("未知", "unknown")}[sync.get("online")]
    skew = r.get("clock_skew_s")
    return (
        f'<tr class="kiosk{" needs-visit" if a.needs_visit else ""}" data-device="{escape(rec.device_id)}" '
        f'data-health="{a.health}" data-needs-visit="{"yes" if a.needs_visit else "no"}">'
        f'<td><b>{escape(name)}</b><br><span class="mono none">{escape(rec.device_id)}</span></td>'
        f'<td><span class="badge {a.health}">{zh} {en}</span></td>'
        f"<td>{reasons}</td>"
        f'<td class="{"stale" if stale else ""}">{escape(_ago(now - rec.received_at))}<br>'
        f'<span class="none mono">{_clock(rec.received_at)}</span></td>'
        f'<td class="mono">{version}{f" <span class=none>({escape(slot)})</span>" if slot else ""}</td>'
        f'<td>{escape(kiosk.get("channel") or "—")}</td>'
        f"<td>{queue_text}</td>"
        f"<td>{_both(*online)}<br><span class=\"none\">{escape(sync.get('circuit', ''))}"
        f"{f' · skew {skew:+.0f} s' if isinstance(skew, int | float) else ''}</span></td></tr>"
    )


# The same column widths in every shop's table, so the shops line up one under another.
_COLS = "".join(f'<col style="width:{w}%">' for w in (14, 9, 26, 16, 9, 7, 9, 10))
_HEAD = (_COLS + "<tr><th>終端機 Kiosk</th>"
         "<th>狀態 Health</th><th>需要維修 Needs a visit</th><th>最後回報 Last seen</th>"
         "<th>版本 Version</th><th>頻道 Channel</th><th>佇列 Queue</th><th>連線 Sync</th></tr>")


def _versions(rows: Sequence[tuple[KioskRecord, Assessment]]) -> str:
    by: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rec, _ in rows:
        k = rec.report.get("kiosk", {})
        by[(k.get("channel") or "—", k.get("version") or "?")].append(k.get("device_name") or rec.device_id)
    body = "".join(
        f'<tr data-channel="{escape(ch)}" data-version="{escape(v)}"><td>{escape(ch)}</td><td class="mono">{escape(v)}'
        f"</td><td>{len(names)}</td><td>{escape(', '.join(sorted(names)))}</td></tr>"
        for (ch, v), names in sorted(by.items()))
    return (f'<section id="versions"><h2>{_both("版本及更新頻道", "Versions by channel")}</h2><table>'
            f"<tr><th>頻道 Channel</th><th>版本 Version</th><th>數目 Kiosks</th><th>終端機 Which</th></tr>"
            f"{body}</table></section>")


def render(records: Sequence[KioskRecord], now: float, rules: FleetRules) -> str:
    assessed = [(rec, assess(rec.report, rec.received_at, now, rules)) for rec in records]
    shops: dict[str, list[tuple[KioskRecord, Assessment]]] = defaultdict(list)
    for rec, a in assessed:
        shops[rec.report.get("kiosk", {}).get("shop_id") or ""].append((rec, a))
    visits = sum(a.needs_visit for _, a in assessed)
    counts = {h: sum(a.health == h for _, a in assessed) for h in HEALTH_TEXT}
    tiles = ('<div class="tiles">'
             f'<div class="tile" id="total"><b>{len(assessed)}</b>{_both("部終端機", "kiosks")}</div>'
             f'<div class="tile{" visit" if visits else ""}" id="visits"><b>{visits}</b>'
             f'{_both("需要維修", "need a visit")}</div>'
             + "".join(f'<div class="tile"><b>{counts[h]}</b>{_both(*HEALTH_TEXT[h])}</div>' for h in HEALTH_TEXT)
             + "</div>")
    sections = []
    for shop in sorted(shops, key=lambda s: (s == "", s)):
        rows = sorted(shops[shop], key=lambda x: (not x[1].needs_visit, x[0].report.get("kiosk", {}).get(
            "device_name") or x[0].device_id))
        title = _both("分店 " + shop, "shop " + shop) if shop else _both(*NO_SHOP)
        need = sum(a.needs_visit for _, a in rows)
        sections.append(
            f'<section class="shop" data-shop="{escape(shop)}"><h2>{title}<small>{len(rows)} 部 kiosks · '
            f"{need} 需要維修 need a visit</small></h2><table>{_HEAD}"
            + "".join(_row(rec, a, now) for rec, a in rows) + "</table></section>")
    body = (tiles + _versions(assessed) + "".join(sections)) if assessed else (
        f'<section><p class="empty">{_both("還沒有終端機回報。", "No kiosk has reported yet.")}</p></section>')
    return (
        '<!doctype html><html lang="zh-HK"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="{REFRESH_S}">'
        "<title>機隊狀態 · eMPF kiosk fleet</title>"
        f"<style>{_CSS}</style></head><body>"
        f'<header><h1>積金易自助服務站機隊 <span class="en">eMPF kiosk fleet</span></h1>'
        f"<p>更新於 Updated {_clock(now)} · 每 {REFRESH_S} 秒自動更新 refreshes every {REFRESH_S} s · "
        "維修準則 visit when: 讀卡器故障 reader failing, "
        f"佇列積壓 queue stuck &gt; {span(rules.queue_stuck_s)[1]}, "
        f"時鐘偏差 clock skew &gt; {span(rules.clock_skew_s)[1]}, 更新失敗 update failed, "
        f"沒有回報 not seen &gt; {span(rules.stale_after_s)[1]}</p></header>"
        f"<main>{body}</main></body></html>"
    )
