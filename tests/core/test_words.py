"""The one vocabulary (wizard/core/words.py): values into the French words every page, the report and the
export share."""
from datetime import date, datetime
from operator import itemgetter

from wizard.core import words


def test_an_answer_in_words(rules):
    kind = rules.questions["administration_type"]
    assert words.answer_words(rules, kind, "operateur_etat") == (kind.option_for("operateur_etat").label,)
    assert words.answer_words(rules, kind, None) == ("Non renseigné",)
    assert words.answer_words(rules, rules.questions["product_name"], "Signal conso") == ("Signal conso",)
    profiles = rules.questions["profils"]
    chosen = [option.id for option in profiles.options[:2]]
    assert words.answer_words(rules, profiles, chosen) == tuple(option.label for option in profiles.options[:2])
    assert words.answer_text(rules, profiles, chosen) == ", ".join(option.label for option in profiles.options[:2])


def test_an_option_these_rules_no_longer_have_is_shown_by_its_id(rules):
    assert words.answer_text(rules, rules.questions["profils"], ["ancien_profil"]) == "ancien_profil"
    assert words.answer_text(rules, rules.questions["phase"], "ancienne_phase") == "ancienne_phase"


def test_a_boolean_reads_as_its_option_and_writes_as_oui_non(rules):
    published = rules.questions["beta_page_published"]
    assert words.answer_words(rules, published, True) == (published.option_for(True).label,)
    assert (words.yes_no(True), words.yes_no(False)) == ("oui", "non")


def test_levels_read_as_the_scale_names_them(rules):
    assert [words.level_words(rules, level) for level in rules.levels] == list(rules.scale)
    assert words.level_words(rules, None) is None


def test_numbers_with_a_decimal_comma():
    assert words.decimal(77.8) == "77,8" and words.decimal(100) == "100,0" and words.decimal(None) == ""
    assert words.number(77.8) == "77,8" and words.number(100.0) == "100" and words.number(75) == "75"
    assert words.percent(66.7) == "66,7\u202f%" and words.percent(100.0) == "100\u202f%"


def test_dates_in_paris_time():
    winter, summer = datetime(2026, 11, 23, 12, 5), datetime(2026, 7, 1, 22, 30)  # naive UTC, as stored
    assert words.local_time(winter) == "23/11/2026 à 13:05" and words.local_time(summer) == "02/07/2026 à 00:30"
    assert words.local_time(None) == ""
    assert words.paris_date(summer) == date(2026, 7, 2)
    assert words.french_date(date(2026, 12, 1)) == "1er décembre 2026"
    assert words.utc_midnight(date(2026, 7, 2)) == datetime(2026, 7, 1, 22, 0)


def test_statuses_bands_and_triage_in_words_and_badges(rules):
    assert words.status_label(rules, "to_confirm") == rules.messages["statuses"]["to_confirm"]
    assert words.status_label(rules, "inconnu") == "inconnu"
    assert [words.status_kind(status) for status in ("eligible", "to_confirm", "ineligible")] == [
        "success", "warning", "error"]
    bands = [band.id for band in rules.bands]
    assert [words.band_kind(rules, band) for band in bands] == ["success", *["info"] * (len(bands) - 2), "warning"]
    assert words.band_label(rules, bands[0]) == rules.bands[0].label and words.band_label(rules, "ancien") == "ancien"
    assert words.triage_label(rules, "a_recontacter") == "À recontacter"
    assert set(words.TRIAGE_KINDS) == set(rules.messages["triage"])


def test_criteria_grouped_under_their_stakes_in_the_rules_order(rules):
    views = [{"id": criterion.id, "stake": criterion.stake} for criterion in reversed(rules.criteria)]
    groups = words.by_stake(rules, views, itemgetter("stake"))
    assert [label for label, _ in groups] == [stake.label for stake in rules.stakes]
    assert sorted(view["id"] for _, under in groups for view in under) == sorted(c.id for c in rules.criteria)
    assert words.by_stake(rules, views[:1], itemgetter("stake")) == [
        (next(s.label for s in rules.stakes if s.id == views[0]["stake"]), views[:1])]
