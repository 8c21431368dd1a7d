"""Property tests (hypothesis) for the numbering grammar and the line joiner."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codecheck.documents import grammar
from codecheck.documents.structure import Line, build_provisions, join_lines

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PRINCIPLE_WORDS = {"en": "Principle", "nl": "Principe", "fr": "Principe"}
WORDS = st.sampled_from(
    "board company shall should report filler sample committee charter policy review "
    "raad vennootschap beleid verslag conseil société politique rapport".split()
)


def sentence(min_words: int = 2, max_words: int = 12):
    """A filler sentence starting with a capital and ending with a full stop."""
    return st.lists(WORDS, min_size=min_words, max_size=max_words).map(
        lambda ws: (" ".join(ws)).capitalize() + "."
    )


# ------------------------------------------------------------------ single headings


@SETTINGS
@given(n=st.integers(1, 99), word=st.sampled_from(["Principle", "Principe", "Beginsel", "PRINCIPLE"]),
       sep=st.sampled_from([". ", ".\t", " ", ": ", " – "]), title=sentence())
def test_principle_heading(n, word, sep, title):
    found = grammar.match_heading(f"{word} {n}{sep}{title}", grammar.family("principles"))
    assert found is not None
    h, m = found
    assert h.unit == "principle" and m.group("num") == str(n)
    assert m.group("rest").strip() == title


@SETTINGS
@given(parts=st.lists(st.integers(1, 99), min_size=2, max_size=4), text=sentence(),
       dot=st.sampled_from(["", "."]))
def test_dotted_heading(parts, text, dot):
    num = ".".join(map(str, parts))
    for fam in ("principles", "chapters", "numbered"):
        h, m = grammar.match_heading(f"{num}{dot} {text}", grammar.family(fam))
        assert h.unit == "provision"
        assert grammar.dotted_parts(m.group("num")) == tuple(parts)
        assert m.group("rest") == text


@SETTINGS
@given(n=st.integers(1, 999), suffix=st.sampled_from(["", "a", "b", "bis", " ter"]),
       word=st.sampled_from(["Article", "Artikel", "Art.", "ARTICLE"]))
def test_article_heading(n, suffix, word):
    h, m = grammar.match_heading(f"{word} {n}{suffix}", grammar.family("articles"))
    assert h.unit == "article"
    assert m.group("num").replace(" ", "") == f"{n}{suffix.strip()}"


@SETTINGS
@given(n=st.integers(1, 999), tail=st.sampled_from(["of Regulation (EU) 2020/852", "shall apply", "(2)"]))
def test_article_reference_in_text_is_not_a_heading(n, tail):
    assert grammar.match_heading(f"Article {n} {tail}", grammar.family("articles")) is None


@SETTINGS
@given(text=st.text(alphabet=st.characters(categories=["Ll", "Zs"]), min_size=1, max_size=80))
def test_lowercase_lines_never_open_units(text):
    for fam in grammar.FAMILIES:
        assert grammar.match_heading(text.strip() or "x", fam) is None


@SETTINGS
@given(label=st.sampled_from(["Foreword", "Principle 3. Title", "Article 5 Scope", "Annexe II"]),
       page=st.integers(1, 300), leader=st.sampled_from([" ....... ", " . . . . . ", "\t", "     ", "…… "]))
def test_toc_entries(label, page, leader):
    assert grammar.is_toc_entry(f"{label}{leader}{page}")
    assert not grammar.is_toc_entry(f"{label} applies to {page} companies.")


# ------------------------------------------------------------------- whole documents


@st.composite
def codes(draw):
    """A random code: principles 1..P, provisions N.1..N.M, some with deeper levels."""
    lang = draw(st.sampled_from(["en", "nl", "fr"]))
    tree = []
    for p in range(1, draw(st.integers(1, 6)) + 1):
        provisions = []
        for q in range(1, draw(st.integers(0, 6)) + 1):
            subs = draw(st.integers(0, 3)) if draw(st.booleans()) else 0
            provisions.append((q, draw(sentence()), [draw(sentence()) for _ in range(subs)]))
        tree.append((p, draw(sentence(3, 10)), provisions))
    return lang, tree


def _render(lang, tree, wrap: int):
    """Lines as printed (wrapped every `wrap` words) and the expected (id, parent, text)."""
    lines: list[Line] = [Line("Filler Code Title"), Line("A filler foreword without numbers.")]
    expected = []

    def emit(first: str, text: str):
        words = f"{first} {text}".split()
        for k in range(0, len(words), wrap):
            lines.append(Line(" ".join(words[k:k + wrap])))

    for p, title, provisions in tree:
        emit(f"{PRINCIPLE_WORDS[lang]} {p}.", title)
        expected.append((str(p), None, title, "principle"))
        for q, text, subs in provisions:
            pid = f"{p}.{q}"
            emit(pid, text)
            expected.append((pid, str(p), text, "provision"))
            for r, sub in enumerate(subs, start=1):
                emit(f"{pid}.{r}", sub)
                expected.append((f"{pid}.{r}", pid, sub, "provision"))
    return lines, expected


@SETTINGS
@given(code=codes(), wrap=st.integers(2, 9))
def test_rendered_codes_parse_back(code, wrap):
    lang, tree = code
    lines, expected = _render(lang, tree, wrap)
    structure = build_provisions(lines, lang)
    got = [(p.id, p.parent, p.text, p.kind) for p in structure.provisions]
    assert got == expected
    assert structure.family == "principles"


@SETTINGS
@given(n=st.integers(1, 12), wrap=st.integers(3, 8), lang=st.sampled_from(["en", "nl", "fr"]))
def test_rendered_articles_parse_back(n, wrap, lang):
    word = {"en": "Article", "nl": "Artikel", "fr": "Article"}[lang]
    lines = [Line("Filler act"), Line("Whereas filler.")]
    expected = []
    for k in range(1, n + 1):
        lines.append(Line(f"{word} {k}"))
        text = f"Member states shall apply filler rule {k} to every sample company."
        words = text.split()
        lines += [Line(" ".join(words[i:i + wrap])) for i in range(0, len(words), wrap)]
        expected.append((f"Art. {k}", text))
    structure = build_provisions(lines, lang)
    assert [(p.id, p.text) for p in structure.provisions] == expected


# ---------------------------------------------------------------------- the joiner


@SETTINGS
@given(word=st.sampled_from(["governance", "shareholders", "remuneration", "vennootschap",
                             "aandeelhouders", "gouvernance", "rémunération"]),
       data=st.data())
def test_hyphenation_is_undone(word, data):
    k = data.draw(st.integers(2, len(word) - 2))
    assert join_lines([f"the {word[:k]}-", f"{word[k:]} of it"]) == f"the {word} of it"


@SETTINGS
@given(first=st.sampled_from(["long", "short", "non", "self", "cross"]),
       second=st.sampled_from(["term", "executive", "financial", "assessment"]))
def test_compounds_keep_their_hyphen(first, second):
    assert join_lines([f"a {first}-", f"{second} view"]) == f"a {first}-{second} view"


@SETTINGS
@given(parts=st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=20), min_size=1, max_size=6))
def test_plain_lines_join_with_one_space(parts):
    parts = [p for p in parts if p.strip()]
    joined = join_lines(parts)
    assert joined == " ".join(p.strip() for p in parts)
    assert not re.search(r"^ | $", joined)


def test_soft_hyphen_at_line_end_glues():
    assert join_lines(["the organ\u00ad", "isation"]) == "the organisation"


def test_suspended_hyphen_before_a_conjunction():
    assert join_lines(["short-", "and long-term goals"]) == "short- and long-term goals"
    assert join_lines(["informatie-", "en communicatietechnologie"]) == "informatie- en communicatietechnologie"
