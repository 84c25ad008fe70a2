"""PDF work is bounded per process (issue 13, point 16): past EIG_PDF_CONCURRENCY PDFs in the making, /rapport.pdf
answers at once a 503 page with Retry-After, instead of taking one more worker thread for a second or more."""
import threading
from concurrent.futures import ThreadPoolExecutor

import requests
from flask.testing import FlaskClient

from browser.server import serve_wsgi
from checked_app import make_app
from answers import TYPICAL
from web.test_report_pages import answered
from structure import check_page_structure
from web.journey import as_posted, step_form
from wizard.web.pdf_download import PDF_SLOTS


def test_a_pdf_asked_while_the_process_is_at_its_bound_gets_a_503_with_retry_after(app):
    client = answered(FlaskClient(app, app.response_class))
    slots = app.extensions[PDF_SLOTS]
    assert slots.acquire(blocking=False)  # the one PDF this process makes at a time (EIG_PDF_CONCURRENCY=1)
    try:
        busy = client.get("/rapport.pdf")
    finally:
        slots.release()
    assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
    html = busy.get_data(as_text=True)
    check_page_structure(html, "/rapport.pdf")
    assert "Le PDF ne peut pas être préparé tout de suite" in html and 'href="/rapport"' in html
    again = client.get("/rapport.pdf")  # the slot is free again
    assert again.status_code == 200 and again.data.startswith(b"%PDF")


def test_eight_pdfs_at_once_on_one_process_make_one_at_a_time_and_refuse_the_rest():
    app = make_app(PDF_CONCURRENCY=1, SESSION_COOKIE_SECURE=False)
    with serve_wsgi(app) as base_url:
        http = requests.Session()
        path = "/etapes/administration"
        while path.startswith("/etapes/"):
            form = step_form(http.get(base_url + path, timeout=30).text)
            data = {**form.hidden, **{k: as_posted(v) for k, v in TYPICAL.items() if k in form.fields}}
            path = http.post(base_url + form.action, data=data, allow_redirects=False, timeout=30).headers["Location"]
        start = threading.Barrier(8)

        def download(_):
            start.wait()
            return requests.get(base_url + "/rapport.pdf", cookies=http.cookies, timeout=120).status_code

        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(download, range(8)))
    assert set(statuses) == {200, 503}, statuses
