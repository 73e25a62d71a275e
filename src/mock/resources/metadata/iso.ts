// What the API reads of an ISO 19139 metadata file: its file identifier and its hierarchy level.
import { FormatError } from "../../formats/errors.ts";
import { localName, parseXml, textContent } from "../../formats/xml.ts";
import type { XmlElement } from "../../formats/xml.ts";

/** The fields of a metadata file the API shows. */
export interface IsoMetadata {
  fileIdentifier: string;
  level: "DATASET" | "SERIES";
}

// The direct child elements of an element with a local name.
const children = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((child): child is XmlElement => typeof child !== "string" && localName(child.name) === name);

/** Reads `gmd:MD_Metadata/gmd:fileIdentifier/gco:CharacterString` and `gmd:hierarchyLevel/gmd:MD_ScopeCode` (absent → DATASET);
 * throws FormatError (French) for malformed XML, another root or a missing identifier. */
export function readIsoMetadata(bytes: Uint8Array): IsoMetadata {
  const root = parseXml(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
  if (localName(root.name) !== "MD_Metadata") throw new FormatError(`l'élément racine doit être gmd:MD_Metadata (ISO 19139), il est ${root.name}`);
  const identifier = children(root, "fileIdentifier").flatMap((element) => children(element, "CharacterString")).map((element) => textContent(element).trim())[0];
  if (!identifier) throw new FormatError("identifiant de fiche absent (gmd:fileIdentifier/gco:CharacterString)");
  const scope = children(root, "hierarchyLevel").flatMap((element) => children(element, "MD_ScopeCode"))[0];
  const code = (scope?.attributes["codeListValue"] ?? (scope ? textContent(scope) : "")).trim().toLowerCase();
  return { fileIdentifier: identifier, level: code === "series" ? "SERIES" : "DATASET" };
}
