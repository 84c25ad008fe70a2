from pathlib import Path

import pytest

from wizard.rules.faq import FaqError, load_faq, slugify

FIXTURES = Path(__file__).parent.parent / "fixtures"
ELIGIBILITY_ENTRIES = (
    "quelles-sont-les-administrations-eligibles",  # eligible administrations
    "quels-sont-les-projets-eligibles",  # eligible projects
    "dans-quel-cas-demander-l-octroi-d-eig",  # when to ask for EIG
    "quels-sont-les-criteres-d-evaluation",  # evaluation criteria
    "comment-deposer-un-dossier",  # how to file a dossier
)


def referenced_slugs(rules) -> set[str]:
    programme = rules.programme
    groups = [q.faq for q in rules.questions.values()] + [c.faq for c in rules.criteria]
    groups += [programme.call_faq, programme.dossier_faq, programme.notice_faq]
    groups += [g.faq for g in programme.procedure] + [s.faq for s in programme.dossier_sections]
    return {slug for group in groups for slug in group}


def test_the_current_faq_has_its_ten_entries_with_stable_slugs(rules):
    slugs = [entry.slug for entry in rules.faq.entries]
    assert len(slugs) == 10 == len(set(slugs))
    assert set(ELIGIBILITY_ENTRIES) <= set(slugs)


def test_every_referenced_slug_exists(rules):
    assert referenced_slugs(rules) <= rules.faq.slugs


def test_each_eligibility_entry_is_referenced_by_a_rule(rules):
    assert set(ELIGIBILITY_ENTRIES) <= referenced_slugs(rules)


def test_the_older_edition_loads_and_its_placeholders_are_left_out_with_a_warning():
    faq = load_faq(FIXTURES / "faq-administrations-ancienne-edition.md")
    assert [entry.slug for entry in faq.entries] == ["comment-fonctionne-le-programme-eig",
                                                     "quel-soutien-recoivent-les-administrations"]
    assert len(faq.warnings) == 5
    assert all("lorem ipsum" in warning for warning in faq.warnings)


def test_the_misspelled_dossier_address_is_never_shown(rules):
    entry = rules.faq.get("comment-deposer-un-dossier")
    assert "demarches-simplifees" not in entry.html
    assert 'href="https://www.demarches-simplifiees.fr/commencer/aap-eig7"' in entry.html


def test_markdown_is_rendered_and_sanitised(tmp_path):
    path = tmp_path / "faq.md"
    path.write_text('---\nquestions:\n  - title: "Une question ?"\n    desc: "**gras** <script>alert(1)</script>'
                    ' [lien](javascript:alert(2)) <img src=x onerror=alert(3)>"\n---\n', encoding="utf-8")
    html = load_faq(path).entries[0].html
    assert "<strong>gras</strong>" in html
    assert "<script" not in html and 'href="javascript:' not in html and "onerror" not in html


def test_slugs_are_ascii_and_unique_within_a_file(tmp_path):
    assert slugify("Quels sont les critères d'évaluation ?") == "quels-sont-les-criteres-d-evaluation"
    path = tmp_path / "faq.md"
    path.write_text("---\nquestions:\n  - {title: Même titre, desc: a}\n  - {title: Même titre, desc: b}\n---\n")
    assert [entry.slug for entry in load_faq(path).entries] == ["meme-titre", "meme-titre-2"]


@pytest.mark.parametrize("text, line, message", [
    ("questions: []\n", 1, "doit commencer par une ligne « --- »"),
    ("---\nquestions: []\n", 1, "la ligne « --- » qui ferme l'en-tête est absente"),
    ("---\nquestions:\n  - title: [\n---\n", 3, "YAML illisible"),
    ("---\nquestions:\n  - title: sans desc\n---\n", 3, "chaque question doit avoir un « title » et un « desc »"),
])
def test_a_broken_faq_file_is_reported_with_its_line(tmp_path, text, line, message):
    path = tmp_path / "faq.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FaqError) as error:
        load_faq(path)
    assert error.value.line == line
    assert message in error.value.message
