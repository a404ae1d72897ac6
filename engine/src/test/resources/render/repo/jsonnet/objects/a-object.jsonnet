// one object
local labels = import 'labels.libsonnet';
{
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'single', labels: labels },
  data: { greeting: 'hello' },
}
