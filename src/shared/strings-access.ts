// French texts of access control in the UI: the settings' token hints, the other users' tokens, the banner without
// a token, private layers on the map (kept apart from strings.ts, which many hands edit at once).

/** UI strings of access control (French). */
export const ACCESS_STRINGS = {
  ignoredUserTokens: "les jetons des autres utilisateurs de cet onglet",
  noTokenWarning:
    "Aucun jeton : en mode réel, les requêtes partiront sans en-tête Authorization et l'API répondra 401. Collez un jeton (ou obtenez-en un ci-dessous), ou cliquez de nouveau sur « Enregistrer » pour continuer sans.",
  realBannerToken: "avec votre jeton. Les suppressions, fermetures et lancements demandent confirmation.",
  realBannerNoToken:
    "sans jeton : l'API répondra 401 tant que vous n'en aurez pas donné un dans les réglages. Les suppressions, fermetures et lancements demandent confirmation.",
  privateKeyLabel: "Clé d'accès au service privé (apikey)",
  privateKeyHint: (variable: string) => `Reprise de la variable {${variable}} quand elle est renseignée ; vous pouvez coller une autre clé HASH.`,
  privateDraw: "Dessiner avec cette clé",
  privateRefused: (status: number) =>
    `le service privé a refusé la requête (HTTP ${status}) : ${status === 401 ? "clé absente ou inconnue" : "clé restreinte (referer ou user-agent)"}. ` +
    "Donnez la clé (type HASH) que l'accès relie à cette offre, puis « Dessiner avec cette clé ».",
} as const;
