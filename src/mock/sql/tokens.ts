// Tokenizer of the SQL the simulated PostgreSQL runs (structure files of vector uploads, derivation statics):
// identifiers (folded to lower case unless "quoted"), 'strings' ('' escapes), $$dollar$$ bodies, numbers,
// operators and punctuation; -- and /* */ comments are skipped. Every token knows its line.

/** A lexical token. */
export interface Token {
  kind: "word" | "quoted" | "string" | "number" | "op" | "end";
  /** Identifier (lower-cased for words), string content, number text or operator. */
  text: string;
  line: number;
}

/** An SQL error, located at a line of the text (1-based). */
export class SqlError extends Error {
  constructor(readonly line: number, readonly detail: string) {
    super(`ligne ${line} : ${detail}`);
  }
}

/** Runs `action`, turning a plain Error (a value's conversion, a type error) into an SqlError at the line. */
export function atLine<T>(line: number, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof SqlError) throw error;
    throw new SqlError(line, error instanceof Error ? error.message : String(error));
  }
}

const OPERATORS = ["::", "<>", "!=", "<=", ">=", "||", "(", ")", ",", ";", ".", "=", "<", ">", "+", "-", "*", "/", "%"];

/** Splits SQL text into tokens (ending with an "end" token); SqlError on an unterminated string or comment, or a stray character. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const count = (text: string): void => {
    for (const c of text) if (c === "\n") line++;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      if (c === "\n") line++;
      i++;
    } else if (sql.startsWith("--", i)) {
      while (i < sql.length && sql[i] !== "\n") i++;
    } else if (sql.startsWith("/*", i)) {
      const end = sql.indexOf("*/", i + 2);
      if (end < 0) throw new SqlError(line, "commentaire /* non refermé");
      count(sql.slice(i, end));
      i = end + 2;
    } else if (c === "'") {
      const start = line;
      let text = "";
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlError(start, "chaîne de caractères non refermée (apostrophe manquante)");
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") { text += "'"; i += 2; continue; }
          i++;
          break;
        }
        if (sql[i] === "\n") line++;
        text += sql[i++];
      }
      tokens.push({ kind: "string", text, line: start });
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      if (end < 0) throw new SqlError(line, "identifiant entre guillemets non refermé");
      tokens.push({ kind: "quoted", text: sql.slice(i + 1, end), line });
      i = end + 1;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (!tag) throw new SqlError(line, "caractère « $ » inattendu");
      const end = sql.indexOf(tag, i + tag.length);
      if (end < 0) throw new SqlError(line, `bloc ${tag} non refermé`);
      const text = sql.slice(i + tag.length, end);
      tokens.push({ kind: "string", text, line });
      count(text);
      i = end + tag.length;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      const text = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(sql.slice(i))![0];
      tokens.push({ kind: "number", text, line });
      i += text.length;
    } else if (/[A-Za-z_\u00C0-\u024F]/.test(c)) {
      const text = /^[A-Za-z_\u00C0-\u024F][A-Za-z0-9_$\u00C0-\u024F]*/.exec(sql.slice(i))![0];
      tokens.push({ kind: "word", text: text.toLowerCase(), line });
      i += text.length;
    } else {
      const op = OPERATORS.find((candidate) => sql.startsWith(candidate, i));
      if (!op) throw new SqlError(line, `caractère « ${c} » inattendu`);
      tokens.push({ kind: "op", text: op, line });
      i += op.length;
    }
  }
  tokens.push({ kind: "end", text: "", line });
  return tokens;
}
