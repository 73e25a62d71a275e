// The bash functions every exported script starts with (shell.ts): send (one curl command, its outcome printed),
// settle (after a polling loop of src/shared/snippets.ts), capture (every capture of a request in one jq run),
// wait_expiry (a step showing an expired token refused). Comments in French: the script's readers read them.

/** The script's settings and helpers; __BASE__, __SERVICES__, __IAM__ are replaced by the export's URLs. */
export const SHELL_PRELUDE = String.raw`
API=${"$"}{API:-__BASE__}
SERVICES=${"$"}{SERVICES:-__SERVICES__}
IAM=${"$"}{IAM:-__IAM__}
SAMPLES=${"$"}{SAMPLES:-"$(dirname "$0")/samples"}
POLL_INTERVAL=${"$"}{POLL_INTERVAL:-3}
POLL_TIMEOUT=${"$"}{POLL_TIMEOUT:-900}
EXPIRY_WAIT=${"$"}{EXPIRY_WAIT:-600}
RESPONSE=$(mktemp)
# RESPONSES=dossier : chaque réponse y est gardée (001.json…), avec son libellé dans index.tsv.
RESPONSES=${"$"}{RESPONSES:-}
SENT=0
CLEANING=0
# Les valeurs sont insérées telles quelles dans les URL et les corps JSON (des identifiants) : pas d'espace, de
# guillemet, de barre oblique inverse, ni de « # ? & % ».
SAFE_VALUE='^[^"\\[:cntrl:][:space:]#?&%]*$'

# [NEED="variable…"] [EXPECT=4xx] send LIBELLÉ COMMANDE… : lance la commande curl (réponse dans $RESPONSE), écrit
# ✔ ou ✘, le statut HTTP, la durée et le libellé ; arrête le script sur une réponse autre que 2xx (4xx attendu avec
# EXPECT=4xx). Une variable de NEED sans valeur : la requête n'est pas envoyée (« – »).
send() {
  local label=$1 code start=${"$"}{EPOCHREALTIME//[!0-9]/} var ok=0 mark=✘
  shift
  for var in ${"$"}{NEED-}; do
    if [[ -z ${"$"}{!var-} ]]; then
      echo "– $label : variable sans valeur ($var)"; : >"$RESPONSE"
      [[ $CLEANING == 1 ]] && return 0
      exit 1
    fi
    if [[ ! ${"$"}{!var} =~ $SAFE_VALUE ]]; then echo "✘ $label : la valeur de $var contient un caractère à encoder"; exit 1; fi
  done
  code=$("$@" -sS -o "$RESPONSE" -w '%{http_code}' -H "Accept: application/json") || code=000
  if [[ ${"$"}{EXPECT:-2xx} == 4xx ]]; then [[ $code == 4* ]] && ok=1; else [[ $code == 2* ]] && ok=1; fi
  [[ $ok == 1 ]] && mark=✔
  if [[ -n $RESPONSES ]]; then
    SENT=$(( SENT + 1 )); printf -v var '%s/%03d.json' "$RESPONSES" "$SENT"
    cp "$RESPONSE" "$var"; printf '%s\t%s\t%s\n' "$SENT" "$code" "$label" >>"$RESPONSES/index.tsv"
  fi
  printf '%s %s %6s ms  %s\n' "$mark" "$code" "$(( (${"$"}{EPOCHREALTIME//[!0-9]/} - start) / 1000 ))" "$label"
  if [[ $ok != 1 ]]; then
    head -c 2000 "$RESPONSE"; echo
    [[ $CLEANING == 1 ]] && return 0
    exit 1
  fi
}

# settle LIBELLÉ STATUT EN_COURS ÉCHECS : après une boucle d'attente, arrête le script si le statut est encore en
# cours (délai dépassé) ou dit un échec ou une étape manquante.
settle() {
  if [[ " $3 " == *" $2 "* ]]; then echo "✘ $1 : toujours $2 après $POLL_TIMEOUT s"; exit 1; fi
  echo "    statut final : $2"
  if [[ " $4 " == *" $2 "* && $CLEANING == 0 ]]; then echo "✘ $1 : statut $2"; exit 1; fi
  return 0
}

# capture VARIABLE=FILTRE… : pose chaque variable depuis la dernière réponse JSON (un seul appel à jq) quand son
# filtre donne une chaîne ou un nombre ; les jetons ne sont pas affichés.
capture() {
  local program="" pair name value i=0 values=()
  for pair in "$@"; do program+="${"$"}{program:+, }((try (first((${"$"}{pair#*=}) | select(type == \"string\" or type == \"number\")) | tostring) catch null) // \"\")"; done
  mapfile -t values < <(jq -r "$program" "$RESPONSE" 2>/dev/null || true)
  for pair in "$@"; do
    name=${"$"}{pair%%=*} value=${"$"}{values[i]-} i=$(( i + 1 ))
    [[ -n $value ]] || continue
    printf -v "$name" '%s' "$value"
    if [[ " $SECRETS " == *" $name "* ]]; then echo "    {$name} = (masqué)"; else echo "    {$name} = $value"; fi
  done
}

# wait_expiry LIBELLÉ JETON : attend que le jeton (JWT) ait expiré (son « exp », EXPIRY_WAIT s au plus), pour montrer
# le refus de l'API.
wait_expiry() {
  local exp now
  exp=$(jq -rR 'split(".")[1] | gsub("-"; "+") | gsub("_"; "/") | . + ("=" * ((4 - length % 4) % 4)) | @base64d | fromjson | .exp // empty' <<<"$2" 2>/dev/null || true)
  [[ $exp =~ ^[0-9]+$ ]] || return 0
  printf -v now '%(%s)T' -1
  if (( exp - now > EXPIRY_WAIT )); then echo "✘ $1 : le jeton n'expire que dans $(( exp - now )) s (EXPIRY_WAIT=$EXPIRY_WAIT)"; exit 1; fi
  if (( exp >= now )); then echo "    attente de l'expiration du jeton : $(( exp - now + 1 )) s"; sleep $(( exp - now + 1 )); fi
  return 0
}
`;
