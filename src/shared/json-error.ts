// Where a JSON text is invalid and why, in French with a 1-based line and column, for the block's "rien n'a été
// envoyé" message and the JSON editor's lint. The position comes from jsonc-parser (strict options), not from V8.
import { parse, type ParseError } from "jsonc-parser";
import { PARTS_STRINGS } from "./strings.ts";

const S = PARTS_STRINGS.json;

// jsonc-parser's ParseErrorCode values (a const enum in its typings, which isolated modules cannot read).
const ParseErrorCode = {
  InvalidSymbol: 1,
  InvalidNumberFormat: 2,
  PropertyNameExpected: 3,
  ValueExpected: 4,
  ColonExpected: 5,
  CommaExpected: 6,
  CloseBraceExpected: 7,
  CloseBracketExpected: 8,
  EndOfFileExpected: 9,
  InvalidCommentToken: 10,
  UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12,
  UnexpectedEndOfNumber: 13,
  InvalidUnicode: 14,
  InvalidEscapeCharacter: 15,
  InvalidCharacter: 16,
} as const;

/** An invalid JSON text's first error: French message, 1-based line and column, and the offset and length it covers. */
export interface JsonError {
  message: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) {
    line += 1;
    start = index + 1;
  }
  return { line, column: offset - start + 1 };
}

// The brackets still open before an offset (strings skipped), innermost last, with their offsets.
function openBrackets(text: string, end: number): { char: "{" | "["; offset: number }[] {
  const stack: { char: "{" | "["; offset: number }[] = [];
  for (let index = 0; index < end; index += 1) {
    const char = text[index];
    if (char === '"') {
      for (index += 1; index < end && text[index] !== '"'; index += 1) if (text[index] === "\\") index += 1;
    } else if (char === "{" || char === "[") stack.push({ char, offset: index });
    else if (char === "}" || char === "]") stack.pop();
  }
  return stack;
}

const previousSignificant = (text: string, offset: number): string => text.slice(0, offset).trimEnd().slice(-1);
const CLOSER = { "{": "}", "[": "]" } as const;

// The French message of one jsonc-parser error, read with the text around it.
function describe(text: string, error: ParseError, next: ParseError | undefined): string {
  const at = text[error.offset] ?? "";
  const atEnd = text.slice(error.offset).trim() === "";
  const open = openBrackets(text, error.offset);
  const inner = open[open.length - 1];
  const kind = (bracket: { char: "{" | "[" }) => (bracket.char === "{" ? S.object : S.array);
  const openLine = (bracket: { offset: number }) => lineColumn(text, bracket.offset).line;
  switch (error.error) {
    case ParseErrorCode.InvalidSymbol: {
      const word = text.substr(error.offset, error.length);
      if (word.startsWith("'")) return S.singleQuotes;
      if (next?.error === ParseErrorCode.PropertyNameExpected || previousSignificant(text, error.offset) === "{") return S.propertyQuotes;
      return S.unknownWord(word);
    }
    case ParseErrorCode.PropertyNameExpected:
      if (previousSignificant(text, error.offset) === "," && (at === "}" || at === "]")) return S.trailingComma(at);
      return atEnd ? S.endOfText : S.propertyQuotes;
    case ParseErrorCode.ValueExpected:
      if (text.trim() === "") return S.empty;
      if (atEnd) return inner ? S.unclosed(CLOSER[inner.char], kind(inner), openLine(inner)) : S.endOfText;
      if ((at === "]" || at === "}") && previousSignificant(text, error.offset) === ",") return S.trailingComma(at);
      return at === "," ? S.valueBeforeComma : S.valueExpected;
    case ParseErrorCode.ColonExpected:
      return S.colonMissing;
    case ParseErrorCode.CommaExpected:
      if ((at === "}" || at === "]") && inner && CLOSER[inner.char] !== at) return S.wrongCloser(at, CLOSER[inner.char], kind(inner), openLine(inner));
      if (/[0-9]/.test(at) && text[error.offset - 1] === "0" && !/[0-9.eE+-]/.test(text[error.offset - 2] ?? "")) return S.leadingZero;
      return S.commaMissing;
    case ParseErrorCode.CloseBraceExpected:
    case ParseErrorCode.CloseBracketExpected: {
      const closer = error.error === ParseErrorCode.CloseBraceExpected ? "}" : "]";
      if (atEnd && inner) return S.unclosed(closer, kind(inner), openLine(inner));
      return atEnd ? S.endOfText : S.closerExpected(closer);
    }
    case ParseErrorCode.EndOfFileExpected:
      return S.extraText;
    case ParseErrorCode.UnexpectedEndOfString:
      return S.unclosedString;
    case ParseErrorCode.InvalidCharacter:
      return S.controlChar;
    case ParseErrorCode.InvalidEscapeCharacter:
      return S.badEscape;
    case ParseErrorCode.InvalidUnicode:
      return S.badUnicode;
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return S.badNumber;
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return S.comment;
    default:
      return S.invalid;
  }
}

/** The first error of an invalid JSON text (French message, 1-based line and column), or undefined when it parses. */
export function jsonError(text: string): JsonError | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    // Described below from jsonc-parser's error codes.
  }
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { message: S.invalid, ...lineColumn(text, 0), offset: 0, length: 0 };
  return { message: describe(text, first, errors[1]), ...lineColumn(text, first.offset), offset: first.offset, length: first.length };
}

/** The error as one French sentence: "ligne 3, colonne 5 : virgule manquante". */
export function jsonErrorText(error: JsonError): string {
  return S.at(error.line, error.column, error.message);
}
