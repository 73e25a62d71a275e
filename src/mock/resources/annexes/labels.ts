// Labels of annexes and documents: list filters, so each is a non-empty text of at most 64 characters without a
// comma (commas separate labels in multipart fields and query parameters); duplicates are kept once.
import type { Problems } from "../../core/errors.ts";

/** Longest label accepted. */
export const MAX_LABEL_LENGTH = 64;

/** The labels, once each, in the order given; a problem (French) for each invalid one. */
export function checkLabels(labels: string[], problems: Problems, field = "labels"): string[] {
  labels.forEach((label, index) => {
    const where = `${field}[${index}]`;
    if (label.trim() === "") problems.add(`${where} : étiquette vide.`);
    else if (label.includes(",")) problems.add(`${where} : l'étiquette ${JSON.stringify(label)} ne doit pas contenir de virgule (elle sépare les étiquettes).`);
    else if (label.length > MAX_LABEL_LENGTH) problems.add(`${where} : l'étiquette ${JSON.stringify(label.slice(0, 20))}… dépasse ${MAX_LABEL_LENGTH} caractères.`);
  });
  return [...new Set(labels)];
}
