// imports found through directory.jsonnet.libs (relative to the repository root)
local k = import 'k.libsonnet';
local util = import 'common/util.libsonnet';
[k.configMap(util.prefixed('a')), k.configMap(util.prefixed('b'))]
