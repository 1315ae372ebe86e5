// XSGREPL: the interactive read–eval–print loop, written against a small line-reader protocol
// so that all of its behaviour is testable without a terminal; GNU readline is one reader.
