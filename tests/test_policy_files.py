"""Policy files: the shipped ones load, broken ones are rejected with FILE:LINE."""

import pytest

from osscheck.errors import PolicyError
from osscheck.policy import builtin_names, load_policy

SHIPPED = ["internal-use", "library", "network-service", "open-code", "public-code"]


def test_the_five_policies_are_shipped():
    assert builtin_names() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_policies_load(name):
    policy = load_policy(name)
    assert policy.name == name
    assert policy.title
    assert policy.source == f"builtin:{name}"


def test_open_code_extends_public_code():
    policy = load_policy("open-code")
    assert policy.outbound == "EUPL-1.2"
    assert "SSPL-1.0" in policy.deny
    assert policy.require_license_file and policy.non_osi == "review"


BROKEN = [
    ('[policy]\nname = "x"\nextends = "public-code"\ncolour = "blue"\n', 4, "unknown key 'colour'"),
    ('[policy]\nname = "x"\ncontext = "everywhere"\n', 3, "context must be one of"),
    ('[policy]\nname = "x"\n\n[categories]\npermissive = "maybe"\n', 5, "permissive must be one of"),
    ('[policy]\nname = "x"\n\n[categories]\nfriendly = "allow"\n', 5, "unknown category"),
    ('[policy]\nname = "x"\n\n[licenses]\ndeny = ["MIT AND"]\n', 5, "bad licence expression"),
    ('[policy]\nname = "x"\n\n[[exceptions]]\npackage = "pkg:npm/a"\nlicense = "MIT"\n', 4, "justification"),
    ('[policy]\nname = "x"\n\n[[exceptions]]\npackage = "npm/a"\njustification = "j"\n', 5, "purl"),
    (
        '[policy]\nname = "x"\n\n[[exceptions]]\npackage = "pkg:npm/a"\n'
        'justification = "j"\nexpires = "soon"\n',
        7,
        "date",
    ),
    ('[policy]\nname = "x"\ndev-dependencies = "yes"\n', 3, "true or false"),
    ('[policy]\nname = "x"\n[policy]\n', 3, "not valid TOML"),
    ('[policy]\nname = "x"\nextends = "no-such-policy"\n', None, "no such policy"),
    ('[policies]\nname = "x"\n', 1, "unknown table or key 'policies'"),
]


@pytest.mark.parametrize(("text", "line", "message"), BROKEN)
def test_broken_policies_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert message in str(info.value)
    if line is not None:
        assert info.value.line == line, str(info.value)


def test_broken_policy_on_the_command_line(run, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[policy]\nname = "x"\nextends = "public-code"\ncolour = "blue"\n')
    result = run("check", tmp_path, "--policy", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"osscheck: error: {path}:4: unknown key 'colour'")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_policy_validate_and_show(run, tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text('[policy]\nextends = "library"\nname = "ours"\n\n[licenses]\nallow = ["MPL-2.0"]\n')
    result = run("policy", "validate", path)
    assert result.exit_code == 0 and "valid policy 'ours'" in result.stdout
    shown = run("policy", "show", path)
    assert "MPL-2.0" in shown.stdout and "strong-copyleft" in shown.stdout


def test_extends_a_file_relative_to_the_policy(tmp_path):
    (tmp_path / "base.toml").write_text(
        '[policy]\nextends = "public-code"\nname = "base"\noutbound = "MIT"\n'
    )
    (tmp_path / "child.toml").write_text('[policy]\nextends = "base.toml"\nname = "child"\n')
    policy = load_policy(tmp_path / "child.toml")
    assert policy.name == "child" and policy.outbound == "MIT"


def test_extends_in_a_circle_is_an_error(tmp_path):
    (tmp_path / "a.toml").write_text('[policy]\nextends = "b.toml"\nname = "a"\n')
    (tmp_path / "b.toml").write_text('[policy]\nextends = "a.toml"\nname = "b"\n')
    with pytest.raises(PolicyError, match="circle"):
        load_policy(tmp_path / "a.toml")


def test_the_shipped_parses_are_those_of_the_policy_files():
    """_shipped_data.py is made by `python -m osscheck.policy.shipped`; run it after editing a policy."""
    from osscheck.policy import _shipped_data, shipped

    made: dict = {}
    exec(shipped.source(), made)
    assert made["POLICIES"] == _shipped_data.POLICIES
    assert sorted(_shipped_data.POLICIES) == sorted(builtin_names())


def test_a_shipped_parse_is_used_only_for_the_text_it_was_made_from(tmp_path):
    from osscheck.policy import shipped
    from osscheck.policy.loader import builtin_dir

    path = builtin_dir() / "public-code.toml"
    raw = path.read_bytes()
    first = shipped.parsed(path, raw)
    assert first is not None and first["policy"]["name"] == "public-code"
    first["policy"]["unknown"] = "allow"  # a caller changing its copy changes nothing kept
    assert shipped.parsed(path, raw)["policy"]["unknown"] == "deny"
    assert shipped.parsed(path, raw.replace(b'unknown = "deny"', b'unknown = "allow"')) is None
    assert shipped.parsed(tmp_path / "not-shipped.toml", raw) is None
