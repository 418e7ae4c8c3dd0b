"""Reading a real organization from GraphML or CSV, and refusing what does not fit."""

import networkx as nx
import numpy as np
import pytest

from orglearn.scenarios import ScenarioError, load_scenario
from orglearn.simulation import LearningOrganization
from orglearn.simulation.orgchart import read_chart

PEOPLE = """id,team,role,reports_to,department
ann,board,director,,
bob,maths,team_lead,ann,science
cas,maths,staff,bob,science
dee,maths,staff,bob,science
eve,arts,team_lead,ann,culture
fay,arts,staff,eve,culture
"""
TIES = """source,target,quality
cas,dee,0.9
dee,fay,0.4
bob,eve,0.8
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(text)
    return str(path)


def test_people_and_ties_csv_give_chart_reporting_lines_and_ties(tmp_path):
    chart, ties = read_chart(write(tmp_path, "people.csv", PEOPLE), write(tmp_path, "ties.csv", TIES))
    assert chart.labels == ("ann", "bob", "cas", "dee", "eve", "fay")
    assert list(chart.rank) == [3, 1, 0, 0, 1, 0]
    assert list(chart.superior) == [-1, 0, 1, 1, 0, 4]
    assert chart.n_teams == 3
    assert list(chart.department) == [-1, 0, 0, 0, 1, 1]
    lo, hi, quality, formal = ties
    pairs = dict(
        zip(zip(lo.tolist(), hi.tolist(), strict=True), zip(quality, formal, strict=True), strict=True)
    )
    assert pairs[(2, 3)] == (0.9, False)
    assert pairs[(0, 1)][1]  # a reporting line, added although not in the ties file
    assert len(pairs) == 8  # five reporting lines and three informal ties


def test_a_graphml_chart_runs_as_a_model(tmp_path):
    graph = nx.Graph()
    for who, team, role in [
        ("d", "top", "director"),
        ("l", "t1", "team_lead"),
        ("s1", "t1", "staff"),
        ("s2", "t1", "staff"),
    ]:
        graph.add_node(who, team=team, role=role)
    graph.add_edge("d", "l", formal=True, quality=0.8)
    graph.add_edge("l", "s1", formal=True, quality=0.6)
    graph.add_edge("l", "s2", formal=True, quality=0.7)
    graph.add_edge("s1", "s2", formal=False, quality=0.5)
    path = tmp_path / "org.graphml"
    nx.write_graphml(graph, path)
    scenario_file = tmp_path / "mine.toml"
    scenario_file.write_text('[organization]\nchart = "org.graphml"\n[network]\nkind = "chart"\n')
    model = LearningOrganization(load_scenario(scenario_file), seed=1)
    model.run(3)
    assert [p.label for p in model.staff] == ["d", "l", "s1", "s2"]
    assert model.staff[2].superior.label == "l"
    assert sorted(model.state.ties.quality) == [0.5, 0.6, 0.7, 0.8]


@pytest.mark.parametrize(
    ("people", "ties", "message"),
    [
        ("id,team\nann,board\n", None, "missing column(s) role, reports_to"),
        (PEOPLE.replace("team_lead,ann,science", "boss,ann,science"), None, "role 'boss' is not one of"),
        (PEOPLE.replace("fay,arts,staff,eve", "fay,arts,director,"), None, "exactly one director, found 2"),
        (
            PEOPLE.replace("staff,bob,science\neve", "staff,bobby,science\neve"),
            None,
            "reports_to 'bobby' is not an id",
        ),
        (PEOPLE.replace("eve,arts,team_lead,ann", "eve,arts,team_lead,cas"), None, "does not rank above"),
        (PEOPLE + "cas,arts,staff,eve,\n", None, "ids must be unique"),
        (PEOPLE, "source,target\ncas,zed\n", "'zed' is not an id"),
        (PEOPLE, "source,target,quality\ncas,dee,1.5\n", "row 2: quality '1.5': use a number from 0 to 1"),
        (PEOPLE, "from,to\ncas,dee\n", "missing column(s) source, target"),
    ],
)
def test_bad_charts_are_refused_naming_file_and_row(tmp_path, people, ties, message):
    people_path = write(tmp_path, "people.csv", people)
    ties_path = write(tmp_path, "ties.csv", ties) if ties else ""
    with pytest.raises(ScenarioError) as err:
        read_chart(people_path, ties_path)
    text = str(err.value)
    assert message in text
    assert (ties_path if ties else people_path) in text


def test_graphml_without_a_single_superior_is_refused(tmp_path):
    graph = nx.Graph()
    graph.add_node("d", team="a", role="director")
    graph.add_node("s", team="a", role="staff")
    graph.add_node("t", team="b", role="staff")
    graph.add_edge("d", "s", formal=True)
    path = tmp_path / "org.graphml"
    nx.write_graphml(graph, path)
    with pytest.raises(ScenarioError, match="node t \\(staff\\): 0 formal ties"):
        read_chart(str(path), "")
    graph.add_edge("s", "t", formal=True)  # a formal tie between equals names no superior
    nx.write_graphml(graph, path)
    with pytest.raises(ScenarioError, match="node t \\(staff\\): 0 formal ties"):
        read_chart(str(path), "")
    graph.add_edge("d", "t", formal=True)
    nx.write_graphml(graph, path)
    chart, _ = read_chart(str(path), "")
    assert list(chart.superior) == [-1, 0, 0]


def test_unreadable_files_get_a_message(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        read_chart(str(tmp_path / "nothing.csv"), "")
    bad = write(tmp_path, "org.graphml", "<graphml><broken")
    with pytest.raises(ScenarioError, match="not readable as GraphML"):
        read_chart(bad, "")
    other = write(tmp_path, "org.xlsx", "x")
    with pytest.raises(ScenarioError, match=r"\.graphml or a \.csv"):
        read_chart(other, "")


def test_a_chart_with_generated_ties_keeps_its_reporting_lines(tmp_path):
    write(tmp_path, "people.csv", PEOPLE)
    scenario_file = tmp_path / "s.toml"
    scenario_file.write_text('[organization]\nchart = "people.csv"\n[network]\nkind = "teams"\n')
    model = LearningOrganization(load_scenario(scenario_file), seed=1)
    assert model.state.size == 6
    assert np.count_nonzero(model.state.ties.formal) == 5


@pytest.mark.parametrize(
    ("people", "ties", "message"),
    [
        ("id,team,role,reports_to\nann,board,director,\n", None, "2 people or more; this chart has 1"),
        ("", None, "empty"),
        ("id,team,role,reports_to\n", None, "2 people or more; this chart has 0"),
        (PEOPLE, "source,target,quality\ncas,dee,high\n", "row 2: quality 'high': use a number from 0 to 1"),
        (PEOPLE, "source,target,quality\ncas,dee,nan\n", "row 2: quality 'nan': use a number from 0 to 1"),
        (PEOPLE, "source,target,quality\ncas,dee,0.5\ndee,fay,inf\n", "row 3: quality 'inf'"),
        (PEOPLE, "source,target\ncas,dee\ndee,dee\n", "row 3: dee is tied to themselves"),
        (PEOPLE, "", "empty"),
        (PEOPLE, "source,target,quality\ncas,dee,0.5\ndee,cas,0.9\n", "row 3: dee and cas are tied in row 2"),
    ],
)
def test_charts_that_used_to_crash_or_pass_are_refused_naming_file_and_row(tmp_path, people, ties, message):
    people_path = write(tmp_path, "people.csv", people)
    ties_path = write(tmp_path, "ties.csv", ties) if ties is not None else ""
    with pytest.raises(ScenarioError) as err:
        read_chart(people_path, ties_path)
    text = str(err.value)
    assert message in text
    assert (ties_path if ties is not None and people == PEOPLE else people_path) in text


def test_graphml_self_ties_nan_qualities_and_a_single_person_are_refused(tmp_path):
    graph = nx.Graph()
    graph.add_node("d", team="a", role="director")
    graph.add_node("s", team="a", role="staff")
    graph.add_edge("d", "s", formal=True, quality=0.5)
    graph.add_edge("s", "s", formal=False, quality=0.5)
    path = tmp_path / "org.graphml"
    nx.write_graphml(graph, path)
    with pytest.raises(ScenarioError, match=r"org\.graphml: edge s-s: s is tied to themselves"):
        read_chart(str(path), "")
    graph.remove_edge("s", "s")
    graph.edges["d", "s"]["quality"] = float("nan")
    nx.write_graphml(graph, path)
    with pytest.raises(ScenarioError, match=r"edge d-s: quality 'nan': use a number from 0 to 1"):
        read_chart(str(path), "")
    graph.remove_node("s")
    nx.write_graphml(graph, path)
    with pytest.raises(ScenarioError, match="2 people or more; this chart has 1"):
        read_chart(str(path), "")


def test_a_person_without_a_team_is_refused_naming_the_row(tmp_path):
    people = PEOPLE.replace("cas,maths,staff,bob,science", "cas,,staff,bob,science")
    with pytest.raises(ScenarioError, match=r"row 4 \(cas\): team is empty"):
        read_chart(write(tmp_path, "people.csv", people), "")
