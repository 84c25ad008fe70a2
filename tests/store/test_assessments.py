"""Saving, finding, updating, listing and deleting assessments, on each backend."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from answers import answers, scored
from wizard.store import assessments
from wizard.store.assessments import Filters
from wizard.store.models import Assessment, AssessmentDocument, utcnow


def as_stored(value):
    """A value as it comes back from a JSON column (tuples become lists)."""
    return json.loads(json.dumps(value))


def save(db, rules, **changes):
    return assessments.save(db, *scored(rules, answers(**changes)))


def test_a_saved_assessment_keeps_its_answers_result_and_queryable_columns(db, rules):
    values, result = scored(rules, answers())
    saved, _ = assessments.save(db, values, result)
    db.expunge_all()
    stored = assessments.get(db, saved.id)
    assert stored.answers == values and stored.result == as_stored(result)
    assert stored.answers["profils"] == ["directeur_produit", "directeur_technique"]
    assert (stored.rules_version, stored.status, stored.band, stored.percent) == (rules.version, "eligible", "solide", 77.8)
    assert (stored.administration_type, stored.phase, stored.triage) == ("administration_centrale", "construction", "a_etudier")
    assert stored.administration_name == "Direction interministérielle du numérique"
    assert stored.created_at == stored.updated_at and stored.created_at <= utcnow()


def test_the_resume_token_is_random_long_and_stored_only_as_its_hash(db, rules):
    saved, token = save(db, rules)
    other, other_token = save(db, rules)
    assert len(token) >= 43 and token != other_token  # 32 random bytes, URL-safe base64
    assert saved.token_hash == assessments.hash_token(token) and len(saved.token_hash) == 64
    for table in (Assessment.__table__, AssessmentDocument.__table__):
        assert all(token not in repr(dict(row)) for row in db.execute(select(table)).mappings())
    assert assessments.find_by_token(db, token).id == saved.id
    assert assessments.find_by_token(db, token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_an_early_verdict_is_saved_without_score(db, rules):
    values, result = scored(rules, {"administration_type": "collectivite_territoriale"}, partial=True)
    saved, _ = assessments.save(db, values, result)
    assert (saved.status, saved.band, saved.percent, saved.phase) == ("ineligible", None, None, None)


def test_an_update_replaces_answers_result_and_columns(db, rules):
    saved, token = save(db, rules)
    values, result = scored(rules, answers(phase="abandon", sponsoring="0"))
    assert assessments.update(db, saved.id, values, result) == (assessments.Update.DONE, 2)
    db.expunge_all()
    stored = assessments.find_by_token(db, token)
    assert stored.answers == values and stored.result == as_stored(result)
    assert (stored.status, stored.phase, stored.band) == ("ineligible", "abandon", "a_consolider")
    assert stored.updated_at >= stored.created_at


def test_updating_or_deleting_a_deleted_assessment_changes_nothing(db, rules):
    saved, token = save(db, rules)
    assessments.delete(db, saved.id)
    assert db.scalars(select(AssessmentDocument)).all() == []  # the document goes with it
    assert assessments.find_by_token(db, token) is None
    assert assessments.update(db, saved.id, *scored(rules, answers())) == (assessments.Update.GONE, None)
    assert not assessments.set_triage(db, saved.id, "ecarte", "", "a@b.fr")


def test_purge_deletes_what_was_last_changed_before_the_date(db, rules):
    old, _ = save(db, rules, administration_name="Ancienne")
    recent, _ = save(db, rules, administration_name="Récente")
    db.execute(update(Assessment).where(Assessment.id == old.id).values(updated_at=utcnow() - timedelta(days=400)))
    db.commit()
    assert assessments.purge(db, utcnow() - timedelta(days=365)) == 1
    assert [a.id for a in assessments.list_page(db, Filters()).items] == [recent.id]


def test_triage_records_who_set_it_and_when(db, rules):
    saved, _ = save(db, rules)
    assert assessments.set_triage(db, saved.id, "preselectionne", "Sponsor solide, à recevoir.", "rp@beta.gouv.fr")
    db.expunge_all()
    stored = assessments.get(db, saved.id)
    assert (stored.triage, stored.triage_comment, stored.triage_by) == ("preselectionne", "Sponsor solide, à recevoir.", "rp@beta.gouv.fr")
    assert stored.triage_at is not None


@pytest.fixture
def variety(db, rules):
    """Five assessments that differ on every filtered column."""
    made = {
        "dinum": save(db, rules, administration_name="DINUM"),
        "ademe": save(db, rules, administration_name="Agence de la transition écologique", administration_type="operateur_etat",
                      phase="acceleration", sponsoring="0"),
        "anssi": save(db, rules, administration_name="ANSSI", administration_type="service_competence_nationale"),
        "commune": save(db, rules, administration_name="Commune de Trifouillis", administration_type="collectivite_territoriale",
                        phase="investigation", **{criterion.id: "1" for criterion in rules.criteria}),
        "sans_nom": save(db, rules, administration_name=None, phase="transfere"),  # opere is to confirm since issue 10
    }
    return {name: saved.id for name, (saved, _) in made.items()}


def ids(page):
    return {a.id for a in page.items}


@pytest.mark.parametrize("filters, expected", [
    (Filters(status="ineligible"), {"commune", "sans_nom"}),
    (Filters(status="to_confirm"), {"anssi"}),
    (Filters(band="a_consolider"), {"ademe"}),
    (Filters(band="premature"), {"commune"}),
    (Filters(administration_type="operateur_etat"), {"ademe"}),
    (Filters(phase="construction"), {"dinum", "anssi"}),
    (Filters(text="ecologique"), {"ademe"}),
    (Filters(text="  TRANSITION   Écologique "), {"ademe"}),
    (Filters(text="%"), set()),
    (Filters(text="_"), set()),
    (Filters(status="eligible", phase="construction"), {"dinum"}),
    (Filters(triage="a_etudier"), {"dinum", "ademe", "anssi", "commune", "sans_nom"}),
    (Filters(triage="ecarte"), set()),
])
def test_each_filter_narrows_the_list(db, variety, filters, expected):
    assert ids(assessments.list_page(db, filters)) == {variety[name] for name in expected}


def test_the_date_range_includes_its_start_and_excludes_its_end(db, variety):
    now = utcnow()
    assert len(assessments.list_page(db, Filters(since=now - timedelta(minutes=1))).items) == 5
    assert assessments.list_page(db, Filters(until=now - timedelta(minutes=1))).total == 0
    assert assessments.list_page(db, Filters(since=now + timedelta(minutes=1))).total == 0


def test_sorting_by_score_puts_unscored_last_both_ways(db, rules, variety):
    unscored, _ = save(db, rules, administration_name="Sans critères", **{c.id: None for c in rules.criteria})
    descending = [a.id for a in assessments.list_page(db, Filters(), sort="score").items]
    ascending = [a.id for a in assessments.list_page(db, Filters(), sort="score", descending=False).items]
    assert descending[-1] == ascending[-1] == unscored.id
    assert descending[0] in {variety["dinum"], variety["anssi"], variety["sans_nom"]}
    assert ascending[0] == variety["commune"]


def test_sorting_by_name_ignores_case_and_accents(db, variety):
    names = [a.administration_name for a in assessments.list_page(db, Filters(), sort="nom", descending=False).items]
    assert names == ["Agence de la transition écologique", "ANSSI", "Commune de Trifouillis", "DINUM", None]


def test_newest_first_by_default(db, variety):
    assert [a.id for a in assessments.list_page(db, Filters()).items] == sorted(variety.values(), reverse=True)


def test_pages_split_the_list_without_overlap_and_clamp_the_number(db, rules):
    rows = [scored(rules, answers(administration_name=f"Administration {n:03}")) for n in range(120)]
    assert assessments.import_rows(db, rows) == 120
    pages = [assessments.list_page(db, Filters(), sort="nom", descending=False, number=n) for n in (1, 2, 3)]
    assert [p.total for p in pages] == [120] * 3 and pages[0].pages == 3
    assert [len(p.items) for p in pages] == [50, 50, 20]
    assert len(set().union(*(ids(p) for p in pages))) == 120
    assert pages[1].items[0].administration_name == "Administration 050"
    assert assessments.list_page(db, Filters(), number=99).number == 3
    assert assessments.list_page(db, Filters(), number=-4).number == 1
    assert assessments.list_page(db, Filters(text="aucune")).pages == 1


def test_the_list_does_not_load_answers_or_results(db, variety):
    page = assessments.list_page(db, Filters())
    assert all("document" not in vars(a) for a in page.items)


def test_iterate_gives_whole_assessments_in_list_order(db, variety):
    every = list(assessments.iterate(db, Filters(phase="construction"), sort="nom", descending=False))
    assert [a.administration_name for a in every] == ["ANSSI", "DINUM"]
    assert all(a.result["rules_version"] for a in every)


def test_importing_the_same_rows_twice_stores_them_once(db, rules):
    rows = [scored(rules, answers(administration_name=f"Admin {n}")) for n in range(30)]
    assert assessments.import_rows(db, rows) == 30
    assert assessments.import_rows(db, rows[10:] + [scored(rules, answers(administration_name="Nouvelle"))]) == 1
    assert assessments.list_page(db, Filters()).total == 31


def test_the_import_key_ignores_spelling_and_column_order(rules):
    first, _ = scored(rules, answers(beta_page_published="oui", profils="directeur_technique;directeur_produit"))
    second, _ = scored(rules, dict(reversed(list(answers(beta_page_published="true").items()))))
    assert assessments.import_key(first) == assessments.import_key(second)
    assert assessments.import_key(first) != assessments.import_key(scored(rules, answers(phase="acceleration"))[0])
