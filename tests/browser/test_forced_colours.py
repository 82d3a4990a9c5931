"""Forced colours (Windows High Contrast and the like, emulated in Chromium): what colour shows must
still show. The browser replaces author colours with the reader's few system colours, so a bar
drawn as a coloured background becomes the page colour: the progress bars must survive that."""

from __future__ import annotations

import base64

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: Mean colour of a PNG, decoded by the browser itself (no imaging library needed).
MEAN = """async (png) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + png;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width; canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) for (let k = 0; k < 3; k++) sum[k] += data[i + k];
    return sum.map(s => s / (data.length / 4));
}"""
BARS = """(which) => [...document.querySelectorAll('.rt-progress__bar')].map((bar, i) => {
    // Only the bar asked for is scrolled into view: every bar is measured where the page now stands.
    if (i === which) bar.scrollIntoView({block: 'center'});
    const b = bar.getBoundingClientRect(), f = bar.querySelector('.rt-progress__fill').getBoundingClientRect();
    return {bar: [b.left, b.top, b.width, b.height], fill: [f.left, f.top, f.width, f.height],
            text: bar.closest('.rt-progress').innerText.trim()};
})"""


def mean(page, x: float, y: float, width: float, height: float) -> list[float]:
    png = page.screenshot(clip={"x": x, "y": y, "width": width, "height": height})
    return page.evaluate(MEAN, base64.b64encode(png).decode())


def distance(a: list[float], b: list[float]) -> float:
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5


@pytest.mark.parametrize("forced", ["none", "active"])
def test_progress_bars_show_their_fill_in_forced_colours(browser, server, forced: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors=forced)
    try:
        page = context.new_page()
        page.goto(server.url("/"))
        page.wait_for_selector("html[data-rt-ready]", state="attached")
        checked, problems = 0, []
        for i in range(len(page.evaluate(BARS, -1))):
            bar = page.evaluate(BARS, i)[i]  # measured after scrolling that bar into view
            bx, by, bw, bh = bar["bar"]
            fx, fy, fw, fh = bar["fill"]
            empty = bx + bw - (fx + fw)
            if fw < 3 or empty < 3:
                continue  # too little of one part to sample
            # The middle half of each part, clear of borders and anti-aliased edges.
            filled = mean(page, fx + fw / 4, fy + fh / 4, fw / 2, fh / 2)
            rest = mean(page, fx + fw + empty / 4, fy + fh / 4, empty / 2, fh / 2)
            checked += 1
            if distance(filled, rest) < 80:
                problems.append(f"{bar['text']!r}: the filled part {filled} looks like the empty part {rest}")
        assert checked >= 2, f"only {checked} progress bars could be sampled on the home page"
        assert not problems, f"forced colours {forced}:\n" + "\n".join(problems)
    finally:
        context.close()
