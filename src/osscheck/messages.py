"""User-facing text as data: a :class:`Message` is a catalogue code with its arguments.

Findings, reasons, hints and error messages are made as messages where they arise and rendered
once, in the language of the report, by :func:`render` (the JSON report keeps the English). The
texts live in the catalogues ``osscheck.catalogue.en`` and ``osscheck.catalogue.de``: a code maps
to a ``str.format`` template whose fields are the message's arguments. An argument that is itself
a message (a reason inside a finding, a category word, a parser's problem inside an error) is
rendered in the same language; any other argument is data (a licence id, a file name, a number)
and is shown as it is. Nothing is translated after the fact.

The report words (headings, table labels) are looked up by :func:`label`, keyed by their English
text the way gettext keys by msgid: the English catalogue needs no entry for them.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

#: the languages osscheck speaks; English is the source language
LANGUAGES = ("en", "de")


class Message:
    """A text to show: its catalogue ``code`` and the ``args`` its template names."""

    __slots__ = ("args", "code")

    def __init__(self, code: str, /, **args: object) -> None:
        self.code = code
        self.args = args

    def __str__(self) -> str:
        return render(self, "en")

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.args.items())
        return f"Message({self.code!r}{args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.code == self.code and other.args == self.args

    def __hash__(self) -> int:
        return hash((self.code, tuple(self.args.items())))

    def to_data(self) -> list[object]:
        """Plain JSON data (for the sealed memo files): ``[code, {name: value}]``."""
        return [self.code, {k: v.to_data() if isinstance(v, Message) else v for k, v in self.args.items()}]

    @classmethod
    def from_data(cls, data: list) -> Message:
        code, args = data
        return cls(code, **{k: cls.from_data(v) if isinstance(v, list) else v for k, v in args.items()})


def render(text: Message | str | None, lang: str = "en") -> str:
    """``text`` in ``lang``: a message from its catalogue (English where German lacks it), a str as it is."""
    if text is None:
        return ""
    if not isinstance(text, Message):
        return text  # data, or a text already rendered
    template = _templates(lang).get(text.code) if lang != "en" else None
    if template is None:
        template = _templates("en")[text.code]  # a code without English text is a bug: KeyError
    if not text.args:
        return template
    return template.format_map(_Arguments(text.args, lang))


class _Arguments(dict):
    """The arguments of a template, each message among them rendered in the template's language."""

    def __init__(self, args: Mapping[str, object], lang: str) -> None:
        super().__init__(args)
        self.lang = lang

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        return render(value, self.lang) if isinstance(value, Message) else value


def category_word(category: str) -> Message:
    """A licence category as a word of a sentence, written as its id in English (``weak-copyleft``)."""
    return Message("category." + category)  # codes: one per catalog.CATEGORIES, tested


def category_words(category: str) -> Message:
    """A licence category in words (``weak copyleft``)."""
    return Message("category-words." + category)


def verdict_word(verdict: str) -> Message:
    """A policy verdict (``allow``, ``review``, ``deny``) as a word of a sentence."""
    return Message("verdict." + verdict)


def label(text: str, lang: str) -> str:
    """A report word (heading, table label, status) in ``lang``; keyed by its English text, which
    is the English (so an English run loads no catalogue for its words)."""
    if lang == "de":
        from osscheck.catalogue.de import LABELS as GERMAN  # lazy: start-up

        return GERMAN.get(text, text)
    return text


def translator(lang: str) -> Callable[[Message | str], str]:
    """The ``_()`` of a report: its words (:func:`label`) and its messages (:func:`render`) in ``lang``."""
    return lambda text: render(text, lang) if isinstance(text, Message) else label(text, lang)


def _templates(lang: str) -> Mapping[str, str]:
    if lang == "de":
        from osscheck.catalogue.de import MESSAGES as GERMAN  # lazy: start-up

        return GERMAN
    from osscheck.catalogue.en import MESSAGES  # lazy: start-up

    return MESSAGES
