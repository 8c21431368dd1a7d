"""How fast matching is: figures and ratios, not pass/fail tests.

    python benchmarks/bench_matching.py [--n 10000] [--langs en,nl,fr] [--repeat 3]

Prints
0. the cold gap report: `python -m codecheck report` (bundled codes and catalogue, all
   four formats) against `import spacy; spacy.blank("en")`, interleaved fresh processes,
   median and fastest of 2 x --repeat runs each (target <= 2x);
1. cold start: a fresh process doing `import spacy` + a blank pipeline per language (the
   floor any spaCy tool pays) against a fresh process running codecheck's `assess` on the
   bundled Belgian code in those languages (import, catalogue, codes, pipelines, lemma
   tables, matching) — once with an empty lemma cache (first run ever) and once warm;
2. warm re-analysis in one process (codes already parsed): the same catalogue re-loaded,
   and a catalogue with one term edited (target <= 50 ms);
3. N provisions per language: `assess` against spaCy's own tokenize + lookup-lemmatize
   (`nlp.pipe` over the same texts), with the ratio (target <= 2x). CPU time of this
   process (the machine may be shared): one untimed run each, then --repeat timed runs
   interleaved; median, fastest, and the first run's ratio.
Every figure is the median of --repeat (default 3) runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child_env(env: dict | None = None) -> dict:
    """The environment of the measured processes: this checkout first on the path, and
    bytecode written and read as for an installed package (pip compiles a package's
    modules when it installs it). A machine with PYTHONDONTWRITEBYTECODE set (as this
    team's are) would otherwise compile codecheck's sources again in every run (0.1-0.15 s);
    spaCy's own modules were compiled when it was installed."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    if env:
        full_env.update(env)
    return full_env


def run_python(code: str, env: dict | None = None) -> float:
    """Wall time of a fresh interpreter running `code`; the code prints its own figure."""
    full_env = child_env(env)
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=full_env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - t
    if out.stderr.strip():
        print(out.stderr.strip(), file=sys.stderr)
    return wall


def cold(langs: list[str], repeat: int) -> None:
    print("1. cold start (fresh processes, wall time, median of", repeat, "runs)")
    floor_code = f"""
        import spacy
        for lang in {langs!r}:
            nlp = spacy.blank(lang)
            nlp("warm up")
    """
    floor = statistics.median(run_python(floor_code) for _ in range(repeat))
    floor_lemma_code = f"""
        import spacy
        for lang in {langs!r}:
            nlp = spacy.blank(lang)
            nlp.add_pipe("lemmatizer", config={{"mode": "lookup"}})
            nlp.initialize()
            nlp("warm up")
    """
    floor_lemma = statistics.median(run_python(floor_lemma_code) for _ in range(repeat))
    assess_code = f"""
        import dataclasses
        from codecheck.catalogue import load_catalogue
        from codecheck.documents import load_code
        from codecheck.matching import assess
        cat = load_catalogue()
        codes = [dataclasses.replace(load_code("be-cg-2020", l), id="be-cg-2020-" + l) for l in {langs!r}]
        cov = assess(codes, cat)
        assert len(cov) == len(cat.requirements) * len(codes)
    """
    with tempfile.TemporaryDirectory() as tmp:
        env = {"CODECHECK_CACHE_DIR": tmp}
        first = run_python(assess_code, env)  # builds the lemma databases
        warm = statistics.median(run_python(assess_code, env) for _ in range(repeat))
    print(f"   import spacy + spacy.blank({','.join(langs)})            {floor:6.2f} s")
    print(f"   same + spaCy lookup lemmatizer (initialize)        {floor_lemma:6.2f} s")
    print(f"   codecheck assess, bundled code, first run ever      {first:6.2f} s"
          f"   ({first / floor:.2f}x the blank floor)")
    print(f"   codecheck assess, bundled code, lemma cache warm    {warm:6.2f} s"
          f"   ({warm / floor:.2f}x the blank floor; target <= 2x)")


def cold_report(repeat: int) -> None:
    runs = 2 * repeat
    print("0. cold `python -m codecheck report` (fresh processes, wall time, interleaved,", runs, "runs each)")
    env = child_env()
    ours, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "codecheck", "report", "--out", tmp, "--quiet"]
        subprocess.run(command, env=env, check=True)  # lemma databases, bytecode (`child_env`)
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(command, env=env, check=True)
            ours.append(time.perf_counter() - t)
            floor.append(run_python("import spacy; spacy.blank('en')('warm up')"))
    m_ours, m_floor = statistics.median(ours), statistics.median(floor)
    print(f"   import spacy + spacy.blank('en')   median {m_floor:5.2f} s   fastest {min(floor):5.2f} s")
    print(f"   python -m codecheck report         median {m_ours:5.2f} s   fastest {min(ours):5.2f} s")
    print(f"   ratio: median {m_ours / m_floor:.2f}x, fastest {min(ours) / min(floor):.2f}x (target <= 2x)")
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        print("   (PYTHONDONTWRITEBYTECODE is set here; the measured processes run without it: `child_env`)")


def cold_per_language(langs: list[str], repeat: int) -> None:
    print("   per language (bundled Belgian code in that language only):")
    for lang in langs:
        floor = statistics.median(
            run_python(f"import spacy; spacy.blank({lang!r})('warm up')") for _ in range(repeat)
        )
        code = f"""
            import dataclasses
            from codecheck.catalogue import load_catalogue
            from codecheck.documents import load_code
            from codecheck.matching import assess
            assess([load_code("be-cg-2020", {lang!r})], load_catalogue())
        """
        ours = statistics.median(run_python(code) for _ in range(repeat))
        print(f"   {lang}: import spacy + blank {floor:5.2f} s   codecheck assess {ours:5.2f} s"
              f"   ({ours / floor:.2f}x; target <= 2x)")


def warm(langs: list[str], repeat: int) -> None:
    import gc

    from codecheck.catalogue import load_catalogue
    from codecheck.documents import load_code
    from codecheck.matching import assess

    print("2. warm re-analysis (one process, codes already parsed; median of", repeat, "runs)")
    codes = [dataclasses.replace(load_code("be-cg-2020", l), id="be-cg-2020-" + l) for l in langs]
    assess(codes, load_catalogue())  # first analysis: pipelines, tables, documents

    def reloaded() -> float:
        t = time.perf_counter()
        assess(codes, load_catalogue())
        return time.perf_counter() - t

    def edited(i: int) -> float:
        cat = load_catalogue()
        r = cat.requirements[0]
        changed = dataclasses.replace(
            r, terms={**r.terms, **{l: tuple(r.terms.get(l, ())) + (f"edited term {i}",) for l in langs}}
        )
        cat = dataclasses.replace(cat, requirements=(changed,) + cat.requirements[1:])
        t = time.perf_counter()
        assess(codes, cat)
        return time.perf_counter() - t

    n = sum(len(c.provisions) for c in codes)
    same = statistics.median(reloaded() for _ in range(repeat))
    edit_times = [edited(i) for i in range(repeat)]
    # the same with the objects of the first analysis frozen out of the cyclic collector's
    # reach (`gc.freeze()`, as a notebook user may do): `assess` leaves them frozen; an
    # edit leaves too few objects to move to the oldest generation, so it does not count
    # the frozen ones either (`matching._promote_survivors`; counting them cost ~50 ms)
    gc.collect()
    gc.freeze()
    try:
        frozen = [edited(repeat + i) for i in range(repeat)]
    finally:
        gc.unfreeze()
    print(f"   catalogue re-loaded, {n} provisions                 {same * 1000:6.1f} ms (target <= 50 ms)")
    print(f"   one term edited in the catalogue                   {statistics.median(edit_times) * 1000:6.1f} ms"
          f" (target <= 50 ms; runs {', '.join(f'{x * 1000:.0f}' for x in edit_times)} ms)")
    print(f"   one term edited, after gc.freeze()                 {statistics.median(frozen) * 1000:6.1f} ms"
          f" (runs {', '.join(f'{x * 1000:.0f}' for x in frozen)} ms)")
    other_edits(codes, langs, repeat)


def other_edits(codes: list, langs: list[str], repeat: int) -> None:
    """Other kinds of edit, each followed by the catalogue as bundled (also an edit):
    median of `repeat` runs of the edit alone."""
    import shutil

    from codecheck.catalogue import load_catalogue
    from codecheck.matching import assess

    base = load_catalogue()
    big = max(range(len(base.requirements)), key=lambda i: sum(len(t) for t in base.requirements[i].terms.values()))

    def changed(i: int, field: str, update) -> object:
        r = base.requirements[i]
        new = dataclasses.replace(r, **{field: {**getattr(r, field), **update(getattr(r, field))}})
        return dataclasses.replace(base, requirements=base.requirements[:i] + (new,) + base.requirements[i + 1:])

    def added(i: int, term: str, field: str = "terms", only: tuple = ()) -> object:
        return changed(i, field, lambda d: {l: tuple(d.get(l, ())) + (term,) for l in (only or langs)})

    kinds = [
        (f"a term added to the largest requirement ({base.requirements[big].id})",
         lambda k: added(big, f"edited term {k}")),
        ("a term with a new word of 7+ letters", lambda k: added(0, "subcontracted cleaners" + "z" * k)),
        ("an exclusion added", lambda k: added(0, f"edited term {k}", "exclude")),
        ("the last term of a requirement dropped",
         lambda k: changed(k % 3, "terms", lambda d: {l: tuple(d.get(l, ()))[:-1] for l in langs})),
        ("a Dutch one-word term added", lambda k: added(0, "schoonmaakploeg" + "x" * k, only=("nl",))),
    ]
    print("   other edits (each undone by the next analysis, itself an edit):")
    for label, make in kinds:
        times = []
        for k in range(1, repeat + 1):
            cat = make(k)
            t = time.perf_counter()
            assess(codes, cat)
            times.append(time.perf_counter() - t)
            assess(codes, base)
        print(f"     {label:<58} {statistics.median(times) * 1000:6.1f} ms"
              f" (runs {', '.join(f'{x * 1000:.0f}' for x in times)})")
    # the notebook's way: a rule file edited on disk, then `load_catalogue` and `assess`
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "catalogue"
        shutil.copytree(ROOT / "rules" / "catalogue", folder)
        rule_file = sorted(folder.glob("*.yaml"))[0]
        text = rule_file.read_text(encoding="utf-8")
        assess(codes, load_catalogue(folder))
        loads, analyses = [], []
        for k in range(1, repeat + 1):
            rule_file.write_text(text.replace("    terms:\n      en:\n", f"    terms:\n      en:\n        - edited term {k}\n", 1),
                                 encoding="utf-8")
            t = time.perf_counter()
            cat = load_catalogue(folder)
            t2 = time.perf_counter()
            assess(codes, cat)
            loads.append(t2 - t)
            analyses.append(time.perf_counter() - t2)
        total = [a + b for a, b in zip(loads, analyses)]
        print(f"     {'a rule file edited on disk, loaded and analysed':<58} {statistics.median(total) * 1000:6.1f} ms"
              f" (load {statistics.median(loads) * 1000:.0f} + assess {statistics.median(analyses) * 1000:.0f} ms)")


def unique_sentences(texts: list[str]) -> list[str]:
    """The same texts with a distinct reference word opening each sentence, so that no
    sentence repeats (codecheck remembers the evidence of sentences it has seen)."""
    import re

    out = []
    for i, text in enumerate(texts):
        parts = re.split(r"(?<=[.!?])\s+", text)
        out.append(" ".join(f"Ref{i}x{j} {p}" for j, p in enumerate(parts)))
    return out


def texts_for(lang: str, n: int) -> list[str]:
    """N distinct provision-like texts: bundled code provisions and labelled items, numbered."""
    import yaml

    from codecheck.documents import load_code

    base = [p.full_text for p in load_code("be-cg-2020", lang).provisions if p.full_text]
    labelled = ROOT / "tests" / "data" / "labelled.yaml"
    if labelled.exists():
        items = yaml.safe_load(labelled.read_text(encoding="utf8"))["items"]
        base += [i["text"] for i in items if i["lang"] == lang]
    return [f"{i + 1}. {base[i % len(base)]}" for i in range(n)]


def bulk(langs: list[str], n: int, repeat: int) -> None:
    from codecheck.catalogue import load_catalogue

    print(f"3. {n} provisions per language: assess vs spaCy tokenize + lemmatize (nlp.pipe),"
          f" CPU time, median of {repeat}; target <= 2x")
    cat = load_catalogue()
    for lang in langs:
        for label, texts in (
            ("as written", texts_for(lang, n)),
            ("unique sentences", unique_sentences(texts_for(lang, n))),
        ):
            _bulk_one(cat, lang, label, texts, repeat)


def _bulk_one(cat, lang: str, label: str, texts: list[str], repeat: int) -> None:
    """Both sides run once untimed on these texts (the first run creates the lexemes of
    10,000 new texts: spaCy's vocabulary, and codecheck's scan of the new words, printed as
    "first run"), then `repeat` timed runs of each, interleaved so that drift on a shared
    machine hits both alike; median (and fastest) CPU time."""
    import spacy

    from codecheck.matching import assess, learned
    from codecheck.matching.nlp import DOCS
    from codecheck.matching.terms import _COMPILED
    from codecheck.model import Code, Provision

    nlp = spacy.blank(lang)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp("warm up")
    # a small code first, so pipelines and tables are loaded outside the timing
    assess([Code("warm", "w", "1", lang, "file", "-", (Provision("1", text="x"),))], cat)
    code = Code(
        f"bulk-{lang}", "bulk", "1", lang, "file", "-",
        tuple(Provision(str(i), text=t) for i, t in enumerate(texts)),
    )

    def spacy_run() -> float:
        t = time.process_time()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        return time.process_time() - t

    def our_run():
        DOCS.clear()
        for compiled in _COMPILED.values():
            compiled.sentences.clear()  # no sentence remembered from the previous run
            compiled.candidates.clear()
            compiled.resolved.clear()
            compiled.sentence_hits.clear()
        learned.scorer(lang).clear()  # nor any provision the learned reader scored
        t = time.process_time()
        cov = assess([code], cat)
        return time.process_time() - t, cov

    first_spacy = spacy_run()
    first_ours, cov = our_run()
    spacy_times, our_times = [], []
    for _ in range(repeat):
        spacy_times.append(spacy_run())
        our_times.append(our_run()[0])
    spacy_t, ours = statistics.median(spacy_times), statistics.median(our_times)
    hits = sum(len(c.evidence) for c in cov.values())
    print(f"   {lang} {label:<17} spaCy {spacy_t:5.2f} s   assess {ours:5.2f} s   "
          f"ratio {ours / spacy_t:4.2f}x (fastest {min(our_times) / min(spacy_times):4.2f}x;"
          f" first run {first_ours / first_spacy:4.2f}x)   ({hits} evidence items)")
    DOCS.clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="provisions per language for part 3")
    ap.add_argument("--langs", default="en,nl,fr")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-cold", action="store_true")
    args = ap.parse_args()
    langs = [l for l in args.langs.split(",") if l]
    if not args.skip_cold:
        cold_report(args.repeat)
        cold(langs, args.repeat)
        cold_per_language(langs, args.repeat)
    warm(langs, args.repeat)
    bulk(langs, args.n, args.repeat)


if __name__ == "__main__":
    main()
