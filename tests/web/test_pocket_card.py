"""The pocket card: a real two-sided A6 PDF whose text is the catalogue's (rendered by Debian's poppler)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from signaal.paths import ROOT
from signaal.person_mode import help_values
from signaal.pocket_card import acute_rule, card, core_questions

A6_POINTS = (297.64, 419.53)  # 105 x 148 mm
LINK = "https://t.me/SignaalTestBot?start=card"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("card") / "pocket_card.pdf"
    subprocess.run([sys.executable, "-m", "scripts.pocket_card", "--out", str(out), "--link", LINK],
                   cwd=ROOT, check=True, capture_output=True)
    return out


def page_text(pdf, page: int) -> str:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         check=True, capture_output=True, text=True)
    return words(out.stdout)


def test_it_is_an_a6_pdf_with_two_sides(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (width, height) == pytest.approx(A6_POINTS, abs=0.5)


def test_both_sides_render(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "side")], check=True)
    pages = sorted(tmp_path.glob("side*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 2000 for p in pages)


@pytest.mark.parametrize("page, language", [(1, "nl"), (2, "en")])
def test_each_side_says_what_the_catalogue_says(pdf, page, language):
    text = page_text(pdf, page)
    side = card(LINK)[page - 1]
    assert side.language == language
    questions = core_questions(language)
    assert len(questions) >= 6
    for question in questions:
        assert words(question) in text, question
    assert words(acute_rule(language)) in text
    assert "112" in text and help_values()["comensha_phone"] in text and help_values()["comensha_web"] in text
    assert LINK in text
    for line in side.calls + [side.title, side.start_hint, side.person_hint]:
        assert words(line) in text, line


def test_the_dutch_side_is_dutch_and_the_english_side_english(pdf):
    assert "Kernvragen" in page_text(pdf, 1) and "Core questions" not in page_text(pdf, 1)
    assert "Core questions" in page_text(pdf, 2) and "Kernvragen" not in page_text(pdf, 2)


def test_the_png_in_docs_exists():
    assert (ROOT / "docs" / "pocket_card.png").stat().st_size > 10_000
