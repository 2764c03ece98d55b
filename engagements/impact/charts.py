"""Server-rendered SVG geometry for the impact charts (page and PDF draw the same)."""

BAR_W, LABEL_W, ROW_H = 230, 120, 26


def spend_chart(spend) -> dict:
    """Three bars on one 0–100% scale of the contract: spent, delivered, (awaiting)."""
    rows = [
        ("Contract spent", spend.spent_percent or 0, "#0b5394"),
        ("Sessions delivered", spend.delivered_percent, "#6aa84f"),
    ]
    bars = []
    for i, (label, percent, fill) in enumerate(rows):
        shown = min(max(percent, 0), 100)
        bars.append(
            {
                "label": label,
                "percent": percent,
                "y": 8 + i * ROW_H,
                "ty": 8 + i * ROW_H + 14,
                "w": round(BAR_W * shown / 100, 1),
                "tx": LABEL_W + round(BAR_W * shown / 100, 1) + 6,
                "fill": fill,
            }
        )
    return {
        "width": LABEL_W + BAR_W + 40,
        "height": 16 + len(rows) * ROW_H,
        "label_w": LABEL_W,
        "bar_w": BAR_W,
        "bars": bars,
        "margin_x": None,
    }


def distribution_chart(counts: dict[int, int], *, width=240) -> dict:
    """Bars for the four answers 1–4 of one statement (counts by answer)."""
    total = sum(counts.values()) or 1
    bars = []
    for i, score in enumerate((1, 2, 3, 4)):
        n = counts.get(score, 0)
        bars.append(
            {
                "score": score,
                "n": n,
                "x": 10 + i * 56,
                "h": round(60 * n / total, 1),
                "y": 70 - round(60 * n / total, 1),
            }
        )
    return {"width": width, "height": 90, "bars": bars}


def trend_chart(points: list[tuple[str, float | None]], *, width=520) -> dict:
    """A line of mean answers (1–4) per session over the year: (label, mean or None)."""
    left, right, top, plot_h = 30, 30, 10, 100
    n = max(len(points), 1)
    step = (width - left - right) / max(n - 1, 1)
    dots = []
    previous = None
    for i, (label, mean) in enumerate(points):
        x = left + (step * i if n > 1 else (width - left - right) / 2)
        y = None if mean is None else top + plot_h - (mean - 1) / 3 * plot_h
        # One label per month (under its first session), so labels never overlap.
        shown, previous = ("" if label == previous else label), label
        dots.append(
            {
                "x": round(x, 1),
                "y": None if y is None else round(y, 1),
                "label": shown,
                "name": label,
                "mean": mean,
            }
        )
    line = " ".join(f"{d['x']},{d['y']}" for d in dots if d["y"] is not None)
    grid = [{"tick": t, "y": round(top + plot_h - (t - 1) / 3 * plot_h, 1)} for t in (1, 2, 3, 4)]
    return {
        "width": width,
        "height": top + plot_h + 30,
        "dots": dots,
        "line": line,
        "grid": grid,
        "left": left,
        "right": width - right,
        "axis_y": top + plot_h + 22,
    }
