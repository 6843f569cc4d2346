"""The web surface: `citetrack serve`, a local review app over the store (issue 18).

`app.create_app` answers the pages and the JSON API (one store or workflow call each);
`sandbox.create_sandbox_app` is the separate origin that serves archived pages, cleaned and
sandboxed; `server.serve` runs both; `options.ServeOptions` validates where to listen.
"""
