"""Server-rendered SVG bar charts (they print, and the PDFs draw the same ones)."""

SCALE_MIN, SCALE_MAX = 1, 4
COLOURS = ["#0b5394", "#6aa84f", "#e69138", "#8e63ce", "#cc4125", "#45818e"]


def grouped_bar_chart(*, groups: list[str], series: list[tuple[str, list]], width=640) -> dict:
    """Geometry for a horizontal grouped bar chart of scores on the 1–4 scale.

    groups: the row labels (sections); series: (label, [value per group]) (partners).
    Returns everything the template draws: bars, gridlines, legend, height.
    """
    label_w, right, top, bar_h, gap = 210, 20, 30, 12, 14
    plot_w = width - label_w - right
    group_h = max(1, len(series)) * bar_h + gap
    plot_bottom = top + len(groups) * group_h
    height = plot_bottom + 30 + len(series) * 16
    bars, labels = [], []
    for g, group in enumerate(groups):
        y0 = top + g * group_h
        labels.append({"x": label_w - 8, "y": y0 + group_h / 2 - gap / 2 + 4, "text": group})
        for s, (name, values) in enumerate(series):
            value = values[g]
            y = y0 + s * bar_h
            # The axis starts at 1 (the lowest score), so a 2 is a third of the way, not half.
            w = max(2, (value - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * plot_w) if value else 0
            bars.append(
                {
                    "x": label_w,
                    "y": y,
                    "w": round(w, 1),
                    "h": bar_h - 2,
                    "fill": COLOURS[s % len(COLOURS)],
                    "value": value,
                    "label": f"{name}: {group} {value:.2f}" if value else f"{name}: {group} —",
                    "tx": label_w + round(w, 1) + 4,
                    "ty": y + bar_h - 3,
                }
            )
    grid = [
        {"x": label_w + plot_w * (tick - SCALE_MIN) / (SCALE_MAX - SCALE_MIN), "tick": tick}
        for tick in range(SCALE_MIN, SCALE_MAX + 1)
    ]
    legend = [
        {
            "y": plot_bottom + 26 + i * 16,
            "ry": plot_bottom + 17 + i * 16,
            "tx": label_w + 16,
            "fill": COLOURS[i % len(COLOURS)],
            "text": name,
        }
        for i, (name, _) in enumerate(series)
    ]
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "labels": labels,
        "grid": grid,
        "grid_bottom": plot_bottom,
        "axis_y": plot_bottom + 12,
        "label_w": label_w,
        "legend": legend,
        "top": top,
    }
