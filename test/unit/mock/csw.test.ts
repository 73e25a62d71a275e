// The simulated CSW: GetCapabilities, GetRecordById of a published record in Dublin Core (brief, summary, full)
// and as the uploaded ISO 19139 XML; nothing for an unpublished or unknown id; the INSPIRE catalogue; OWS errors.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { bytesForm, DS, harness } from "./helpers.ts";

const h = harness();
after(() => h.close());
const CSW = "https://data.geopf.fr/csw";
const ID = "FR-TUTO-CSW-LOT.xml";
const ISO = `<?xml version="1.0" encoding="UTF-8"?>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco" uuid="FR-TUTO-CSW-LOT">
  <gmd:fileIdentifier><gco:CharacterString>${ID}</gco:CharacterString></gmd:fileIdentifier>
  <gmd:language><gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" codeListValue="fre">fre</gmd:LanguageCode></gmd:language>
  <gmd:hierarchyLevel><gmd:MD_ScopeCode codeList="x" codeListValue="dataset">dataset</gmd:MD_ScopeCode></gmd:hierarchyLevel>
  <gmd:dateStamp><gco:Date>2026-11-30</gco:Date></gmd:dateStamp>
  <gmd:identificationInfo><gmd:MD_DataIdentification>
    <gmd:citation><gmd:CI_Citation><gmd:title><gco:CharacterString>Départements d'essai</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:citation>
    <gmd:abstract><gco:CharacterString>Un lot pour les tests.</gco:CharacterString></gmd:abstract>
    <gmd:descriptiveKeywords><gmd:MD_Keywords><gmd:keyword><gco:CharacterString>limites</gco:CharacterString></gmd:keyword></gmd:MD_Keywords></gmd:descriptiveKeywords>
    <gmd:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox>
      <gmd:westBoundLongitude><gco:Decimal>8.5</gco:Decimal></gmd:westBoundLongitude><gmd:eastBoundLongitude><gco:Decimal>9.6</gco:Decimal></gmd:eastBoundLongitude>
      <gmd:southBoundLatitude><gco:Decimal>41.3</gco:Decimal></gmd:southBoundLatitude><gmd:northBoundLatitude><gco:Decimal>43.1</gco:Decimal></gmd:northBoundLatitude>
    </gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></gmd:extent>
  </gmd:MD_DataIdentification></gmd:identificationInfo>
</gmd:MD_Metadata>
`;
const get = async (query: string, root = CSW): Promise<{ status: number; text: string; type: string | null }> => {
  const response = await fetch(`${root}?${query}`);
  return { status: response.status, text: await response.text(), type: response.headers.get("content-type") };
};
const byId = (id: string, extra = "", root = CSW) => get(`SERVICE=CSW&VERSION=2.0.2&REQUEST=GetRecordById&ID=${encodeURIComponent(id)}${extra}`, root);
const publication = (path: string) => h.call("POST", `${DS}/metadata/${path}`, { json: { file_identifiers: [ID], endpoint: ids.endpoints.open.csw } });
const isEmpty = (text: string): boolean => /<csw:GetRecordByIdResponse[^>]*>\s*<\/csw:GetRecordByIdResponse>/.test(text);

test("GetRecordById: nothing before publication, the record after, nothing after unpublication", async () => {
  const created = await h.call("POST", `${DS}/metadata`, { form: bytesForm(ISO, "lot.xml") });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const before = await byId(ID);
  assert.equal(before.status, 200);
  assert.ok(isEmpty(before.text), before.text);
  assert.equal((await publication("publication")).status, 204);
  const summary = await byId(ID);
  assert.match(summary.type ?? "", /xml/);
  assert.match(summary.text, /<csw:SummaryRecord>/);
  assert.match(summary.text, new RegExp(`<dc:identifier>${ID}</dc:identifier>`));
  assert.match(summary.text, /<dc:title>Départements d'essai<\/dc:title>/);
  assert.match(summary.text, /<dc:type>dataset<\/dc:type>/);
  assert.match(summary.text, /<dc:subject>limites<\/dc:subject>/);
  assert.match(summary.text, /<ows:LowerCorner>41.3 8.5<\/ows:LowerCorner>/);
  const brief = await byId(ID, "&elementSetName=brief");
  assert.match(brief.text, /<csw:BriefRecord>/);
  assert.doesNotMatch(brief.text, /dc:subject/);
  const full = await byId(ID, "&ElementSetName=full");
  assert.match(full.text, /<csw:Record>[\s\S]*<dc:language>fre<\/dc:language>/);
  const gmd = await byId(ID, `&OUTPUTSCHEMA=${encodeURIComponent("http://www.isotc211.org/2005/gmd")}&elementSetName=full`);
  assert.ok(gmd.text.includes(ISO.replace(/^<\?xml[^>]*\?>\s*/, "").trim()), "the uploaded record, as sent");
  assert.ok(gmd.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<csw:GetRecordByIdResponse'));
  assert.ok(isEmpty((await byId("INCONNU.xml")).text), "unknown id: empty answer");
  assert.ok(isEmpty((await byId(ID, "", `${CSW}/INSPIRE`)).text), "ISOAP record: not in the INSPIRE catalogue");
  const capabilities = await get("SERVICE=CSW&REQUEST=GetCapabilities");
  assert.match(capabilities.text, /<ows:Operation name="GetRecordById">/);
  assert.match(capabilities.text, /publiées sur le point d'accès METADATA : 1\./);
  assert.equal((await h.call("PATCH", `${DS}/metadata/${created.body._id}`, { json: { type: "INSPIRE" } })).status, 200);
  assert.match((await byId(ID, "", `${CSW}/INSPIRE`)).text, /<csw:SummaryRecord>/);
  assert.equal((await publication("unpublication")).status, 204);
  assert.ok(isEmpty((await byId(ID)).text), "unpublished: empty answer");
});

test("CSW errors: OWS exception reports", async () => {
  const cases: [string, number, string][] = [
    ["SERVICE=CSW&REQUEST=GetRecordById", 400, 'exceptionCode="MissingParameterValue" locator="id"'],
    ["SERVICE=CSW", 400, 'exceptionCode="MissingParameterValue" locator="request"'],
    ["SERVICE=WMS&REQUEST=GetCapabilities", 400, 'exceptionCode="InvalidParameterValue" locator="service"'],
    ["SERVICE=CSW&REQUEST=GetRecords", 400, 'exceptionCode="OperationNotSupported"'],
    [`SERVICE=CSW&REQUEST=GetRecordById&ID=${ID}&OUTPUTSCHEMA=urn:autre`, 400, 'locator="outputSchema"'],
    [`SERVICE=CSW&REQUEST=GetRecordById&ID=${ID}&ELEMENTSETNAME=tout`, 400, 'locator="ElementSetName"'],
    ["SERVICE=CSW&VERSION=3.0.0&REQUEST=GetCapabilities", 400, 'locator="version"'],
  ];
  for (const [query, status, pattern] of cases) {
    const reply = await get(query);
    assert.equal(reply.status, status, query);
    assert.ok(reply.text.includes("<ows:ExceptionReport") && reply.text.includes(pattern), `${query}: ${reply.text}`);
  }
});
