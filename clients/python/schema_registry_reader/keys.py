"""Key patterns: segments joined by "#", each a literal or one ``{attribute}`` placeholder.

The same grammar as lib/table-design/pattern.ts, written from schema.yaml's rules alone: placeholder
values are 1+ characters of printable ASCII (0x21-0x7E) other than "#", with no escaping, so a key always
splits unambiguously on the separator; integers are zero-padded to the attribute's ``pad_width``.
Every refusal raises KeyRuleError with the code the conformance vectors use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

SEPARATOR = "#"

#: The order in which a placeholder value is checked; the first failing check names the error.
CHECK_ORDER = (
    "missing_attribute",
    "not_an_integer",
    "out_of_range",
    "empty_value",
    "invalid_character",
    "too_long",
    "pattern_mismatch",
)

# fullmatch, not search with "$": Python's "$" also matches before a final newline.
_VALUE_CHARSET = re.compile(r"[\x21\x22\x24-\x7e]+")
_PARTIAL_CHARSET = re.compile(r"[\x21\x22\x24-\x7e]*")
_DIGITS = re.compile(r"[0-9]+")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# JavaScript numbers are doubles: integers beyond this are not exact, so keys refuse them.
MAX_SAFE_INTEGER = 2**53 - 1


class KeyRuleError(ValueError):
    """A value cannot go into a key, or a string cannot be read out of one. ``code`` is stable."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class PlaceholderSpec:
    """What a placeholder needs to know about its attribute."""

    type: str  # "string" or "integer"
    max_length: int | None = None
    pad_width: int | None = None
    pattern: str | None = None
    minimum: float | None = None


@dataclass(frozen=True)
class Segment:
    literal: str | None = None
    attribute: str | None = None


@dataclass(frozen=True)
class KeyPattern:
    source: str
    segments: tuple[Segment, ...]
    specs: Mapping[str, PlaceholderSpec]

    @property
    def attributes(self) -> list[str]:
        """Placeholder attributes, in order."""
        return [s.attribute for s in self.segments if s.attribute is not None]


def compile_pattern(source: str, specs: Mapping[str, PlaceholderSpec]) -> KeyPattern:
    """Splits a pattern on the separator; every placeholder must have a spec."""
    segments = []
    for part in source.split(SEPARATOR):
        m = _PLACEHOLDER.fullmatch(part)
        segments.append(Segment(attribute=m.group(1)) if m else Segment(literal=part))
    own = {}
    for s in segments:
        if s.attribute is not None:
            if s.attribute not in specs:
                raise ValueError(f'pattern "{source}" names attribute "{s.attribute}" with no spec')
            own[s.attribute] = specs[s.attribute]
    return KeyPattern(source, tuple(segments), own)


def _is_integer(value: Any) -> bool:
    # bool is an int subclass in Python, but JSON true is not a number anywhere else.
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer() and abs(value) <= MAX_SAFE_INTEGER
    return isinstance(value, int) and abs(value) <= MAX_SAFE_INTEGER


def encode_value(attribute: str, spec: PlaceholderSpec, value: Any) -> str:
    """Encodes one placeholder value, checking in CHECK_ORDER; raises KeyRuleError."""
    if value is None:
        raise KeyRuleError("missing_attribute", f'key attribute "{attribute}" is missing')
    if spec.type == "integer":
        if not _is_integer(value):
            raise KeyRuleError("not_an_integer", f'key attribute "{attribute}" must be an integer, got {value!r}')
        number = int(value)
        minimum = spec.minimum if spec.minimum is not None else 0
        if number < minimum:
            raise KeyRuleError("out_of_range", f'key attribute "{attribute}" must be at least {minimum}, got {number}')
        text = str(number)
        if spec.pad_width is not None:
            if len(text) > spec.pad_width:
                raise KeyRuleError("out_of_range", f'key attribute "{attribute}" has more than {spec.pad_width} digits: {number}')
            text = text.rjust(spec.pad_width, "0")
        return text
    if not isinstance(value, str):
        raise KeyRuleError("invalid_character", f'key attribute "{attribute}" must be a string, got {type(value).__name__}')
    if value == "":
        raise KeyRuleError("empty_value", f'key attribute "{attribute}" must not be empty')
    if not _VALUE_CHARSET.fullmatch(value):
        raise KeyRuleError(
            "invalid_character",
            f'key attribute "{attribute}" may hold only printable ASCII other than "#", got {value!r}; '
            "there is no escaping, so such a value cannot be a key",
        )
    # The value is ASCII now, so its length in characters is its length in bytes and UTF-16 units.
    if spec.max_length is not None and len(value) > spec.max_length:
        raise KeyRuleError("too_long", f'key attribute "{attribute}" is longer than {spec.max_length} characters')
    if spec.pattern is not None and not _regex(spec.pattern).search(value):
        raise KeyRuleError("pattern_mismatch", f'key attribute "{attribute}" {value!r} does not match {spec.pattern}')
    return value


_regexes: dict[str, re.Pattern[str]] = {}


def _regex(pattern: str) -> re.Pattern[str]:
    # schema.yaml patterns are ECMAScript regexes; the ones it uses mean the same in Python on ASCII input.
    if pattern not in _regexes:
        _regexes[pattern] = re.compile(pattern)
    return _regexes[pattern]


def build_key(pattern: KeyPattern, values: Mapping[str, Any]) -> str:
    """Builds a key string from attribute values."""
    parts = []
    for s in pattern.segments:
        if s.literal is not None:
            parts.append(s.literal)
        else:
            parts.append(encode_value(s.attribute, pattern.specs[s.attribute], values.get(s.attribute)))
    return SEPARATOR.join(parts)


def parse_key(pattern: KeyPattern, key: str) -> dict[str, Any]:
    """Parses a key string back into the attribute values it was built from; raises KeyRuleError."""
    parts = key.split(SEPARATOR)
    no_match = KeyRuleError("no_match", f'key {key!r} does not match pattern "{pattern.source}"')
    if len(parts) != len(pattern.segments):
        raise no_match
    values: dict[str, Any] = {}
    for s, part in zip(pattern.segments, parts):
        if s.literal is not None:
            if part != s.literal:
                raise no_match
            continue
        spec = pattern.specs[s.attribute]
        if spec.type == "integer":
            if not _DIGITS.fullmatch(part) or (spec.pad_width is not None and len(part) != spec.pad_width):
                raise KeyRuleError("no_match", f'key {key!r}: "{part}" is not a {spec.pad_width or ""}-digit integer for "{s.attribute}"')
            values[s.attribute] = int(part)
        else:
            values[s.attribute] = part
        # Re-encoding checks every other rule (charset, length, pattern) in one place.
        encode_value(s.attribute, spec, values[s.attribute])
    return values


def build_prefix(pattern: KeyPattern, values: Mapping[str, Any] | None = None, partial: str | None = None) -> str:
    """The ``begins_with`` prefix of a sort key.

    Literal and placeholder segments in order while values are given, each followed by the separator
    (so ``VERSION#`` never matches ``VERSIONS#``); ``partial`` is appended raw, unpadded and unterminated,
    in place of the first missing placeholder (e.g. a schema-name prefix).
    """
    values = values or {}
    out = ""
    for s in pattern.segments:
        if s.literal is not None:
            out += s.literal + SEPARATOR
            continue
        if s.attribute not in values:
            if partial:
                if not _PARTIAL_CHARSET.fullmatch(partial):
                    raise KeyRuleError("invalid_character", f'prefix for "{s.attribute}" may hold only printable ASCII other than "#"')
                out += partial
            return out
        out += encode_value(s.attribute, pattern.specs[s.attribute], values[s.attribute]) + SEPARATOR
    # Every segment given: the prefix is the whole key.
    return out[: -len(SEPARATOR)]


def family_attribute_name(template: str, placeholder_pattern: str, value: str) -> str:
    """Name of one member of an attribute family, e.g. ``b_{limit}_tk`` with "hour" -> ``b_hour_tk``."""
    if not isinstance(value, str) or not _regex(placeholder_pattern).search(value):
        raise KeyRuleError("pattern_mismatch", f'family value {value!r} for "{template}" does not match {placeholder_pattern}')
    return _PLACEHOLDER.sub(lambda _m: value, template, count=1)
