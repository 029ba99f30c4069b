"""``osscheck exception add | list | approve | reject | verify`` on real register files in tmp_path,
through the real command line; ``verify`` on a throwaway git repository with two authors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess

import pytest
import tomllib

from osscheck.register import history

POLICY = """\
# Our licence policy: comments and layout stay as they are
[policy]
name = "ours"   # a trailing comment
require-separate-approver = true

# the justification register
[[exceptions]]
id = "2026-004"
package = "pkg:pypi/mysqlclient"
license = "GPL-2.0-only"
justification = "the database driver the city's platform requires"
approved-by = "OSPO"
expires = 2026-01-31   # expired

# a later section
[deny-from]
"""

HOSTILE = 'he said "no" \\ C:\\path\nsecond line\ttab \x01\x1b[2K\x7f end \u00e4\u20ac'


@pytest.fixture(autouse=True)
def _day(monkeypatch):
    moment = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder whose configuration names the policy file."""
    (tmp_path / "policy.toml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.osscheck]\npolicy = "policy.toml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _add(run, *extra):
    return run(
        "exception",
        "add",
        "pkg:npm/left-pad@1.3.0",
        "--license",
        "mit",
        "--justification",
        "needed",
        "--basis",
        "technical",
        *extra,
    )


def _entries(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))["exceptions"]


def test_add_then_approve_round_trips_the_file_with_comments_kept(run, project):
    policy = project / "policy.toml"
    added = _add(run, "--expires", "2027-06-30", "--requested-by", "Anna Alt <anna@stadt.example>")
    assert added.exit_code == 0, added.stderr
    assert (
        added.stdout == "policy.toml:18: exception 2026-005 requested for pkg:npm/left-pad 1.3.0 under MIT\n"
    )
    after_add = policy.read_text(encoding="utf-8")
    assert after_add.startswith(POLICY + "\n[[exceptions]]\n")  # every byte before it unchanged
    new = _entries(policy)[-1]
    assert new == {
        "id": "2026-005",
        "status": "requested",
        "package": "pkg:npm/left-pad",
        "version": "1.3.0",
        "license": "MIT",
        "basis": "technical",
        "justification": "needed",
        "requested-by": "Anna Alt <anna@stadt.example>",
        "expires": dt.date(2027, 6, 30),
    }
    assert "decided-on" not in new
    validated = run("policy", "validate", "policy.toml")  # still a policy the loader reads
    assert validated.exit_code == 0, validated.stderr

    approved = run("exception", "approve", "2026-005", "--by", "Bernd Berg", "--on", "2026-03-02")
    assert approved.exit_code == 0, approved.stderr
    assert approved.stdout == "policy.toml:18: exception 2026-005 approved by Bernd Berg on 2026-03-02\n"
    text = policy.read_text(encoding="utf-8")
    # the edit stays inside the entry's table: status replaced where it stood, the two keys added last
    assert text == after_add.replace('status = "requested"', 'status = "approved"') + (
        'approved-by = "Bernd Berg"\ndecided-on = 2026-03-02\n'
    )
    assert _entries(policy)[0]["approved-by"] == "OSPO"
    validated = run("policy", "validate", "policy.toml")
    assert validated.exit_code == 0, validated.stderr


def test_approve_replaces_keys_in_a_middle_table_and_leaves_the_rest_byte_for_byte(run, project, tmp_path):
    register = tmp_path / "register.toml"
    body = (
        '# city register\r\n[[exceptions]]\r\nid = "2026-001"\r\nstatus = "requested"  # new\r\n'
        'package = "pkg:pypi/a"\r\njustification = """spans\r\nlines"""\r\n'
        'approved-by = "someone"\r\n\r\n# the next one\r\n[[exceptions]]\r\nid = "2026-002"\r\n'
        'package = "pkg:pypi/b"\r\njustification = "b"'  # no line end at the end of the file
    )
    register.write_bytes(body.encode())
    result = run("exception", "reject", "2026-001", "--by", "Carla", "--register", register)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{register}:2: exception 2026-001 rejected by Carla on 2026-03-01\n"
    expected = body.replace('status = "requested"  # new', 'status = "rejected"').replace(
        'approved-by = "someone"', 'approved-by = "Carla"\r\ndecided-on = 2026-03-01'
    )
    assert register.read_bytes() == expected.encode()


def test_hostile_strings_are_written_as_valid_toml_and_read_back_unchanged(run, project):
    result = _add(
        run, "--justification", HOSTILE, "--alternatives", '"""', "--scope", "a\\b", "--scope", "x\ny"
    )
    assert result.exit_code == 0, result.stderr
    new = _entries(project / "policy.toml")[-1]
    assert (new["justification"], new["alternatives"], new["scope"]) == (HOSTILE, '"""', ["a\\b", "x\ny"])
    validated = run("policy", "validate", "policy.toml")
    assert validated.exit_code == 0, validated.stderr
    written = (project / "policy.toml").read_text(encoding="utf-8").split("[[exceptions]]")[-1]
    assert "\x01" not in written and "\x1b" not in written and "\x7f" not in written
    assert len(written.strip().splitlines()) == len(new)  # one line a key: no newline left unescaped


def test_ids_are_the_next_free_number_of_the_year_across_the_register(run, project):
    (project / "policy.toml").write_text(
        POLICY.replace('name = "ours"', 'name = "ours"\nregisters = ["city.toml"]'), encoding="utf-8"
    )
    (project / "city.toml").write_text(
        '[[exceptions]]\nid = "2026-011"\nlicense = "MIT"\njustification = "x"\n'
        '[[exceptions]]\nid = "2025-099"\nlicense = "MIT"\njustification = "x"\n',
        encoding="utf-8",
    )
    first = _add(run, "--register", "policy.toml")
    assert "exception 2026-012 requested" in first.stdout, first.stderr
    second = _add(run, "--register", "policy.toml")
    assert "exception 2026-013 requested" in second.stdout
    fresh = _add(run, "--register", "new.toml")  # a register file not there yet is begun
    assert fresh.stdout.startswith("new.toml:1: exception 2026-014 requested"), fresh.stderr
    assert (project / "new.toml").read_text(encoding="utf-8").startswith('[[exceptions]]\nid = "2026-014"\n')


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("--license", "Foo-Licence"), "Foo-Licence is not on the SPDX licence list"),
        (("--license", "MIT AND ("), "is not a licence expression"),
        (("--license", "NOASSERTION"), "NOASSERTION names no licence"),
        (("--justification", "  "), "--justification must say why"),
        (("--expires", "31.12.2026"), "--expires '31.12.2026' is not a date (YYYY-MM-DD)"),
        (("--exit-by", "soon"), "--exit-by 'soon' is not a date"),
    ],
)
def test_add_refuses_what_is_not_a_well_formed_entry(run, project, args, error):
    before = (project / "policy.toml").read_bytes()
    result = _add(run, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: ") and error in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert (project / "policy.toml").read_bytes() == before


def test_add_refuses_a_bad_purl_a_shipped_policy_and_no_register(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = run(
        "exception",
        "add",
        "npm/x",
        "--license",
        "MIT",
        "--justification",
        "j",
        "--basis",
        "technical",
        "--register",
        "r.toml",
    )
    assert bad.exit_code == 2 and "npm/x is not a package URL" in bad.stderr
    none = _add(run)
    assert none.exit_code == 2 and "no register file" in none.stderr
    (tmp_path / ".osscheck.toml").write_text('policy = "public-code"\n', encoding="utf-8")
    shipped = _add(run)
    assert shipped.exit_code == 2 and "public-code is shipped with osscheck" in shipped.stderr
    assert not (tmp_path / "r.toml").exists()


def test_an_edit_that_would_not_read_back_is_refused_and_nothing_written(run, tmp_path):
    register = tmp_path / "inline.toml"
    register.write_text('exceptions = [{license = "MIT", justification = "x"}]\n', encoding="utf-8")
    result = _add(run, "--register", register)
    assert result.exit_code == 2, result.stdout
    assert register.read_text(encoding="utf-8") == 'exceptions = [{license = "MIT", justification = "x"}]\n'


def test_approve_refuses_unknown_decided_and_self_approval(run, project):
    assert _add(run, "--requested-by", "Anna Alt <anna@stadt.example>").exit_code == 0
    before = (project / "policy.toml").read_bytes()
    unknown = run("exception", "approve", "2026-999", "--by", "Bernd")
    assert unknown.exit_code == 2 and "no exception 2026-999 in the register" in unknown.stderr
    decided = run("exception", "approve", "2026-004", "--by", "Bernd")
    assert (
        decided.exit_code == 2 and "policy.toml:7: exception 2026-004 is already approved" in decided.stderr
    )
    for who in ("anna alt", "ANNA@stadt.example"):
        self_approval = run("exception", "approve", "2026-005", "--by", who)
        assert self_approval.exit_code == 2 and "may not decide on it too" in self_approval.stderr
    empty = run("exception", "reject", "2026-005", "--by", " ")
    assert empty.exit_code == 2 and "--by must name who decides" in empty.stderr
    bad_day = run("exception", "approve", "2026-005", "--by", "Bernd", "--on", "gestern")
    assert bad_day.exit_code == 2 and "--on 'gestern' is not a date" in bad_day.stderr
    assert (project / "policy.toml").read_bytes() == before
    assert run("exception", "reject", "2026-005", "--by", "Bernd").exit_code == 0
    again = run("exception", "approve", "2026-005", "--by", "Carla")
    assert again.exit_code == 2 and "is already rejected" in again.stderr


def test_the_requester_may_approve_where_the_policy_does_not_require_a_separate_approver(run, project):
    policy = project / "policy.toml"
    policy.write_text(POLICY.replace("require-separate-approver = true\n", ""), encoding="utf-8")
    assert _add(run, "--requested-by", "Anna").exit_code == 0
    assert run("exception", "approve", "2026-005", "--by", "Anna").exit_code == 0
    assert _entries(policy)[-1]["status"] == "approved"


def _register_for_listing(project):
    (project / "city.toml").write_text(
        "[[exceptions]]\n"  # line 1: pending, expiring within 90 days
        'id = "2026-001"\nstatus = "requested"\npackage = "pkg:maven/org.x/y"\nlicense = "LicenseRef-x"\n'
        'justification = "=HYPERLINK(\\"http://evil\\")"\nexpires = 2026-04-15\n'
        "[[exceptions]]\n"  # line 8: rejected, far away
        'id = "2026-002"\nstatus = "rejected"\nname = "tool"\njustification = "no"\nexpires = 2030-01-01\n',
        encoding="utf-8",
    )
    (project / "policy.toml").write_text(
        POLICY.replace('name = "ours"', 'name = "ours"\nregisters = ["city.toml"]'), encoding="utf-8"
    )


def test_list_shows_the_merged_register_and_its_filters(run, project):
    _register_for_listing(project)
    everything = run("exception", "list")
    assert everything.exit_code == 0, everything.stderr
    assert everything.stdout.splitlines() == [
        "2026-004  policy.toml:8  pkg:pypi/mysqlclient under GPL-2.0-only  approved  expired on 2026-01-31",
        "2026-001  city.toml:1  pkg:maven/org.x/y under LicenseRef-x  requested (pending)"
        "  expires on 2026-04-15",
        "2026-002  city.toml:8  the component tool  rejected  expires on 2030-01-01",
    ]

    def ids(*args):
        result = run("exception", "list", "-f", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [e["id"] for e in result.json["exceptions"]]

    assert ids("--expired") == ["2026-004"]
    assert ids("--pending") == ["2026-001"]
    assert ids("--expiring", "90d") == ["2026-001"]
    assert ids("--expiring", "10000d") == ["2026-001", "2026-002"]
    assert ids("--expired", "--pending") == ["2026-004", "2026-001"]
    assert ids("--register", "city.toml") == ["2026-001", "2026-002"]
    bad = run("exception", "list", "--expiring", "3 months")
    assert bad.exit_code == 2 and "give a number of days such as 90d" in bad.stderr


def test_list_as_json_and_as_csv_with_formula_safe_cells(run, project):
    _register_for_listing(project)
    document = run("exception", "list", "-f", "json").json
    assert (document["schema"], document["date"]) == ("osscheck-exceptions/1", "2026-03-01")
    pending = document["exceptions"][1]
    assert pending["file"] == "city.toml" and pending["line"] == 1
    assert (pending["status"], pending["pending"], pending["expiry"], pending["days-left"]) == (
        "requested",
        True,
        "expires",
        45,
    )
    assert document["exceptions"][0]["expiry"] == "expired"
    table = run("exception", "list", "-f", "csv").stdout
    rows = list(csv.reader(io.StringIO(table)))
    assert rows[0][:4] == ["id", "file", "line", "covers"]
    assert rows[2][9] == '\'=HYPERLINK("http://evil")'  # the spreadsheet sees text, not a formula
    assert table.count("\r\n") == 4


def test_list_in_german(run, project):
    _register_for_listing(project)
    text = run("exception", "list", "--pending", "--lang", "de").stdout
    assert (
        text == "2026-001  city.toml:1  pkg:maven/org.x/y unter LicenseRef-x  beantragt (offen)"
        "  läuft ab am 2026-04-15\n"
    )
    header = run("exception", "list", "-f", "csv", "--lang", "de").stdout.splitlines()[0]
    assert header.startswith("Kennung,Datei,Zeile,gilt für,")
    refused = run("exception", "approve", "2026-004", "--by", "X", "--lang", "de")
    assert refused.stderr == (
        "osscheck: error: policy.toml:8: über Ausnahme 2026-004 ist bereits entschieden (approved)\n"
    )


def test_a_register_at_a_url_is_not_shown_as_read(run, project):
    (project / "policy.toml").write_text(
        POLICY.replace(
            'name = "ours"', 'name = "ours"\nregisters = [{url = "https://x.example/r.toml", sha256 = "00"}]'
        ),
        encoding="utf-8",
    )
    result = run("exception", "list")
    assert result.exit_code == 2
    assert "2026-004" in result.stdout
    assert "the register at https://x.example/r.toml is not read" in result.stderr


git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _commit(folder, who, message):
    name, mail = who
    subprocess.run(["git", "-C", folder, "add", "-A"], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            folder,
            "-c",
            f"user.name={name}",
            "-c",
            f"user.email={mail}",
            "commit",
            "-qm",
            message,
        ],
        check=True,
    )


ANNA = ("Anna Alt", "anna@stadt.example")
BERND = ("Bernd Berg", "bernd@stadt.example")


@git
def test_verify_flags_a_self_approval_and_passes_a_separate_one(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    register = tmp_path / "register.toml"
    register.write_text("# the city's register\n", encoding="utf-8")
    assert _add(run, "--register", "register.toml", "--requested-by", "Anna Alt").exit_code == 0
    assert _add(run, "--register", "register.toml", "--requested-by", "anna@stadt.example").exit_code == 0
    _commit(tmp_path, ANNA, "request two exceptions")
    assert (
        run("exception", "approve", "2026-001", "--by", "Bernd Berg", "--register", "register.toml").exit_code
        == 0
    )
    _commit(tmp_path, BERND, "approve the first")
    pending = run("exception", "verify", "--register", "register.toml")
    assert (pending.exit_code, pending.stdout) == (
        0,
        "1 approved exceptions checked: none was approved by its requester\n",
    )

    # the requester approves the second herself, writing another name into approved-by
    assert (
        run("exception", "approve", "2026-002", "--by", "Carla", "--register", "register.toml").exit_code == 0
    )
    uncommitted = run("exception", "verify", "--register", "register.toml")
    assert uncommitted.exit_code == 1
    assert (
        uncommitted.stdout
        == "register.toml:15: exception 2026-002 is approved, but no commit records the approval\n"
    )
    _commit(tmp_path, ANNA, "approve the second")
    flagged = run("exception", "verify", "--register", "register.toml")
    assert flagged.exit_code == 1
    [line] = flagged.stdout.splitlines()
    assert line.startswith(
        "register.toml:15: exception 2026-002 requested by anna@stadt.example was approved in commit "
    )
    assert line.endswith("by its requester (Anna Alt <anna@stadt.example>)")
    german = run("exception", "verify", "--register", "register.toml", "--lang", "de")
    assert "von der beantragenden Person genehmigt" in german.stdout

    first, second = history.decisions(register)
    assert (first["id"], first["requested-by"], first["approved-by"]) == (
        "2026-001",
        "Anna Alt",
        "Bernd Berg",
    )
    assert first["requested"]["author"] == "Anna Alt" and first["approved"]["author"] == "Bernd Berg"
    assert first["requested"]["commit"] != first["approved"]["commit"]
    assert second["approved"]["email"] == "anna@stadt.example"
    assert first["decided"] == first["approved"] and first["decided-on"] == "2026-03-01"


@git
def test_decisions_name_the_commit_that_rejected_and_none_for_a_pending_request(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for _ in range(2):
        assert _add(run, "--register", "register.toml", "--requested-by", "Anna Alt").exit_code == 0
    _commit(tmp_path, ANNA, "two requests")
    assert (
        run("exception", "reject", "2026-001", "--by", "Bernd Berg", "--register", "register.toml").exit_code
        == 0
    )
    _commit(tmp_path, BERND, "reject the first")
    rejected, pending = history.decisions(tmp_path / "register.toml")
    assert (rejected["status"], rejected["approved"]) == ("rejected", None)
    assert rejected["decided"]["author"] == "Bernd Berg" and rejected["requested"]["author"] == "Anna Alt"
    assert (pending["status"], pending["decided"], pending["approved"]) == ("requested", None, None)
    assert pending["requested"]["commit"] == rejected["requested"]["commit"]
    verified = run("exception", "verify", "--register", "register.toml")
    assert (verified.exit_code, verified.stdout) == (
        0,
        "0 approved exceptions checked: none was approved by its requester\n",
    )


@git
def test_verify_flags_an_entry_requested_and_approved_in_one_commit(run, tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "register.toml").write_text(
        '[[exceptions]]\nid = "2026-001"\nlicense = "MIT"\njustification = "x"\n'
        'requested-by = "Anna"\napproved-by = "Bernd"\n',
        encoding="utf-8",
    )
    _commit(tmp_path, BERND, "an approved entry, never requested")
    (tmp_path / "other.toml").write_text(
        '[[exceptions]]\nlicense = "MIT"\njustification = "x"\n', encoding="utf-8"
    )
    _commit(tmp_path, BERND, "an entry without requested-by: its committer asked for it")
    result = run("exception", "verify", "--register", tmp_path / "register.toml")
    assert result.exit_code == 1
    assert "was requested and approved in the same commit" in result.stdout
    unnamed = run("exception", "verify", "--register", tmp_path / "other.toml")
    assert unnamed.exit_code == 1
    assert "requested by Bernd Berg was approved in commit" in unnamed.stdout


def test_verify_without_git_or_outside_a_repository_is_one_error_line(run, tmp_path, monkeypatch):
    (tmp_path / "register.toml").write_text(
        '[[exceptions]]\nlicense = "MIT"\njustification = "x"\n', encoding="utf-8"
    )
    if shutil.which("git") is not None:
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
        outside = run("exception", "verify", "--register", tmp_path / "register.toml")
        assert outside.exit_code == 2
        where = tmp_path / "register.toml"
        assert outside.stderr == (
            f"osscheck: error: {where}: not in a git repository:"
            " exception verify reads the register's git history\n"
        )
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    missing = run("exception", "verify", "--register", tmp_path / "register.toml")
    assert missing.exit_code == 2
    assert (
        missing.stderr
        == "osscheck: error: git is not installed: exception verify reads the register's git history\n"
    )


def test_the_register_of_an_extended_policy_comes_first_and_its_rules_hold(run, project):
    (project / "base.toml").write_text(
        '[policy]\nname = "city"\nrequire-separate-approver = true\nregisters = ["city.toml"]\n'
        '[[exceptions]]\nid = "2026-020"\nlicense = "MIT"\njustification = "city-wide"\n',
        encoding="utf-8",
    )
    (project / "city.toml").write_text(
        '[[exceptions]]\nid = "2026-021"\nstatus = "requested"\nlicense = "MIT"\njustification = "x"\n'
        'requested-by = "Anna"\n',
        encoding="utf-8",
    )
    (project / "policy.toml").write_text(
        '[policy]\nname = "ours"\nextends = "base.toml"\n'
        '[[exceptions]]\nid = "2026-001"\nlicense = "MIT"\njustification = "ours"\n',
        encoding="utf-8",
    )
    listed = run("exception", "list", "-f", "json")
    assert [(e["id"], e["file"]) for e in listed.json["exceptions"]] == [
        ("2026-020", "base.toml"),
        ("2026-021", "city.toml"),
        ("2026-001", "policy.toml"),
    ]
    assert "exception 2026-022 requested" in _add(run).stdout  # unique across the merged register
    refused = run("exception", "approve", "2026-021", "--by", "anna", "--register", "city.toml")
    assert refused.exit_code == 2 and "may not decide on it too" in refused.stderr
