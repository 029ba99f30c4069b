"""The plain records of model.py: fields written once, and the documented keys of ``extra`` (issue 12.5)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import osscheck
from osscheck.model import EXTRA_KEYS, Component, FrozenRecord, Record
from osscheck.rules import RULES

SRC = Path(osscheck.__file__).parent
_LOOKUPS = ("get", "setdefault", "pop")


class Grant(Record):
    def __init__(self, licensee: str, scope: str = "runtime", terms: list[str] | None = None) -> None:
        self.licensee = licensee
        self.scope = scope
        self.terms = [] if terms is None else terms


class Notice(FrozenRecord):
    def __init__(self, license: str, text: str = "") -> None:
        self.license = license
        self.text = text


def test_fields_and_slots_come_from_init() -> None:
    grant = Grant("ACME", terms=["attribution"])
    assert Grant._fields == ("licensee", "scope", "terms")
    assert Grant.__slots__ == ("licensee", "scope", "terms")
    assert not hasattr(grant, "__dict__")
    assert repr(grant) == "Grant(licensee='ACME', scope='runtime', terms=['attribution'])"
    assert grant.replace(scope="dev") == Grant("ACME", "dev", ["attribution"])
    with pytest.raises(AttributeError):
        grant.licence = "MIT"  # type: ignore[attr-defined]  # a misspelt field has no slot


def test_frozen_record_assigns_its_fields_once() -> None:
    notice = Notice("MIT", "Permission is hereby granted")
    assert notice.text == "Permission is hereby granted"
    assert hash(notice) == hash(Notice("MIT", "Permission is hereby granted"))
    with pytest.raises(AttributeError, match="cannot assign to field 'license'"):
        notice.license = "GPL-3.0-only"
    with pytest.raises(AttributeError, match="cannot delete field 'text'"):
        del notice.text
    assert notice.license == "MIT"


def test_a_record_without_a_field_list_is_refused() -> None:
    with pytest.raises(TypeError, match="name the fields in _fields"):

        class Loose(Record):
            def __init__(self, **values: object) -> None:
                pass


def test_a_record_may_name_its_fields_itself() -> None:
    rule = RULES[0]
    assert "german_summary" in type(rule)._fields
    assert rule.german_summary and not hasattr(rule, "__dict__")


def _records() -> list[type[Record]]:
    for module in pkgutil.walk_packages(osscheck.__path__, "osscheck."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found, todo = [], list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [c for c in found if c.__module__.startswith("osscheck.")]


def test_every_record_keeps_exactly_its_fields_in_slots() -> None:
    records = _records()
    assert Component in records and len(records) > 20
    for cls in records:
        slots = {s for klass in cls.__mro__ for s in klass.__dict__.get("__slots__", ())}
        assert cls.__dictoffset__ == 0, cls  # no __dict__: a misspelt field fails
        assert slots == set(cls._fields), cls


# --- the keys of ``extra`` ---------------------------------------------------------------------


def _is_extra(node: ast.expr, parameter: bool) -> bool:
    """``x.extra``, or (``parameter``) the parameter ``extra`` of a function (readers._notices.attach)."""
    return (isinstance(node, ast.Attribute) and node.attr == "extra") or (
        parameter and isinstance(node, ast.Name) and node.id == "extra"
    )


def _keys_in(tree: ast.AST, parameter: bool) -> list[ast.expr]:
    keys: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_extra(node.value, parameter):
            keys.append(node.slice)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _LOOKUPS and _is_extra(node.func.value, parameter) and node.args:
                keys.append(node.args[0])
        elif (
            isinstance(node, ast.Compare)
            and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
            and _is_extra(node.comparators[-1], parameter)
        ):
            keys.append(node.left)
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "extra" and isinstance(keyword.value, ast.Dict):
                    keys.extend(k for k in keyword.value.keys if k is not None)
    return keys


def _extra_keys(tree: ast.AST) -> list[ast.expr]:
    """The keys in ``.extra[k]``, ``.extra.get/setdefault/pop(k)``, ``k in .extra``, ``extra={k: ...}``."""
    keys = _keys_in(tree, parameter=False)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and "extra" in {a.arg for a in node.args.args}:
            keys.extend(_keys_in(node, parameter=True))
    return keys


def _constants(trees: list[ast.Module]) -> dict[str, str]:
    """Module-level ``NAME = "text"`` of all of src/ (keys named by a constant, as WRITTEN_BY)."""
    out: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                out.update({t.id: node.value.value for t in node.targets if isinstance(t, ast.Name)})
    return out


def _used_keys(sources: dict[str, str]) -> dict[str, set[str]]:
    """Each key the sources use, with where; a key that is no constant is reported as ``?FILE:LINE``."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    constants = _constants(list(trees.values()))
    used: dict[str, set[str]] = {}
    for name, tree in trees.items():
        for key in _extra_keys(tree):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                text = key.value
            elif isinstance(key, ast.Name) and key.id in constants:
                text = constants[key.id]
            else:
                text = f"?{name}:{key.lineno}"
            used.setdefault(text, set()).add(f"{name}:{key.lineno}")
    return used


def test_the_scan_finds_each_form_of_use() -> None:
    source = (
        'KEY = "written-by"\n'
        'c.extra["observed"] = []\n'
        'c.extra.get("aliases")\n'
        'c.extra.setdefault("choice", True)\n'
        'c.extra.pop("marker", None)\n'
        "KEY in p.extra\n"
        'Component("x", extra={"group": "org.acme"})\n'
        "def attach(extra: dict) -> None:\n"
        '    extra["copyrights"] = lines\n'
        "extra = {}\n"
        'extra["not-a-key"] = 1\n'
        "c.extra[name]\n"
    )
    assert set(_used_keys({"m.py": source})) == {
        "written-by",
        "observed",
        "aliases",
        "choice",
        "marker",
        "group",
        "copyrights",
        "?m.py:12",
    }


def test_every_key_of_extra_used_in_src_is_documented() -> None:
    sources = {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py"))}
    used = _used_keys(sources)
    undocumented = {key: sorted(where) for key, where in used.items() if key not in EXTRA_KEYS}
    assert not undocumented, "document these keys in model.EXTRA_KEYS"
    unused = set(EXTRA_KEYS) - set(used)
    assert not unused, "keys documented but used nowhere"
    assert {"observed", "source", "installed_as", "license_texts"} <= set(used)
