"""Claim files: the shipped ones load; bad ones are refused naming file and key."""

from pathlib import Path

import pytest

from orglearn.experiments.claims.spec import ClaimError, claims_folder, load_claims

GOOD = """
[claim]
number = 9
title = { en = "T", nl = "T" }
statement = { en = "S", nl = "S" }
steps = 20
replications = 3
seed = 1

[arms]
a = { scenario = "rake" }
b = { scenario = "network_org", set = { "network.bridging" = 0.5 } }

[[hypotheses]]
id = "h"
text = { en = "b is higher", nl = "b is hoger" }
control = "a"
treatment = "b"
metric = "fit_org"
weeks = [10, 20]
"""


def folder_with(tmp_path: Path, text: str) -> Path:
    (tmp_path / "9_test.toml").write_text(text, "utf-8")
    return tmp_path


def test_the_shipped_claims_cover_the_five_properties_in_both_languages():
    claims = load_claims()
    assert [c.number for c in claims] == [1, 2, 3, 4, 5]
    for claim in claims:
        assert claim.replications >= 20
        assert claim.statement["en"] and claim.statement["nl"]
        for h in claim.hypotheses:
            assert h.text["en"] and h.text["nl"] and h.text["en"] != h.text["nl"]
            assert h.control in claim.arms and h.treatment in claim.arms


def test_robustness_leaves_out_what_a_claim_sets_itself():
    claim = load_claims(numbers=[1])[0]
    assert set(claim.robustness_factors()) == {
        "organization.people",
        "environment.turbulence",
        "organization.team_size",
    }
    assert (claims_folder() / "defaults.toml").is_file()


def test_a_good_claim_file_reads(tmp_path):
    claim = load_claims(folder_with(tmp_path, GOOD))[0]
    assert claim.arms["b"].changes == {"network.bridging": 0.5}
    assert claim.hypotheses[0].weeks == (10, 20)
    assert 'extends = "network_org"' in claim.arms["b"].as_scenario_file()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('treatment = "b"', 'treatment = "c"', "treatment 'c' is not one of the arms"),
        ('metric = "fit_org"', 'metric = "fitness"', "metric 'fitness' is not a metric"),
        ("weeks = [10, 20]", "weeks = [10, 30]", "weeks [10, 30]"),
        ('nl = "b is hoger"', 'de = "b ist höher"', "both languages"),
        ('scenario = "rake"', 'scenario = "rak"', "Did you mean 'rake'"),
        ('"network.bridging" = 0.5', '"network.bridging" = 5', "network.bridging: 5 is not allowed"),
        ("replications = 3", "replications = 1", "replications: 1"),
        ("seed = 1", 'seed = 1\n[robustness]\nreplications = "x"', "[robustness] replications: 'x'"),
        ("seed = 1", "seed = 1\n[robustness]\nreplications = 0", "[robustness] replications: 0"),
    ],
)
def test_bad_claim_files_are_refused_naming_file_and_key(tmp_path, old, new, message):
    assert old in GOOD
    with pytest.raises(ClaimError) as err:
        load_claims(folder_with(tmp_path, GOOD.replace(old, new)))
    assert message in str(err.value)
    assert "9_test.toml" in str(err.value)


def test_asking_for_a_claim_that_does_not_exist_is_refused():
    with pytest.raises(ClaimError, match="no such claim"):
        load_claims(numbers=[7])


def test_a_claim_file_that_is_not_toml_is_named(tmp_path):
    with pytest.raises(ClaimError, match=r"9_test\.toml: not valid TOML"):
        load_claims(folder_with(tmp_path, "[claim\nnumber = 9\n"))
