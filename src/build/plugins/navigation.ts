// Site navigation: @11ty/eleventy-navigation (sidebar tree) plus breadcrumbs, previous/next and tutorial steps.
// Pages declare `eleventyNavigation: { key, parent?, order?, title? }`; pages sharing a parent form a chain.
import { createRequire } from "node:module";
import type { EleventyConfig } from "../eleventy-config.ts";
import { escapeHtml } from "../html.ts";
import { withToc } from "../toc.ts";
import { tutorialsByTheme, type Theme } from "./themes.ts";

const require = createRequire(import.meta.url);
const eleventyNavigation = require("@11ty/eleventy-navigation") as ((config: EleventyConfig) => void) & {
  navigation: { find(items: readonly CollectionItem[]): NavTreeEntry[] };
};

/** What a page puts in its `eleventyNavigation` front matter. */
interface NavigationData {
  key?: string;
  parent?: string;
  order?: number;
  title?: string;
  url?: string;
}

/** The part of a `collections.all` item read here. */
interface CollectionItem {
  url?: string | false;
  data?: { title?: unknown; eleventyNavigation?: NavigationData };
}

/** An entry of the @11ty/eleventy-navigation tree (the part the sidebar reads). */
interface NavTreeEntry {
  url?: string;
  title: unknown;
  children?: NavTreeEntry[];
}

/** A page in the navigation, as the filters return it. */
export interface NavLink {
  key: string;
  title: string;
  url: string;
  order?: number;
  parent?: string;
}

/** A step of a tutorial: a NavLink flagged when it is the page being rendered. */
export interface TutorialStep extends NavLink {
  current: boolean;
}

/** Result of `tutorialSteps`: the pages sharing the parent of a page, and its 1-based position (0 if none). */
export interface TutorialSteps {
  steps: TutorialStep[];
  index: number;
  total: number;
  parent: NavLink | null;
}

// One index per collections.all array (a new array on every build), shared by all the pages that use the filters.
const cache = new WeakMap<readonly CollectionItem[], Map<string, NavLink>>();

/** Every page with a navigation key and a URL, keyed by navigation key. */
export function navigationIndex(items: readonly CollectionItem[] | undefined): Map<string, NavLink> {
  const cached = items && cache.get(items);
  if (cached) return cached;
  const index = new Map<string, NavLink>();
  for (const item of items ?? []) {
    const nav = item.data?.eleventyNavigation;
    if (!nav?.key) continue;
    const url = nav.url ?? item.url;
    if (typeof url !== "string" || url === "") continue;
    const title = nav.title ?? (typeof item.data?.title === "string" ? item.data.title : nav.key);
    const link: NavLink = { key: nav.key, title, url };
    if (typeof nav.order === "number") link.order = nav.order;
    if (nav.parent) link.parent = nav.parent;
    index.set(nav.key, link);
  }
  if (items) cache.set(items, index);
  return index;
}


/** The sidebar tree of one build, with what does not depend on the page computed once. */
class SidebarTree {
  // Markup of each entry when the page is outside its subtree, and the URLs of its subtree.
  private readonly plain = new Map<NavTreeEntry, string>();
  private readonly urls = new Map<NavTreeEntry, string[]>();

  constructor(private readonly entries: readonly NavTreeEntry[]) {}

  /** The nested lists for the page at `currentUrl`: its link gets aria-current="page", its ancestors a class. */
  html(currentUrl: string): string {
    return this.list(this.entries, currentUrl, 1);
  }

  /** One level of nested list (`currentUrl` undefined: a page outside these entries' subtrees). */
  private list(entries: readonly NavTreeEntry[], currentUrl: string | undefined, level: number): string {
    let html = `<ul class="nav-list nav-list--level-${level}">`;
    for (const entry of entries) html += this.item(entry, currentUrl, level);
    return `${html}\n</ul>`;
  }

  /** One entry for the page at `pageUrl`; written once and reused for every page outside its subtree. */
  private item(entry: NavTreeEntry, pageUrl: string | undefined, level: number): string {
    const touches = (url: string) => pageUrl !== undefined && (url === "/" ? pageUrl === "/" : pageUrl.startsWith(url));
    const currentUrl = this.subtreeUrls(entry).some(touches) ? pageUrl : undefined;
    if (currentUrl === undefined && this.plain.has(entry)) return this.plain.get(entry)!;
    const url = entry.url;
    const inTrail = currentUrl !== undefined && url !== undefined && url !== "/" && currentUrl.startsWith(url);
    let html = `\n  <li class="nav-item${inTrail ? " nav-item--in-trail" : ""}">\n    `;
    html += url !== undefined
      ? `<a class="nav-link" href="${escapeHtml(url)}"${url === currentUrl ? ' aria-current="page"' : ""}>${escapeHtml(String(entry.title))}</a>`
      : `<span class="nav-link">${escapeHtml(String(entry.title))}</span>`;
    if (entry.children?.length) html += this.list(entry.children, currentUrl, level + 1);
    html += "\n  </li>";
    if (currentUrl === undefined) this.plain.set(entry, html);
    return html;
  }

  /** The URLs of an entry and of its descendants. */
  private subtreeUrls(entry: NavTreeEntry): string[] {
    let urls = this.urls.get(entry);
    if (!urls) {
      urls = [...(entry.url !== undefined ? [entry.url] : []), ...(entry.children ?? []).flatMap((child) => this.subtreeUrls(child))];
      this.urls.set(entry, urls);
    }
    return urls;
  }
}

// One sidebar tree per collections.all array (a new array on every build) instead of one per page.
const trees = new WeakMap<readonly CollectionItem[], SidebarTree>();

/** The sidebar navigation (_includes/partials/site-nav.njk) of the page at `currentUrl`, as HTML. */
export function siteNav(items: readonly CollectionItem[] | undefined, currentUrl: unknown): string {
  let tree = items && trees.get(items);
  if (!tree) {
    tree = new SidebarTree(eleventyNavigation.navigation.find(items ?? []));
    if (items) trees.set(items, tree);
  }
  return tree.html(typeof currentUrl === "string" ? currentUrl : "");
}

/** Orders links by `order` (missing orders last), keeping the collection order otherwise. */
function byOrder(a: NavLink, b: NavLink): number {
  return (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) || 0;
}

/** The pages sharing `parent` (top-level pages when it is undefined), sorted by order. */
export function childrenOf(index: Map<string, NavLink>, parent: string | undefined): NavLink[] {
  return [...index.values()].filter((link) => link.parent === parent).sort(byOrder);
}

/** Root-to-page chain of links for `key` (the page itself last); empty when the key is unknown. */
export function breadcrumbs(items: readonly CollectionItem[] | undefined, key: unknown): NavLink[] {
  if (typeof key !== "string") return [];
  const index = navigationIndex(items);
  const chain: NavLink[] = [];
  const seen = new Set<string>();
  let current = index.get(key);
  while (current && !seen.has(current.key)) {
    seen.add(current.key);
    chain.unshift(current);
    current = current.parent ? index.get(current.parent) : undefined;
  }
  return chain;
}

/** Previous and next pages among those sharing the parent of `key`; null at either end or when unknown. */
export function siblings(items: readonly CollectionItem[] | undefined, key: unknown): { prev: NavLink | null; next: NavLink | null } {
  if (typeof key !== "string") return { prev: null, next: null };
  const index = navigationIndex(items);
  const self = index.get(key);
  if (!self) return { prev: null, next: null };
  const chain = childrenOf(index, self.parent);
  const position = chain.findIndex((link) => link.key === key);
  return { prev: chain[position - 1] ?? null, next: chain[position + 1] ?? null };
}

/**
 * The steps of the tutorial `key` belongs to: the pages sharing its parent, in order.
 * Only pages at depth 3 or more are steps (Tutoriels › tutorial › step): top-level pages and children of a
 * top-level page (tutorials under "Tutoriels", sections under the home page) get total 0.
 */
export function tutorialSteps(items: readonly CollectionItem[] | undefined, key: unknown): TutorialSteps {
  const none: TutorialSteps = { steps: [], index: 0, total: 0, parent: null };
  if (typeof key !== "string") return none;
  const index = navigationIndex(items);
  const self = index.get(key);
  const parent = self?.parent ? index.get(self.parent) : undefined;
  if (!self || !parent?.parent) return none;
  const steps = childrenOf(index, self.parent).map((link) => ({ ...link, current: link.key === key }));
  return { steps, index: steps.findIndex((step) => step.current) + 1, total: steps.length, parent };
}

/**
 * Previous/next links of a tutorial page: `siblings`, except that the first step goes back to the tutorial's
 * overview and an overview whose children are steps leads to its first step (overview → step 1 → … → last step).
 */
export function tutorialPager(items: readonly CollectionItem[] | undefined, key: unknown): { prev: NavLink | null; next: NavLink | null } {
  const pager = siblings(items, key);
  if (typeof key !== "string") return pager;
  const index = navigationIndex(items);
  const steps = tutorialSteps(items, key);
  if (steps.total > 0) return { prev: pager.prev ?? steps.parent, next: pager.next };
  const self = index.get(key);
  const firstChild = childrenOf(index, key)[0];
  if (self?.parent && firstChild) return { prev: null, next: firstChild };
  return pager;
}

/**
 * The tutorial after the one whose last step is `key`, in the home page's order (themes, then tutorials:
 * `tutorialsByTheme`); null on any other page and after the last tutorial.
 */
export function nextTutorial(items: readonly CollectionItem[] | undefined, key: unknown, themes: readonly Theme[]): { title: string; url: string } | null {
  const steps = tutorialSteps(items, key);
  if (steps.total === 0 || steps.index !== steps.total || !steps.parent) return null;
  const order = tutorialsByTheme(items, themes).flatMap((theme) => theme.tutorials);
  const position = order.findIndex((tutorial) => tutorial.url === steps.parent!.url);
  const next = position === -1 ? undefined : order[position + 1];
  return next ? { title: next.title, url: next.url } : null;
}

/** Adds the navigation plugin and the `breadcrumbs`, `siblings`, `tutorialSteps`, `tutorialPager`, `nextTutorial`, `siteNav` and `withToc` filters. */
export default function navigation(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addPlugin(eleventyNavigation);
  eleventyConfig.addFilter("breadcrumbs", breadcrumbs);
  eleventyConfig.addFilter("siblings", siblings);
  eleventyConfig.addFilter("tutorialSteps", tutorialSteps);
  eleventyConfig.addFilter("tutorialPager", tutorialPager);
  eleventyConfig.addFilter("siteNav", siteNav);
  eleventyConfig.addFilter("nextTutorial", nextTutorial);
  eleventyConfig.addFilter("withToc", withToc);
}
