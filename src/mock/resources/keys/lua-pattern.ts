// The patterns of a key's `user_agent` and `referer` restrictions: Lua patterns, where `( ) . % + - * ? [ ] ^ $`
// are magic and `%` escapes them (e.g. `www.geoportail%-urbanisme.gouv.fr`), turned into a regular expression.

// Lua character classes after `%` (letters) and their regular-expression equivalents.
const CLASSES: Record<string, string> = { a: "A-Za-z", d: "0-9", l: "a-z", u: "A-Z", s: "\\s", w: "A-Za-z0-9", x: "0-9A-Fa-f", p: "!-/:-@\\[-`{-~", c: "\\x00-\\x1f" };
const escape = (char: string): string => char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/** A RegExp matching what the Lua pattern matches (anywhere in the text unless anchored by `^`), or undefined when the pattern is malformed. */
export function luaPatternRegExp(pattern: string): RegExp | undefined {
  let out = "";
  let index = 0;
  const item = (): string | undefined => {
    const char = pattern[index++]!;
    if (char === "%") {
      const next = pattern[index++];
      if (next === undefined) return undefined;
      const lower = next.toLowerCase();
      if (CLASSES[lower]) return next === lower ? `[${CLASSES[lower]}]` : `[^${CLASSES[lower]}]`;
      return escape(next);
    }
    if (char === ".") return "[\\s\\S]";
    if (char === "[") {
      let set = "[";
      if (pattern[index] === "^") (set += "^"), index++;
      let first = true;
      while (index < pattern.length && (pattern[index] !== "]" || first)) {
        first = false;
        const c = pattern[index++]!;
        if (c === "%") {
          const next = pattern[index++];
          if (next === undefined) return undefined;
          set += CLASSES[next.toLowerCase()] && next === next.toLowerCase() ? CLASSES[next.toLowerCase()] : escape(next);
        } else if (c === "-" && set.length > 1 && pattern[index] !== "]") set += "-";
        else set += escape(c);
      }
      if (pattern[index++] !== "]") return undefined;
      return `${set}]`;
    }
    return escape(char);
  };
  if (pattern.startsWith("^")) (out += "^"), index++;
  while (index < pattern.length) {
    if (pattern[index] === "$" && index === pattern.length - 1) {
      out += "$";
      break;
    }
    const single = item();
    if (single === undefined) return undefined;
    const quantifier = pattern[index];
    if (quantifier === "*" || quantifier === "+" || quantifier === "?") (out += single + quantifier), index++;
    else if (quantifier === "-") (out += `${single}*?`), index++;
    else out += single;
  }
  try {
    return new RegExp(out);
  } catch {
    return undefined;
  }
}

/** Whether the text satisfies the key's restriction (no restriction: always; a malformed pattern: never). */
export function matchesRestriction(pattern: string | undefined, text: string | null): boolean {
  if (pattern === undefined || pattern === "") return true;
  return luaPatternRegExp(pattern)?.test(text ?? "") ?? false;
}
