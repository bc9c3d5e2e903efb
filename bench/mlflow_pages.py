"""Follows MLflow's page tokens: every item of every page of one search or history request."""


def every_item(call, request, field):
    """Yields each item under `field` of every page that `call(request)` returns, asking again with
    `page_token` until an answer has no `next_page_token`."""
    token = None
    while True:
        page = call(dict(request, page_token=token) if token else request)
        yield from page.get(field, [])
        token = page.get("next_page_token")
        if not token:
            return
