"""Canonical JSON (RFC 8785, JCS) and the SHA-256 fingerprint of a document.

The design hash is SHA-256 of the canonical JSON of the parsed schema.yaml, so every language must write
the exact bytes lib/util/canonical-json.ts writes: object keys sorted by UTF-16 code units, no
whitespace, strings as JSON.stringify escapes them, numbers in ECMAScript's shortest form.
"""

from __future__ import annotations

import hashlib
import json
import math
from decimal import Decimal
from typing import Any

# Integers above this are doubles in JavaScript, so they are written as the double they become.
_MAX_EXACT = 2**53


def ecmascript_number(value: int | float) -> str:
    """A number as ECMAScript's Number::toString writes it (what JCS specifies)."""
    if isinstance(value, int) and abs(value) <= _MAX_EXACT:
        return str(value)
    x = float(value)
    if not math.isfinite(x):
        return "null"  # JSON.stringify(NaN) and JSON.stringify(Infinity)
    if x == 0:
        return "0"
    if x < 0:
        return "-" + ecmascript_number(-x)
    # repr() is the shortest round-tripping form, as in ECMAScript; take its digits and exponent.
    _sign, digit_tuple, exponent = Decimal(repr(x)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    exponent += len(digit_tuple) - len(digits)
    k = len(digits)
    n = k + exponent  # the value is 0.<digits> * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def _utf16_order(key: str) -> bytes:
    # Big-endian UTF-16 bytes compare exactly as UTF-16 code units do (JavaScript's default sort).
    return key.encode("utf-16-be", "surrogatepass")


def canonical_json(value: Any) -> str:
    """Serializes a JSON-like value canonically."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return ecmascript_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    if isinstance(value, dict):
        for k in value:
            if not isinstance(k, str):
                raise TypeError(f"cannot canonicalize a mapping key of type {type(k).__name__}: {k!r}")
        keys = sorted(value, key=_utf16_order)
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical_json(value[k]) for k in keys) + "}"
    raise TypeError(f"cannot canonicalize {type(value).__name__}")


def fingerprint(value: Any) -> str:
    """SHA-256 (hex) of the UTF-8 canonical JSON of a value."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
