[std.parseYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}')]
