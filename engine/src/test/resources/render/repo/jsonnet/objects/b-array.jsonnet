// an array of objects, in order
[
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-array' }, data: { n: std.toString(1 + 1) } },
]
