// A private offering on the map: the HASH key its services want (`apikey=`), taken from the tutorial's {apikey}
// variable or pasted by the reader, and the French message of a refusal (401 without a key, 403 for a restricted one).
import { ACCESS_STRINGS } from "../../shared/strings-access.ts";
import { loadSettings, profileOf } from "../state/settings.ts";
import { loadVariables } from "../state/variables.ts";
import { element } from "./dom.ts";
import { ServiceError } from "./http.ts";
import type { MapTarget } from "./offering.ts";

/** The variable the access control tutorial fills with its key's value. */
export const KEY_VARIABLE = "apikey";

/** The key saved in the current profile's variables (the reader's latest), or undefined. */
export function savedKey(): string | undefined {
  return loadVariables(profileOf(loadSettings())).items[KEY_VARIABLE]?.value.trim() || undefined;
}

/** The key field and its button; `draw` gets the key typed (undefined when emptied). */
export function keyForm(id: string, draw: (key: string | undefined) => void): HTMLFormElement {
  const input = element("input", { id: `${id}-key`, type: "text", spellcheck: "false", autocomplete: "off", "aria-describedby": `${id}-key-hint` });
  input.value = savedKey() ?? "";
  const form = element("form", { class: "map-panel__key" },
    element("label", { for: input.id }, ACCESS_STRINGS.privateKeyLabel),
    element("div", { class: "map-panel__key-row" }, input, element("button", { type: "submit", class: "map-panel__secondary" }, ACCESS_STRINGS.privateDraw)),
    element("p", { class: "map-panel__key-hint", id: `${id}-key-hint` }, ACCESS_STRINGS.privateKeyHint(KEY_VARIABLE)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    draw(input.value.trim() || undefined);
  });
  return form;
}

/** What to say of a failure: a private service's 401/403 in words, anything else as it is. */
export function refusal(target: MapTarget, error: unknown): string {
  if (target.private && error instanceof ServiceError && (error.status === 401 || error.status === 403)) return ACCESS_STRINGS.privateRefused(error.status);
  return error instanceof Error ? error.message : String(error);
}
