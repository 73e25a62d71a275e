// Alpine component "variablesPanel": a floating "Variables (n)" button that opens the panel as a dialog (from
// anywhere on the page, desktop and mobile), listing the variables the page's blocks use — with a field even when
// unset — and the others already filled; lets the reader edit them, keep or drop another tab's changes, and start
// over. Its markup is _includes/partials/variables-panel.njk. `variables:open` (detail: { name }) opens it on a field.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { BLOCK_ATTR, FILE_PLACEHOLDER, type BlockSpec } from "../../shared/block-contract.ts";
import { STRINGS } from "../../shared/strings.ts";
import { sourceLinks, type SourceLink } from "../providers.ts";
import { resetSimulator } from "../simulator.ts";
import { clearAll } from "../state/storage.ts";
import { editVariable, keepThisTabValues, locateSourcesWith, otherTabNames, takeOtherTabValues, type VariablesState } from "../state/variables.ts";

/** The document event that opens the panel on a variable's field: `detail: { name }` (name without braces). */
export const OPEN_EVENT = "variables:open";

/** One row of the panel. */
interface Row {
  name: string;
  inputId: string;
  label: string;
  value: string;
  /** "source : …" when set, "non renseignée" otherwise. */
  source: string;
  /** Link to the step the value came from, or (unset) to a block that provides it; "" when none. */
  href: string;
  linkText: string;
  /** Set when this tab keeps its own value while another tab changed it. */
  kept: string;
}

/** The variables the page's blocks use or fill, in order of first appearance (from the blocks' specs). */
export function pageVariables(root: ParentNode): string[] {
  const names = new Set<string>();
  for (const script of root.querySelectorAll(`script[${BLOCK_ATTR.spec}]`)) {
    try {
      const spec = JSON.parse(script.textContent ?? "{}") as Partial<BlockSpec>;
      for (const name of [...(spec.placeholders ?? []), ...(spec.captures ?? []).map((capture) => capture.variable)]) {
        if (name !== FILE_PLACEHOLDER) names.add(name);
      }
    } catch {
      // a block whose spec is unreadable reports it itself
    }
  }
  return [...names];
}

/** The link to the block of this page under the step titled `source` (the one being run when there are several). */
function locateOnPage(source: string): string | undefined {
  let heading = "";
  let first: string | undefined;
  const running = document.activeElement?.closest(`[${BLOCK_ATTR.root}]`);
  for (const node of document.querySelectorAll(`article h2, article h3, article h4, article [${BLOCK_ATTR.root}]`)) {
    if (/^H[2-4]$/.test(node.tagName)) heading = node.textContent?.trim() ?? "";
    else if (heading === source && node.id) {
      if (node === running) return `${location.pathname}#${node.id}`;
      first ??= `${location.pathname}#${node.id}`;
    }
  }
  return first;
}

const inputIdOf = (name: string) => `variable-${name.replace(/[^\p{L}\p{N}]+/gu, "-")}`;

/** The panel's state and methods (the markup binds to these names). */
interface Panel {
  needed: string[];
  /** Names shown though the page does not use them (asked for by `variables:open`, or emptied here). */
  shown: string[];
  links: Record<string, SourceLink>;
  opener: HTMLElement | null;
  init(): void;
  rowOf(name: string): Row;
  readonly rows: Row[];
  readonly otherRows: Row[];
  readonly filledRows: Row[];
  readonly hasOthers: boolean;
  readonly buttonText: string;
  readonly empty: boolean;
  readonly storageWarning: string;
  readonly otherTabText: string;
  readonly otherTabAlert: string;
  open(): void;
  openOn(name: string | undefined): void;
  close(): void;
  closed(): void;
  backdrop(event: MouseEvent): void;
  follow(): void;
  edit(event: Event): void;
  takeOthers(): void;
  keepMine(): void;
  reset(): Promise<void>;
}

/** Registers the panel component on the shared variables state and the storage status. */
export function registerVariablesPanel(Alpine: AlpineGlobal, variables: VariablesState, storage: { persistent: boolean }): void {
  locateSourcesWith(locateOnPage);
  Alpine.data("variablesPanel", (): Panel & ThisType<Panel & AlpineMagics> => ({
    needed: [],
    shown: [],
    links: {},
    opener: null,
    init() {
      this.needed = pageVariables(document);
      variables.needed = this.needed;
      void sourceLinks(this.needed, location.pathname).then((links) => (this.links = links));
      document.addEventListener(OPEN_EVENT, (event) => {
        const name = (event as CustomEvent<{ name?: unknown } | null>).detail?.name;
        this.openOn(typeof name === "string" ? name.replace(/^\{(.*)\}$/, "$1") : undefined);
      });
    },
    rowOf(name) {
      const variable = variables.items[name];
      const link = this.links[name];
      const other = variables.others[name];
      return {
        name,
        inputId: inputIdOf(name),
        label: `{${name}}`,
        value: variable?.value ?? "",
        source: variable ? (variable.href ? STRINGS.variablesPanel.sourcePrefix : STRINGS.variableSource(variable.source)) : STRINGS.variablesPanel.unset,
        href: variable ? (variable.href ?? "") : (link?.href ?? ""),
        linkText: variable ? (variable.href ? variable.source : "") : link ? STRINGS.variablesPanel.providedBy(link.pageTitle, link.samePage) : "",
        kept: other === undefined ? "" : STRINGS.variablesPanel.keptHere(other?.value),
      };
    },
    get rows() {
      return this.needed.map((name) => this.rowOf(name));
    },
    get otherRows() {
      const names = new Set([...Object.keys(variables.items), ...this.shown].filter((name) => !this.needed.includes(name)));
      return [...names].sort((a, b) => a.localeCompare(b)).map((name) => this.rowOf(name));
    },
    get filledRows() {
      return [...this.rows, ...this.otherRows].filter((row) => row.value !== "");
    },
    get hasOthers() {
      return this.otherRows.length > 0;
    },
    /** "Variables (filled/needed)" on a page with blocks, "Variables (count)" elsewhere. */
    get buttonText() {
      if (this.needed.length === 0) return STRINGS.variablesPanel.openAll(this.otherRows.length);
      return STRINGS.variablesPanel.open(this.rows.filter((row) => row.value !== "").length, this.needed.length);
    },
    get empty() {
      return this.needed.length === 0 && !this.hasOthers;
    },
    get storageWarning() {
      return storage.persistent ? "" : STRINGS.storageUnavailable;
    },
    get otherTabText() {
      const names = otherTabNames(variables);
      return names.length === 0 ? "" : STRINGS.variablesPanel.otherTab(names);
    },
    get otherTabAlert() {
      return variables.quiet ? "" : this.otherTabText;
    },
    open() {
      this.openOn(undefined);
    },
    openOn(name) {
      const dialog = this.$refs["dialog"] as HTMLDialogElement;
      if (typeof name === "string" && name !== "" && !this.needed.includes(name) && !this.shown.includes(name)) this.shown.push(name);
      if (!dialog.open) {
        this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        dialog.showModal();
      }
      void this.$nextTick(() => {
        const field = typeof name === "string" ? dialog.querySelector<HTMLInputElement>(`input[data-name="${CSS.escape(name)}"]`) : null;
        (field ?? dialog.querySelector<HTMLElement>(".variables__close"))?.focus();
      });
    },
    close() {
      (this.$refs["dialog"] as HTMLDialogElement).close();
    },
    /** The dialog closed (button, Escape, backdrop): focus goes back where it was. */
    closed() {
      const opener = this.opener;
      this.opener = null;
      if (opener?.isConnected) opener.focus();
    },
    backdrop(event) {
      if (event.target === this.$refs["dialog"]) this.close();
    },
    /** A source link was followed: close, and leave the focus and the scroll to the link's target. */
    follow() {
      this.opener = null;
      this.close();
    },
    /** Called on change of a value input; the input carries the variable name in data-name. */
    edit(event) {
      const input = event.target as HTMLInputElement;
      const name = input.dataset["name"];
      if (!name) return;
      // An emptied variable keeps its row (empty) until the page is left.
      if (!this.needed.includes(name) && !this.shown.includes(name)) this.shown.push(name);
      editVariable(variables, name, input.value.trim(), STRINGS.manualSource);
    },
    takeOthers() {
      takeOtherTabValues(variables);
    },
    keepMine() {
      keepThisTabValues(variables);
    },
    async reset() {
      if (!window.confirm(STRINGS.resetConfirm)) return;
      clearAll();
      takeOtherTabValues(variables);
      await resetSimulator();
      window.location.reload();
    },
  }));
}
