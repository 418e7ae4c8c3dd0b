"""What a hostile browser can send, checked without a browser: sizes, forged values, uploads.

Everything here arrives from the page: a typed number, a value a select emits (which can be
anything, forged from the browser console), a dropped file and its claimed size. The server must
build nothing beyond its limits, read no file it did not offer, and answer with a message.
"""

from __future__ import annotations

import io

import pytest

from orglearn.app.limits import MAX_PEOPLE, MAX_UPLOAD_BYTES
from orglearn.app.session import NOT_OFFERED, InputError, Session, offered
from orglearn.app.uploads import UploadError, read_dropped, read_upload

CANARY = b'[scenario]\nname = "canary-secret"\n[organization]\npeople = 7\n'


@pytest.fixture
def canary(tmp_path):
    path = tmp_path / "canary.toml"
    path.write_bytes(CANARY)
    return path


@pytest.fixture(scope="module")
def session():
    return Session()


def test_a_session_refuses_an_organization_beyond_the_limit_before_building(session, monkeypatch):
    built = []
    monkeypatch.setattr("orglearn.app.session.build_model", lambda *a: built.append(a))
    with pytest.raises(InputError) as refused:
        session.edit("organization.people", 2_000_000)
    assert refused.value.key.startswith("problem.limit_")
    with pytest.raises(InputError):
        session.edit("organization.people", str(MAX_PEOPLE + 1))
    assert session.pending.values["organization.people"] <= MAX_PEOPLE
    session.reset()
    assert len(built) == 1 and built[0][0].values["organization.people"] <= MAX_PEOPLE


def test_marchs_model_is_limited_too():
    session = Session()
    session.choose_model("march1991")
    for name in ("march.n", "march.m"):
        with pytest.raises(InputError) as refused:
            session.edit(name, 50_000)
        assert refused.value.key.startswith("problem.limit_")


def test_a_tiny_upload_of_two_million_people_is_refused():
    with pytest.raises(UploadError) as refused:
        read_upload("big.toml", b"[organization]\npeople = 2000000\n")
    assert refused.value.key == "upload.invalid"
    assert any(str(MAX_PEOPLE) in p or f"{MAX_PEOPLE:,}" in p for p in refused.value.problems)


def test_a_scenario_chosen_elsewhere_is_checked_before_it_is_built(session):
    big = session.scenario.with_values({"organization.people": 10_000})
    before = session.running
    with pytest.raises(InputError):
        session.choose(big)
    assert session.running is before


@pytest.mark.parametrize("forged", ["/etc/passwd", "../../etc/hosts", "school.toml", "", None, 3, ["school"]])
def test_a_scenario_name_not_offered_is_refused_without_reading(forged, session, monkeypatch):
    monkeypatch.setattr("orglearn.app.session.load_scenario", lambda *a, **k: pytest.fail("read"))
    before = session.running
    session.choose_name(forged)
    assert session.refusal.key == NOT_OFFERED and session.running is before


def test_an_existing_and_a_missing_path_get_the_same_answer(canary, session):
    answers = []
    for path in (str(canary), str(canary) + ".missing"):
        session.choose_name(path)
        answers.append((session.refusal.key, session.refusal.values, str(session.refusal)))
    assert answers[0] == answers[1]
    assert session.scenario.name != "canary-secret"


def test_forged_model_names_are_refused(session):
    for forged in ("nope", "/etc/passwd", None, 5):
        with pytest.raises(InputError) as refused:
            session.choose_model(forged)
        assert refused.value.key == NOT_OFFERED


def test_offered_takes_only_what_was_offered():
    assert offered("rake", ["rake", "school"]) == "rake"
    for forged in ("Rake", " rake", None, ["rake"], {"a": 1}, 1):
        with pytest.raises(InputError):
            offered(forged, ["rake", "school"])


def test_an_upload_can_be_chosen_again_by_its_name():
    session = Session()
    session.choose(read_upload("mine.toml", b"[organization]\npeople = 30\n"))
    session.choose_name("school")
    session.choose_name("mine")
    assert session.scenario.name == "mine" and session.people() == 30


class Unread(io.RawIOBase):
    """A file object that fails the test if it is read at all."""

    def read(self, size=-1):
        raise AssertionError("the upload was read")

    readinto = read


class Endless(io.RawIOBase):
    """A file that is larger than it claimed."""

    def read(self, size=-1):
        assert size is not None and 0 < size <= MAX_UPLOAD_BYTES + 1, "an unbounded read"
        return b"#" * size


def test_an_oversized_upload_is_refused_by_its_size_before_reading():
    with pytest.raises(UploadError) as refused:
        read_dropped({"name": "big.toml", "size": 400_000_000, "file_obj": Unread(), "data": None})
    assert refused.value.key == "upload.too_large"


def test_an_upload_larger_than_it_claims_is_read_no_further_than_the_limit():
    with pytest.raises(UploadError) as refused:
        read_dropped({"name": "liar.toml", "size": 10, "file_obj": Endless(), "data": None})
    assert refused.value.key == "upload.too_large"


@pytest.mark.parametrize("size", [None, "12", -1, True, 2.5])
def test_a_forged_size_is_refused(size):
    with pytest.raises(UploadError):
        read_dropped({"name": "x.toml", "size": size, "file_obj": Unread(), "data": None})


def test_a_good_drop_is_read():
    data = b"[organization]\npeople = 20\n"
    scenario = read_dropped({"name": "ok.toml", "size": len(data), "file_obj": io.BytesIO(data)})
    assert scenario.values["organization.people"] == 20


MALFORMED = {
    "organization_number": b"organization = 5\n",
    "description_text": b'[scenario]\ndescription = "text"\n[organization]\npeople = 9000\n',
    "deep_array": b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n",
    "deep_table": b"[organization]\npeople = " + b"{a=" * 400 + b"1" + b"}" * 400 + b"\n",
    "huge_integer": b"[organization]\npeople = 99999999999999999999999999\n",
    "extends_path": b'[scenario]\nextends = "/etc/passwd"\n',
    "extends_file": b'[scenario]\nextends = "school.toml"\n',
    "extends_list": b'[scenario]\nextends = ["school"]\n',
    "model_list": b'[scenario]\nmodel = ["x"]\n',
    "model_table": b"[scenario.model]\na = 1\n",
    "chart": b'[organization]\nchart = "/etc/passwd"\n',
    "ties": b'[network]\nties = "/etc/hosts"\n',
    "interventions": b'[[interventions]]\nweek = 3\nset = {"organization.chart" = "/etc/passwd"}\n',
    "header_number": b"scenario = 5\n",
    "binary": b"\xff\xfe\x00\x01",
    "not_toml": b"[[[",
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_upload_is_a_message_without_server_paths(name):
    with pytest.raises(UploadError) as refused:
        read_upload(f"{name}.toml", MALFORMED[name])
    text = "\n".join([refused.value.key, *refused.value.problems])
    for fragment in ("/work", "/home", "/usr", "/tmp", "site-packages", "Traceback", "scenarios/"):
        assert fragment not in text, (name, text)
    assert all(len(p) < 1000 for p in refused.value.problems)


def test_an_upload_naming_a_file_says_why(canary):
    with pytest.raises(UploadError) as refused:
        read_upload("x.toml", f'[organization]\nchart = "{canary}"\n'.encode())
    assert any("files cannot be named" in p for p in refused.value.problems)
    assert not any(str(canary) in p for p in refused.value.problems)


def test_files_are_never_named_from_the_browser(canary, session):
    for name in ("organization.chart", "network.ties", "no.such"):
        with pytest.raises(InputError) as refused:
            session.edit(name, str(canary))
        assert refused.value.key == NOT_OFFERED


def test_a_widget_handler_sees_only_offered_values():
    from orglearn.app.components.common import Ui

    seen = []
    checked = Ui.only_offered(None, {"English": "en", "Nederlands": "nl"}, seen.append)
    for forged in ("Deutsch", None, 3, ["English"], "/etc/passwd"):
        checked(forged)
    checked("Nederlands")
    assert seen == ["Nederlands"]
