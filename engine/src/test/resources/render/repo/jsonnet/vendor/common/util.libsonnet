{
  prefixed(s):: 'lib-' + s,
}
