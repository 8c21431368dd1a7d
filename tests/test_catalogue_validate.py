"""`validate_paths`: every problem, each at the line of the offending node."""

from __future__ import annotations

import json

import pytest
from test_catalogue_fixtures import VALID, line_of, replace_once, write

from codecheck import model
from codecheck.catalogue import validate
from codecheck.catalogue.validate import Problem, term_problem, validate_paths


def problems_for(tmp_path, text, name="rules.yaml"):
    return validate_paths([write(tmp_path, name, text)])


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, f"no {code} in {problems}"
    return found


# ------------------------------------------------------------------ the broken files


def test_syntax_error(tmp_path):
    text = replace_once(VALID, "    summary: The company carries out due diligence.",
                        "    summary: [unclosed, list\n    addressee: oops")
    problems = problems_for(tmp_path, text)
    [p] = problems  # a file that is not YAML yields exactly one problem
    assert p.code == "E202"
    assert p.line in (line_of(text, "[unclosed"), line_of(text, "addressee: oops"))
    assert "YAML syntax error" in p.message


def test_duplicate_key(tmp_path):
    text = replace_once(VALID, "    weight: 3\n", "    weight: 3\n    weight: 1\n")
    [p] = only(problems_for(tmp_path, text), "E203")
    assert p.line == line_of(text, "weight: 1")
    assert "'weight'" in p.message and f"line {line_of(text, 'weight: 3')}" in p.message


def test_duplicate_id_across_files(tmp_path):
    write(tmp_path, "a.yaml", VALID)
    other = VALID.replace("id: TEST\n", "id: OTHER\n").replace("TEST-2", "OTHER-2")
    other = other.replace("TEST-1", "OTHER-1", 1).replace("  - id: OTHER-1", "  - id: TEST-1")
    # OTHER file: requirement ids TEST-1 (duplicate, wrong prefix) and OTHER-2
    write(tmp_path, "b.yaml", other)
    problems = validate_paths([tmp_path])
    [dup] = only(problems, "E207")
    assert dup.path.endswith("b.yaml")
    assert dup.line == line_of(other, "- id: TEST-1")
    assert "TEST-1" in dup.message and "a.yaml:" in dup.message
    [prefix] = only(problems, "E211")
    assert prefix.line == dup.line and "OTHER-" in prefix.message


def test_duplicate_id_in_one_file(tmp_path):
    text = VALID.replace("  - id: TEST-2", "  - id: TEST-1")
    [p] = only(problems_for(tmp_path, text), "E207")
    assert p.line == line_of(text, "- id: TEST-1", occurrence=2)


def test_unknown_theme(tmp_path):
    text = replace_once(VALID, "themes: [due-diligence, value-chain]",
                        "themes: [due-diligence, value-chian]")
    [p] = only(problems_for(tmp_path, text), "E208")
    assert p.line == line_of(text, "value-chian")
    assert "value-chian" in p.message and "did you mean 'value-chain'" in p.message


def test_unknown_element_theme(tmp_path):
    text = replace_once(VALID, "theme: board-oversight", "theme: board-oversite")
    [p] = only(problems_for(tmp_path, text), "E208")
    assert p.line == line_of(text, "theme: board-oversite")
    assert "TEST-1 elements[approved-by-board].theme" in p.message


@pytest.mark.parametrize(
    "old, new, needle, fragment",
    [
        ("    weight: 3\n", "    weight: high\n", "weight: high", "expected a number"),
        ('edition: "2024"\n  date', "edition: 2024\n  date", "edition: 2024", "put it in quotes"),
        ("verified: true\n    terms", "verified: yes please\n    terms", "yes please",
         "expected true or false"),
        ("themes: [policy-commitment]", "themes: policy-commitment", "themes: policy-commitment",
         "expected a list"),
        ("frequency: 1\n", "frequency: 0\n", "frequency: 0", "must be more than 0"),
        ("weight: 2\n", "weight: 5\n", "weight: 5", "must be at most 3"),
    ],
)
def test_wrong_type_or_value(tmp_path, old, new, needle, fragment):
    text = replace_once(VALID, old, new)
    problems = only(problems_for(tmp_path, text), "E206")
    assert [p.line for p in problems] == [line_of(text, needle)], problems
    assert fragment in problems[0].message


def test_missing_language(tmp_path):
    text = replace_once(VALID, "      nl: [mensenrechtenbeleid]\n", "")
    [p] = only(problems_for(tmp_path, text), "E212")
    assert p.line == line_of(text, "    terms:")  # the `terms:` key of TEST-1
    assert "'nl' terms" in p.message and "TEST-1" in p.message


def test_empty_language_list(tmp_path):
    text = replace_once(VALID, "      fr: [vigilance]", "      fr: []")
    [p] = only(problems_for(tmp_path, text), "E212")
    assert p.line == line_of(text, "fr: []")


def test_missing_suggested_provision_language(tmp_path):
    text = replace_once(VALID, "      fr: La société exerce une vigilance.\n", "")
    [p] = only(problems_for(tmp_path, text), "E212")
    assert "suggested provision" in p.message


def test_alias_bomb(tmp_path):
    from test_catalogue_yamlsafe import BILLION_LAUGHS

    text = VALID + "x_bomb:\n" + "".join("  " + line + "\n" for line in BILLION_LAUGHS.splitlines())
    problems = problems_for(tmp_path, text)
    [p] = problems
    assert p.code == "E205" and "billion laughs" in p.message
    assert line_of(text, "a: &a") <= p.line <= line_of(text, "i: &i")


def test_python_tag(tmp_path):
    marker = tmp_path / "pwned"
    text = replace_once(VALID, "    summary: The company commits to respect human rights.",
                        f"    summary: !!python/object/apply:os.system ['touch {marker}']")
    problems = problems_for(tmp_path, text)
    [tag] = only(problems, "E204")
    assert tag.line == line_of(text, "!!python")
    assert not marker.exists()


# ------------------------------------------------------------------ beyond the schema


@pytest.mark.parametrize("term", ["", "   ", "--", "human rights +", "+ policy", "a + ... ", "C++ code",
                                  "remedy |", "| remedy + policy", "a | -- + b"])
def test_terms_that_can_never_match(tmp_path, term):
    text = replace_once(VALID, "en: [due diligence]", f"en: [due diligence, {json.dumps(term)}]")
    [p] = only(problems_for(tmp_path, text), "E209")
    assert p.line == line_of(text, "en: [due diligence,")
    assert p.column == text.splitlines()[p.line - 1].index(json.dumps(term)) + 1


@pytest.mark.parametrize("term", ["human rights", "A + B", "A+B", "ESRS 2", "droits de l'homme",
                                  "human rights | labour rights + identify | assess"])
def test_terms_that_can_match(term):
    assert term_problem(term) is None


def test_term_in_both_terms_and_exclude(tmp_path):
    text = replace_once(VALID, "en: [human resources]", "en: [human resources, Human  Rights Policy]")
    [p] = only(problems_for(tmp_path, text), "E210")
    assert p.line == line_of(text, "en: [human rights policy")
    assert "also in exclude" in p.message


@pytest.mark.parametrize(
    "include, exclude, fragment",
    [
        ("human resources policy", "human resources", "always contains the excluded 'human resources'"),
        ("Human  Resources | staff + policy", "human resources",
         "the alternative 'human resources + policy' contains the excluded 'human resources'"),
        ("shareholder rights + vote", "shareholder + rights", "always contains the excluded "
         "'shareholder + rights'"),
    ],
)
def test_terms_that_always_contain_an_excluded_one(tmp_path, include, exclude, fragment):
    text = replace_once(VALID, "en: [due diligence]", f"en: [due diligence, {json.dumps(include)}]")
    text = replace_once(text, "    elements:\n      - id: value-chain",
                        f"    exclude:\n      en: [{json.dumps(exclude)}]\n    elements:\n"
                        "      - id: value-chain")
    [p] = only(problems_for(tmp_path, text), "E210")
    assert p.line == line_of(text, "en: [due diligence,")
    assert fragment in p.message


def test_a_term_containing_a_phrase_of_an_excluded_set(tmp_path):
    """An exclusion may name a concept set ("@false-friends"): a term containing one of the
    set's phrases can never count either, and is found like one containing a written-out
    exclusion."""
    text = replace_once(VALID, "en: [due diligence]", 'en: [due diligence, "vendor due diligence + report"]')
    text = replace_once(text, "    elements:\n      - id: value-chain",
                        '    exclude:\n      en: ["@false-friends"]\n    elements:\n'
                        "      - id: value-chain")
    [p] = only(problems_for(tmp_path, text), "E210")
    assert p.line == line_of(text, "en: [due diligence,")
    assert "always contains the excluded 'vendor due diligence'" in p.message
    # the set's phrases in another language do not count for English terms
    other = text.replace("vendor due diligence + report", "due diligence fiscale + report")
    assert [p for p in problems_for(tmp_path, other) if p.code == "E210"] == []


@pytest.mark.parametrize("include", ["human rights policy", "resources + human", "human | resources"])
def test_terms_near_an_excluded_one_are_fine(tmp_path, include):
    text = replace_once(VALID, "en: [human rights policy,", f"en: [{json.dumps(include)}, human rights policy,")
    assert [p for p in problems_for(tmp_path, text) if p.code == "E210"] == []


def test_element_term_excluded(tmp_path):
    text = replace_once(VALID, "fr: [ressources humaines]", "fr: [ressources humaines, approuvé par le conseil]")
    [p] = only(problems_for(tmp_path, text), "E210")
    assert p.line == line_of(text, "terms: {en: [approved by the board]")


def test_dangling_activity_element(tmp_path):
    text = replace_once(VALID, "element: approved-by-board", "element: approved-by-bord")
    [p] = only(problems_for(tmp_path, text), "E211")
    assert p.line == line_of(text, "element: approved-by-bord")
    assert "did you mean 'approved-by-board'" in p.message


def test_duplicate_element_id(tmp_path):
    text = replace_once(VALID, "      - id: value-chain", "      - id: approved-by-board")
    text = text.replace("  - id: TEST-2", "  - id: TEST-2", 1)
    problems = problems_for(tmp_path, text)
    assert not [p for p in problems if p.code == "E207"]  # different requirements: fine
    doubled = replace_once(VALID, "    suggested_provision:\n      en: The board",
                           "      - id: approved-by-board\n        title: again\n        theme: "
                           "monitoring\n        terms: {en: [a], nl: [b], fr: [c]}\n"
                           "    suggested_provision:\n      en: The board")
    [p] = only(problems_for(tmp_path, doubled, "d.yaml"), "E207")
    assert p.line == line_of(doubled, "- id: approved-by-board", occurrence=2)


def test_minutes_out_of_order(tmp_path):
    text = replace_once(VALID, "{low: 240, central: 480, high: 960}", "{low: 480, central: 240, high: 960}")
    [p] = only(problems_for(tmp_path, text), "E213")
    assert p.line == line_of(text, "minutes: {low: 480")


def test_unknown_field_with_suggestion(tmp_path):
    text = replace_once(VALID, "    addressee: board", "    adressee: board")
    problems = problems_for(tmp_path, text)
    lines = {p.line: p.message for p in problems}
    assert "unknown field 'adressee' (did you mean 'addressee'?)" in lines[line_of(text, "adressee")]
    assert any("missing required field 'addressee'" in m for m in lines.values())


def test_hard_law_needs_scope_and_date(tmp_path):
    text = replace_once(VALID, "      scope: large companies\n", "")
    [p] = only(problems_for(tmp_path, text), "E206")
    assert "'scope'" in p.message and p.line == line_of(text, "    legal_status:", occurrence=2)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = replace_once(VALID, "theme: board-oversight", "theme: nope")
    text = replace_once(text, "weight: 2\n", "weight: heavy\n")
    text = replace_once(text, "element: approved-by-board", "element: ghost")
    text = replace_once(text, "      nl: [zorgvuldigheid]\n", "")
    codes = sorted(p.code for p in problems_for(tmp_path, text))
    assert codes == ["E206", "E208", "E211", "E212"]


def test_problems_sorted_by_path_and_line(tmp_path):
    write(tmp_path, "b.yaml", replace_once(VALID, "weight: 2\n", "weight: heavy\n"))
    write(tmp_path, "a.yaml", replace_once(VALID.replace("TEST", "AAA"), "weight: 3\n", "weight: x\n")
          .replace("theme: board-oversight", "theme: nope"))
    problems = validate_paths([tmp_path])
    assert problems == sorted(problems)
    assert [p.path.rsplit("/", 1)[-1] for p in problems] == ["a.yaml", "a.yaml", "b.yaml"]


def test_missing_path_empty_folder_and_empty_file(tmp_path):
    assert only(validate_paths([tmp_path / "nope.yaml"]), "E201")
    (tmp_path / "empty").mkdir()
    assert only(validate_paths([tmp_path / "empty"]), "E201")
    assert only(validate_paths([write(tmp_path, "blank.yaml", "# nothing\n")]), "E206")


def test_problem_prints_as_path_line_column():
    assert str(Problem("r.yaml", 3, 7, "bad", "E206")) == "r.yaml:3:7: bad"


# ------------------------------------------------------------------ the schema itself


def test_schema_is_valid_draft_2020_12():
    from jsonschema import Draft202012Validator

    schema = validate.schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_vocabularies_match_the_model():
    defs = validate.schema()["$defs"]
    assert tuple(defs["theme"]["enum"]) == model.THEMES
    req = defs["requirement"]["properties"]
    assert tuple(req["addressee"]["enum"]) == model.ADDRESSEES
    assert tuple(req["obligation"]["enum"]) == model.OBLIGATIONS
    assert tuple(defs["terms"]["required"]) == model.LANGUAGES


# ------------------------------------------------------------------ the bundled catalogue


def test_bundled_catalogue_validates_clean():
    from codecheck.paths import catalogue_dir

    folder = catalogue_dir()
    if not any(folder.glob("*.yaml")):
        pytest.skip("rules/catalogue/ has no rule files yet (content still being written)")
    problems = validate_paths([folder])
    assert problems == [], "\n".join(map(str, problems))


# ------------------------------------------------------------------ the fast schema check


def _mutations(data):
    """(description, mutated copy) for every node: replaced by each JSON kind, deleted,
    or (for mappings) given an unknown key."""
    import copy

    replacements = [None, True, 0, 2.5, 7, "", "x", "2024-01-31", [], ["x"], {}, {"x": 1}]

    def paths(node, path=()):
        yield path
        if isinstance(node, dict):
            for k, v in node.items():
                yield from paths(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from paths(v, path + (i,))

    def at(root, path):
        for p in path:
            root = root[p]
        return root

    for path in paths(data):
        if not path:
            continue
        for value in replacements:
            new = copy.deepcopy(data)
            at(new, path[:-1])[path[-1]] = value
            yield f"{path} = {value!r}", new
        new = copy.deepcopy(data)
        del at(new, path[:-1])[path[-1]]
        yield f"del {path}", new
        if isinstance(at(data, path), dict):
            new = copy.deepcopy(data)
            at(new, path)["unknown_field"] = 1
            yield f"{path} + unknown", new


def test_fast_check_agrees_with_jsonschema():
    from codecheck.catalogue.yamlsafe import load_text

    validator = validate._validator()
    data = load_text(VALID).data
    n_invalid = 0
    for what, mutated in _mutations(data):
        expected = not any(True for _ in validator.iter_errors(mutated))
        assert validate.fast_valid(mutated) == expected, what
        n_invalid += not expected
    assert n_invalid > 500  # the mutations do break the file


def test_fast_check_agrees_on_the_bundled_catalogue():
    from codecheck.catalogue.yamlsafe import load_file
    from codecheck.paths import catalogue_dir

    files = sorted(catalogue_dir().glob("*.yaml"))
    if not files:
        pytest.skip("rules/catalogue/ has no rule files yet (content still being written)")
    validator = validate._validator()
    for f in files:
        data = load_file(f).data
        assert validate.fast_valid(data) == (not list(validator.iter_errors(data))), f


# ------------------------------------------------------------------ never a traceback


def _json_values():
    from hypothesis import strategies as st

    scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False),
                        st.sampled_from(["", "x", "TEST-1", "board", "policy-commitment", "+",
                                         "a + b", "2024-01-31", "en", "nl", "fr"]))
    keys = st.sampled_from(["instrument", "requirements", "id", "terms", "en", "nl", "fr",
                            "elements", "burden", "activities", "element", "theme", "themes",
                            "exclude", "minutes", "low", "weight", "legal_status", "x"])
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


def test_random_documents_never_crash(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import yaml

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(_json_values(), st.builds(
        lambda req: {"instrument": {"id": "TEST"}, "requirements": [req]}, _json_values())))
    def check(doc):
        path = tmp_path / "fuzz.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        problems = validate_paths([path])
        assert all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 for p in problems)

    check()


def test_random_text_never_crashes(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(list("ab: -[]{}&*!#'\"\n\t|>%@`,?<=")
                             + ["!!python/object ", "&x ", "*x", "<<: ", "\n  ", "---\n"])

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(pieces, max_size=40).map("".join))
    def check(text):
        path = tmp_path / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        problems = validate_paths([path])
        assert problems  # none of these is a valid rule file
        assert all(p.line >= 1 and p.column >= 1 for p in problems)

    check()
