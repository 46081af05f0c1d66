"""Sign-in (invite links, session cookies, bearer tokens), roles and access guards."""
