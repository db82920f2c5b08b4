"""Writers: the Document model to one output format each."""
