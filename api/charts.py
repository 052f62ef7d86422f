"""Geometry for the inline SVG pictures of the web pages (no JavaScript, no build step).

Computing coordinates here keeps the templates declarative and lets tests check the
pictures without a browser: a bar's length is proportional to its count.
"""
from __future__ import annotations

from datetime import date

ROW = 26
LABEL_WIDTH = 220
HALF = 220


def diverging_bars(rows: list[dict], link=None) -> dict:
    """Oppose to the left of the axis, support to the right, one row per item."""
    peak = max([max(r["support"], r["oppose"]) for r in rows] + [1])
    bars = []
    for i, r in enumerate(rows):
        s, o = r["support"] * HALF / peak, r["oppose"] * HALF / peak
        bars.append({"y": 24 + i * ROW, "label": r["label"], "support": r["support"], "oppose": r["oppose"],
                     "support_w": round(s, 1), "oppose_w": round(o, 1),
                     "oppose_x": round(LABEL_WIDTH + HALF - o, 1), "href": link(r["item"]) if link else None})
    return {"width": LABEL_WIDTH + 2 * HALF + 40, "height": 34 + len(rows) * ROW,
            "axis_x": LABEL_WIDTH + HALF, "label_width": LABEL_WIDTH, "bars": bars, "peak": peak}


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")[:3]]
    try:
        return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 15)
    except (ValueError, IndexError):
        return None


def timeline(positions: list[dict], width: int = 680) -> dict:
    """Dots on a time axis, one row per topic, coloured by stance; undated positions are left out."""
    dated = [(p, _day(p.get("date") or p.get("month"))) for p in positions]
    dated = [(p, d) for p, d in dated if d is not None]
    if not dated:
        return {"width": width, "height": 40, "dots": [], "rows": [], "ticks": []}
    first, last = min(d for _, d in dated), max(d for _, d in dated)
    span = max((last - first).days, 1)
    rows: dict[str, int] = {}
    left, right = 200, width - 20
    dots = []
    for p, d in sorted(dated, key=lambda pd: pd[1]):
        topic = _label(p.get("topic"))
        row = rows.setdefault(topic, len(rows))
        dots.append({"x": round(left + (d - first).days * (right - left) / span, 1), "y": 30 + row * ROW,
                     "stance": "support" if str(p.get("stance", "")).endswith("Support") else "oppose",
                     "title": f"{d.isoformat()} – {p.get('claim', '')}", "href": p.get("href")})
    ticks = [{"x": left, "label": first.isoformat(), "anchor": "start"},
             {"x": right, "label": last.isoformat(), "anchor": "end"}]
    return {"width": width, "height": 50 + len(rows) * ROW, "ticks": ticks, "dots": dots,
            "rows": [{"label": label, "y": 30 + i * ROW} for label, i in rows.items()], "left": left}


def _label(node) -> str:
    """A topic's German label from an embedded or referenced topic."""
    if isinstance(node, dict):
        label = node.get("prefLabel")
        if isinstance(label, dict):
            return label.get("@value", node.get("@id", ""))
        return label or node.get("@id", "")
    return str(node or "ohne Thema").rsplit("/", 1)[-1]
