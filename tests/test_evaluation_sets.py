"""The matcher's accuracy on every labelled set, kept from falling (README, "Accuracy").

Each set was written by someone who read neither the catalogue, nor the matcher, nor the
other sets. A set whose errors were read while tuning is development data: its floor
sits just under the level reached and catches a regression. The blind sets (15, 16, 83 to
90 and the digests) had not been read when their figures were taken (`tests/data/unread.txt`
lists them; 37 to 40 and 51 to 54 were blind until the tenth session, when their errors
were read); they measure accuracy on text nobody tuned on and must not become a tuning
target: improve the matcher on the other sets, read their figures once, and write new
blind sets before the next round of tuning.

(`labelled.yaml` and `labelled-holdout.yaml` are guarded in test_matching_evaluate.py.)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from codecheck.matching.evaluate import evaluate
from codecheck.matching.measured import stated_figures

DATA = Path(__file__).parent / "data"

# file: (micro F1, micro precision, F1 in each language, negatives flagged at most), of the
# matcher as codecheck runs by default (every piece of its evidence counted)
FLOORS = {
    "labelled-unseen.yaml": (0.97, 0.96, 0.96, 0),
    "labelled-blind.yaml": (0.97, 0.96, 0.96, 0),
    "labelled-blind-2.yaml": (0.97, 0.96, 0.96, 0),
    "labelled-blind-3.yaml": (0.94, 0.93, 0.91, 0),
    "labelled-blind-4.yaml": (0.97, 0.97, 0.96, 0),
    "labelled-blind-5.yaml": (0.94, 0.91, 0.91, 0),
    "labelled-blind-6.yaml": (0.92, 0.89, 0.90, 0),
    "labelled-blind-7.yaml": (0.87, 0.88, 0.84, 2),  # nl 0.848 after round 16a: "zagerij" (sawmill) named the company's own site once; as a partner it gave 3 true themes elsewhere
    "labelled-blind-8.yaml": (0.89, 0.92, 0.87, 0),  # nl 0.88 -> 0.87 in round 19a: a supervisory board approving the yearly action plan of its chain due diligence now also reads as prevention, which the labeller did not give
    "labelled-blind-9.yaml": (0.93, 0.90, 0.90, 0),
    "labelled-blind-10.yaml": (0.92, 0.89, 0.87, 1),  # precision 0.90 -> 0.89 in round 19g: a policy translated into the languages of the sourcing countries now also reads as the value chain, which the labeller did not give
    "labelled-blind-11.yaml": (0.89, 0.88, 0.87, 0),
    "labelled-blind-12.yaml": (0.86, 0.81, 0.84, 2),  # precision 0.82 -> 0.81 (twelfth session): one false theme from the sets' word treatment (a family council told of supplier audits, read as impact assessment)
    "labelled-blind-13.yaml": (0.91, 0.90, 0.89, 1),  # read in round 8
    "labelled-blind-14.yaml": (0.89, 0.86, 0.86, 2),  # read in round 8
    "labelled-blind-15.yaml": (0.89, 0.87, 0.86, 2),  # blind: measured, not tuned on
    "labelled-blind-16.yaml": (0.85, 0.81, 0.80, 0),  # blind: measured, not tuned on; nl 0.81 -> 0.80 at round 18c (0.807: one theme, kept or dropped on the read sets alone; which one is not looked at)
    "labelled-blind-17.yaml": (0.89, 0.91, 0.88, 2),  # read in round 8
    "labelled-blind-18.yaml": (0.83, 0.81, 0.79, 3),  # read in round 8
    "labelled-blind-19.yaml": (0.86, 0.91, 0.82, 0),  # read in round 9
    "labelled-blind-20.yaml": (0.81, 0.81, 0.78, 4),  # read in round 9
    "labelled-blind-21.yaml": (0.83, 0.87, 0.77, 4),  # read in round 10
    "labelled-blind-22.yaml": (0.78, 0.82, 0.74, 4),  # read in round 10
    "labelled-blind-23.yaml": (0.82, 0.86, 0.76, 2),  # read in round 10
    "labelled-blind-24.yaml": (0.80, 0.79, 0.76, 6),  # read in round 10
    "labelled-blind-25.yaml": (0.85, 0.84, 0.82, 0),  # read in round 10
    "labelled-blind-26.yaml": (0.80, 0.78, 0.76, 4),  # read in round 10
    "labelled-blind-27.yaml": (0.84, 0.87, 0.80, 1),  # read in round 10
    "labelled-blind-28.yaml": (0.78, 0.78, 0.69, 6),  # read in round 10
    "labelled-blind-29.yaml": (0.86, 0.91, 0.84, 1),  # read in round 11
    "labelled-blind-30.yaml": (0.80, 0.82, 0.71, 2),  # read in round 11
    "labelled-blind-31.yaml": (0.83, 0.86, 0.77, 1),  # read in round 11
    "labelled-blind-32.yaml": (0.78, 0.81, 0.73, 4),  # read in round 11
    "labelled-blind-33.yaml": (0.84, 0.88, 0.78, 0),  # read in round 12
    "labelled-blind-34.yaml": (0.79, 0.80, 0.74, 5),  # read in round 12
    "labelled-blind-35.yaml": (0.81, 0.87, 0.78, 1),  # read in round 12
    "labelled-blind-36.yaml": (0.76, 0.87, 0.69, 1),  # read in round 12
    "labelled-blind-37.yaml": (0.84, 0.88, 0.80, 0),  # blind from before round 11 to round 14; read from round 15
    "labelled-blind-38.yaml": (0.80, 0.80, 0.79, 4),  # blind from before round 11 to round 14; read from round 15
    "labelled-blind-39.yaml": (0.84, 0.91, 0.81, 0),  # blind from before round 11 to round 14; read from round 15
    "labelled-blind-40.yaml": (0.77, 0.82, 0.72, 6),  # blind from before round 11 to round 14; read from round 15
    "labelled-blind-41.yaml": (0.82, 0.82, 0.79, 3),  # written as reader training data; matcher unread (figures at 8ddf627 in its header)
    "labelled-blind-42.yaml": (0.73, 0.76, 0.69, 5),  # written as reader training data; matcher unread (figures at 8ddf627 in its header)
    "labelled-blind-43.yaml": (0.82, 0.89, 0.78, 1),  # written as reader training data; matcher unread (figures at 8ddf627 in its header)
    "labelled-blind-44.yaml": (0.80, 0.80, 0.74, 6),  # written as reader training data; matcher unread (figures at 8ddf627 in its header)
    "labelled-blind-45.yaml": (0.83, 0.87, 0.77, 4),  # written as reader training data; matcher unread (figures at 8ddf627 in its header)
    "labelled-blind-46.yaml": (0.78, 0.82, 0.73, 2),  # written as reader training data; matcher unread (figures at 8ddf627 in its header); nl 0.729 after round 14h (a training on human rights is no due diligence: one true theme lost, 15 false ones fewer on the read sets)
    "labelled-blind-47.yaml": (0.85, 0.87, 0.83, 3),  # written as reader training data; matcher unread (figures at 2308b2e in its header)
    "labelled-blind-48.yaml": (0.79, 0.83, 0.68, 4),  # written as reader training data; matcher unread (figures at 2308b2e in its header)
    "labelled-blind-49.yaml": (0.86, 0.85, 0.79, 2),  # written as reader training data; matcher unread (figures at 2308b2e in its header)
    "labelled-blind-50.yaml": (0.83, 0.85, 0.80, 3),  # written as reader training data; matcher unread (figures at 2308b2e in its header)
    "labelled-blind-51.yaml": (0.84, 0.84, 0.81, 1),  # blind from the seventh session to round 14 (0.844 at b4d3aae); read from round 15; en 0.82 -> 0.81 (twelfth session): one false value-chain theme (contractors who may report)
    "labelled-blind-52.yaml": (0.75, 0.77, 0.73, 2),  # blind from the seventh session to round 14 (0.751 at b4d3aae); read from round 15
    "labelled-blind-53.yaml": (0.83, 0.87, 0.78, 0),  # blind from the seventh session to round 14 (0.821 at b4d3aae); read from round 15
    "labelled-blind-54.yaml": (0.81, 0.84, 0.76, 7),  # blind from the seventh session to round 14 (0.814 at b4d3aae); read from round 15
    "labelled-blind-55.yaml": (0.82, 0.86, 0.76, 3),  # blind in round 15 (written in the tenth session, first figures at b4d3aae); read from round 16
    "labelled-blind-56.yaml": (0.80, 0.84, 0.74, 2),  # blind in round 15 (written in the tenth session, first figures at b4d3aae); read from round 16
    "labelled-blind-57.yaml": (0.76, 0.79, 0.74, 4),  # blind in round 15 (written in the tenth session, first figures at b4d3aae); read from round 16
    "labelled-blind-58.yaml": (0.79, 0.79, 0.76, 0),  # blind in round 15 (written in the tenth session, first figures at b4d3aae); read from round 16
    "labelled-blind-59.yaml": (0.84, 0.87, 0.80, 2),  # blind in round 16 (written in the eleventh session, first figures at 17fe323); read from round 17; precision 0.88 -> 0.87 in round 18a: one false monitoring theme beside a true prevention one (an audit finding followed by a corrective plan and suspended orders)
    "labelled-blind-60.yaml": (0.81, 0.87, 0.77, 1),  # blind in round 16 (written in the eleventh session, first figures at 17fe323); read from round 17
    "labelled-blind-61.yaml": (0.81, 0.85, 0.73, 4),  # blind in round 16 (written in the eleventh session, first figures at 17fe323); read from round 17
    "labelled-blind-62.yaml": (0.81, 0.79, 0.79, 5),  # blind in round 16 (written in the eleventh session, first figures at 17fe323); read from round 17
    "labelled-blind-63.yaml": (0.83, 0.90, 0.80, 2),  # blind in round 17 (written in the twelfth session, first figures at 3fcdf55); read from round 18
    "labelled-blind-64.yaml": (0.81, 0.86, 0.78, 0),  # blind in round 17 (written in the twelfth session, first figures at 3fcdf55); read from round 18
    "labelled-blind-65.yaml": (0.77, 0.83, 0.70, 4),  # blind in round 17 (written in the twelfth session, first figures at 3fcdf55); read from round 18
    "labelled-blind-66.yaml": (0.80, 0.79, 0.79, 4),  # blind in round 17 (written in the twelfth session, first figures at 3fcdf55); read from round 18
    "labelled-blind-67.yaml": (0.82, 0.81, 0.79, 1),  # blind in round 18 (written in the thirteenth session, first figures at 000055d); read from round 19
    "labelled-blind-68.yaml": (0.82, 0.85, 0.80, 2),  # blind in round 18 (written in the thirteenth session, first figures at 000055d); read from round 19; precision 0.86 -> 0.85 at round 18b (the floor sat 0.001 under the first figure; one false theme more failed it)
    "labelled-blind-69.yaml": (0.78, 0.79, 0.74, 4),  # blind in round 18 (written in the thirteenth session, first figures at 000055d); read from round 19
    "labelled-blind-70.yaml": (0.83, 0.83, 0.81, 2),  # blind in round 18 (written in the thirteenth session, first figures at 000055d); read from round 19
    "labelled-blind-71.yaml": (0.84, 0.87, 0.83, 3),  # blind in round 19 (written in the fourteenth session, first figures at 6acc60d); read from round 20
    "labelled-blind-72.yaml": (0.82, 0.88, 0.78, 2),  # blind in round 19 (written in the fourteenth session, first figures at 6acc60d); read from round 20
    "labelled-blind-73.yaml": (0.81, 0.81, 0.79, 3),  # blind in round 19 (written in the fourteenth session, first figures at 6acc60d); read from round 20
    "labelled-blind-74.yaml": (0.73, 0.83, 0.54, 5),  # blind in round 19 (written in the fourteenth session, first figures at 6acc60d); read from round 20
    "labelled-blind-75.yaml": (0.81, 0.87, 0.76, 4),  # blind in round 20 (written in the fifteenth session, first figures at 9052125); read from round 21
    "labelled-blind-76.yaml": (0.84, 0.91, 0.81, 2),  # blind in round 20 (written in the fifteenth session, first figures at 9052125); read from round 21
    "labelled-blind-77.yaml": (0.74, 0.81, 0.67, 3),  # blind in round 20 (written in the fifteenth session, first figures at 9052125); read from round 21
    "labelled-blind-78.yaml": (0.78, 0.80, 0.73, 4),  # blind in round 20 (written in the fifteenth session, first figures at 9052125); read from round 21
    "labelled-blind-79.yaml": (0.85, 0.88, 0.76, 2),  # blind in round 21 (written in the sixteenth session, first figures at 0311112); read from round 22
    "labelled-blind-80.yaml": (0.87, 0.87, 0.86, 4),  # blind in round 21 (written in the sixteenth session, first figures at 0311112); read from round 22
    "labelled-blind-81.yaml": (0.76, 0.79, 0.73, 5),  # blind in round 21 (written in the sixteenth session, first figures at 0311112); read from round 22
    "labelled-blind-82.yaml": (0.79, 0.80, 0.75, 4),  # blind in round 21 (written in the sixteenth session, first figures at 0311112); read from round 22
    # blind: written in the nineteenth session, first figures at 9e3ab98; each floor a full 0.01
    # under its first figure, one flagged negative more
    "labelled-blind-83.yaml": (0.80, 0.82, 0.75, 3),
    "labelled-blind-84.yaml": (0.84, 0.84, 0.80, 2),
    "labelled-blind-85.yaml": (0.76, 0.80, 0.74, 2),
    "labelled-blind-86.yaml": (0.84, 0.80, 0.81, 6),
    # blind: written in the nineteenth session in the register of an official code (no company,
    # place or anecdote; docs/blind-set-prompt.md), first figures at e77455d
    "labelled-blind-87.yaml": (0.90, 0.87, 0.89, 1),
    "labelled-blind-88.yaml": (0.84, 0.78, 0.83, 4),
    # the same register again, with varied kinds of code (first figures at 84b1547)
    "labelled-blind-89.yaml": (0.85, 0.85, 0.83, 5),
    "labelled-blind-90.yaml": (0.86, 0.84, 0.78, 5),
    # the bundled digests, labelled by people who read only the guide: 9 themes in 317 items
    "labelled-digests.yaml": (0.32, 0.32, 0.32, 3),  # unread: measured once, seventh session
}


# ordinary governance provisions (board, committees, auditor, pay on financial criteria,
# internal control over financial reporting ...), written from the guide only, with no theme
# at all: the false themes the matcher gives them, at most (tenth session, at 0545bd5 and
# 92478de: 4 and 3 of 150 items; the learned reader trains on both sets)
GENERIC_CEILINGS = {"labelled-generic-1.yaml": 4, "labelled-generic-2.yaml": 3}


@pytest.mark.parametrize("name", sorted(GENERIC_CEILINGS))
def test_ordinary_governance_is_given_few_themes(name):
    res = _evaluated(name)
    assert len(res.items) == 150 and {i.lang for i in res.items} == {"en", "nl", "fr"}
    assert not any(i.gold for i in res.items)
    assert res.micro.fp <= GENERIC_CEILINGS[name], [(i.id, i.predicted) for i in res.items if i.predicted]


# the unread sets with the learned reader's hints added (`codecheck/matching/learned.py`,
# trained on the read sets only): micro F1, just under the level of its first measurement
HINT_FLOORS = {
    "labelled-blind-15.yaml": 0.89, "labelled-blind-16.yaml": 0.86, "labelled-blind-83.yaml": 0.85,
    "labelled-blind-84.yaml": 0.87, "labelled-blind-85.yaml": 0.83, "labelled-blind-86.yaml": 0.86,
    "labelled-blind-87.yaml": 0.91, "labelled-blind-88.yaml": 0.85, "labelled-blind-89.yaml": 0.85,
    "labelled-blind-90.yaml": 0.86,
}


# what every report states (`codecheck/matching/accuracy.yaml`): each figure of a team set is
# checked here against what the matcher gives today, those of official text in
# test_evaluate_source.py (tests/test_matching_accuracy_note.py checks that none is left out)
STATED = stated_figures()


@lru_cache(maxsize=None)
def _evaluated(name: str):
    return evaluate(DATA / name)


@pytest.fixture(scope="module", params=sorted(FLOORS))
def result(request):
    return request.param, _evaluated(request.param)


def test_set_is_large_balanced_and_trilingual(result):
    name, res = result
    assert len(res.items) >= 120, name
    assert {i.lang for i in res.items} == {"en", "nl", "fr"}, name
    negatives = [i for i in res.items if i.kind != "positive"]
    assert len(negatives) / len(res.items) >= 0.3, name


def test_accuracy_does_not_fall(result):
    name, res = result
    f1, precision, per_language, flagged = FLOORS[name]
    assert res.micro.f1 >= f1, f"{name}: micro F1 {res.micro.f1:.3f} < {f1}"
    assert res.micro.precision >= precision, f"{name}: precision {res.micro.precision:.3f} < {precision}"
    for lang in ("en", "nl", "fr"):
        got = res.language_micro(lang).f1
        assert got >= per_language, f"{name}: {lang} F1 {got:.3f} < {per_language}"
    assert len(res.flagged_negatives) <= flagged, f"{name}: {[i.id for i in res.flagged_negatives]}"
    if name in STATED:  # what every report says of the matcher
        assert round(res.micro.f1, 3) == STATED[name], f"{name}: update codecheck/matching/accuracy.yaml"


@pytest.mark.parametrize("name", sorted(HINT_FLOORS))
def test_the_learned_hints_do_not_fall_on_the_unread_sets(name):
    res = _evaluated(name)
    assert not res.trained_on
    assert res.with_hints.f1 >= HINT_FLOORS[name], f"{name}: with hints F1 {res.with_hints.f1:.3f}"


# the unread sets with `--learned-check` (the reader sets aside what it reads as absent,
# `learned.set_aside`, and vouches for hits the gate held back, `learned.vouched_themes`):
# micro F1 just under the level of its first measurement (the vouching's: tenth session)
CHECK_FLOORS = {
    "labelled-blind-15.yaml": 0.91, "labelled-blind-16.yaml": 0.87, "labelled-blind-83.yaml": 0.83,
    "labelled-blind-84.yaml": 0.85, "labelled-blind-85.yaml": 0.80, "labelled-blind-86.yaml": 0.87,
    "labelled-blind-87.yaml": 0.92, "labelled-blind-88.yaml": 0.88, "labelled-blind-89.yaml": 0.86,
    "labelled-blind-90.yaml": 0.87,
    # the digests: 0.400 before the reader vouched for held-back hits, 0.353 after (one false
    # theme more), 0.333 after the reader was retrained in round 16 (one more; the matcher's own
    # figure is 0.333 throughout), 0.316 since the reader leaves unfamiliar wording alone
    # (round 22: one false theme more, a provision whose theme it had set aside reads as
    # unfamiliar in Dutch). The set is unread, so which themes is not looked at
    "labelled-digests.yaml": 0.31,
}
# on 9 labelled themes one theme moves F1 by ~0.02: there the check may cost one false theme
CHECK_MAY_COST_ONE_THEME = {"labelled-digests.yaml"}


@pytest.mark.parametrize("name", sorted(CHECK_FLOORS))
def test_the_learned_check_does_not_fall_on_the_unread_sets(name):
    res = evaluate(DATA / name, learned_check=True)
    assert not res.trained_on
    assert res.micro.f1 >= CHECK_FLOORS[name], f"{name}: with the learned check F1 {res.micro.f1:.3f}"
    plain = _evaluated(name).micro
    if name in CHECK_MAY_COST_ONE_THEME:
        assert res.micro.fp + res.micro.fn <= plain.fp + plain.fn + 1
    else:
        assert res.micro.f1 >= plain.f1 - 0.005  # on these sets it never cost more than noise
