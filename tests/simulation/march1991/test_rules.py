"""March's rules in plain sentences: one per step of a period, in English and Dutch."""

from orglearn.simulation.march1991.rules import rule_sentences


def test_every_rule_has_a_title_and_a_sentence_in_both_languages():
    rules = rule_sentences()
    order = ["reality", "turnover", "turbulence", "socialization", "code_learning", "equilibrium"]
    assert list(rules) == order
    for name, rule in rules.items():
        assert set(rule["title"]) == {"en", "nl"}, name
        assert all(rule[lang].strip() and rule["title"][lang].strip() for lang in ("en", "nl")), name


def test_the_sentences_name_the_parameters_they_are_about():
    rules = rule_sentences()
    for name, parameter in (("socialization", "p1"), ("code_learning", "p2"), ("turnover", "p3")):
        assert parameter in rules[name]["en"] and parameter in rules[name]["nl"], name
    assert "p4" in rules["turbulence"]["en"] and "p4" in rules["turbulence"]["nl"]
