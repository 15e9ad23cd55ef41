"""``lexcheck serve``: a local web app to upload a bill and read its annotated report, and a JSON API.

Needs the optional ``serve`` extra (Starlette, uvicorn, python-multipart, pebble).
"""
