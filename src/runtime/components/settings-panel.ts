// Alpine components "settingsPanel" (the Réglages dialog) and "settingsButton" (its header button).
// Markup: _includes/partials/settings.njk. Where each setting is kept: src/runtime/state/settings.ts.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { STRINGS } from "../../shared/strings.ts";
import { requestToken, listDatastores, type DatastoreChoice } from "../real-api.ts";
import type { Session } from "../state/session.ts";
import type { Fault } from "../../shared/faults.ts";
import { jwtExpiry, PRESETS, profileOf, saveSettings, storeToken, trimBase, type Mode } from "../state/settings.ts";
import { loadVariables, setVariables, type VariablesState } from "../state/variables.ts";

/** State and methods of the dialog; the markup binds to these names. */
interface SettingsPanel {
  mode: Mode;
  fault: Fault;
  preset: string;
  apiBase: string;
  tokenValue: string;
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
    preset: session.settings.preset,
    apiBase: session.settings.apiBase,
    tokenValue: session.token?.value ?? "",
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
        const focus = (event as CustomEvent<{ focus?: string } | null>).detail?.focus;
        if (focus === "token") dialog.querySelector<HTMLInputElement>("#settings-token")?.focus();
      });
    },
    open() {
      Object.assign(this, { mode: session.settings.mode, fault: session.settings.fault, preset: session.settings.preset, apiBase: session.settings.apiBase, error: "", message: "" });
      this.tokenValue = session.token?.value ?? "";
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
      const before = profileOf(session.settings);
      const settings = { mode: this.mode, fault: this.fault, preset: this.preset, apiBase, keepToken: this.keepToken, revealToken: this.revealToken };
      saveSettings(settings);
      const value = this.tokenValue.trim();
      const token = value ? { value, expiresAt: session.token?.value === value ? session.token.expiresAt : jwtExpiry(value) } : undefined;
      const reload = profileOf(settings) !== before;
      // A reload would lose a memory-only token: hand it over through this tab's sessionStorage once.
      storeToken(token, this.keepToken, reload);
      session.settings = settings;
      session.token = token;
      if (this.mode === "reel" && this.datastore.trim()) {
        const target = reload ? loadVariables(profileOf(settings)) : variables;
        setVariables(target, { datastore: this.datastore.trim() }, STRINGS.settings.datastoreSource);
      }
      this.close();
      if (reload) window.location.reload();
    },
  }));
}
