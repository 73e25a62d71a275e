<#list features as feature>
<h3>${feature.nom.value}</h3>
<p>Code ISO : ${feature.code_iso.value} — population : ${feature.population.value} habitants</p>
</#list>
