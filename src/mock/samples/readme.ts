// LISEZMOI.txt texts of the vector and raster samples (French, for the reader who downloads them).
import { CORSE } from "./corse.ts";
import { ECOREGIONS, PAYS, VILLES } from "./monde.ts";

/** public/samples/vecteur/LISEZMOI.txt */
export function vecteurReadme(): string {
  return [
    "Données mondiales - jeu d'exemple du tutoriel « Alimentation et diffusion simple de données vecteur »",
    "",
    "Ces fichiers ont été écrits pour le tutoriel. Les contours sont inventés (quelques points placés à la",
    "main), les populations sont des ordres de grandeur arrondis et les écorégions sont des regroupements",
    "imaginaires : ne les utilisez pour aucune mesure ni analyse.",
    "",
    `monde.gpkg            GeoPackage en EPSG:4326 avec deux tables :`,
    `                      « Pays » (${PAYS.length} pays) : Nom, Code-ISO, Population, géométrie geom (MULTIPOLYGON)`,
    `                      « Écorégions » (${ECOREGIONS.length} écorégions) : Nom-Écorégion, Biome, Royaume, géométrie geom`,
    `villes.csv            ${VILLES.length} villes : Nom, Pays, Longitude, Latitude, Population (UTF-8, virgules)`,
    "monde.md5             sommes MD5 des deux fichiers, avec leurs chemins dans la livraison (data/...)",
    "pays.sld, ecoregions.sld   styles SLD 1.0.0 (attributs nom et biome, noms après intégration en base)",
    "pays.ftl, ecoregions.ftl   modèles FreeMarker de GetFeatureInfo",
    "ecoregions-errone.sld style qui utilise un attribut absent (biome_name) : la configuration WMS est refusée",
    "",
    "À l'intégration en base, les noms sont normalisés : minuscules, sans accents, tirets et espaces",
    "remplacés par « _ ». Ainsi « Écorégions » devient ecoregions et « Code-ISO » devient code_iso.",
    "",
  ].join("\n");
}

/** public/samples/raster/LISEZMOI.txt */
export function rasterReadme(): string {
  return [
    "Image de la Corse - jeu d'exemple du tutoriel « Alimentation et diffusion simple de données raster »",
    "",
    `corse.tif   GeoTIFF non compressé de ${CORSE.width} × ${CORSE.height} pixels RVB (3 canaux de 8 bits),`,
    `            géoréférencé en Lambert-93 (EPSG:${CORSE.epsg}), pixels de ${CORSE.pixelSize} m, coin haut-gauche`,
    `            (${CORSE.origin[0]}, ${CORSE.origin[1]}). L'image est calculée : un contour inventé de l'île`,
    "            (une quinzaine de points), ombré selon la distance à la côte, sur une mer bleue.",
    "corse.md5   somme MD5 de l'image, avec son chemin dans la livraison (data/corse.tif).",
    "",
  ].join("\n");
}
