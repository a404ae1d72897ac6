// extVars (string and code) and top-level arguments (string and code)
function(name, replicas, labels={})
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: name,
      labels: labels { env: std.extVar('env') },
    },
    spec: {
      replicas: replicas,
      template: {
        spec: {
          containers: [{ name: name, image: std.extVar('config').image }],
        },
      },
    },
  }
