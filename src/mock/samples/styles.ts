// Styles (SLD 1.0.0) and GetFeatureInfo templates (FreeMarker) of the vector tutorial, written for the
// project. They use the attribute names of the tables once integrated (normalised: nom, code_iso, biome…).

const SLD_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"\n' +
  '    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n' +
  '    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">\n';

const fill = (colour: string, opacity = "0.8"): string =>
  `          <PolygonSymbolizer>\n            <Fill>\n              <CssParameter name="fill">${colour}</CssParameter>\n              <CssParameter name="fill-opacity">${opacity}</CssParameter>\n            </Fill>\n` +
  `            <Stroke>\n              <CssParameter name="stroke">#4d4d4d</CssParameter>\n              <CssParameter name="stroke-width">0.5</CssParameter>\n            </Stroke>\n          </PolygonSymbolizer>\n`;

/** pays.sld: light fill, and the country name (attribute nom) as a label below 1:20 000 000. */
export function paysSld(): string {
  return SLD_OPEN +
    "  <NamedLayer>\n    <Name>pays</Name>\n    <UserStyle>\n      <Title>Pays du monde</Title>\n      <FeatureTypeStyle>\n" +
    "        <Rule>\n          <Name>contour</Name>\n" + fill("#f2efe9", "1") + "        </Rule>\n" +
    "        <Rule>\n          <Name>nom</Name>\n          <MaxScaleDenominator>20000000</MaxScaleDenominator>\n" +
    "          <TextSymbolizer>\n            <Label><ogc:PropertyName>nom</ogc:PropertyName></Label>\n" +
    '            <Fill><CssParameter name="fill">#333333</CssParameter></Fill>\n          </TextSymbolizer>\n        </Rule>\n' +
    "      </FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n";
}

const BIOMES: [string, string][] = [
  ["Forêts tempérées de feuillus et mixtes", "#7fb86e"], ["Forêts, bois et maquis méditerranéens", "#c9b85b"],
  ["Déserts et terres arbustives xériques", "#e8cf9c"], ["Forêts tropicales humides", "#2e8b57"],
  ["Savanes tropicales", "#d3c16a"], ["Forêts boréales", "#5f8f7a"], ["Toundra", "#b8c9c2"],
];

/** ecoregions.sld, or the erroneous variant that filters on `biome_name` (an attribute the table does not have). */
export function ecoregionsSld(attribute = "biome"): string {
  const rules = BIOMES.map(([biome, colour]) =>
    `        <Rule>\n          <Name>${biome}</Name>\n          <ogc:Filter>\n            <ogc:PropertyIsEqualTo>\n` +
    `              <ogc:PropertyName>${attribute}</ogc:PropertyName>\n              <ogc:Literal>${biome}</ogc:Literal>\n` +
    `            </ogc:PropertyIsEqualTo>\n          </ogc:Filter>\n` + fill(colour) + "        </Rule>\n").join("");
  return SLD_OPEN +
    "  <NamedLayer>\n    <Name>ecoregions</Name>\n    <UserStyle>\n      <Title>Écorégions par biome</Title>\n      <FeatureTypeStyle>\n" +
    rules + "      </FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n";
}

/** pays.ftl: GetFeatureInfo template (GeoServer FreeMarker). */
export function paysFtl(): string {
  return "<#list features as feature>\n<h3>${feature.nom.value}</h3>\n" +
    "<p>Code ISO : ${feature.code_iso.value} — population : ${feature.population.value} habitants</p>\n</#list>\n";
}

/** ecoregions.ftl: GetFeatureInfo template (GeoServer FreeMarker). */
export function ecoregionsFtl(): string {
  return "<#list features as feature>\n<h3>${feature.nom_ecoregion.value}</h3>\n" +
    "<p>Biome : ${feature.biome.value} (royaume ${feature.royaume.value})</p>\n</#list>\n";
}
