// XSGRuntime: the tree-walking interpreter. It evaluates syntax trees from XSGSyntax and hands every
// `train` statement to XSGCore, whose hot loop never runs through the interpreter.
