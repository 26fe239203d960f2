"""List endpoints: filters, a stable order, and cursor pagination (the next page's address in
the `Link` header, its cursor in `X-Next-Cursor`, the count of matching rows in
`X-Total-Count`)."""
