// XSGSyntax: the front end of the xsg language (lexer → parser → syntax tree) and its diagnostics.
// It depends on nothing, so every other layer can use it and it can be tested alone.
