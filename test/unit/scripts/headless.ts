// Tutorials the headless replay (npm run tutorial) cannot run to the end, and why: shared by the replay and export tests.

/** Tutorial slug → the reason (each still runs in the browser, in its e2e spec). */
export const NOT_HEADLESS: Record<string, string> = {
  "controle-acces-api": "un bloc montre le refus d'un jeton expiré : il faut attendre la fin de vie du jeton",
  "depot-theia": "le serveur Theia/OZCAR et l'archive produite dans la page n'existent que dans le navigateur",
  "flux-geonature": "le serveur GeoNature et les fichiers produits dans la page n'existent que dans le navigateur",
};

/** Replays that find the local server answering otherwise than the page (reported, not hidden: run as todo). */
export const DIVERGENCES: Record<string, string> = {};
