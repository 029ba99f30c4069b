"""The words of an acceptance record: each profile field and each result, as catalogue messages.

A field a later profile version adds before the catalogues name it is shown by its name in the
profile (the guideline's English term).
"""

from __future__ import annotations

from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.accept.profile import Field

FIELD_WORDS: dict[str, Message] = {
    "sbom-creator": Message("accept.field.sbom-creator"),
    "sbom-timestamp": Message("accept.field.sbom-timestamp"),
    "component-creator": Message("accept.field.component-creator"),
    "component-name": Message("accept.field.component-name"),
    "component-version": Message("accept.field.component-version"),
    "component-filename": Message("accept.field.component-filename"),
    "component-dependencies": Message("accept.field.component-dependencies"),
    "dependencies-completeness": Message("accept.field.dependencies-completeness"),
    "distribution-licences": Message("accept.field.distribution-licences"),
    "component-hash": Message("accept.field.component-hash"),
    "executable-property": Message("accept.field.executable-property"),
    "archive-property": Message("accept.field.archive-property"),
    "structured-property": Message("accept.field.structured-property"),
    "sbom-uri": Message("accept.field.sbom-uri"),
    "source-code-uri": Message("accept.field.source-code-uri"),
    "deployable-uri": Message("accept.field.deployable-uri"),
    "other-identifiers": Message("accept.field.other-identifiers"),
    "original-licences": Message("accept.field.original-licences"),
    "effective-licence": Message("accept.field.effective-licence"),
    "source-hash": Message("accept.field.source-hash"),
    "security-txt-url": Message("accept.field.security-txt-url"),
    "no-vulnerabilities": Message("accept.field.no-vulnerabilities"),
}

RESULT_WORDS: dict[str, Message] = {
    "accepted": Message("accept.result.accepted"),
    "accepted-with-conditions": Message("accept.result.accepted-with-conditions"),
    "rejected": Message("accept.result.rejected"),
}

LEVEL_WORDS: dict[str, Message] = {
    "required": Message("accept.level.required"),
    "additional": Message("accept.level.additional"),
    "optional": Message("accept.level.optional"),
    "prohibited": Message("accept.level.prohibited"),
}


def decimal(value: float) -> Message:
    """A number with one decimal, written as the language writes it (``90.6``, ``90,6``)."""
    tenths = round(value * 10)
    return Message("accept.decimal", whole=tenths // 10, tenth=tenths % 10)


def field_word(field: Field | str, name: str | None = None) -> Message | str:
    """The field's words in the catalogue, else its name in the profile."""
    ident = field if isinstance(field, str) else field.id
    fallback = name if isinstance(field, str) else field.name
    return FIELD_WORDS.get(ident) or fallback or ident
