"""The policy schema table drives validation, ``extends`` merging, ``policy show`` and the README list."""

import re
from pathlib import Path

import pytest

from osscheck.errors import PolicyError
from osscheck.policy import Policy, PolicyException, load_policy
from osscheck.policy.schema import (
    BOOLEAN,
    DATE,
    EXCEPTION_KEYS,
    LICENSE_LISTS,
    LIST,
    NUMBER,
    POLICY_KEYS,
    STRING,
    TABLES,
    markdown,
)

README = Path(__file__).resolve().parent.parent / "policies" / "README.md"
SET_ELSEWHERE = {
    *("categories", "allow", "review", "deny", "obligations", "exceptions", "source", "digest", "deny_from"),
    "registers",  # the register files the loader merged (``registers`` names them)
}
WRONG_TYPE = {STRING: 3, BOOLEAN: '"yes"', NUMBER: '"high"', LIST: '"a"'}  # TOML text of a wrong value
KEYS = [key for key in POLICY_KEYS if key.attr]


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _another_value(key, parent: Policy) -> object:
    """A valid value of the key that differs from the parent's."""
    old = getattr(parent, key.attr)
    if key.choices:
        return next(c for c in key.choices if c != old)
    if key.kind is BOOLEAN:
        return not old
    if key.kind is NUMBER:
        return 7 if key.toml == "retention-years" else 0.25  # a number of years is whole
    if key.kind is LIST:
        return ("a note of the child",)
    return "MIT" if key.toml == "outbound" else f"child {key.toml}"


def _policy(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(body)
    return path


def test_the_readme_key_list_is_the_schema():
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- policy-keys:[^\n]*-->\n(.*?)<!-- /policy-keys -->", text, re.S)
    assert found, "policies/README.md has no policy-keys block"
    assert found.group(1) == markdown(), "regenerate the block from osscheck.policy.schema.markdown()"


def test_every_policy_field_a_file_sets_has_one_key():
    attrs = [key.attr for key in POLICY_KEYS if key.attr]
    assert len(attrs) == len(set(attrs))
    assert set(attrs) == set(Policy._fields) - SET_ELSEWHERE
    assert set(LICENSE_LISTS) <= set(Policy._fields)
    assert {key.attr for key in EXCEPTION_KEYS} <= set(PolicyException._fields)
    assert set(TABLES) == {"policy", "categories", "licenses", "obligations", "exceptions", "deny-from"}


@pytest.mark.parametrize("key", [k for k in POLICY_KEYS if k.kind in WRONG_TYPE], ids=lambda k: k.toml)
def test_a_wrong_type_is_reported_at_its_line(tmp_path, key):
    name = "" if key.toml == "name" else 'name = "x"\n'
    path = _policy(tmp_path, f"[policy]\n{name}\n{key.toml} = {WRONG_TYPE[key.kind]}\n")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert str(info.value.message).startswith(f"[policy] {key.toml} must be {key.kind.name}, not ")
    assert info.value.line == (4 if name else 3)


@pytest.mark.parametrize("key", [k for k in POLICY_KEYS if k.choices], ids=lambda k: k.toml)
def test_a_value_outside_the_choices_names_them(tmp_path, key):
    path = _policy(tmp_path, f'[policy]\nname = "x"\n{key.toml} = "bogus"\n')
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert (
        str(info.value.message) == f"[policy] {key.toml} must be one of {', '.join(key.choices)}, not 'bogus'"
    )
    assert info.value.line == 3


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.toml)
def test_extends_keeps_the_parents_value_unless_the_child_sets_it(tmp_path, key):
    parent = load_policy("open-code")
    value = _another_value(key, parent)
    (tmp_path / "kept.toml").write_text('[policy]\nname = "kept"\nextends = "open-code"\n')
    changed = _policy(tmp_path, f'[policy]\nextends = "open-code"\n{key.toml} = {_toml(value)}\n')
    kept = load_policy(tmp_path / "kept.toml")
    assert getattr(kept, key.attr) == getattr(parent, key.attr) or key.toml == "name"
    assert getattr(load_policy(changed), key.attr) == value


def test_a_child_names_a_wrong_exception_key_from_the_table(tmp_path):
    path = _policy(tmp_path, '[policy]\nname = "x"\n\n[[exceptions]]\njustification = "j"\nwho = "me"\n')
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    known = ", ".join(key.toml for key in EXCEPTION_KEYS)
    assert str(info.value.message) == f"unknown key 'who' in [[exceptions]] (known keys: {known})"
    assert info.value.line == 6


def test_the_register_dates_are_dates():
    assert [key.toml for key in EXCEPTION_KEYS if key.kind is DATE] == ["expires", "exit-by", "decided-on"]


def test_policy_show_prints_every_labelled_key(run, tmp_path):
    lines = [f"{key.toml} = {_toml(_another_value(key, Policy(name='')))}" for key in KEYS if key.label]
    path = _policy(tmp_path, '[policy]\nname = "x"\noutbound-osi = true\n' + "\n".join(lines) + "\n")
    result = run("policy", "show", path)
    assert result.exit_code == 0, result.stderr
    shown = result.stdout.splitlines()
    for key in KEYS:
        if key.label:
            first = key.shown(load_policy(path))[0]
            assert f"{key.label:<18}{first}" in shown
    assert f"{'':<18}must be OSI-approved" in shown
