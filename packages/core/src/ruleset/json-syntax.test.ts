import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "./json-syntax.js";

describe("findJsonSyntaxError", () => {
  it("finds nothing wrong in valid JSON", () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, "x\\n\\u00e9", true, null, {}]}')).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 1, 8, "", 'found a comma before "}", expected another property after it or no comma'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "", 'found "\\"", expected "," or "}" after the value of "a"'],
    ['{"a": [1, 2,]}', 1, 12, "/a", 'found a comma before "]", expected another item after it or no comma'],
    ["{a: 1}", 1, 2, "", 'found a without quotes, expected a property name in double quotes: "a"'],
    ["{'a': 1}", 1, 2, "", "found ', expected a property name in double quotes"],
    ['{"a": tru}', 1, 7, "/a", 'found "tru", expected a value: a string in double quotes, a number, an object, a list, true, false or null'],
    ['{"a": 1} x', 1, 10, "", 'found "x" after the end of the document, expected nothing more'],
    ['{"a": "x\ny"}', 1, 9, "/a", 'found a line break or control character inside a string, expected a closing " first (write \\n for a line break)'],
    ["// note\n{}", 1, 1, "", 'found a comment, but JSON does not allow comments; remove it (a "description" field can hold notes)'],
    ['{"a": {"b": [1, {"c": 012}]}}', 1, 23, "/a/b/1/c", 'found "012", expected a number such as 12, 0.5 or -3'],
    ['{"a": "\\x"}', 1, 8, "/a", "found the escape \\x, expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"],
    ['{"a":', 1, 6, "/a", "the text ends where a value was expected"],
    ['{"a": "open', 1, 7, "/a", 'the text ends inside a string, expected a closing "'],
    ['{"a" 1}', 1, 6, "", 'found "1", expected ":" after the property name "a"'],
  ])("%j → line %i, column %i at %j", (text, line, column, pointer, messageEn) => {
    expect(findJsonSyntaxError(text)).toEqual({ line, column, pointer, message: expect.any(String), messageEn });
  });

  it.each([
    ['{"a": 1,}', 'ditemukan koma sebelum "}"; yang diharapkan: properti lain setelahnya, atau tanpa koma'],
    ["{a: 1}", 'ditemukan a tanpa tanda kutip; yang diharapkan: nama properti dalam tanda kutip ganda: "a"'],
    ['{"a": tru}', 'ditemukan "tru"; yang diharapkan: sebuah nilai: teks dalam tanda kutip ganda, angka, objek, daftar, true, false atau null'],
    ["// note\n{}", 'ditemukan komentar, padahal JSON tidak mengenal komentar; hapuslah (catatan bisa ditulis di kolom "description")'],
    ['{"a":', "teks berakhir di tempat yang seharusnya berisi nilai"],
    ['{"a" 1}', 'ditemukan "1"; yang diharapkan: ":" setelah nama properti "a"'],
  ])("%j is told in Indonesian first", (text, message) => {
    expect(findJsonSyntaxError(text)?.message).toBe(message);
  });
});
