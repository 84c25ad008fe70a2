"""Peak memory of `eig-wizard assess` on a large generated CSV, for each output format, at two sizes.

The command streams (read, score, write one row at a time), so its peak must not grow with the file: the
figures are compared with the peak of `eig-wizard check` (the rules loaded, nothing assessed), measured in the
same run, and with the same command on a file a quarter the size. The target is 200 MB whatever the size.

Run: .venv/bin/python bench/assess_memory.py [--rows 200000] [--formats table,json,jsonl]   (--rows 650000 makes the issue's ~50 MB file; the
json formats score about 550 rows/s on a loaded 2-core machine, so that run takes the better part of an hour)
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datasets import generate
from wizard.rules.loading import load_rules

TARGET_MB = 200


def write_big_csv(path: Path, rows: int) -> Path:
    """Rows generated and written one at a time: the benchmark itself holds no file in memory."""
    rules = load_rules()
    rng = random.Random(13)
    header = [*rules.questions, *(criterion.id for criterion in rules.criteria)]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(header)
        for number in range(rows):
            row = generate(rules, rng, number)
            writer.writerow(row.get(column, "") for column in header)
    return path


def peak_mb(*args: str) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of `python -m wizard ARGS`, measured by the kernel for that child."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "wizard", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 2):
        raise SystemExit(f"eig-wizard {' '.join(args)} a échoué ({status})")
    return usage.ru_maxrss / 1024, seconds  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--formats", default="table,json,jsonl", help="formats de sortie mesurés, séparés par des virgules")
    arguments = parser.parse_args()
    rows, formats = arguments.rows, arguments.formats.split(",")
    with tempfile.TemporaryDirectory() as folder:
        small = write_big_csv(Path(folder) / "quart.csv", rows // 4)
        big = write_big_csv(Path(folder) / "lot.csv", rows)
        print(f"Fichiers : {rows // 4} lignes ({small.stat().st_size / 2**20:.1f} Mo), "
              f"{rows} lignes ({big.stat().st_size / 2**20:.1f} Mo)")
        baseline, _ = peak_mb("check")
        print(f"Référence « eig-wizard check » : {baseline:.0f} Mo au plus")
        print(f"{'format':<8}{'quart (Mo)':>12}{'entier (Mo)':>13}{'entier/check':>14}{'lignes/s':>11}")
        worst = 0.0
        for output_format in formats:
            quarter, _ = peak_mb("assess", str(small), "--format", output_format, "-o", os.devnull)
            whole, seconds = peak_mb("assess", str(big), "--format", output_format, "-o", os.devnull)
            worst = max(worst, whole)
            print(f"{output_format:<8}{quarter:>12.0f}{whole:>13.0f}{whole / baseline:>14.2f}{rows / seconds:>11.0f}")
        print(f"Pic le plus haut : {worst:.0f} Mo ; cible : {TARGET_MB} Mo "
              f"({'atteinte' if worst <= TARGET_MB else 'DÉPASSÉE'}).")


if __name__ == "__main__":
    main()
