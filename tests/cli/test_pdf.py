"""`eig-wizard assess --format pdf`: the same report as the site's, for answers files."""
import json
from datetime import datetime

import yaml
from click.testing import CliRunner

from answers import FULL_DOSSIER, TYPICAL
from report.conftest import page_count, pdf_text
from wizard.cli.commands import main
from wizard.core.words import PARIS
from wizard.core.words import french_date


def run(*args):
    result = CliRunner().invoke(main, list(map(str, args)))
    return result.exit_code, result.stdout, result.stderr


def write(path, answers):
    path.write_text(yaml.safe_dump(answers, allow_unicode=True) if path.suffix == ".yaml" else json.dumps(answers))
    return path


def test_one_answers_file_gives_one_pdf(tmp_path, rules):
    answers = write(tmp_path / "dinum.yaml", FULL_DOSSIER)
    code, out, err = run("assess", answers, "--format", "pdf", "-o", tmp_path / "rapport.pdf")
    assert (code, err) == (0, "") and out == f"PDF écrit : {tmp_path / 'rapport.pdf'}\n"
    text = pdf_text((tmp_path / "rapport.pdf").read_bytes())
    assert rules.messages["verdicts"]["to_confirm"]["title"] in text
    assert f"Version des règles {rules.version}" in text
    assert "Camille Martin, directrice du numérique pour l'éducation" in text
    assert f"Établi le {french_date(datetime.now(PARIS).date())}" in text


def test_several_assessments_give_one_pdf_each_in_the_folder(tmp_path):
    first = write(tmp_path / "premier.yaml", TYPICAL)
    second = write(tmp_path / "second.json", {**TYPICAL, "administration_type": "collectivite_territoriale"})
    csv = tmp_path / "lot.csv"
    csv.write_text("administration_type;beta_page_published;phase;mission_case;pilotage_par_impact;"
                   "transparence_resultats;code_source_ouvert\n"
                   "operateur_etat;oui;construction;internaliser_pilotage;oui;oui;oui\n"
                   "autre;non;construction;internaliser_pilotage;oui;oui;oui\n")
    code, out, _ = run("assess", first, second, csv, "--format", "pdf", "-o", tmp_path / "rapports")
    assert code == 0 and out.count("PDF écrit") == 4
    written = sorted(path.name for path in (tmp_path / "rapports").iterdir())
    assert written == ["lot-ligne-2.pdf", "lot-ligne-3.pdf", "premier.pdf", "second.pdf"]
    assert "Votre projet n’est pas éligible en l’état" in pdf_text((tmp_path / "rapports" / "second.pdf").read_bytes())
    assert page_count((tmp_path / "rapports" / "lot-ligne-2.pdf").read_bytes()) <= 2


def test_files_of_the_same_name_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    files = [write(tmp_path / folder / "reponses.yaml", TYPICAL) for folder in ("a", "b")]
    code, _, _ = run("assess", *files, "--format", "pdf", "-o", tmp_path / "sortie")
    assert code == 0 and sorted(p.name for p in (tmp_path / "sortie").iterdir()) == ["reponses-2.pdf", "reponses.pdf"]


def test_one_assessment_into_an_existing_folder_is_named_after_its_file(tmp_path):
    answers = write(tmp_path / "dinum.yaml", TYPICAL)
    (tmp_path / "sortie").mkdir()
    assert run("assess", answers, "--format", "pdf", "-o", tmp_path / "sortie")[0] == 0
    assert [p.name for p in (tmp_path / "sortie").iterdir()] == ["dinum.pdf"]


def test_invalid_answers_are_reported_and_the_valid_ones_still_written(tmp_path):
    good = write(tmp_path / "bon.yaml", TYPICAL)
    bad = write(tmp_path / "mauvais.yaml", {**TYPICAL, "dossier_sponsor_email": "pas une adresse"})
    code, out, err = run("assess", good, bad, "--format", "pdf", "-o", tmp_path / "sortie")
    assert code == 2 and "ERREUR" in err and "mauvais.yaml : dossier_sponsor_email" in err
    assert [p.name for p in (tmp_path / "sortie").iterdir()] == ["bon.pdf"]


def test_pdf_needs_an_output(tmp_path):
    code, _, err = run("assess", write(tmp_path / "dinum.yaml", TYPICAL), "--format", "pdf")
    assert code == 2 and "indiquez -o FICHIER.pdf, ou -o DOSSIER" in err
