// Name normalisation of the integration into PostgreSQL (processing vector_to_db), for tables and columns.

// Letters NFD does not decompose.
const LIGATURES: Record<string, string> = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l" };

/** Longest PostgreSQL identifier. */
export const MAX_IDENTIFIER = 63;

/**
 * Normalises a table or column name: ligatures spelled out (œ → oe), accents removed (NFD, combining marks
 * dropped), lower case, every run of spaces, dashes and dots becomes "_", any other character outside
 * [a-z0-9_] is removed, repeated "_" are merged and "_" at both ends trimmed; a name starting with a digit
 * gets a leading "_", an empty result becomes "_"; at most 63 characters.
 * Examples: "Écorégions" → "ecoregions", "Code-ISO" → "code_iso", "Nom-Écorégion" → "nom_ecoregion".
 */
export function normaliseName(name: string): string {
  let out = [...name].map((c) => LIGATURES[c] ?? c).join("");
  out = out.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  out = out.replace(/[\s\-.]+/g, "_").replace(/[^a-z0-9_]/g, "").replace(/_+/g, "_").replace(/^_+|_+$/g, "");
  if (/^\d/.test(out)) out = `_${out}`;
  return (out || "_").slice(0, MAX_IDENTIFIER);
}

/** Normalises names and makes them unique among `taken` (suffixes _2, _3…); adds each result to `taken`. */
export function uniqueName(name: string, taken: Set<string>): string {
  const base = normaliseName(name);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, MAX_IDENTIFIER - String(n).length - 1)}_${n}`;
  taken.add(candidate);
  return candidate;
}
