// The tokens of a block's real answer (JSON, XML) for src/runtime/highlight-answer.ts, which writes them as hl-* spans
// coloured like the build's Shiki examples (code.css). Pure, no DOM.

/** A piece of the text: its characters and its class (hl-key, hl-string…), none for punctuation, blanks and text. */
export interface AnswerToken {
  text: string;
  cls?: string;
}

// JSON: a string (a key when a colon follows), a number, a literal, or anything else as one plain run.
const JSON_TOKEN = /("(?:[^"\\\n]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|[^"\-\dtfn]+|[\s\S]/g;

// Appends a token, merged into the previous one when neither has a class.
type Push = (text: string, cls?: string) => void;

function jsonTokens(text: string, push: Push): void {
  for (const match of text.matchAll(JSON_TOKEN)) {
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined) {
      push(string, colon ? "hl-key" : "hl-string");
      if (colon) push(colon);
    } else if (number !== undefined) push(number, "hl-number");
    else if (literal !== undefined) push(literal, "hl-literal");
    else push(whole);
  }
}

// XML: comments, CDATA, tags (split below), entities and text.
const XML_TOKEN = /(<!--[\s\S]*?(?:-->|$))|(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))|(<[?!/]?[A-Za-z_][^<>]*>?)|(&#?\w+;)|[^<&]+|[\s\S]/g;
const TAG_HEAD = /^(<[?!/]?)([^\s>/?]+)/;
const ATTRIBUTE = /(\s+)([^\s=>/?]+)(?:(\s*=\s*)("[^"]*"?|'[^']*'?|[^\s>]+))?|[\s\S]/g;

function tagTokens(tag: string, push: Push): void {
  const head = TAG_HEAD.exec(tag)!;
  push(head[1]!);
  push(head[2]!, "hl-tag");
  for (const match of tag.slice(head[0].length).matchAll(ATTRIBUTE)) {
    const [whole, space, name, equals, value] = match;
    if (name === undefined) {
      push(whole);
      continue;
    }
    push(space!);
    push(name, "hl-attr");
    if (equals !== undefined) {
      push(equals);
      push(value!, "hl-string");
    }
  }
}

function xmlTokens(text: string, push: Push): void {
  for (const match of text.matchAll(XML_TOKEN)) {
    const [whole, comment, cdata, tag, entity] = match;
    if (comment !== undefined) push(comment, "hl-comment");
    else if (cdata !== undefined) push(cdata, "hl-string");
    else if (tag !== undefined) tagTokens(tag, push);
    else if (entity !== undefined) push(entity, "hl-entity");
    else push(whole);
  }
}

/** The tokens of an answer, in order; their texts joined give the text back; neighbours without a class are merged. */
export function answerTokens(text: string, lang: "json" | "xml" | "text"): AnswerToken[] {
  const out: AnswerToken[] = [];
  let plain = "";
  const push: Push = (piece, cls) => {
    if (!cls) {
      plain += piece;
      return;
    }
    if (plain !== "") out.push({ text: plain });
    plain = "";
    out.push({ text: piece, cls });
  };
  if (lang === "json") jsonTokens(text, push);
  else if (lang === "xml") xmlTokens(text, push);
  else push(text);
  if (plain !== "") out.push({ text: plain });
  return out;
}
