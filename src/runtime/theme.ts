// The reader's colour theme (light, dark or the system's), applied before the first paint: /assets/theme.js is a
// classic blocking script in <head> (no inline script: the CSP forbids them), so it imports nothing (an import would
// make esbuild share a chunk with app.js and turn this file into a module). The CSS honours <html data-theme>
// next to prefers-color-scheme (src/runtime/styles/base.css, code.css, diagrams.css).

// Wrapped in a function: a classic script's top-level names would be globals of the page.
(() => {
  /** The localStorage key: the site's prefix (src/runtime/state/storage.ts PREFIX) plus "theme". */
  const KEY = "entrepot-tutoriels:v1:theme";

  type Choice = "light" | "dark" | "system";

  /** The stored choice; "system" when none, unreadable or storage is unavailable. */
  function stored(): Choice {
    try {
      const value = globalThis.localStorage?.getItem(KEY);
      return value === "light" || value === "dark" ? value : "system";
    } catch {
      return "system";
    }
  }

  /** Sets (or removes, for "system") the data-theme attribute of <html>. */
  function apply(choice: Choice): void {
    if (choice === "system") document.documentElement.removeAttribute("data-theme");
    else document.documentElement.setAttribute("data-theme", choice);
  }

  /** Keeps the choice for the next pages; the theme still applies to this page when storage refuses it. */
  function store(choice: Choice): void {
    try {
      if (choice === "system") globalThis.localStorage?.removeItem(KEY);
      else globalThis.localStorage?.setItem(KEY, choice);
    } catch {
      // private mode or storage full: this page only
    }
  }

  /** Wires the header's theme selects (select[data-theme-select], _includes/layouts/base.njk). */
  function wire(): void {
    const selects = Array.from(document.querySelectorAll<HTMLSelectElement>("select[data-theme-select]"));
    for (const select of selects) {
      select.value = stored();
      select.addEventListener("change", () => {
        const choice = (["light", "dark"].includes(select.value) ? select.value : "system") as Choice;
        store(choice);
        apply(choice);
      });
    }
  }

  apply(stored());
  // Another tab changed the theme: follow it.
  globalThis.addEventListener("storage", (event) => {
    if (event.key !== KEY && event.key !== null) return;
    const choice = stored();
    apply(choice);
    document.querySelectorAll<HTMLSelectElement>("select[data-theme-select]").forEach((select) => (select.value = choice));
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
