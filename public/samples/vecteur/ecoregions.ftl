<#list features as feature>
<h3>${feature.nom_ecoregion.value}</h3>
<p>Biome : ${feature.biome.value} (royaume ${feature.royaume.value})</p>
</#list>
