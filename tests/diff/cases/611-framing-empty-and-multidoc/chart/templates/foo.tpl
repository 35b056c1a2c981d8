kind: ConfigMap
metadata:
  name: tpl
