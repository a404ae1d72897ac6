{ this is not jsonnet
