"""Time each renderer on the 6-item demo issue, and PDF against a named baseline font stack.

Run: .venv/bin/python benchmarks/render_speed.py [--repeat 3]
Builds the demo workspace in a temporary folder (md only), then renders the composed issue in every
format; prints the best of ``--repeat`` runs per format, and for PDF the chosen stack (Noto CJK) against
the baseline (WenQuanYi Zen Hei alone) with their ratio and file sizes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from yuqing.demo import run_demo
from yuqing.report import RENDERERS
from yuqing.report.pdf import PDF_FONTS, WQY_FONTS, render_pdf
from yuqing.report.sections import add_sections


def best(fn, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
        size = len(out)
    return min(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        issue = run_demo(Path(tmp) / "ws", formats=["md"]).issue
    add_sections(issue, None, _NoOptions())  # type: ignore[arg-type]
    print(f"demo issue {issue.number}: {len(issue.items)} items, "
          f"{sum(len(it.summary) for it in issue.items)} characters of 主要内容; best of {args.repeat}")
    for fmt, render in RENDERERS.items():
        seconds, size = best(lambda r=render: r(issue), args.repeat)
        print(f"  {fmt:5s} {seconds:7.3f} s  {size / 1024:8.1f} KiB")
    chosen, chosen_size = best(lambda: render_pdf(issue, PDF_FONTS), args.repeat)
    base, base_size = best(lambda: render_pdf(issue, WQY_FONTS), args.repeat)
    print(f"pdf, chosen stack (Noto Serif/Sans CJK SC):  {chosen:6.3f} s  {chosen_size / 1024:8.1f} KiB")
    print(f"pdf, baseline (WenQuanYi Zen Hei alone):     {base:6.3f} s  {base_size / 1024:8.1f} KiB")
    print(f"ratio baseline/chosen: {base / chosen:.2f}x time, {base_size / chosen_size:.1f}x size")


class _NoOptions(dict):
    """Settings with every optional section off (the model bulletin's form)."""

    def __getitem__(self, key: str):  # type: ignore[no-untyped-def]
        return {"masthead.numbering": "continuous"}.get(key, False)


if __name__ == "__main__":
    main()
