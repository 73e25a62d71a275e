// Alpine component "modeBanner": the banner that says requests go to the simulated datastore, and says so
// when it could not start. Markup: _includes/partials/mode-banner.njk.
import type { AlpineGlobal } from "@alpinejs/csp";

/** State shared with main.ts, which reports the simulator's start-up failure here. */
export interface ModeState {
  error: string;
}

/** Registers the banner component on the shared mode state. */
export function registerModeBanner(Alpine: AlpineGlobal, mode: ModeState): void {
  Alpine.data("modeBanner", () => ({
    get error(): string {
      return mode.error;
    },
  }));
}
