// The files of a DOWNLOAD offering, listed from the download service as a client reads it: the resource's feed
// (its sub-resources), then each sub-resource's feed (its files). No map. Test contract: data-map-state as panel.ts.
import * as z from "zod/mini";
import { STRINGS } from "../../shared/strings.ts";
import type { OpenedPanel, PanelOptions } from "./button.ts";
import { element } from "./dom.ts";
import { ServiceError, fetchOk } from "./http.ts";

const Link = z.object({ href: z.string(), rel: z.optional(z.string()), type: z.optional(z.string()), length: z.optional(z.number()) });
const Entry = z.object({ id: z.optional(z.string()), title: z.string(), link: z.array(Link) });
const Feed = z.object({ title: z.optional(z.string()), entry: z.array(Entry) });
type Feed = z.infer<typeof Feed>;

// A feed of the download service: JSON when it gives it, else its Atom XML (the service's default).
async function feedOf(url: string): Promise<Feed> {
  const response = await fetchOk(url, "application/json, application/atom+xml;q=0.9");
  const text = await response.text();
  let json: unknown;
  try {
    json = (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : atomFeed(text);
  } catch {
    json = undefined;
  }
  const parsed = Feed.safeParse(json);
  if (!parsed.success) throw new ServiceError(`${STRINGS.map.unreadable("flux du service de téléchargement")} : ${url}`);
  return parsed.data;
}

// An Atom feed as the JSON feed's shape (entries' titles and links).
function atomFeed(text: string): unknown {
  const document = new DOMParser().parseFromString(text, "application/xml");
  if (document.getElementsByTagName("parsererror").length > 0) return undefined;
  const entries = [...document.getElementsByTagNameNS("*", "entry")];
  return {
    entry: entries.map((entry) => ({
      title: [...entry.children].find((child) => child.localName === "title")?.textContent?.trim() ?? "",
      link: [...entry.children].filter((child) => child.localName === "link").map((link) => ({
        href: link.getAttribute("href") ?? "", rel: link.getAttribute("rel") ?? undefined, type: link.getAttribute("type") ?? undefined,
        length: link.hasAttribute("length") ? Number(link.getAttribute("length")) : undefined,
      })),
    })),
  };
}

// Saves a file fetched by the page: in simulated mode only the page's requests reach the simulated service
// (a link opened by the browser would go to the network).
async function save(url: string, name: string): Promise<void> {
  const blob = await (await fetchOk(url, "*/*")).blob();
  const link = element("a", { href: URL.createObjectURL(blob), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Lists the files of the resource, each a download link. */
export async function openPanel(panel: HTMLElement, options: PanelOptions): Promise<OpenedPanel> {
  const { target } = options;
  const status = panel.querySelector<HTMLElement>(".map-panel__status")!;
  const heading = element("h4", { class: "map-panel__title", id: `${panel.id}-title`, tabindex: "-1" }, STRINGS.map.downloadTitle(target.layer));
  const close = element("button", { type: "button", class: "map-panel__close" }, STRINGS.map.closeDownload);
  close.addEventListener("click", options.requestClose);
  panel.setAttribute("aria-labelledby", heading.id);
  panel.prepend(element("div", { class: "map-panel__head" }, heading, close));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") options.requestClose();
  });
  heading.focus();
  const resource = await feedOf(target.urls[0]!);
  const subs = await Promise.all(resource.entry.map(async (entry) => {
    const href = entry.link.find((link) => link.rel === "alternate")?.href ?? entry.link[0]?.href;
    return { title: entry.title, files: href ? (await feedOf(href)).entry : [] };
  }));
  const count = subs.reduce((total, sub) => total + sub.files.length, 0);
  const error = element("p", { class: "map-panel__error", role: "alert" });
  const lists = subs.map((sub) => element("section", { class: "map-download__sub" },
    element("h5", {}, sub.title),
    element("ul", { class: "map-download__files" }, ...sub.files.map((file) => {
      const link = file.link[0]!;
      const anchor = element("a", { href: link.href, download: file.title }, file.title);
      if (options.simulated) {
        anchor.addEventListener("click", (event) => {
          event.preventDefault();
          error.textContent = "";
          save(link.href, file.title).catch((reason: unknown) => (error.textContent = STRINGS.map.downloadFailed(file.title, reason instanceof Error ? reason.message : String(reason))));
        });
      }
      return element("li", {}, anchor, link.length === undefined ? "" : ` (${STRINGS.map.size(link.length)})`);
    }))));
  panel.append(...lists, error);
  status.textContent = STRINGS.map.downloadCount(count);
  panel.dataset["mapState"] = "rendered";
  panel.dataset["mapMs"] = String(Math.round(performance.now() - options.started));
  return { close() {} };
}
