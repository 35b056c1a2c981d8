#compdef sparkgen
# zsh completion for sparkgen
_sparkgen() {
    local -a cmds
    cmds=(
        'template:render a chart as helm template'
        'render:render the built-in spark-standalone chart'
        'lint:lint a chart (helm lint + structural + Spark checks)'
        'golden:check or update golden files'
        'create:scaffold a chart from a starter'
        'version:print the version'
        'help:help about a command'
    )
    if (( CURRENT == 2 )); then
        _describe 'command' cmds
        return
    fi
    case $words[2] in
        lint)
            _arguments '*'{-f,--values}'[values file]:file:_files' '*--set[set a value]:value:' \
                '--strict[fail on warnings]' '(-o --output)'{-o,--output}'[output format]:format:(text json github)' \
                '--color[colors]:when:(auto always never)' '--manifests[lint rendered manifests]:file:_files' \
                '(-n --namespace)'{-n,--namespace}'[namespace]:namespace:' '--quiet[only warnings and errors]' \
                '*:chart:_directories' ;;
        golden)
            _arguments '1:mode:(check update)' '2:directory:_directories' '--chart[chart]:dir:_directories' \
                '--color[colors]:when:(auto always never)' '(-q --quiet)'{-q,--quiet}'[only failures]' ;;
        create)
            _arguments '1:name:' '(-p --starter)'{-p,--starter}'[starter]:starter:(generic spark-app)' ;;
        template|render)
            _arguments '*'{-f,--values}'[values file]:file:_files' '*--set[set a value]:value:' \
                '(-n --namespace)'{-n,--namespace}'[namespace]:namespace:' '--helm-compat[helm version]:version:(v3 v4)' \
                '*:chart:_files' ;;
    esac
}
_sparkgen "$@"
