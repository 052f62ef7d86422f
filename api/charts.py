"""Geometry for the inline SVG pictures of the web pages (no JavaScript, no build step).

Computing coordinates here keeps the templates declarative and lets tests check the
pictures without a browser: a bar's length is proportional to its count.
"""
from __future__ import annotations

from datetime import date

ROW = 26
LABEL_WIDTH = 220
HALF = 220
CHAR_WIDTH = 7.2  # a generous average advance of a 12px sans-serif letter, so an estimate never overruns
MIN_DATES = 3  # with fewer distinct dates a time axis says nothing a list would not: pages show the list


def fit(label: str, width: float) -> str:
    """`label` cut to what fits in `width` pixels at 12px, with an ellipsis; pages put the whole
    label in a <title> tooltip. Cutting here, not by the browser, keeps the label's start visible."""
    label = " ".join(str(label or "").split())
    room = max(int(width / CHAR_WIDTH), 4)
    if len(label) <= room:
        return label
    cut = label[:room - 1]
    if " " in cut[room // 2:]:  # prefer to end at a word
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def diverging_bars(rows: list[dict], link=None) -> dict:
    """Oppose to the left of the axis, support to the right, one row per item."""
    peak = max([max(r["support"], r["oppose"]) for r in rows] + [1])
    bars = []
    for i, r in enumerate(rows):
        s, o = r["support"] * HALF / peak, r["oppose"] * HALF / peak
        bars.append({"y": 24 + i * ROW, "label": r["label"], "short": fit(r["label"], LABEL_WIDTH - 12), "support": r["support"], "oppose": r["oppose"],
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


def timeline(positions: list[dict], width: int = 680, no_topic: str = "ohne Thema") -> dict:
    """Dots on a time axis, one row per proposition (or topic), coloured by side (or stance);
    undated positions are left out. `no_topic` names the row of positions without a topic."""
    dated = [(p, _day(p.get("date") or p.get("month"))) for p in positions]
    dated = [(p, d) for p, d in dated if d is not None]
    if len({d for _, d in dated}) < MIN_DATES:
        return {"width": width, "height": 40, "dots": [], "rows": [], "ticks": [], "as_list": True}
    first, last = min(d for _, d in dated), max(d for _, d in dated)
    span = (last - first).days
    rows: dict[str, int] = {}
    left, right = 200, width - 20
    dots, stacked = [], {}
    for p, d in sorted(dated, key=lambda pd: pd[1]):
        # one row per proposition, coloured by the side on it; positions without one by topic and stance
        topic = _label(p.get("proposition")) if p.get("proposition") else _label(p.get("topic"), no_topic)
        row = rows.setdefault(topic, len(rows))
        stance = "support" if str(p.get("side") or p.get("stance", "")).endswith("Support") else "oppose"
        x = round(left + (d - first).days * (right - left) / max(span, 1), 1)
        # support above the topic's line, oppose below; same day and side: side by side
        k = stacked[(x, row, stance)] = stacked.get((x, row, stance), -1) + 1
        dots.append({"x": x + 8 * k, "y": 30 + row * ROW + (-5 if stance == "support" else 5), "stance": stance,
                     "title": f"{d.isoformat()} – {literal_text(p.get('claim'))}", "href": p.get("href")})
    ticks = [{"x": left, "label": first.isoformat(), "anchor": "start"},
             {"x": right, "label": last.isoformat(), "anchor": "end"}]
    return {"width": width, "height": 50 + len(rows) * ROW, "ticks": ticks, "dots": dots,
            "rows": [{"label": label, "short": fit(label, left - 16), "y": 30 + i * ROW} for label, i in rows.items()],
            "left": 200, "as_list": False}


def _label(node, no_topic: str = "ohne Thema") -> str:
    """A topic's or proposition's display label from an embedded or referenced node (German preferred)."""
    if isinstance(node, dict):
        return literal_text(node.get("prefLabel") or node.get("labels") or node.get("label")) or node.get("@id", "")
    return str(node or no_topic).rsplit("/", 1)[-1]


def literal_text(value, lang: str = "de") -> str:
    """A compact JSON-LD literal (string, value object, or a list of them) as one string: the
    one in `lang` where there are several, else the German one."""
    if isinstance(value, list):
        own = [v for v in value if isinstance(v, dict) and v.get("@language") == lang]
        german = [v for v in value if isinstance(v, dict) and v.get("@language") == "de"]
        return literal_text((own or german or value)[0]) if value else ""
    if isinstance(value, dict) and "@value" not in value and "@id" not in value:  # a language map
        texts = value.get(lang) or value.get("de") or value.get("@none") or next(iter(value.values()), "")
        return literal_text(texts[0] if isinstance(texts, list) else texts)
    if isinstance(value, dict):
        return str(value.get("@value", ""))
    return "" if value is None else str(value)
