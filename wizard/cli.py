"""The `eig-wizard` command line: check the rules, assess answers files."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from wizard.answers_files import read_answers_file
from wizard.engine import InvalidAnswers, assess
from wizard.rules import RULES_DIR, Rules, RulesError, load_rules

EXIT_INVALID_INPUT = 2


def load_or_exit(folder: Path) -> Rules:
    """The rules, or the list of their problems and exit 1: nothing runs on broken rules."""
    try:
        return load_rules(folder)
    except RulesError as error:
        for problem in error.problems:
            click.echo(f"ERREUR {problem}", err=True)
        click.echo(f"Règles invalides : {len(error.problems)} problème(s). Corrigez-les puis relancez.", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=RULES_DIR,
              show_default=True, help="Dossier des règles (YAML).")
@click.pass_context
def main(context: click.Context, rules_dir: Path) -> None:
    """Auto-évaluation de l'éligibilité au programme EIG."""
    context.obj = rules_dir


@main.command()
@click.pass_obj
def check(rules_dir: Path) -> None:
    """Vérifie les règles et les références à la FAQ."""
    rules = load_or_exit(rules_dir)
    for warning in rules.warnings:
        click.echo(f"AVERTISSEMENT {warning}")
    click.echo(f"Règles valides ({rules.version}) : {len(rules.rule_questions)} règles d'éligibilité, "
               f"{len(rules.questions)} questions, {len(rules.criteria)} critères, "
               f"{len(rules.faq.entries)} entrées de FAQ, {len(rules.warnings)} avertissement(s).")


@main.command(name="assess")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Fichier de sortie (sinon la sortie standard).")
@click.pass_obj
def assess_command(rules_dir: Path, files: tuple[Path, ...], output_format: str, output: Path | None) -> None:
    """Évalue des fichiers de réponses (YAML, JSON ou CSV)."""
    rules = load_or_exit(rules_dir)
    scored, failed = [], 0
    for path in files:
        for entry in read_answers_file(path):
            if entry.error:
                failed += 1
                click.echo(f"ERREUR {entry.source} : {entry.error}", err=True)
                continue
            try:
                scored.append((entry.source, assess(rules, entry.answers)))
            except InvalidAnswers as error:
                failed += 1
                for question_id, message in error.errors.items():
                    click.echo(f"ERREUR {entry.source} : {question_id} : {message}", err=True)
    text = _as_table(scored) if output_format == "table" else _as_json(scored)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if failed:
        click.echo(f"{failed} évaluation(s) invalide(s), {len(scored)} évaluée(s).", err=True)
        sys.exit(EXIT_INVALID_INPUT)


def _as_json(scored: list[tuple[str, dict]]) -> str:
    results = [result for _, result in scored]
    return json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False, indent=2) + "\n"


def _as_table(scored: list[tuple[str, dict]]) -> str:
    rows = [("Source", "Éligibilité", "Score", "Palier", "Points bloquants")]
    for source, result in scored:
        score = result["score"]
        rows.append((source, result["eligibility"]["status"],
                     f"{score['percent']} % ({score['points']}/{score['max']})" if score else "non évalué",
                     score["band"] if score else "-", ", ".join(score["blocking"]) if score else "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() + "\n" for row in rows)
