{
  positive(n):: if n > 0 then n else error 'replicas must be positive, got ' + n,
}
