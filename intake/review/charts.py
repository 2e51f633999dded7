"""Server-rendered SVG charts for the dashboard: no JavaScript, prints well (black text, plain fills).

Each chart is an <svg role="img"> with a <title> and <desc>; the page shows the same
numbers in a table beside it (and as CSV), so nothing depends on seeing colours.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe (Okabe–Ito), dark enough for text contrast on white.
PALETTE = ("#b3430f", "#0072b2", "#009e73", "#6a3d9a", "#8a6d00", "#cc79a7", "#56b4e9", "#555555")
PRIORITY_COLOURS = {"urgent": "#b3430f", "high": "#8a6d00", "normal": "#0072b2", "low": "#555555"}
SHAPES = Path(__file__).resolve().parent / "shapes"


def _svg(width: int, height: int, title: str, desc: str, body: List[str], ident: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart" id="{ident}">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(body) + "</svg>"
    )


def stacked_bars(ident: str, title: str, columns: Sequence[str], series: Dict[str, Sequence[int]],
                 labels: Dict[str, str], colours: Dict[str, str] = None) -> SafeString:
    """Columns (weeks) of stacked counts; a legend underneath."""
    width, height, left, top, bottom = 720, 300, 44, 12, 70
    plot_h = height - top - bottom
    totals = [sum(values[i] for values in series.values()) for i in range(len(columns))]
    peak = max(totals + [1])
    step = _nice_step(peak)
    ceiling = step * math.ceil(peak / step)
    slot = (width - left - 10) / max(1, len(columns))
    body = []
    for tick in range(0, int(ceiling) + 1, int(step)):
        y = top + plot_h - plot_h * tick / ceiling
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                    f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick}</text>')
    keys = list(series)
    for i, column in enumerate(columns):
        x = left + i * slot + slot * 0.15
        y = top + plot_h
        for n, key in enumerate(keys):
            value = series[key][i]
            if not value:
                continue
            h = plot_h * value / ceiling
            y -= h
            colour = (colours or {}).get(key, PALETTE[n % len(PALETTE)])
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{colour}">'
                        f'<title>{escape(column)} · {escape(labels.get(key, key))}: {value}</title></rect>')
        body.append(f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h + 14}" text-anchor="middle" font-size="10">{escape(column)}</text>')
    # Legend under the plot, wrapping onto a new line when a label would run past the edge.
    legend_y, x = top + plot_h + 30, left
    for n, key in enumerate(keys):
        colour = (colours or {}).get(key, PALETTE[n % len(PALETTE)])
        text = labels.get(key, key)
        item_width = 24 + 6.4 * len(text)
        if x + item_width > width and x > left:
            legend_y, x = legend_y + 18, left
        body.append(f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{colour}"/>'
                    f'<text x="{x + 16}" y="{legend_y + 10}" font-size="11">{escape(text)}</text>')
        x += item_width
    height = max(height, legend_y + 20)
    desc = "; ".join(f"{labels.get(k, k)}: {sum(v)}" for k, v in series.items())
    return _svg(width, height, title, desc, body, ident)


def horizontal_bars(ident: str, title: str, rows: Sequence[Tuple[str, float]], unit: str = "") -> SafeString:
    width, row_h, left = 720, 26, 220
    height = 12 + row_h * max(1, len(rows))
    peak = max([value or 0 for _, value in rows] + [1])
    body = []
    for i, (text, value) in enumerate(rows):
        y = 6 + i * row_h
        w = (width - left - 90) * (value or 0) / peak
        body.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(text)}</text>'
                    f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="#0072b2"/>'
                    f'<text x="{left + w + 6:.1f}" y="{y + 15}" font-size="12">{_fmt(value)}{escape(unit)}</text>')
    desc = "; ".join(f"{text}: {_fmt(value)}{unit}" for text, value in rows)
    return _svg(width, height, title, desc, body, ident)


@lru_cache(maxsize=1)
def netherlands_outline() -> List[List[Tuple[float, float]]]:
    """Rings (lon, lat) of the shipped outline (shapes/netherlands.geo.json, Natural Earth, public domain)."""
    data = json.loads((SHAPES / "netherlands.geo.json").read_text(encoding="utf-8"))
    rings = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            rings.append([(float(lon), float(lat)) for lon, lat in polygon[0]])
    return rings


def inside_outline(lon: float, lat: float) -> bool:
    """Ray casting: is the point inside the shipped outline?"""
    inside = False
    for ring in netherlands_outline():
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


MAP_BOUNDS = (3.2, 7.3, 50.7, 53.6)  # lon min, lon max, lat min, lat max


def location_map(ident: str, title: str, points: Sequence[Tuple[float, float, str]]) -> SafeString:
    """Signal locations on the outline; equirectangular, x scaled by cos(52°) so the country keeps its shape."""
    lon0, lon1, lat0, lat1 = MAP_BOUNDS
    scale_x = math.cos(math.radians(52.0))
    height = 420
    width = int(height * (lon1 - lon0) * scale_x / (lat1 - lat0))

    def xy(lon, lat):
        return (lon - lon0) / (lon1 - lon0) * width, (lat1 - lat) / (lat1 - lat0) * height

    body = []
    for ring in netherlands_outline():
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(xy(lon, lat) for lon, lat in ring))
        body.append(f'<path d="{path} Z" fill="#f2f2f2" stroke="#333" stroke-width="1.2"/>')
    inside = 0
    for lat, lon, priority in points:
        if not (lon0 <= lon <= lon1 and lat0 <= lat <= lat1):
            continue
        inside += 1
        x, y = xy(lon, lat)
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PRIORITY_COLOURS.get(priority, "#555")}" fill-opacity="0.55"/>')
    desc = f"{inside} locaties / locations"
    return _svg(width, height, title, desc, body, ident)


def _nice_step(peak: float) -> float:
    raw = peak / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return max(1, factor * magnitude)
    return max(1, 10 * magnitude)


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))
