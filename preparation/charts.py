"""A small server-side line chart (SVG attributes only: no script, no inline CSS)."""

from __future__ import annotations

from decimal import Decimal

WIDTH, HEIGHT, PAD_X, PAD_Y = 640, 240, 56, 28


def line_chart(series, *, target: Decimal | None, bounds: tuple | None = None) -> dict | None:
    """Coordinates for the template: the values as a line, dips marked, target dashed.
    ``bounds`` fixes the scale (e.g. 0–100 for shares), otherwise the values set it."""
    if not series:
        return None
    values = [row.value for row in series]
    scale_values = values + ([target] if target is not None else [])
    low, high = bounds or (min(scale_values), max(scale_values))
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    step = (WIDTH - 2 * PAD_X) / max(len(series) - 1, 1)

    def y(value) -> float:
        return round(PAD_Y + float((high - value) / span) * (HEIGHT - 2 * PAD_Y), 1)

    points = [
        {
            "x": round(PAD_X + index * step, 1),
            "y": y(row.value),
            "period": row.period,
            "value": row.value,
            "dip": hasattr(row, "alert"),
        }
        for index, row in enumerate(series)
    ]
    for point in points:
        point["box_x"], point["box_y"] = point["x"] - 5, point["y"] - 5
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "target_y": y(target) if target is not None else None,
        "high": high,
        "low": low,
        "high_y": PAD_Y,
        "low_y": HEIGHT - PAD_Y,
        "axis_x": PAD_X - 8,
        "right": WIDTH - PAD_X + 8,
    }
