"""Plain language for the child edition: the inline tree as text (inlines), the parse (parse), the operations
(operations) and their verification (verify), one sentence's rewrite (rewrite), the word tables (words),
quotations, numbers and the review page."""
