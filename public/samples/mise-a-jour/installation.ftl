<#list features as feature>
<h3>${feature.nom_ets.value}</h3>
<p>${feature.adresse.value}, ${feature.commune.value}</p>
<p>Régime : ${feature.lib_regime.value} — <a href="${feature.url_fiche.value}">fiche</a></p>
</#list>
