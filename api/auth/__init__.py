"""Who may call what: named bearer tokens with roles, and the route dependencies that check
them."""
