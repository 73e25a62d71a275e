// Alpine component "modeBanner": says whether requests go to the simulated datastore or to a real API,
// and reports the simulator's start-up failure and the stored entries ignored as unreadable (state/storage.ts).
// Markup: _includes/partials/mode-banner.njk.
import type { AlpineGlobal } from "@alpinejs/csp";
import { STRINGS } from "../../shared/strings.ts";
import { ACCESS_STRINGS } from "../../shared/strings-access.ts";
import type { Session } from "../state/session.ts";

/** State shared with main.ts, which reports the simulator's start-up failure here. */
export interface ModeState {
  error: string;
}

/** Registers the banner component on the shared session, mode state and storage status. */
export function registerModeBanner(Alpine: AlpineGlobal, session: Session, mode: ModeState, storage: { ignored: readonly string[] }): void {
  Alpine.data("modeBanner", () => ({
    get real(): boolean {
      return session.settings.mode === "reel";
    },
    get apiBase(): string {
      return session.settings.apiBase;
    },
    /** Whether requests leave with the reader's token: the banner must not promise one that was not given. */
    get tokenText(): string {
      return session.token?.value ? ACCESS_STRINGS.realBannerToken : ACCESS_STRINGS.realBannerNoToken;
    },
    get bannerClass(): string {
      return session.settings.mode === "reel" ? "mode-banner--real" : "";
    },
    get error(): string {
      return mode.error;
    },
    get ignoredNotice(): string {
      return storage.ignored.length > 0 ? STRINGS.ignoredNotice(storage.ignored) : "";
    },
    get faultText(): string {
      const fault = session.settings.fault;
      return session.settings.mode === "simule" && fault !== "none" ? STRINGS.faultActive[fault] : "";
    },
  }));
}
