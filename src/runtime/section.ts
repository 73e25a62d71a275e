// The page section an element sits in: its nearest heading before it (h2–h4), for the variables panel's "source"
// links of a block's or a flow's values.

/** The title and anchor of the section holding `element` (the page's title and no anchor when none). */
export function sectionOf(element: HTMLElement): { title: string; href: string } {
  let node: Element | null = element;
  while (node && node.tagName !== "ARTICLE") {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (/^H[2-4]$/.test(sibling.tagName)) return { title: sibling.textContent?.trim() || document.title, href: sibling.id ? `#${sibling.id}` : "" };
    }
    node = node.parentElement;
  }
  return { title: document.title, href: "" };
}
