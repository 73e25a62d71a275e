// Texts of the local server: the start messages (French) and the check of a raw request target.
import type { SqliteSource } from "./sqlite-source.ts";

/** Why a raw request target cannot be served (French), or undefined when it is a well-encoded `/…` path. */
export function targetProblem(target: string | undefined): string | undefined {
  // `//host/…` would otherwise be read as a protocol-relative URL pointing elsewhere.
  if (target === undefined || !target.startsWith("/") || target.startsWith("//")) {
    return `Cible de requête invalide : ${JSON.stringify(target ?? "")} (un chemin commençant par « / » est attendu).`;
  }
  try {
    decodeURIComponent(new URL(target, "http://127.0.0.1").pathname);
  } catch {
    return `Cible de requête invalide ou mal encodée : ${JSON.stringify(target.slice(0, 200))}.`;
  }
  return undefined;
}

/** What the start messages name. */
interface Started {
  url: string;
  token: string;
  users: { login: string; name: string; token: string; datastore: string }[];
  tokenGenerated: boolean;
  stateFile: string;
  allowedOrigins: string[];
}

/** The simulated services served beside the API (none when the diffusion services are off). */
interface Services {
  geonature: string;
  theia: string;
  /** The identity service's access-token lifetime, in seconds. */
  tokenLifetime: number;
}

/** Messages printed at start. */
export function startLines(server: Started, source: SqliteSource, sweptBlobs: number, services?: Services): string[] {
  const { created, imported } = source.opening;
  const state: string[] = [];
  if (imported) {
    state.push(
      imported.alreadyImported
        ? `Ancien état ${imported.file} déjà importé : fichier renommé ${imported.renamedTo}`
        : `Ancien état importé depuis ${imported.file} (${imported.rows} enregistrements) ; fichier renommé ${imported.renamedTo}`,
    );
    if (imported.ignored.length > 0) state.push(`Enregistrements illisibles ignorés à l'import : ${imported.ignored.join(" ; ")}`);
  }
  state.push(
    imported ? `État enregistré dans ${server.stateFile}`
    : created ? `Nouvel entrepôt : l'état sera enregistré dans ${server.stateFile}`
    : `État repris depuis ${server.stateFile}`,
  );
  if (sweptBlobs > 0) state.push(`${sweptBlobs} fichier(s) reçu(s) sans enregistrement correspondant supprimé(s) (envoi interrompu)`);
  return [
    "Entrepôt simulé (API Entrepôt) démarré.",
    `  URL de base de l'API : ${server.url}`,
    ...(server.users.length === 1 && server.users[0]!.token === server.token && server.users[0]!.login === "dave"
      ? [`  Jeton d'accès        : ${server.token}${server.tokenGenerated ? " (généré pour cette session ; fixez-le avec DATASTORE_TOKEN)" : " (DATASTORE_TOKEN)"}`]
      : ["  Utilisateurs (un jeton chacun, chacun son entrepôt) :", ...server.users.map((user) => `    ${user.login} (${user.name}) : jeton ${user.token}, entrepôt ${user.datastore}`)]),
    ...state.map((line) => `  ${line}`),
    ...(services ? [
      `  Services simulés     : diffusion (WFS, WMS, WMTS/TMS, téléchargement…) sur ${new URL(server.url).origin}, authentification (jetons de ${services.tokenLifetime} s ; DATASTORE_TOKEN_LIFETIME), export GeoNature ${services.geonature}, dépôt Theia/OZCAR ${services.theia}`,
    ] : []),
    `  Origines autorisées (CORS) : ${server.allowedOrigins.join(", ") || "aucune"} (ajoutez-en avec SITE_ORIGIN)`,
    "Dans le site, indiquez cette URL de base et ce jeton. Essai en ligne de commande :",
    `  curl -H "Authorization: Bearer ${server.token}" ${server.url}/users/me`,
  ];
}
