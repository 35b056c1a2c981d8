# bash completion for sparkgen
_sparkgen() {
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "template render lint golden create version help" -- "$cur"))
        return
    fi
    case "$prev" in
        -o|--output) COMPREPLY=($(compgen -W "text json github" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --starter|-p) COMPREPLY=($(compgen -W "generic spark-app" -- "$cur")); return ;;
        --helm-compat) COMPREPLY=($(compgen -W "v3 v4" -- "$cur")); return ;;
        -f|--values|--set-file|--manifests) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --chart|--output-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    esac
    case "$cmd" in
        golden)
            if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "check update" -- "$cur")); return; fi
            [[ $cur == -* ]] && { COMPREPLY=($(compgen -W "--chart --color --quiet --help" -- "$cur")); return; }
            COMPREPLY=($(compgen -d -- "$cur")) ;;
        lint)
            [[ $cur == -* ]] && { COMPREPLY=($(compgen -W "--values --set --set-string --set-json --set-file --set-literal --strict --output --color --namespace --kube-version --release-name --manifests --quiet --help" -- "$cur")); return; }
            COMPREPLY=($(compgen -d -- "$cur")) ;;
        create)
            [[ $cur == -* ]] && { COMPREPLY=($(compgen -W "--starter --help" -- "$cur")); return; } ;;
        template|render)
            [[ $cur == -* ]] && { COMPREPLY=($(compgen -W "--values --set --set-string --set-json --set-file --set-literal --namespace --kube-version --api-versions --show-only --output-dir --include-crds --skip-tests --no-hooks --is-upgrade --name-template --generate-name --release-name --skip-schema-validation --debug --helm-compat --help" -- "$cur")); return; }
            COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}
complete -F _sparkgen sparkgen
