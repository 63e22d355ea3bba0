"""The hand-over report as a PDF: the HTML report laid out on A4 by WeasyPrint, offline.

WeasyPrint draws text with the system's Pango library (Debian: ``libpango-1.0-0``, installed
with Chromium). Where it is missing, :func:`report_pdf` raises :class:`PdfUnavailable` with
the reason, and the dashboard offers the HTML report, which prints to PDF from any browser.
The report has no external resources (inline images, no fonts or styles fetched), and the URL
fetcher allows only ``data:`` URLs, so laying it out never touches the network.
"""

from __future__ import annotations


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made on this machine (the message says why)."""


def pdf_problem() -> str | None:
    """Why a PDF cannot be made here (``None`` when it can): WeasyPrint or Pango missing."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        return str(exc).splitlines()[0][:200]
    return None


def report_pdf(html: str) -> bytes:
    """Lay out ``html`` (from :func:`report.build.report_html`) as an A4 PDF.

    Page size, margins and page numbers come from the report's ``@page`` rules.

    Raises
    ------
    PdfUnavailable
        When WeasyPrint or its system libraries cannot be loaded.
    """
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:  # OSError: Pango / GObject shared library missing
        raise PdfUnavailable(str(exc).splitlines()[0][:200]) from exc
    fetcher = URLFetcher(allowed_protocols=("data",), timeout=1)
    document: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return document
