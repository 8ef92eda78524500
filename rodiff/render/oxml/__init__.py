"""The one home of raw OOXML (WordprocessingML) in rodiff: elements, tables, revisions."""
