"""The public statistics (issue 25, point 3): /stats and /stats.json give the same figures from the saved
assessments, on each backend; no count under the threshold is shown, nor one that the others would give away."""
import html as markup
import re
from datetime import datetime

import pytest
from sqlalchemy import update

from answers import answers, scored
from wizard.report.stats import MIN_COUNT
from wizard.store import assessments
from wizard.store.models import Assessment

# (day saved, administration type, how many, how many prepared their dossier)
SAVED = [(datetime(2024, 1, 15, 10), "administration_centrale", 12, 6),  # during the call
         (datetime(2024, 2, 10, 10), "collectivite_territoriale", 6, 0),  # not eligible: the body's type
         (datetime(2024, 3, 5, 10), "securite_sociale", 2, 0),  # to confirm: the body's type; too few to show
         (datetime(2025, 1, 10, 10), "administration_centrale", 5, 5)]  # after the call closed


def save_the_assessments(db, rules) -> None:
    for day, kind, count, prepared in SAVED:
        for number in range(count):
            values, result = scored(rules, answers(administration_type=kind, administration_name=f"Administration {number}"))
            saved, _ = assessments.save(db, values, result, completed_steps=["dossier"] if number < prepared else [])
            db.execute(update(Assessment).where(Assessment.id == saved.id).values(created_at=day, updated_at=day))
    db.commit()


@pytest.fixture
def client(db, db_url, app_for, rules):
    save_the_assessments(db, rules)
    app = app_for(db_url)
    app.extensions.pop("stats_cache", None)
    return app.test_client()


def cells(html: str, table_id: str) -> list[list[str]]:
    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [[markup.unescape(re.sub(r"<[^>]+>|\s+", " ", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)] for row in rows]


def test_stats_and_stats_json_agree_and_hide_what_could_single_out_an_administration(client):
    data = client.get("/stats.json").json
    assert data["threshold"] == MIN_COUNT == 5 and data["total"] == 25
    # March's 2 are hidden, and January 2025's 5 with them: the total minus the others would give March away.
    assert [(month["month"], month["count"]) for month in data["months"]] == [
        ("2024-01", 12), ("2024-02", 6), ("2024-03", None), ("2025-01", None)]
    assert {verdict["status"]: (verdict["count"], verdict["share"]) for verdict in data["verdicts"]} == {
        "eligible": (17, 68.0), "to_confirm": (None, None), "ineligible": (None, None)}
    assert [(cause["cause"], cause["count"], cause["share"]) for cause in data["causes"]] == [("organisme", 8, 32.0)]
    # Eligible or to confirm while the call was open: 14, of which 6 prepared their dossier (the 5 of 2025 do not count).
    assert (data["dossiers"]["assessments"], data["dossiers"]["prepared"]) == (14, 6)

    response = client.get("/stats")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    masked = "moins de 5 ou masqué"
    assert cells(html, "stats-mois") == [["janvier 2024", "12"], ["février 2024", "6"], ["mars 2024", masked],
                                         ["janvier 2025", masked]]
    assert cells(html, "stats-verdicts") == [["Éligible", "17", "68,0 %"], ["À confirmer", masked, masked],
                                             ["Non éligible", masked, masked]]
    assert cells(html, "stats-causes") == [["Type d'organisme non éligible ou à confirmer", "8", "32,0 %"]]
    assert "14 auto-évaluations éligibles ou à confirmer" in html and "6 ont rempli" in html
    chart = html.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in chart and chart.count("<rect") == 2  # a bar for each month shown, its count beside it
    assert ">12<" in chart and ">6<" in chart and ">2<" not in chart
    assert "Administration 1" not in html and "Administration 1" not in str(data)


def test_the_figures_are_computed_once_then_read_from_the_cache(client, db, rules):
    first = client.get("/stats.json").json
    assessments.save(db, *scored(rules, answers()))
    assert client.get("/stats.json").json == first
    assert "max-age=600" in client.get("/stats").headers["Cache-Control"]


def test_too_few_assessments_show_no_figure(db, db_url, app_for, rules):
    for _ in range(MIN_COUNT - 1):
        assessments.save(db, *scored(rules, answers()))
    app = app_for(db_url)
    app.extensions.pop("stats_cache", None)
    data = app.test_client().get("/stats.json").json
    assert data["total"] is None and all(month["count"] is None for month in data["months"])
    assert all(verdict["count"] in (None, 0) for verdict in data["verdicts"])
    html = app.test_client().get("/stats").get_data(as_text=True)
    assert "Pas encore assez" in html and "<svg" not in html.split('id="contenu"')[1]
