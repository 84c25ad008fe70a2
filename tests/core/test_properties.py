"""Properties of the engine over generated answers (Hypothesis)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.core.engine import InvalidAnswers, assess
from wizard.rules.loading import load_rules

RULES = load_rules()
CRITERIA = [criterion.id for criterion in RULES.criteria]
BAND_RANK = {band.id: rank for rank, band in enumerate(RULES.bands)}  # 0 is the best band
CHOICE_KINDS = ("choice", "boolean")


def valid_value(question):
    if question.kind in CHOICE_KINDS:
        return st.sampled_from([question.value_of(option) for option in question.options])
    if question.kind == "multi":
        return st.lists(st.sampled_from([option.id for option in question.options]), unique=True, min_size=1)
    return st.just("Direction interministérielle du numérique")


@st.composite
def answers(draw, with_criteria=None):
    given_answers = {}
    for question in RULES.questions.values():
        if question.kind in ("url", "email"):
            continue
        if question.required or draw(st.booleans()):
            given_answers[question.id] = draw(valid_value(question))
    assessed = draw(st.booleans()) if with_criteria is None else with_criteria
    if assessed:
        given_answers.update({cid: draw(st.integers(0, 3)) for cid in CRITERIA})
    return given_answers


@settings(max_examples=300)
@given(answers(with_criteria=True), st.sampled_from(CRITERIA), st.integers(1, 3))
def test_raising_a_criterion_never_lowers_the_points_or_the_band(base, criterion, step):
    raised = {**base, criterion: min(3, base[criterion] + step)}
    before, after = assess(RULES, base)["score"], assess(RULES, raised)["score"]
    assert after["points"] >= before["points"]
    assert BAND_RANK[after["band"]] <= BAND_RANK[before["band"]]


@settings(max_examples=300)
@given(answers())
def test_any_ineligible_reason_makes_the_project_ineligible(given_answers):
    eligibility = assess(RULES, given_answers)["eligibility"]
    statuses = {reason["status"] for reason in eligibility["reasons"]}
    if "ineligible" in statuses:
        assert eligibility["status"] == "ineligible"
    elif "to_confirm" in statuses:
        assert eligibility["status"] == "to_confirm"
    else:
        assert eligibility["status"] == "eligible"


@settings(max_examples=300)
@given(answers())
def test_the_percent_is_within_0_and_100(given_answers):
    score = assess(RULES, given_answers)["score"]
    if score is not None:
        assert 0 <= score["percent"] <= 100
        assert 0 <= score["points"] <= score["max"]


# Text that no option id, boolean word or level can be: it starts with "?".
UNKNOWN_TEXT = st.text(max_size=20).map(lambda text: "?" + text)


def invalid_value(answer_id):
    question = RULES.questions.get(answer_id)
    if question is None:  # a criterion
        out_of_scale = st.one_of(st.integers(max_value=-1), st.integers(min_value=4))
        return st.one_of(out_of_scale, out_of_scale.map(str), UNKNOWN_TEXT, st.booleans(), st.floats())
    if question.kind == "multi":
        return st.one_of(st.lists(UNKNOWN_TEXT, min_size=1), st.lists(st.lists(st.integers()), min_size=1), st.integers())
    if question.kind in CHOICE_KINDS:
        return st.one_of(UNKNOWN_TEXT, st.integers(), st.floats())
    return st.one_of(st.integers(), st.floats(), st.lists(st.integers(), min_size=1))


@settings(max_examples=400)
@given(answers(), st.sampled_from(sorted(RULES.answer_ids)), st.data())
def test_an_invalid_value_always_gives_an_error_naming_its_id(given_answers, answer_id, data):
    broken = {**given_answers, answer_id: data.draw(invalid_value(answer_id))}
    try:
        assess(RULES, broken)
    except InvalidAnswers as error:
        assert answer_id in error.errors
        assert error.errors[answer_id]
    else:
        raise AssertionError(f"{answer_id} = {broken[answer_id]!r} was accepted")
