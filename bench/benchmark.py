"""Time the build of the sample volume: per stage, per output, and peak memory.

    .venv/bin/python bench/benchmark.py [PATHS…] [--runs N]

Every output module that exists (fortran_tei.pdf, .html, .epub) is built in this process,
after one shared read + validate; each output's own stages (transform, typeset, write …)
come from the build context's timings. Prints one table; exit 1 if the PDF of the sample
volume takes 5 s or more (the budget).
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fortran_tei.build import FORMATS, build  # noqa: E402

PDF_BUDGET_S = 5.0


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "tei"])
    parser.add_argument("--runs", type=int, default=1, help="repeat the outputs (warm) and keep the best")
    args = parser.parse_args()
    formats = tuple(f for f in FORMATS if importlib.util.find_spec(f"fortran_tei.{f}") is not None)
    print(f"outputs found: {', '.join(formats) or 'none'}")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        context = build(args.paths, formats=(), out=Path(out))
        read_validate = time.perf_counter() - start
        print(f"{'read + validate':<28}{read_validate:8.3f} s")
        # The first run pays each stylesheet's compile (what one CLI build costs); later runs are warm.
        cold: dict[str, float] = {}
        best: dict[str, float] = {}
        for run in range(max(1, args.runs)):
            context.timings.clear()
            for name in formats:
                module = importlib.import_module(f"fortran_tei.{name}")
                with context.stage(name):
                    module.build(context)
            if run == 0:
                cold = dict(context.timings)
            for key, value in context.timings.items():
                best[key] = min(best.get(key, value), value)
        print(f"{'':<28}{'first':>8}  {'best':>8}")
        for name in formats:
            for key in [name] + [k for k in best if k.startswith(f"{name}: ")]:
                label = f"{name} (total)" if key == name else f"  {key}"
                print(f"{label:<28}{cold[key]:8.3f}  {best[key]:8.3f} s")
        for path in sorted(Path(out).iterdir()):
            size = path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
            print(f"{'  ' + path.name:<28}{size / 1024:8.0f} KiB")
        print(f"{'peak memory':<28}{peak_mib():8.0f} MiB")
        if "pdf" in best:
            total = read_validate + cold["pdf"]
            print(f"{'sample → PDF, end to end':<28}{total:8.3f} s (budget {PDF_BUDGET_S:.0f} s)")
            return 0 if total < PDF_BUDGET_S else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
