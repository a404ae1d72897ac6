// a List object: flattened into its items, as Argo CD does
{
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'listed-' + i } }
    for i in ['one', 'two']
  ],
}
