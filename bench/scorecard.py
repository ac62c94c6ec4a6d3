"""Benchmark the Prioritisation Score Card: ranking plus 10,000-sample sensitivity for 1,000
opportunities x 10 raters x 15 factors (150,000 score rows), in the core and through the CLI.

Run from the repository root:

    .venv/bin/python bench/scorecard.py               # targets: core < 2 s, CLI < 10 s
    .venv/bin/python bench/scorecard.py --keep scores.csv   # also keep the generated file

The CLI is timed as `.venv/bin/partnerpath scorecard rank ...` when the command is wired into the
main CLI, otherwise through `python -c` with a parser built from cli_scorecard.register.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from partnerpath.core.scorecard.analysis import analyse  # noqa: E402
from partnerpath.core.scorecard.scores import gather_scores, records_from_table  # noqa: E402
from partnerpath.core.scorecard.template_files import default_template  # noqa: E402
from partnerpath.core.scorecard.weights import template_weights  # noqa: E402

FALLBACK = (
    "import sys, argparse\n"
    "from partnerpath import cli_scorecard\n"
    "from partnerpath.cli import CommandError\n"
    "p = argparse.ArgumentParser(prog='partnerpath')\n"
    "cli_scorecard.register(p.add_subparsers(dest='command', required=True))\n"
    "a = p.parse_args(sys.argv[1:])\n"
    "try:\n"
    "    sys.exit(a.handler(a))\n"
    "except CommandError as e:\n"
    "    print(f'partnerpath: error: {e}', file=sys.stderr); sys.exit(2)\n"
)


def generate(path: Path, opportunities: int, raters: int, seed: int = 7) -> int:
    """Write a scores CSV: each opportunity has a true profile, raters add noise, ~2% NA."""
    rng = np.random.default_rng(seed)
    factors = [f.label if i % 2 else f.key for i, f in enumerate(default_template().factors)]
    truth = rng.integers(1, 6, size=(opportunities, 1, len(factors)))
    noise = rng.integers(-1, 2, size=(opportunities, raters, len(factors)))
    scores = np.clip(truth + noise, 1, 5)
    abstain = rng.random(scores.shape) < 0.02
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["opportunity", "rater", "factor", "score", "rationale"])
        for o in range(opportunities):
            for r in range(raters):
                for f, factor in enumerate(factors):
                    value = "NA" if abstain[o, r, f] else str(scores[o, r, f])
                    writer.writerow([f"Opportunity {o:04d}", f"rater-{r:02d}", factor, value, ""])
                    rows += 1
    return rows


def time_core(path: Path, samples: int, top: int) -> None:
    """Time the core from the CSV text to the full analysis, each stage separately."""
    template = default_template()
    weights = template_weights(template)
    start = time.perf_counter()
    with path.open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    read = time.perf_counter()
    rounds = gather_scores(records_from_table(table[0], table[1:]), template)
    gathered = time.perf_counter()
    analysis = analyse(template, rounds, weights, top_k=top, samples=samples)
    done = time.perf_counter()
    print(
        f"core: csv read {read - start:.2f} s, check+gather {gathered - read:.2f} s, "
        f"rank+{samples}-sample sensitivity+tornado+top-k change {done - gathered:.2f} s; "
        f"total {done - start:.2f} s (target < 2 s)"
    )
    leader = analysis.latest.ranking[0]
    print(
        f"  leader {leader.opportunity!r} total {leader.total:.2f}, "
        f"P(top {top}) {analysis.stability[leader.opportunity].p_top_k:.1%}, "
        f"smallest top-{top} change {analysis.top_change.moved if analysis.top_change else '-'} "
        "points"
    )


def cli_command() -> tuple[list[str], str]:
    """The wired `partnerpath` script when it knows `scorecard`, else the python -c fallback."""
    script = ROOT / ".venv" / "bin" / "partnerpath"
    if script.exists():
        probe = subprocess.run(
            [str(script), "scorecard", "rank", "--help"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return [str(script)], "partnerpath scorecard rank"
    return [sys.executable, "-c", FALLBACK], "python -c (cli_scorecard.register)"


def time_cli(path: Path, samples: int, top: int) -> None:
    """Time the command end to end, for each output format."""
    command, how = cli_command()
    for fmt in ("table", "json", "csv"):
        start = time.perf_counter()
        done = subprocess.run(
            [*command, "scorecard", "rank", str(path), "--samples", str(samples), "--top",
             str(top), "--format", fmt],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        took = time.perf_counter() - start
        if done.returncode != 0:
            print(f"cli ({how}, {fmt}): FAILED rc={done.returncode}: {done.stderr.strip()}")
            continue
        print(
            f"cli ({how}, --format {fmt}): {took:.2f} s end to end, "
            f"{len(done.stdout) / 1e6:.1f} MB output (target < 10 s)"
        )


def main() -> None:
    """Generate the input, then time the core and the CLI."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=1000)
    parser.add_argument("--raters", type=int, default=10)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="write the generated CSV here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "scores.csv"
        start = time.perf_counter()
        rows = generate(path, args.opportunities, args.raters)
        print(
            f"input: {args.opportunities} opportunities x {args.raters} raters x 15 factors = "
            f"{rows} rows, {path.stat().st_size / 1e6:.1f} MB "
            f"(generated in {time.perf_counter() - start:.1f} s)"
        )
        time_core(path, args.samples, args.top)
        time_core(path, args.samples, args.top)  # warm: imports and caches loaded
        time_cli(path, args.samples, args.top)


if __name__ == "__main__":
    main()
