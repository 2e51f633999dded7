"""`make pocket-card`: the printable pocket card as a PDF (A6, two sides) and a PNG for docs/.

The words come from the catalogue (signaal/pocket_card.py); this draws them
with reportlab and the bot's deep link as a QR code with segno. Each side's
text is shrunk to fit when it would not (KeepInFrame), never cut off. The PNG
(both sides next to each other) is rendered by Debian's pdftoppm.

    .venv/web/bin/python -m scripts.pocket_card [--out build/pocket_card.pdf] [--png docs/pocket_card.png]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, ListFlowable, ListItem, Paragraph, Spacer, Table
from xml.sax.saxutils import escape

from signaal.paths import BUILD_DIR, ROOT
from signaal.pocket_card import CardSide, card

MARGIN = 6 * mm
QR_SIZE = 24 * mm
BLUE = colors.HexColor("#154273")  # Rijksoverheid blue
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=7.2, leading=8.6)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=6.4, leading=7.6)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=10, leading=12, textColor=BLUE)
HEADING = ParagraphStyle("heading", parent=BODY, fontName="Helvetica-Bold", fontSize=7.8, leading=9.4,
                         textColor=BLUE, spaceBefore=3)
ACUTE = ParagraphStyle("acute", parent=BODY, fontName="Helvetica-Bold", textColor=colors.HexColor("#b00020"))


class QrCode(Flowable):
    """The deep link as a QR code, drawn module by module (vector, sharp at any print size)."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.qr = segno.make(data, error="m")
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        rows = list(self.qr.matrix_iter(scale=1, border=2))
        module = self.size / len(rows)
        self.canv.setFillColor(colors.black)
        for y, row in enumerate(rows):
            for x, dark in enumerate(row):
                if dark:
                    self.canv.rect(x * module, self.size - (y + 1) * module, module, module, stroke=0, fill=1)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def side_flowables(side: CardSide) -> List[Flowable]:
    questions = ListFlowable([ListItem(_p(q), leftIndent=9, value=n) for n, q in enumerate(side.core_questions, 1)],
                             bulletType="1", bulletFontName="Helvetica-Bold", bulletFontSize=7, leftIndent=9)
    start = Table([[QrCode(side.link, QR_SIZE), [_p(side.start_hint, SMALL), Spacer(1, 2), _p(side.person_hint, SMALL)]]],
                  colWidths=[QR_SIZE + 2 * mm, None], style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                             ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return [
        _p(side.title, TITLE), _p(side.slightest, SMALL),
        _p(side.acute_heading, HEADING), _p(side.acute_rule, ACUTE),
        _p(side.core_heading, HEADING), questions,
        _p(side.call_heading, HEADING), *[_p("• " + call, SMALL) for call in side.calls],
        _p(side.start_heading, HEADING), start,
    ]


def build_pdf(out: Path, link: Optional[str] = None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    width, height = A6
    canvas = Canvas(str(out), pagesize=A6, pageCompression=1)
    canvas.setTitle("Signaal — zakkaart / pocket card")
    canvas.setAuthor("Signaal")
    for side in card(link):
        frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        frame.addFromList([KeepInFrame(width - 2 * MARGIN, height - 2 * MARGIN, side_flowables(side), mode="shrink")],
                          canvas)
        canvas.showPage()
    canvas.save()
    return out


def render_png(pdf: Path, png: Path, dpi: int = 110) -> Path:
    """Both sides next to each other, rendered by pdftoppm (scripts/ensure_poppler.sh installs it)."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), f"{tmp}/side"], check=True)
        sides = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("side*.png"))]
        gap = 12
        sheet = Image.new("RGB", (sum(s.width for s in sides) + gap * (len(sides) + 1), max(s.height for s in sides) + 2 * gap),
                          (200, 200, 200))
        x = gap
        for side in sides:
            sheet.paste(side, (x, gap))
            x += side.width + gap
        png.parent.mkdir(parents=True, exist_ok=True)
        sheet.save(png, optimize=True)
    return png


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD_DIR / "pocket_card.pdf")
    parser.add_argument("--png", type=Path, default=None, help="also render both sides as one PNG (e.g. docs/pocket_card.png)")
    parser.add_argument("--link", default=None, help="the bot's deep link (default: SIGNAAL_BOT_LINK or catalogue/pocket_card.yml)")
    args = parser.parse_args(argv)
    pdf = build_pdf(args.out, args.link)
    print(f"pocket card: {pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}")
    if args.png:
        print(f"pocket card image: {render_png(pdf, args.png)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
