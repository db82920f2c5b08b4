"""Plain language for the child edition: word tables, sentence splitting, quotes, boxes and the review page."""
