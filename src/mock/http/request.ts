// Reading JSON request bodies: 400 when unparsable, nested deeper than the API ever needs, or holding a text
// longer than a field can be (checked without recursion, so that no input can exhaust the stack).
import { badRequest } from "../core/errors.ts";

/** Deepest nesting of arrays and objects accepted in a JSON body. */
export const MAX_JSON_DEPTH = 32;
/** Longest text accepted in any JSON field or key, in characters. */
export const MAX_TEXT_LENGTH = 65_536;

// The first problem of a parsed value (depth, text length), walking it with an explicit stack.
function limitProblem(root: unknown): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: "" }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === "string") {
      if (value.length > MAX_TEXT_LENGTH) return `Le champ « ${path || "(racine)"} » dépasse ${MAX_TEXT_LENGTH} caractères (${value.length} reçus).`;
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `Le corps de la requête est imbriqué trop profondément (plus de ${MAX_JSON_DEPTH} niveaux de tableaux ou d'objets, à « ${path.slice(0, 200)} »).`;
    if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, depth: depth + 1, path: `${path}[${index}]` }));
    else {
      for (const [key, item] of Object.entries(value)) {
        if (key.length > MAX_TEXT_LENGTH) return `Un nom de champ dépasse ${MAX_TEXT_LENGTH} caractères.`;
        stack.push({ value: item, depth: depth + 1, path: path ? `${path}.${key.slice(0, 80)}` : key.slice(0, 80) });
      }
    }
  }
  return undefined;
}

/** The parsed JSON body (undefined when empty); 400 when it is not JSON or breaks the limits. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`Le corps de la requête n'est pas du JSON valide : ${error instanceof Error ? error.message : String(error)}.`);
  }
  const problem = limitProblem(value);
  if (problem) throw badRequest(problem);
  return value;
}
