// Locates the first syntax error in a JSON text by line, column and JSON pointer, with a plain message in
// Indonesian (`message`) and English (`messageEn`).
// JSON.parse does the real parsing; this runs only after it fails, because its messages differ between
// browsers and Node and some (Safari's) give no position at all.
import { pointer, type Texts } from "./errors.js";
import { RULE_FILE_LIMITS } from "./limits.js";

/** Where a JSON text stops being JSON, and why, in Indonesian and English. */
export interface JsonSyntaxError {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** The value being read when the error was found ("" for the document). */
  pointer: string;
  /** Indonesian. */
  message: string;
  messageEn: string;
}

class SyntaxFailure {
  constructor(
    readonly offset: number,
    readonly message: Texts,
  ) {}
}

const WORD = /[A-Za-z0-9_$.+-]+/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

class Scanner {
  private pos = 0;
  private readonly path: Array<string | number> = [];
  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.whitespace();
    if (this.pos < this.text.length) {
      const found = this.found();
      this.fail({
        id: `ditemukan ${found.id} setelah akhir dokumen; yang diharapkan: tidak ada apa-apa lagi`,
        en: `found ${found.en} after the end of the document, expected nothing more`,
      });
    }
  }

  get pointer(): string {
    return pointer(...this.path);
  }

  private fail(message: Texts, at = this.pos): never {
    throw new SyntaxFailure(at, message);
  }

  private found(): Texts {
    if (this.pos >= this.text.length) return { id: "akhir teks", en: "the end of the text" };
    WORD.lastIndex = this.pos;
    const word = WORD.exec(this.text)?.[0];
    const shown = JSON.stringify(word || this.text[this.pos]);
    return { id: shown, en: shown };
  }

  private whitespace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "/" && (this.text[this.pos + 1] === "/" || this.text[this.pos + 1] === "*")) {
        this.fail({
          id: 'ditemukan komentar, padahal JSON tidak mengenal komentar; hapuslah (catatan bisa ditulis di kolom "description")',
          en: 'found a comment, but JSON does not allow comments; remove it (a "description" field can hold notes)',
        });
      } else return;
    }
  }

  private value(): void {
    this.whitespace();
    const c = this.text[this.pos];
    // The scanner recurses once per level, so a text nested deeper than a rule file may be stops here.
    if ((c === "{" || c === "[") && this.path.length >= RULE_FILE_LIMITS.depth) {
      const depth = RULE_FILE_LIMITS.depth;
      this.fail({
        id: `ditemukan nilai yang bersarang lebih dari ${depth} tingkat; yang diharapkan: paling banyak ${depth} tingkat dalam berkas aturan`,
        en: `found a value nested deeper than ${depth} levels, expected at most ${depth} levels in a rule file`,
      });
    }
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return void this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    if (c === "'") this.fail({ id: "ditemukan '; yang diharapkan: teks dalam tanda kutip ganda", en: "found ', expected a string in double quotes" });
    if (c === undefined) this.fail({ id: "teks berakhir di tempat yang seharusnya berisi nilai", en: "the text ends where a value was expected" });
    WORD.lastIndex = this.pos;
    const word = WORD.exec(this.text)?.[0];
    if (word === "true" || word === "false" || word === "null") {
      this.pos += word.length;
      return;
    }
    const found = this.found();
    this.fail({
      id: `ditemukan ${found.id}; yang diharapkan: sebuah nilai: teks dalam tanda kutip ganda, angka, objek, daftar, true, false atau null`,
      en: `found ${found.en}, expected a value: a string in double quotes, a number, an object, a list, true, false or null`,
    });
  }

  private object(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      const c = this.text[this.pos];
      if (c !== '"') {
        if (c === "'") this.fail({ id: "ditemukan '; yang diharapkan: nama properti dalam tanda kutip ganda", en: "found ', expected a property name in double quotes" });
        if (c === undefined) {
          this.fail({ id: 'teks berakhir di dalam objek; yang diharapkan: nama properti atau "}"', en: 'the text ends inside an object, expected a property name or "}"' });
        }
        WORD.lastIndex = this.pos;
        const word = WORD.exec(this.text)?.[0];
        if (word) {
          this.fail({
            id: `ditemukan ${word} tanpa tanda kutip; yang diharapkan: nama properti dalam tanda kutip ganda: "${word}"`,
            en: `found ${word} without quotes, expected a property name in double quotes: "${word}"`,
          });
        }
        const found = this.found();
        this.fail({
          id: `ditemukan ${found.id}; yang diharapkan: nama properti dalam tanda kutip ganda`,
          en: `found ${found.en}, expected a property name in double quotes`,
        });
      }
      const key = this.string();
      this.whitespace();
      if (this.text[this.pos] !== ":") {
        const found = this.found();
        this.fail({
          id: `ditemukan ${found.id}; yang diharapkan: ":" setelah nama properti "${key}"`,
          en: `found ${found.en}, expected ":" after the property name "${key}"`,
        });
      }
      this.pos++;
      this.path.push(key);
      this.value();
      this.path.pop();
      this.whitespace();
      const next = this.text[this.pos];
      if (next === "}") {
        this.pos++;
        return;
      }
      if (next !== ",") {
        const found = this.found();
        this.fail({
          id: `ditemukan ${found.id}; yang diharapkan: "," atau "}" setelah nilai "${key}"`,
          en: `found ${found.en}, expected "," or "}" after the value of "${key}"`,
        });
      }
      const comma = this.pos;
      this.pos++;
      this.whitespace();
      if (this.text[this.pos] === "}") {
        this.fail(
          { id: 'ditemukan koma sebelum "}"; yang diharapkan: properti lain setelahnya, atau tanpa koma', en: 'found a comma before "}", expected another property after it or no comma' },
          comma,
        );
      }
    }
  }

  private array(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.path.push(index);
      this.value();
      this.path.pop();
      this.whitespace();
      const next = this.text[this.pos];
      if (next === "]") {
        this.pos++;
        return;
      }
      if (next !== ",") {
        const found = this.found();
        this.fail({
          id: `ditemukan ${found.id}; yang diharapkan: "," atau "]" setelah butir ${index} daftar`,
          en: `found ${found.en}, expected "," or "]" after item ${index} of the list`,
        });
      }
      const comma = this.pos;
      this.pos++;
      this.whitespace();
      if (this.text[this.pos] === "]") {
        this.fail(
          { id: 'ditemukan koma sebelum "]"; yang diharapkan: butir lain setelahnya, atau tanpa koma', en: 'found a comma before "]", expected another item after it or no comma' },
          comma,
        );
      }
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) {
        this.fail({ id: 'teks berakhir di dalam teks bertanda kutip; yang diharapkan: tanda kutip penutup "', en: 'the text ends inside a string, expected a closing "' }, start);
      }
      if (c === '"') break;
      if (c < " ") {
        this.fail({
          id: 'ditemukan baris baru atau karakter kendali di dalam teks; yang diharapkan: tanda kutip penutup " lebih dulu (tulis \\n untuk baris baru)',
          en: 'found a line break or control character inside a string, expected a closing " first (write \\n for a line break)',
        });
      }
      if (c === "\\") {
        const escape = this.text[this.pos + 1];
        if (escape === "u") {
          HEX4.lastIndex = this.pos + 2;
          if (!HEX4.test(this.text)) {
            this.fail({
              id: "ditemukan escape \\u yang tidak sah; yang diharapkan: empat digit heksadesimal setelah \\u",
              en: "found an invalid \\u escape, expected four hexadecimal digits after \\u",
            });
          }
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
          const escapes = `\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`;
          this.fail({
            id: `ditemukan escape \\${escape ?? ""}; yang diharapkan: salah satu dari ${escapes}`,
            en: `found the escape \\${escape ?? ""}, expected one of ${escapes}`,
          });
        }
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text)?.[0];
    WORD.lastIndex = this.pos;
    const word = WORD.exec(this.text)?.[0] ?? "";
    if (!match || word.length > match.length) {
      this.fail({
        id: `ditemukan ${JSON.stringify(word)}; yang diharapkan: angka seperti 12, 0.5 atau -3`,
        en: `found ${JSON.stringify(word)}, expected a number such as 12, 0.5 or -3`,
      });
    }
    this.pos += match.length;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    return { ...lineAndColumn(text, error.offset), pointer: scanner.pointer, message: error.message.id, messageEn: error.message.en };
  }
}
