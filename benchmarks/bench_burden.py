"""How many Monte Carlo draws the burden intervals need: figures, not pass/fail tests.

    python benchmarks/bench_burden.py [--reference 200000] [--seeds 3]

For every gap of the bundled codes, the 5th/95th percentiles (`low`/`high`) of the
enterprises' and public authorities' annualised burden are computed with a large
reference run, then with fewer draws, both with plain random numbers and with the Latin
hypercube the package uses. Prints, per setting, the relative error of the interval ends
against the reference (median, 95th percentile and maximum over all gaps, averaged over
--seeds seeds) and the CPU time of one `burden.assess` over the three bundled codes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import zlib
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from codecheck import burden, matching  # noqa: E402
from codecheck.burden import sampling  # noqa: E402
from codecheck.catalogue import load_catalogue  # noqa: E402
from codecheck.documents import load_code  # noqa: E402
from codecheck.documents.bundled import bundled_ids  # noqa: E402

STRATIFIED = sampling.uniforms


def plain(seed: int, key: str, draws: int) -> np.ndarray:
    """Unstratified uniforms from the same named streams (the package's earlier sampler)."""
    return np.random.Generator(np.random.PCG64([int(seed), zlib.crc32(key.encode("utf-8"))])).random(draws)


def intervals(catalogue, codes, coverages, draws: int, seed: int, uniforms) -> tuple[dict, float]:
    params = burden.load_params(overrides={"monte_carlo.draws": draws, "monte_carlo.seed": seed})
    with mock.patch.object(sampling, "uniforms", uniforms):
        start = time.process_time()
        result = burden.assess(catalogue, codes, coverages, params, with_frontier=False)
        cpu = time.process_time() - start
    out = {}
    for key, gap in result.gaps.items():
        for side, cost in (("enterprises", gap.enterprises), ("public", gap.public_authorities)):
            if cost.high > 0:
                out[key + (side,)] = (cost.low, cost.high)
    return out, cpu


def errors(run: dict, reference: dict) -> list[float]:
    out = []
    for key, (ref_low, ref_high) in reference.items():
        low, high = run[key]
        e_low = abs(low / ref_low - 1) if ref_low else 0.0
        out.append(max(e_low, abs(high / ref_high - 1)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=int, default=200_000, help="draws of the reference run")
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()

    catalogue = load_catalogue()
    codes = [load_code(i) for i in bundled_ids()]
    coverages = matching.assess(codes, catalogue)
    reference, _ = intervals(catalogue, codes, coverages, args.reference, 987654, plain)
    print(f"reference: {args.reference:,} plain draws; {len(reference)} gap intervals")
    print(f"{'sampler':<10} {'draws':>7} {'median':>8} {'p95':>8} {'max':>8} {'cpu s':>7}")
    for name, uniforms in (("plain", plain), ("stratified", STRATIFIED)):
        for draws in (2000, 4000, 6000, 10000):
            stats, cpus = [], []
            for seed in range(args.seeds):
                run, cpu = intervals(catalogue, codes, coverages, draws, seed, uniforms)
                e = errors(run, reference)
                stats.append((statistics.median(e), float(np.percentile(e, 95)), max(e)))
                cpus.append(cpu)
            med, p95, worst = (statistics.fmean(s[i] for s in stats) for i in range(3))
            print(f"{name:<10} {draws:>7,} {med:>8.2%} {p95:>8.2%} {worst:>8.2%} {statistics.median(cpus):>7.3f}")


if __name__ == "__main__":
    main()
