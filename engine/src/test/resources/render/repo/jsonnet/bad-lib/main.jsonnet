local checks = import 'checks.libsonnet';
{
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: checks.positive(0) },
}
