/** Canonical JSON against the examples RFC 8785 publishes (sections 3.2.2, 3.2.3 and appendix B). */
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from '../../lib/util/canonical-json.js';

/** The IEEE 754 double whose bits are the 16 hex digits `hex`, as appendix B lists them. */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson (RFC 8785)', () => {
  // Appendix B, "Number Serialization Samples": the bits of a double and the text JCS writes for it.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'], // smallest positive subnormal
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'], // largest double
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'], // 2^53
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'], // 2^68
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double %s as %s', (hex, text) => {
    expect(canonicalJson(double(hex))).toBe(text);
  });

  // Appendix B also lists NaN and Infinity, which JCS must refuse (section 3.2.2.3).
  it.each([['7fffffffffffffff'], ['7ff0000000000000'], ['fff0000000000000']])('refuses the non-finite double %s', (hex) => {
    expect(() => canonicalJson(double(hex))).toThrow(/cannot canonicalize the number/);
    expect(() => canonicalJson({ a: [double(hex)] })).toThrow(/cannot canonicalize/);
  });

  it('serializes the primitives of section 3.2.2 as the RFC does, keys sorted and whitespace removed', () => {
    // The input of section 3.2.2, as JSON text, so that its number literals and escapes are parsed as written.
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('escapes strings as section 3.2.2.2 says: the short escapes, other controls as lowercase \\u00xx, everything else literal', () => {
    expect(canonicalJson('\b\t\n\f\r"\\')).toBe(String.raw`"\b\t\n\f\r\"\\"`);
    expect(canonicalJson('\u0000\u001f\u007f')).toBe('"\\u0000\\u001f\u007f"');
    expect(canonicalJson('/€😀')).toBe('"/€😀"');
  });

  it('orders keys by UTF-16 code units, as in the example of section 3.2.3', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const parsed = JSON.parse(input) as Record<string, string>;
    const expected = `{${order.map((key) => `${JSON.stringify(key)}:${JSON.stringify(parsed[key])}`).join(',')}}`;
    expect(canonicalJson(parsed)).toBe(expected);
    // The emoji's surrogates (U+D83D...) sort before U+FB33, although its code point (U+1F600) is larger.
    const text = canonicalJson(parsed);
    expect(text.indexOf('\ud83d\ude00')).toBeLessThan(text.indexOf('\ufb33'));
  });

  it('sorts nested objects too, keeps array order, and leaves out undefined members', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }], a: { y: undefined, x: 'x' } })).toBe('{"a":{"x":"x"},"b":[3,{"a":2,"z":1}]}');
  });

  it('refuses values JSON has no form for', () => {
    expect(() => canonicalJson(undefined)).toThrow(/cannot canonicalize undefined/);
    expect(() => canonicalJson([() => 1])).toThrow(/cannot canonicalize function/);
    expect(() => canonicalJson(1n)).toThrow();
  });

  it('gives the same text from a cache, and caches per object', () => {
    const cache = new WeakMap<object, string>();
    const inner = { b: 1, a: 2 };
    const value = { list: [inner, inner] };
    expect(canonicalJson(value, cache)).toBe(canonicalJson(value));
    expect(cache.get(inner)).toBe('{"a":2,"b":1}');
  });

  it('fingerprints the canonical text, so key order does not change the hash', () => {
    expect(fingerprint({ a: 1, b: [true, null] })).toBe(fingerprint({ b: [true, null], a: 1 }));
    // SHA-256 of the UTF-8 bytes of `{"a":1}`.
    expect(fingerprint({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
});
