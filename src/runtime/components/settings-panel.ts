// Alpine components "settingsPanel" (the Réglages dialog) and "settingsButton" (its header button).
// Markup: _includes/partials/settings.njk. Where each setting is kept: src/runtime/state/settings.ts.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { STRINGS } from "../../shared/strings.ts";
import { ACCESS_STRINGS } from "../../shared/strings-access.ts";
import { requestToken, listDatastores, type DatastoreChoice } from "../real-api.ts";
import type { Session } from "../state/session.ts";
import type { Fault, Pace } from "../../shared/faults.ts";
import { jwtExpiry } from "../../shared/jwt.ts";
import { PRESETS, profileOf, saveSettings, storeToken, storeUserTokens, trimBase, type Mode, type TokenInfo, type UserTokens } from "../state/settings.ts";
import { loadVariables, setVariables, type VariablesState } from "../state/variables.ts";

/** State and methods of the dialog; the markup binds to these names. */
interface SettingsPanel {
  mode: Mode;
  fault: Fault;
  pace: Pace;
  preset: string;
  apiBase: string;
  tokenValue: string;
  /** Anne's token (blocks with `utilisateur=anne` in real mode). */
  anneToken: string;
  /** The reader was told that real mode without a token sends requests without one; a second save goes on. */
  noTokenWarned: boolean;
  tokenVisible: boolean;
  keepToken: boolean;
  revealToken: boolean;
  username: string;
  password: string;
  totp: string;
  datastore: string;
  datastores: DatastoreChoice[];
  message: string;
  error: string;
  busy: boolean;
  readonly isReal: boolean;
  readonly isCustom: boolean;
  readonly canLogin: boolean;
  readonly tokenInputType: string;
  readonly tokenToggleLabel: string;
  readonly expiryText: string;
  init(): void;
  open(): void;
  close(): void;
  presetChanged(): void;
  toggleToken(): void;
  login(): Promise<void>;
  loadDatastores(): Promise<void>;
  save(): void;
}

/** "Expire dans 12 min (14:05)" / "Expiré" / "" for a token expiry. */
function expiryLabel(expiresAt: number | undefined, now = Date.now()): string {
  if (expiresAt === undefined) return "";
  if (expiresAt <= now) return STRINGS.settings.expired;
  const time = new Date(expiresAt).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
  return STRINGS.settings.expiresIn(Math.ceil((expiresAt - now) / 60_000), time);
}

// A pasted token with its expiry (the one already known for the same value, else the JWT's `exp`), or undefined.
function tokenOf(value: string, known: TokenInfo | undefined): TokenInfo | undefined {
  if (!value) return undefined;
  const expiresAt = known?.value === value ? known.expiresAt : jwtExpiry(value);
  return expiresAt === undefined ? { value } : { value, expiresAt };
}

/** Registers the dialog and its button on the shared session. */
export function registerSettings(Alpine: AlpineGlobal, session: Session, variables: VariablesState): void {
  Alpine.data("settingsButton", () => ({
    get label(): string {
      return session.settings.mode === "reel" ? STRINGS.settings.buttonReal : STRINGS.settings.buttonSimulated;
    },
    open() {
      document.dispatchEvent(new CustomEvent("settings:open"));
    },
  }));

  Alpine.data("settingsPanel", (): SettingsPanel & ThisType<SettingsPanel & AlpineMagics> => ({
    mode: session.settings.mode,
    fault: session.settings.fault,
    pace: session.settings.pace,
    preset: session.settings.preset,
    apiBase: session.settings.apiBase,
    tokenValue: session.token?.value ?? "",
    anneToken: session.userTokens.anne?.value ?? "",
    noTokenWarned: false,
    tokenVisible: false,
    keepToken: session.settings.keepToken,
    revealToken: session.settings.revealToken,
    username: "",
    password: "",
    totp: "",
    datastore: "",
    datastores: [],
    message: "",
    error: "",
    busy: false,

    get isReal() {
      return this.mode === "reel";
    },
    get isCustom() {
      return this.preset === "custom";
    },
    get canLogin() {
      return Boolean(PRESETS.find((preset) => preset.id === this.preset)?.token_url);
    },
    get tokenInputType() {
      return this.tokenVisible ? "text" : "password";
    },
    get tokenToggleLabel() {
      return this.tokenVisible ? STRINGS.settings.hideToken : STRINGS.settings.showToken;
    },
    get expiryText() {
      const value = this.tokenValue.trim();
      if (!value) return STRINGS.settings.noToken;
      const known = session.token?.value === value ? session.token.expiresAt : undefined;
      return expiryLabel(known ?? jwtExpiry(value)) || STRINGS.settings.expiryUnknown;
    },

    init() {
      const dialog = this.$root as HTMLDialogElement;
      document.addEventListener("settings:open", (event) => {
        this.open();
        const detail = (event as CustomEvent<{ focus?: string; user?: string } | null>).detail;
        const field = detail?.focus === "token" ? "#settings-token" : detail?.focus === "user-token" && detail.user === "anne" ? "#settings-user-token-anne" : "";
        // After Alpine has shown the real mode's fields.
        if (field) void this.$nextTick(() => dialog.querySelector<HTMLInputElement>(field)?.focus());
      });
    },
    open() {
      Object.assign(this, { mode: session.settings.mode, fault: session.settings.fault, pace: session.settings.pace, preset: session.settings.preset, apiBase: session.settings.apiBase, error: "", message: "" });
      this.tokenValue = session.token?.value ?? "";
      this.anneToken = session.userTokens.anne?.value ?? "";
      this.noTokenWarned = false;
      this.datastore = loadVariables(profileOf({ ...session.settings, mode: "reel", apiBase: this.apiBase })).items["datastore"]?.value ?? "";
      const dialog = this.$root as HTMLDialogElement;
      if (!dialog.open) dialog.showModal();
    },
    close() {
      this.password = "";
      (this.$root as HTMLDialogElement).close();
    },
    presetChanged() {
      const preset = PRESETS.find((item) => item.id === this.preset);
      if (preset) this.apiBase = preset.api;
    },
    toggleToken() {
      this.tokenVisible = !this.tokenVisible;
    },

    /** Keycloak password grant; the password is forgotten right after. */
    async login() {
      const preset = PRESETS.find((item) => item.id === this.preset);
      if (!preset?.token_url) return;
      this.busy = true;
      this.error = "";
      this.message = STRINGS.settings.loggingIn;
      try {
        const token = await requestToken(preset.token_url, this.username, this.password, this.totp);
        this.tokenValue = token.value;
        session.token = token;
        this.message = STRINGS.settings.loggedIn(expiryLabel(token.expiresAt));
      } catch (error) {
        this.message = "";
        this.error = (error as Error).message;
      } finally {
        this.password = "";
        this.totp = "";
        this.busy = false;
      }
    },

    async loadDatastores() {
      this.busy = true;
      this.error = "";
      try {
        this.datastores = await listDatastores(trimBase(this.apiBase), this.tokenValue.trim());
        this.message = STRINGS.settings.datastoresFound(this.datastores.length);
        if (this.datastores.length > 0 && !this.datastore) this.datastore = this.datastores[0]!.id;
      } catch (error) {
        this.error = (error as Error).message;
      } finally {
        this.busy = false;
      }
    },

    /** Saves; a change of mode or API base reloads the page (each has its own variables and results). */
    save() {
      const apiBase = trimBase(this.apiBase);
      if (this.mode === "reel" && !/^https?:\/\/[^\s/]+/.test(apiBase)) {
        this.error = STRINGS.settings.badBase;
        return;
      }
      const value = this.tokenValue.trim();
      // Real mode without a token: said once (requests would leave without Authorization), then accepted.
      if (this.mode === "reel" && !value && !this.noTokenWarned) {
        this.noTokenWarned = true;
        this.error = ACCESS_STRINGS.noTokenWarning;
        (this.$root as HTMLDialogElement).querySelector<HTMLInputElement>("#settings-token")?.focus();
        return;
      }
      const before = profileOf(session.settings);
      const settings = { mode: this.mode, fault: this.fault, pace: this.pace, preset: this.preset, apiBase, keepToken: this.keepToken, revealToken: this.revealToken };
      saveSettings(settings);
      const token = tokenOf(value, session.token);
      const anne = tokenOf(this.anneToken.trim(), session.userTokens.anne);
      const userTokens: UserTokens = anne ? { anne } : {};
      const reload = profileOf(settings) !== before;
      // A reload would lose a memory-only token: hand it over through this tab's sessionStorage once.
      storeToken(token, this.keepToken, reload);
      storeUserTokens(userTokens, this.keepToken, reload);
      session.settings = settings;
      session.token = token;
      session.userTokens = userTokens;
      if (this.mode === "reel" && this.datastore.trim()) {
        const target = reload ? loadVariables(profileOf(settings)) : variables;
        setVariables(target, { datastore: this.datastore.trim() }, STRINGS.settings.datastoreSource);
      }
      this.close();
      if (reload) window.location.reload();
    },
  }));
}
