"""The kiosk's application layer: the member's session and the use cases, headless.

`state` holds what a session is, `flows/` the rules that move it (pure functions from a state and
an event to a `Transition`: the new state and the effects for the shell to run), `session.Session`
the one object the UI talks to, `confirm` the use case that queues a confirmed instruction. Nothing
here imports Qt; docs/architecture.md draws the whole.
"""
