"""The same report's PDF is laid out once, then read back from the cache, which is bounded and forgets in time."""
import os
import time
from datetime import date

from answers import TYPICAL
from wizard.report import pdf
from wizard.report.pdf_cache import PdfCache


def test_the_same_report_is_laid_out_once(make_report, tmp_path, monkeypatch):
    cache = PdfCache(tmp_path)
    laid_out = []
    real = pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: laid_out.append(html) or real(html))
    first = pdf.report_pdf(make_report(TYPICAL), cache=cache)
    again = pdf.report_pdf(make_report(TYPICAL), cache=cache)
    assert again == first and first.startswith(b"%PDF") and len(laid_out) == 1
    other = pdf.report_pdf(make_report({**TYPICAL, "administration_name": "Une autre administration"}), cache=cache)
    assert other != first and len(laid_out) == 2
    assert len(list(tmp_path.glob("*.pdf"))) == 2
    assert not any("Une autre" in path.name for path in tmp_path.iterdir())  # names say nothing of the answers


def test_another_day_or_faq_address_is_another_pdf(make_report, tmp_path):
    cache = PdfCache(tmp_path)
    documents = {pdf.report_pdf(make_report(TYPICAL), cache=cache),
                 pdf.report_pdf(make_report(TYPICAL, on=date(2024, 5, 7)), cache=cache),
                 pdf.report_pdf(make_report(TYPICAL), faq_url="https://exemple.gouv.fr/faq", cache=cache)}
    assert len(documents) == 3


def test_the_cache_keeps_a_bounded_number_of_files_the_newest(tmp_path):
    cache = PdfCache(tmp_path, limit=3)
    for number in range(5):
        cache.put(cache.key(f"rapport {number}"), b"%PDF " + bytes([number]))
        written = time.time() - 50 + 10 * number  # the earlier, the older
        os.utime(tmp_path / f"{cache.key(f'rapport {number}')}.pdf", (written, written))
    cache.put(cache.key("rapport 5"), b"%PDF 5")
    assert len(list(tmp_path.glob("*.pdf"))) == 3
    assert [cache.get(cache.key(f"rapport {number}")) is not None for number in range(6)] == [False] * 3 + [True] * 3
    assert not list(tmp_path.glob("*.part"))


def test_a_pdf_is_not_kept_longer_than_a_draft_lives(tmp_path):
    cache = PdfCache(tmp_path, keep_seconds=60)
    key = cache.key("rapport")
    cache.put(key, b"%PDF")
    assert cache.get(key) == b"%PDF"
    past = time.time() - 120
    os.utime(tmp_path / f"{key}.pdf", (past, past))
    assert cache.get(key) is None
    cache.put(cache.key("un autre"), b"%PDF 2")
    assert not (tmp_path / f"{key}.pdf").exists()  # removed at the next write
