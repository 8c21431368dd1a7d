"""rules/burden.yaml and `load_params`: every number sourced, overrides, refusals."""

from __future__ import annotations

import pytest
import yaml

from codecheck.burden import load_params, parse_assignments
from codecheck.errors import CodecheckError, ParameterError
from codecheck.paths import burden_params_path

BUNDLED_CODES = ("be-cg-2020", "be-buysse-iv-2024", "be-buysse-iii-2017")


@pytest.fixture(scope="module")
def params():
    return load_params()


def test_bundled_file_loads_with_every_number_sourced(params):
    keys = params.keys()
    assert len(keys) > 100
    for key in keys:
        src = params.source(key)
        assert src, f"{key} has no source"
        assert str(src.get("text", "")).strip(), f"{key}: source without text"
        assert isinstance(src.get("year"), int), f"{key}: source without a year"
        assert "url" in src, f"{key}: source without url (null when none)"


def test_brief_figures_are_the_defaults(params):
    # research brief: Eurostat 2024 48.2 EUR/h, +25% overhead = 60
    assert params.triple("tariff_eur_per_hour") == (48.2, 60.0, 70.0)
    assert params.source("tariff_eur_per_hour")["year"] == 2024
    assert params.number("population.be-cg-2020") == 100
    assert params.number("population.be-buysse-iv-2024") == 6500
    assert params.triple("comply_or_explain.comply_share.be-cg-2020") == (0.6, 0.75, 0.9)
    assert params.triple("legal_overlap.population_share.be-cg-2020.csddd") == (0.08, 0.12, 0.18)
    assert params.number("annualisation_years") == 5
    assert params.draws == 6000 and params.seed >= 0
    # assumptions are flagged as such
    assert params.source("tariff_eur_per_hour.staff.manager")["assumption"] is True
    assert params.source("comply_or_explain.comply_share.be-cg-2020")["assumption"] is True


def test_every_bundled_code_has_its_parameters(params):
    for cid in BUNDLED_CODES:
        assert params.has(f"population.{cid}")
        assert params.has(f"size_classes.{cid}")
        assert params.has(f"board_size.{cid}")
        assert params.has(f"legal_overlap.population_share.{cid}.csrd")
        assert params.has(f"comply_or_explain.comply_share.{cid}")
        for family in ("policy", "risk_assessment", "grievance_mechanism", "public_reporting"):
            assert params.has(f"bau_share.{family}.{cid}")


def test_shares_are_shares(params):
    for key in params.keys():
        if key.startswith(("bau_share.", "legal_overlap.population_share.", "legal_overlap.reach.", "comply_or_explain.comply_share.")):
            assert 0.0 <= params.number(key) <= 1.0, key


def test_overrides_numbers_and_strings(params):
    p = load_params(overrides={"population.be-cg-2020": "120", "tariff_eur_per_hour.central": 65})
    assert p.number("population.be-cg-2020") == 120
    assert p.number("tariff_eur_per_hour.central") == 65
    assert dict(p.overrides) == {"population.be-cg-2020": 120.0, "tariff_eur_per_hour.central": 65.0}
    assert params.number("population.be-cg-2020") == 100  # the default is untouched
    p = load_params(overrides={"monte_carlo.draws": "500", "monte_carlo.seed": 3})
    assert p.draws == 500 and p.seed == 3


@pytest.mark.parametrize(
    "key, value, code, hint",
    [
        ("tarif_eur_per_hour.central", 60, "E301", "tariff_eur_per_hour.central"),
        ("population.be-cg-2021", 50, "E301", "be-cg-2020"),
        ("nonsense", 1, "E301", ""),
        ("tariff_eur_per_hour", 60, "E303", "tariff_eur_per_hour.central"),
        ("tariff_eur_per_hour.staff.board", 60, "E303", "tariff_eur_per_hour.staff.board.central"),
        ("tariff_eur_per_hour.source.year", 2020, "E304", ""),
        ("meta.price_year", 2020, "E304", ""),
        ("population.be-cg-2020", "many", "E302", ""),
        ("population.be-cg-2020", "nan", "E302", ""),
        ("population.be-cg-2020", None, "E302", ""),
        ("population.be-cg-2020", True, "E302", ""),
        ("monte_carlo.draws", "10.5", "E302", ""),
        ("population.be-cg-2020", -5, "E305", ""),
        ("bau_share.policy.be-cg-2020.central", 1.5, "E305", ""),
        ("tariff_eur_per_hour.staff.board.central", 1000, "E305", "tariff_eur_per_hour.staff.board.high"),
        ("monte_carlo.draws", 0, "E305", ""),
    ],
)
def test_bad_overrides_are_refused(key, value, code, hint):
    with pytest.raises(ParameterError) as err:
        load_params(overrides={key: value})
    assert err.value.code == code
    assert isinstance(err.value, CodecheckError)
    message = err.value.message
    assert message.endswith((".", "?")) and "\n" not in message
    if hint:
        assert hint in message


def test_new_code_population_is_allowed():
    p = load_params(overrides={"population.my-draft-code": 42})
    assert p.number("population.my-draft-code") == 42


def test_parse_assignments():
    assert parse_assignments(["a.b=1", " c = 2.5 "]) == {"a.b": "1", "c": "2.5"}
    with pytest.raises(ParameterError) as err:
        parse_assignments(["population.be-cg-2020"])
    assert err.value.code == "E308"


def test_bad_files(tmp_path):
    with pytest.raises(ParameterError) as err:
        load_params(tmp_path / "missing.yaml")
    assert err.value.code == "E306"
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        load_params(bad)
    assert err.value.code == "E307" and "line" in err.value.message
    listy = tmp_path / "list.yaml"
    listy.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        load_params(listy)
    assert err.value.code == "E307"
    disordered = tmp_path / "range.yaml"
    disordered.write_text(yaml.safe_dump({"x": {"low": 3, "central": 2, "high": 4}}), encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        load_params(disordered)
    assert err.value.code == "E305"


def test_params_are_read_only(params):
    with pytest.raises(TypeError):
        params.data["population"]["be-cg-2020"] = 5  # type: ignore[index]
    with pytest.raises(AttributeError):
        params.path = "x"  # type: ignore[misc]


def test_bundled_path_is_the_default():
    assert load_params().path == str(burden_params_path())


def test_docs_list_every_parameter():
    from pathlib import Path

    from codecheck.burden.params import parameter_table

    doc = Path(__file__).resolve().parent.parent / "docs" / "burden.md"
    if not doc.is_file():
        pytest.skip("docs/burden.md is not in this checkout")
    text = doc.read_text(encoding="utf-8")
    missing = [row["key"] for row in parameter_table() if f"`{row['key']}`" not in text]
    assert not missing, f"docs/burden.md lacks {missing[:5]}: regenerate its parameter table"


def test_parameters_read_again_are_the_same_object_until_the_file_or_overrides_change(tmp_path):
    # a notebook's `analyse` reads the parameters on every call: read once per text and overrides
    from codecheck.burden import load_params
    from codecheck.paths import burden_params_path

    first = load_params()
    assert load_params() is first
    assert load_params(overrides={"tariff_eur_per_hour.central": 60}) is not first
    copy = tmp_path / "burden.yaml"
    copy.write_text(burden_params_path().read_text(encoding="utf-8"), encoding="utf-8")
    mine = load_params(copy)
    assert mine is not first and mine.data == first.data
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_params(copy) is not mine
