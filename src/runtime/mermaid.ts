// Mermaid diagrams: pages with a ```mermaid fence get <pre class="mermaid" data-diagram> (src/build/markdown/mermaid-fence.ts).
// Mermaid (~3 MB) is imported lazily from /assets/vendor, only when such a block exists.

/** The part of Mermaid's API used here. */
interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  run(options: { nodes: HTMLElement[]; suppressErrors?: boolean }): Promise<void>;
}

// A variable specifier keeps esbuild from bundling Mermaid: the browser fetches this file at run time.
const MERMAID_URL = "/assets/vendor/mermaid/mermaid.esm.min.mjs";

const FAILURE_MESSAGE = "Le diagramme n’a pas pu être affiché ; sa description textuelle reste visible ci-dessus.";

/** True when the page is shown in dark mode (`data-theme` on <html> wins over the system preference). */
function prefersDark(): boolean {
  const forced = document.documentElement.dataset["theme"];
  if (forced === "dark" || forced === "light") return forced === "dark";
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Puts the diagram source back and explains, in French, that it could not be drawn. */
function showFailure(node: HTMLElement, source: string): void {
  node.removeAttribute("data-processed");
  node.classList.add("mermaid-failed");
  node.textContent = source;
  if (node.nextElementSibling?.classList.contains("mermaid-error")) return;
  const message = document.createElement("p");
  message.className = "mermaid-error";
  message.setAttribute("role", "status");
  message.textContent = FAILURE_MESSAGE;
  node.after(message);
}

/** Draws every pending diagram under `root`; loads Mermaid only if there is at least one. */
export async function renderMermaidDiagrams(root: ParentNode): Promise<void> {
  const nodes = Array.from(root.querySelectorAll<HTMLElement>("pre.mermaid[data-diagram]:not([data-processed])"));
  if (nodes.length === 0) return;
  const sources = new Map(nodes.map((node) => [node, node.textContent ?? ""] as const));
  let mermaid: MermaidApi;
  try {
    const url = MERMAID_URL;
    const module = (await import(/* webpackIgnore: true */ url)) as { default: MermaidApi };
    mermaid = module.default;
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: prefersDark() ? "dark" : "default" });
  } catch (error) {
    console.error("Mermaid n’a pas pu être chargé", error);
    for (const node of nodes) showFailure(node, sources.get(node) ?? "");
    return;
  }
  // One diagram at a time, so that a syntax error in one leaves the others drawn.
  for (const node of nodes) {
    try {
      await mermaid.run({ nodes: [node] });
      node.classList.add("mermaid-rendered");
    } catch (error) {
      console.error("Diagramme Mermaid invalide", error);
      showFailure(node, sources.get(node) ?? "");
    }
  }
}

/**
 * Draws the diagrams once one of them comes near the viewport, so that Mermaid (about 230 KB gz) is only
 * downloaded by readers who reach a diagram. Without IntersectionObserver, draws at once.
 */
export function renderMermaidWhenVisible(root: Document): void {
  const nodes = Array.from(root.querySelectorAll<HTMLElement>("pre.mermaid[data-diagram]"));
  if (nodes.length === 0) return;
  if (typeof IntersectionObserver === "undefined") {
    void renderMermaidDiagrams(root);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void renderMermaidDiagrams(root);
    },
    { rootMargin: "300px 0px" },
  );
  nodes.forEach((node) => observer.observe(node));
}
